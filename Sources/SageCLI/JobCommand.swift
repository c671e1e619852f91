import ArgumentParser
import Foundation
import SageIO
import SageSim

/// `sagesim job`: a training job run from a directory laid out as SageMaker lays out `/opt/ml`.
struct JobCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "job",
    abstract: "Training jobs from /opt/ml-style directories: lay one out with 'job init', run it with 'job train'.",
    subcommands: [JobInitCommand.self, JobTrainCommand.self])
}

/// `sagesim job init ALGO --root DIR --train PATH …`
struct JobInitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Lay out a training job directory as SageMaker lays out /opt/ml: config files, channel data, model/ and output/.")

  @Argument(help: "The algorithm: \(AlgorithmRegistry.names.joined(separator: ", ")).")
  var algorithm: String

  @Option(help: "The job directory to create (plays /opt/ml).") var root: String

  @Option(help: "A file or folder for the train channel (repeatable: every file is copied and read, in key order).")
  var train: [String] = []
  @Option(help: "A file or folder for the validation channel (repeatable).") var validation: [String] = []
  @Option(help: "A file or folder for the test channel (repeatable).") var test: [String] = []

  @OptionGroup var hyperparameters: HyperparameterOptions

  @Option(help: "Every channel's ContentType: text/csv (label first), text/csv;label_size=0, text/libsvm or application/x-recordio-protobuf.")
  var contentType = "text/csv"

  @Option(help: "Every channel's TrainingInputMode: File or Pipe.") var inputMode = "File"

  @Option(help: "How many simulated hosts (algo-1 … algo-N) resourceconfig.json lists.")
  var instanceCount = 1

  @Option(help: "The train channel's S3DistributionType: FullyReplicated (every host reads every file) or ShardedByS3Key (host i of n reads files i, i+n, … in key order). Other channels are FullyReplicated.")
  var distribution = "FullyReplicated"

  @Option(help: "The seed 'job train' uses (kept in input/config/sagesim.json): the same seed gives the same model, bit for bit.")
  var seed: UInt64 = 0

  func run() throws {
    let entry = try AlgorithmRegistry.entry(named: algorithm)
    for (name, given) in [(ChannelName.validation, validation), (.test, test)] where !given.isEmpty && !entry.channels.contains(name) {
      throw CLIError("\(algorithm) takes the channels \(entry.channels.map(\.rawValue).joined(separator: ", ")); SageMaker's \(algorithm) has no \(name.rawValue) channel")
    }
    guard !train.isEmpty else { throw CLIError("--train is required: a file or folder for the train channel") }
    guard let mode = DataChannel.InputMode(rawValue: inputMode) else {
      throw CLIError("--input-mode must be File or Pipe (SageMaker's TrainingInputMode); got '\(inputMode)'")
    }
    guard let sharding = S3DistributionType(rawValue: distribution) else {
      throw CLIError("--distribution must be FullyReplicated or ShardedByS3Key (SageMaker's S3DistributionType); got '\(distribution)'")
    }
    guard instanceCount >= 1 else { throw CLIError("--instance-count must be 1 or more; got \(instanceCount)") }
    _ = try ContentType(parsing: contentType)
    var sources: [ChannelName: [String]] = [.train: train]
    if !validation.isEmpty { sources[.validation] = validation }
    if !test.isEmpty { sources[.test] = test }
    let channels = try sources.keys.sorted().map {
      try ChannelConfig(
        name: $0, contentType: contentType, inputMode: mode, distribution: $0 == .train ? sharding : .fullyReplicated)
    }
    let config = JobConfig(
      algorithm: algorithm, seed: seed, hyperparameters: try hyperparameters.values(), channels: channels,
      resources: ResourceConfig(instanceCount: instanceCount))
    let directory = JobDirectory(root: root)
    let copied = try JobLayout.initialize(directory, config: config, sources: sources)
    print("Laid out a training job for \(algorithm) in \(root):")
    for path in [directory.hyperparametersFile, directory.inputDataConfigFile, directory.resourceConfigFile, directory.sagesimConfigFile] {
      print("  \(path)")
    }
    for name in copied.keys.sorted() {
      let files = copied[name]!
      print("  \(directory.channelDirectory(name.rawValue))/ (\(files.count) file\(files.count == 1 ? "" : "s"): \(files.joined(separator: ", ")))")
    }
    print("Run it with: sagesim job train --root \(root)")
  }
}

/// `sagesim job train --root DIR`
struct JobTrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Run the training job in DIR: write model/, output/model.tar.gz and output/metrics.json, or output/failure and a non-zero exit.")

  @Option(help: "The job directory (laid out by 'job init', or by hand as SageMaker lays out /opt/ml).")
  var root: String

  func run() throws {
    let directory = JobDirectory(root: root)
    var log = TrainingLog()
    do {
      _ = try JobRunner.run(directory, log: &log)
    } catch {
      // Like SageMaker's algorithms: the reason goes to output/failure, then a non-zero exit.
      if (try? JobRunner.recordFailure(error, in: directory)) != nil {
        FileHandle.standardError.write(Data("Failure reason written to \(directory.failureFile)\n".utf8))
      }
      throw error
    }
  }
}
