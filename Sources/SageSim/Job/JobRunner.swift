import Foundation
import SageIO

/// What a finished job wrote.
public struct JobResult: Sendable {
  public var algorithm: String
  public var hosts: [String]
  /// The final metrics, as the log reported them (`validation:rmse`, `test:msd`).
  public var metrics: [(name: String, value: Double)]
}

/// `sagesim job train`: runs the training job a job directory describes, as a SageMaker built-in
/// algorithm runs inside its container, on every simulated host at once.
public enum JobRunner {
  /// Reads the config, gives each host its files, trains, writes `model/`, packs it into
  /// `output/model.tar.gz` and writes `output/metrics.json`. Throws on the first problem; call
  /// `recordFailure` with the error to write `output/failure` as SageMaker's algorithms do.
  public static func run(_ directory: JobDirectory, log: inout TrainingLog) throws -> JobResult {
    try clearOutputs(of: directory)
    let config = try JobConfig.read(from: directory)
    let entry = try AlgorithmRegistry.entry(named: config.algorithm)
    let files = try channelFiles(directory, config)
    let hosts = try hostChannels(config, files: files, log: &log)
    log.info("Training \(config.algorithm) on \(hosts.count) host\(hosts.count == 1 ? "" : "s") (\(config.resources.hosts.joined(separator: ", "))), seed \(config.seed)")
    let model = try entry.train(hyperparameters: config.hyperparameters, hosts: hosts, seed: config.seed, log: &log)
    try ModelDirectory.write(model, to: directory.modelDirectory)
    try ModelArchive.pack(directory: directory.modelDirectory, to: directory.modelArchive)
    try writeMetrics(log.metrics, to: directory.metricsFile)
    log.info("Model written to \(directory.modelDirectory) and packed as \(directory.modelArchive)")
    return JobResult(algorithm: config.algorithm, hosts: config.resources.hosts, metrics: log.metrics)
  }

  /// Writes the reason a job failed to `output/failure` (SageMaker shows its first 1024 characters
  /// as the job's FailureReason), prefixed as the built-in algorithms do: `ClientError:` for a
  /// problem in the job's config, data or hyperparameters, `AlgorithmError:` for one inside the
  /// algorithm (writing or packing the model). Returns the text written.
  @discardableResult
  public static func recordFailure(_ error: Error, in directory: JobDirectory) throws -> String {
    let kind = (error is ModelError || error is ArchiveError) ? "AlgorithmError" : "ClientError"
    let text = "\(kind): \(error)\n"
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory.root, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw JobError("\(directory.root): no such job directory, so no output/failure is written")
    }
    do {
      try FileManager.default.createDirectory(atPath: directory.outputDirectory, withIntermediateDirectories: true)
      try text.write(toFile: directory.failureFile, atomically: true, encoding: .utf8)
    } catch {
      throw JobError("\(directory.failureFile): cannot write the failure reason: \(error.localizedDescription)")
    }
    return text
  }

  /// A new job starts as a fresh container would: an empty `model/` and no outputs of an earlier run.
  static func clearOutputs(of directory: JobDirectory) throws {
    let fm = FileManager.default
    var isDirectory: ObjCBool = false
    guard fm.fileExists(atPath: directory.root, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw JobError("\(directory.root): no such job directory; make one with 'sagesim job init ALGO --root \(directory.root) --train FILE'")
    }
    do {
      for file in [directory.failureFile, directory.modelArchive, directory.metricsFile] where fm.fileExists(atPath: file) {
        try fm.removeItem(atPath: file)
      }
      if fm.fileExists(atPath: directory.modelDirectory) {
        for name in try fm.contentsOfDirectory(atPath: directory.modelDirectory) {
          try fm.removeItem(atPath: URL(fileURLWithPath: directory.modelDirectory).appendingPathComponent(name).path)
        }
      }
      try fm.createDirectory(atPath: directory.outputDataDirectory, withIntermediateDirectories: true)
    } catch {
      throw JobError("\(directory.root): cannot clear the outputs of an earlier run: \(error.localizedDescription)")
    }
  }

  /// Every configured channel's files, full paths in S3 key order. In Pipe mode a FIFO
  /// `input/data/<channel>_0` (SageMaker's pipe for epoch 0) is read instead of the folder when it exists.
  public static func channelFiles(_ directory: JobDirectory, _ config: JobConfig) throws -> [ChannelName: [String]] {
    let fm = FileManager.default
    let data = directory.dataDirectory
    guard fm.fileExists(atPath: data) else {
      throw JobError("\(data): missing; a job directory keeps each channel's files in input/data/<channel>/")
    }
    let configured = config.channels.map(\.name.rawValue)
    for entry in try fm.contentsOfDirectory(atPath: data).sorted() where !entry.hasPrefix(".") {
      let base = pipeBase(entry)
      guard configured.contains(entry) || (base.map { configured.contains($0) } ?? false) else {
        throw JobError("\(data)/\(entry): a channel that \(directory.inputDataConfigFile) does not list (it lists \(configured.joined(separator: ", "))); add it there or remove the folder")
      }
    }
    var files: [ChannelName: [String]] = [:]
    for channel in config.channels {
      let folder = directory.channelDirectory(channel.name.rawValue)
      let fifo = directory.channelDirectory("\(channel.name.rawValue)_0")
      if channel.inputMode == .pipe && fm.fileExists(atPath: fifo) {
        files[channel.name] = [fifo]
        continue
      }
      var isDirectory: ObjCBool = false
      guard fm.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw JobError("\(folder): missing; \(directory.inputDataConfigFile) lists a \(channel.name.rawValue) channel, so its files belong in this folder")
      }
      let inside = try JobLayout.dataFiles(in: folder)
      guard !inside.isEmpty else {
        throw JobError("\(folder): holds no files; the \(channel.name.rawValue) channel needs at least one data file")
      }
      files[channel.name] = inside.map { URL(fileURLWithPath: folder).appendingPathComponent($0).path }
    }
    return files
  }

  /// `train_0` → `train`: the channel a Pipe-mode FIFO name belongs to.
  static func pipeBase(_ name: String) -> String? {
    guard let underscore = name.lastIndex(of: "_") else { return nil }
    let suffix = name[name.index(after: underscore)...]
    guard !suffix.isEmpty, suffix.allSatisfy(\.isNumber) else { return nil }
    return String(name[..<underscore])
  }

  /// The files host `index` of `count` reads: all of them (FullyReplicated), or those at
  /// positions index, index + count, … in key order (ShardedByS3Key; whole files, never rows).
  public static func shard(_ files: [String], _ distribution: S3DistributionType, host index: Int, of count: Int) -> [String] {
    switch distribution {
    case .fullyReplicated: return files
    case .shardedByS3Key: return stride(from: index, to: files.count, by: count).map { files[$0] }
    }
  }

  /// Each host's channels, in the order of `hosts` in resourceconfig.json; logs which host reads
  /// which files and warns about empty shards.
  public static func hostChannels(
    _ config: JobConfig, files: [ChannelName: [String]], log: inout TrainingLog
  ) throws -> [Channels] {
    let hosts = config.resources.hosts
    var result: [Channels] = []
    for (index, host) in hosts.enumerated() {
      var built: [ChannelName: DataChannel] = [:]
      for channel in config.channels {
        let all = files[channel.name] ?? []
        if hosts.count > 1, let only = all.first, all.count == 1, isFIFO(only) {
          throw JobError("\(only): a Pipe-mode FIFO feeds one host; this job has \(hosts.count) hosts: put the files in input/data/\(channel.name.rawValue)/ instead")
        }
        let mine = shard(all, channel.distribution, host: index, of: hosts.count)
        if mine.isEmpty {
          log.warning("host \(host) gets no files of the \(channel.name.rawValue) channel: \(all.count) file\(all.count == 1 ? "" : "s") \(channel.distribution.rawValue) over \(hosts.count) hosts leaves it an empty shard, as SageMaker would; give at least as many files as hosts")
        }
        if hosts.count > 1 || all.count > 1 {
          let names = mine.map { URL(fileURLWithPath: $0).lastPathComponent }
          log.info("host \(host) reads the \(channel.name.rawValue) channel (\(channel.distribution.rawValue), \(channel.inputMode.rawValue) mode): \(names.isEmpty ? "no files" : names.joined(separator: ", "))")
        }
        built[channel.name] = DataChannel(channel.name, paths: mine, contentType: channel.contentType, inputMode: channel.inputMode)
      }
      guard let train = built[.train] else { throw JobError("the job has no train channel") }
      result.append(Channels(train: train, validation: built[.validation], test: built[.test]))
    }
    return result
  }

  /// `output/metrics.json`: the final metrics as DescribeTrainingJob lists them
  /// (`[{"MetricName": "validation:rmse", "Value": 0.41}]`); a non-finite value is null.
  static func writeMetrics(_ metrics: [(name: String, value: Double)], to path: String) throws {
    let list: [[String: Any]] = metrics.map { ["MetricName": $0.name, "Value": $0.value.isFinite ? $0.value : NSNull()] }
    do {
      try JobConfig.json(list).write(to: URL(fileURLWithPath: path))
    } catch {
      throw JobError("\(path): cannot write the final metrics: \(error.localizedDescription)")
    }
  }

  static func isFIFO(_ path: String) -> Bool {
    var status = stat()
    return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFIFO
  }
}
