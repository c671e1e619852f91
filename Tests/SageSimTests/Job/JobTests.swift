import Foundation
import SageIO
import Testing

@testable import SageSim

/// Writes `text` to `dir/name` (creating folders) and returns the path.
@discardableResult
private func write(_ text: String, _ dir: String, _ name: String) throws -> String {
  let url = URL(fileURLWithPath: dir).appendingPathComponent(name)
  try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
  try text.write(to: url, atomically: true, encoding: .utf8)
  return url.path
}

/// A tiny job: iris split into files, xgboost softmax for a few rounds (fast, deterministic).
private func irisJob(
  files: Int = 2, instanceCount: Int = 1, distribution: S3DistributionType = .fullyReplicated,
  inputMode: DataChannel.InputMode = .file,
  algorithm: String = "xgboost", hyperparameters: [String: String]? = nil, seed: UInt64 = 7
) throws -> JobDirectory {
  let source = temporaryDirectory()
  let rows = try String(contentsOfFile: dataset("iris/train.csv"), encoding: .utf8).split(separator: "\n")
  let per = (rows.count + files - 1) / files
  var paths: [String] = []
  for i in 0..<files {
    let part = rows[min(rows.count, i * per)..<min(rows.count, (i + 1) * per)]
    paths.append(try write(part.joined(separator: "\n") + "\n", source, "part-\(i).csv"))
  }
  let hp = hyperparameters ?? ["objective": "multi:softmax", "num_class": "3", "num_round": "5", "max_depth": "3"]
  let config = JobConfig(
    algorithm: algorithm, seed: seed, hyperparameters: hp,
    channels: [try ChannelConfig(name: .train, contentType: "text/csv", inputMode: inputMode, distribution: distribution)],
    resources: ResourceConfig(instanceCount: instanceCount))
  let directory = JobDirectory(root: temporaryDirectory() + "/job")
  try JobLayout.initialize(directory, config: config, sources: [.train: paths])
  return directory
}

@Suite struct JobLayoutTests {
  @Test func initWritesSageMakersConfigShapes() throws {
    let directory = try irisJob(instanceCount: 3, distribution: .shardedByS3Key)
    let hp = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory.hyperparametersFile))) as! [String: Any]
    #expect(hp["num_round"] as? String == "5")  // a string, as SageMaker writes it
    let input = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory.inputDataConfigFile))) as! [String: [String: String]]
    #expect(input == ["train": ["ContentType": "text/csv", "TrainingInputMode": "File", "S3DistributionType": "ShardedByS3Key", "RecordWrapperType": "None"]])
    let resources = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory.resourceConfigFile))) as! [String: Any]
    #expect(resources["current_host"] as? String == "algo-1")
    #expect(resources["hosts"] as? [String] == ["algo-1", "algo-2", "algo-3"])
    #expect(resources["network_interface_name"] as? String == "eth0")
    #expect(try JobLayout.dataFiles(in: directory.channelDirectory("train")) == ["part-0.csv", "part-1.csv"])
    #expect(FileManager.default.fileExists(atPath: directory.modelDirectory))
    #expect(FileManager.default.fileExists(atPath: directory.outputDataDirectory))
    // Reading back gives what was written.
    let read = try JobConfig.read(from: directory)
    #expect(read.algorithm == "xgboost" && read.seed == 7 && read.resources.hosts.count == 3)
    #expect(read.channels.map(\.distribution) == [.shardedByS3Key])
  }

  @Test func initRefusesAnExistingJobAndCollidingNames() throws {
    let directory = try irisJob()
    let config = try JobConfig.read(from: directory)
    #expect(throws: JobError.self) { try JobLayout.initialize(directory, config: config, sources: [.train: [dataset("iris/train.csv")]]) }
    let a = temporaryDirectory(), b = temporaryDirectory()
    let fresh = JobDirectory(root: temporaryDirectory() + "/job")
    let error = #expect(throws: JobError.self) {
      try JobLayout.initialize(fresh, config: config, sources: [.train: [try write("1,2\n", a, "x.csv"), try write("1,2\n", b, "x.csv")]])
    }
    #expect(error?.description.contains("would both become input/data/train/x.csv") == true)
    #expect(!FileManager.default.fileExists(atPath: fresh.configDirectory))  // nothing half-made
  }

  @Test func keyOrderIsByteOrder() throws {
    let dir = temporaryDirectory()
    for name in ["b.csv", "a/z.csv", "B.csv", "a10.csv", "a2.csv", ".hidden", "_x.csv"] { try write("1\n", dir, name) }
    // Byte order: uppercase before '_' before lowercase; "a/" < "a1" because '/' < '1'; dotfiles skipped.
    #expect(try JobLayout.dataFiles(in: dir) == ["B.csv", "_x.csv", "a/z.csv", "a10.csv", "a2.csv", "b.csv"])
  }
}

@Suite struct JobShardingTests {
  @Test func shardedByS3KeyDealsWholeFilesRoundRobin() {
    let files = ["f0", "f1", "f2", "f3", "f4"]
    #expect(JobRunner.shard(files, .shardedByS3Key, host: 0, of: 2) == ["f0", "f2", "f4"])
    #expect(JobRunner.shard(files, .shardedByS3Key, host: 1, of: 2) == ["f1", "f3"])
    #expect(JobRunner.shard(files, .shardedByS3Key, host: 2, of: 3) == ["f2"])
    #expect(JobRunner.shard(files, .fullyReplicated, host: 1, of: 3) == files)
    #expect(JobRunner.shard(["f0", "f1"], .shardedByS3Key, host: 2, of: 3) == [])
  }

  @Test func hostChannelsFollowResourceConfigAndWarnOnEmptyShards() throws {
    let config = JobConfig(
      algorithm: "kmeans", hyperparameters: [:],
      channels: [
        try ChannelConfig(name: .train, contentType: "text/csv", distribution: .shardedByS3Key),
        try ChannelConfig(name: .test, contentType: "text/csv"),
      ],
      resources: ResourceConfig(instanceCount: 3))
    var log = TrainingLog.silent
    let hosts = try JobRunner.hostChannels(config, files: [.train: ["/d/a", "/d/b"], .test: ["/t/x"]], log: &log)
    #expect(hosts.map(\.train.paths) == [["/d/a"], ["/d/b"], []])
    #expect(hosts.map { $0.test?.paths ?? [] } == [["/t/x"], ["/t/x"], ["/t/x"]])
    #expect(log.warnings.count == 1)
    #expect(log.warnings.first?.hasPrefix("host algo-3 gets no files of the train channel: 2 files ShardedByS3Key over 3 hosts") == true)
    #expect(log.messages.contains("host algo-2 reads the train channel (ShardedByS3Key, File mode): b"))
  }
}

@Suite struct MultiFileChannelTests {
  @Test func filesAreReadOneAfterAnotherEachBatchNamingItsFile() throws {
    let dir = temporaryDirectory()
    let a = try write("1,1,2\n0,3,4\n1,5,6\n", dir, "a.csv")
    let b = try write("0,7,8\n1,9,10\n", dir, "b.csv")
    for mode in DataChannel.InputMode.allCases {
      let channel = DataChannel(.train, paths: [a, b], contentType: .csv(labelSize: 1), inputMode: mode)
      for _ in 0..<2 {  // two passes: Pipe mode streams the files again, as a fresh pipe would
        var seen: [(String, [Int], [Double])] = []
        try channel.forEachBatch(maxRows: 2) { seen.append(($0.file, $0.lines, $0.labels)) }
        #expect(seen.map(\.0) == [a, a, b])  // a batch never spans two files
        #expect(seen.map(\.1) == [[1, 2], [3], [1, 2]])
        #expect(seen.flatMap(\.2) == [1, 0, 1, 0, 1])
      }
      #expect(channel.displayName == "\(a) and 1 more file")
    }
  }

  @Test func anErrorInTheSecondFileNamesThatFileAndLine() throws {
    let dir = temporaryDirectory()
    let a = try write("1,1,2\n", dir, "a.csv")
    let b = try write("0,7,8\n1,oops,10\n", dir, "b.csv")
    let channel = DataChannel(.train, paths: [a, b], contentType: .csv(labelSize: 1))
    let error = #expect(throws: DataError.self) { try channel.forEachBatch(maxRows: 10) { _ in } }
    #expect(error?.file == b && error?.line == 2)
  }

  @Test func inMemoryConcatenatesAndRefusesUnequalWidths() throws {
    let dir = temporaryDirectory()
    let a = try write("1,1,2\n", dir, "a.csv")
    let b = try write("0,7,8\n", dir, "b.csv")
    let c = try write("0,7,8,9\n", dir, "c.csv")
    let joined = try DataChannel(.train, paths: [a, b], contentType: .csv(labelSize: 1)).inMemory()
    guard case .memory(let batch) = joined.source else { Issue.record("not in memory"); return }
    #expect(batch.features.dense().row(1) == [7, 8] && batch.labels == [1, 0])
    let error = #expect(throws: DataError.self) { try DataChannel(.train, paths: [a, c], contentType: .csv(labelSize: 1)).inMemory() }
    #expect(error?.description == "\(c):1: has 3 features per row; expected 2, as in \(a)")
  }
}

@Suite struct JobConfigErrorTests {
  struct Case: Sendable, CustomStringConvertible {
    let file: String
    let text: String
    let message: String
    var description: String { message }
  }

  static let cases: [Case] = [
    Case(file: "hyperparameters.json", text: #"{"num_round": 10}"#,
         message: #"'num_round' is 10 (a number); SageMaker writes every hyperparameter as a string: write "num_round": "10""#),
    Case(file: "hyperparameters.json", text: #"["a"]"#, message: "holds a list; expected one JSON object { … }"),
    Case(file: "hyperparameters.json", text: #"{"a": "#, message: "not valid JSON"),
    Case(file: "inputdataconfig.json", text: #"{"training": {}}"#,
         message: "unknown channel 'training'; sagesim's algorithms take the channels train, validation, test"),
    Case(file: "inputdataconfig.json", text: #"{"validation": {"ContentType": "text/csv", "TrainingInputMode": "File", "S3DistributionType": "FullyReplicated", "RecordWrapperType": "None"}}"#,
         message: "no train channel; every training job needs one (channels given: validation)"),
    Case(file: "inputdataconfig.json", text: #"{"train": {"TrainingInputMode": "File", "S3DistributionType": "FullyReplicated", "RecordWrapperType": "None"}}"#,
         message: "channel 'train' has no ContentType; sagesim needs one of:"),
    Case(file: "inputdataconfig.json", text: #"{"train": {"ContentType": "text/tsv", "TrainingInputMode": "File", "S3DistributionType": "FullyReplicated", "RecordWrapperType": "None"}}"#,
         message: "channel 'train': ContentType 'text/tsv' is not an accepted content type; expected one of:"),
    Case(file: "inputdataconfig.json", text: #"{"train": {"ContentType": "text/csv", "TrainingInputMode": "File", "S3DistributionType": "FullyReplicated", "RecordWrapperType": "None"}, "test": {"ContentType": "text/libsvm", "TrainingInputMode": "File", "S3DistributionType": "FullyReplicated", "RecordWrapperType": "None"}}"#,
         message: "channel 'test' has ContentType 'text/libsvm' but 'train' has 'text/csv'; every channel of a job must have the same content type"),
    Case(file: "inputdataconfig.json", text: #"{"train": {"ContentType": "text/csv", "TrainingInputMode": "Stream", "S3DistributionType": "FullyReplicated", "RecordWrapperType": "None"}}"#,
         message: "channel 'train' has TrainingInputMode 'Stream'; expected File or Pipe"),
    Case(file: "inputdataconfig.json", text: #"{"train": {"ContentType": "text/csv", "TrainingInputMode": "File", "S3DistributionType": "FullyReplicated", "RecordWrapperType": "RecordIO"}}"#,
         message: "RecordWrapperType RecordIO with ContentType 'text/csv'"),
    Case(file: "inputdataconfig.json", text: #"{"train": {"ContentTyp": "text/csv", "TrainingInputMode": "File", "S3DistributionType": "FullyReplicated", "RecordWrapperType": "None"}}"#,
         message: "channel 'train': unknown key 'ContentTyp'; expected ContentType, TrainingInputMode"),
    Case(file: "inputdataconfig.json", text: #"{"train": {"ContentType": "text/csv", "TrainingInputMode": "File", "RecordWrapperType": "None"}}"#,
         message: "channel 'train' has no S3DistributionType; expected FullyReplicated or ShardedByS3Key"),
    Case(file: "resourceconfig.json", text: #"{"current_host": "algo-3", "hosts": ["algo-1", "algo-2"]}"#,
         message: "'current_host' is 'algo-3', which is not in 'hosts' (algo-1, algo-2)"),
    Case(file: "resourceconfig.json", text: #"{"current_host": "algo-1", "hosts": []}"#, message: "'hosts' is empty"),
    Case(file: "resourceconfig.json", text: #"{"current_host": "algo-1", "hosts": "algo-1"}"#,
         message: "'hosts' is \"algo-1\" (a string); expected a list of host names"),
    Case(file: "resourceconfig.json", text: #"{"current_host": "algo-1", "hosts": ["algo-1", "algo-1"]}"#,
         message: "'hosts' names 'algo-1' more than once"),
    Case(file: "sagesim.json", text: #"{"algorithm": "xgboost", "seed": 3}"#, message: "'seed' is 3 (a number); expected a string"),
  ]

  @Test(arguments: cases) func refusesAMalformedFileNamingFileAndKey(_ c: Case) throws {
    let directory = try irisJob(files: 1)
    let path = directory.configDirectory + "/" + c.file
    try c.text.write(toFile: path, atomically: true, encoding: .utf8)
    let error = #expect(throws: JobError.self) { try JobConfig.read(from: directory) }
    #expect(error?.description.hasPrefix(path + ": ") == true, "\(error?.description ?? "")")
    #expect(error?.description.contains(c.message) == true, "\(error?.description ?? "")")
  }
}

@Suite struct JobRunnerTests {
  @Test func trainsPacksAndIsReproducible() throws {
    let first = try irisJob(files: 3)
    var log = TrainingLog.silent
    let result = try JobRunner.run(first, log: &log)
    #expect(result.algorithm == "xgboost")
    // Every file of the channel was read: 3 files of iris's 120 rows.
    #expect(log.messages.contains("host algo-1 reads the train channel (FullyReplicated, File mode): part-0.csv, part-1.csv, part-2.csv"))
    let unpacked = temporaryDirectory()
    try ModelArchive.unpack(first.modelArchive, into: unpacked)
    let packed = try Data(contentsOf: URL(fileURLWithPath: unpacked + "/model.json"))
    #expect(packed == (try Data(contentsOf: URL(fileURLWithPath: first.modelDirectory + "/model.json"))))
    #expect(!FileManager.default.fileExists(atPath: first.failureFile))
    let metrics = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: first.metricsFile))) as? [[String: Any]]
    #expect(metrics != nil)

    // Same seed, same data: the same archive, byte for byte.
    let second = try irisJob(files: 3)
    var quiet = TrainingLog.silent
    _ = try JobRunner.run(second, log: &quiet)
    #expect(try Data(contentsOf: URL(fileURLWithPath: first.modelArchive)) == Data(contentsOf: URL(fileURLWithPath: second.modelArchive)))
    // One file or three: the same rows in the same order, so the same model.
    let whole = try irisJob(files: 1)
    _ = try JobRunner.run(whole, log: &quiet)
    #expect(try Data(contentsOf: URL(fileURLWithPath: whole.modelDirectory + "/model.json")) == packed)
  }

  @Test func pipeModeStreamsTheFilesOrSageMakersFIFO() throws {
    var log = TrainingLog.silent
    let file = try irisJob(files: 1)
    _ = try JobRunner.run(file, log: &log)
    let model = try Data(contentsOf: URL(fileURLWithPath: file.modelDirectory + "/model.json"))

    // Pipe mode over the channel's files: the same rows streamed, the same model.
    let piped = try irisJob(files: 3, inputMode: .pipe)
    _ = try JobRunner.run(piped, log: &log)
    #expect(try Data(contentsOf: URL(fileURLWithPath: piped.modelDirectory + "/model.json")) == model)

    // SageMaker's FIFO for epoch 0 (input/data/train_0) is read instead of the folder.
    let fifo = try irisJob(files: 1, inputMode: .pipe)
    let pipe = fifo.channelDirectory("train_0")
    #expect(mkfifo(pipe, 0o600) == 0)
    let rows = try Data(contentsOf: URL(fileURLWithPath: dataset("iris/train.csv")))
    let writer = Thread {
      guard let handle = FileHandle(forWritingAtPath: pipe) else { return }  // blocks until the job opens it
      handle.write(rows)
      try? handle.close()
    }
    writer.start()
    try FileManager.default.removeItem(atPath: fifo.channelDirectory("train") + "/part-0.csv")  // only the FIFO holds data
    try FileManager.default.removeItem(atPath: fifo.channelDirectory("train"))
    _ = try JobRunner.run(fifo, log: &log)
    #expect(try Data(contentsOf: URL(fileURLWithPath: fifo.modelDirectory + "/model.json")) == model)
  }

  @Test func channelFolderProblemsAreClearErrors() throws {
    let directory = try irisJob(files: 1)
    let config = try JobConfig.read(from: directory)
    let train = directory.channelDirectory("train")
    try FileManager.default.createDirectory(atPath: directory.channelDirectory("valid"), withIntermediateDirectories: true)
    var error = #expect(throws: JobError.self) { try JobRunner.channelFiles(directory, config) }
    #expect(error?.description == "\(directory.channelDirectory("valid")): a channel that \(directory.inputDataConfigFile) does not list (it lists train); add it there or remove the folder")
    try FileManager.default.removeItem(atPath: directory.channelDirectory("valid"))
    try FileManager.default.removeItem(atPath: train + "/part-0.csv")
    error = #expect(throws: JobError.self) { try JobRunner.channelFiles(directory, config) }
    #expect(error?.description == "\(train): holds no files; the train channel needs at least one data file")
    try FileManager.default.removeItem(atPath: train)
    error = #expect(throws: JobError.self) { try JobRunner.channelFiles(directory, config) }
    #expect(error?.description.hasPrefix("\(train): missing;") == true)
  }

  @Test func aFailureIsWrittenToOutputFailure() throws {
    let directory = try irisJob(files: 1, hyperparameters: ["objective": "multi:softmax", "num_class": "3", "num_round": "many"])
    var log = TrainingLog.silent
    var caught: Error?
    do { _ = try JobRunner.run(directory, log: &log) } catch { caught = error }
    let error = try #require(caught)
    try JobRunner.recordFailure(error, in: directory)
    let text = try String(contentsOfFile: directory.failureFile, encoding: .utf8)
    #expect(text == "ClientError: \(error)\n")
    #expect(text.contains("num_round"))
    #expect(!FileManager.default.fileExists(atPath: directory.modelArchive))
  }

  @Test func severalHostsTrainEachOnItsShard() throws {
    // kmeans over 2 hosts, each reading half of the files; the hosts' center statistics are
    // merged (see Tests/SageSimTests/Distributed), so the job trains and packs one model.
    let directory = try irisJob(
      files: 4, instanceCount: 2, distribution: .shardedByS3Key, algorithm: "kmeans",
      hyperparameters: ["k": "3", "feature_dim": "4", "mini_batch_size": "30"])
    var log = TrainingLog.silent
    _ = try JobRunner.run(directory, log: &log)
    #expect(FileManager.default.fileExists(atPath: directory.modelArchive))
    #expect(!FileManager.default.fileExists(atPath: directory.failureFile))
    #expect(log.messages.contains("host algo-1 reads the train channel (ShardedByS3Key, File mode): part-0.csv, part-2.csv"))
    #expect(log.messages.contains("host algo-2 reads the train channel (ShardedByS3Key, File mode): part-1.csv, part-3.csv"))
  }
}
