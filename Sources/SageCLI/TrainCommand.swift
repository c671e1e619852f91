import ArgumentParser
import Foundation
import SageIO
import SageSim

/// `sagesim train ALGO`: a training job, as SageMaker runs one, on local files.
struct TrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train an algorithm on local files with SageMaker's hyperparameters; write the model and its metrics.")

  @Argument(help: "The algorithm: \(AlgorithmRegistry.names.joined(separator: ", ")).")
  var algorithm: String

  @Option(help: "The train channel's file.") var train: String
  @Option(help: "The validation channel's file (algorithms that take one).") var validation: String?
  @Option(help: "The test channel's file (scored by the final model).") var test: String?

  @Option(help: "text/csv (label first), text/csv;label_size=0 (no label), or text/libsvm.")
  var contentType = "text/csv"

  @Option(help: "SageMaker's TrainingInputMode: File (whole files on disk) or Pipe (each channel streamed once per pass, in bounded memory, from a file, '-' for standard input, or a FIFO per pass named like train_0, train_1, …).")
  var inputMode = "File"

  @OptionGroup var hyperparameters: HyperparameterOptions

  @Option(help: "Seed for every random choice: the same seed, data and hyperparameters give the same model, bit for bit.")
  var seed: UInt64 = 0

  @Option(help: "Directory to write model.json into (created if missing).") var modelDir: String

  @Option(help: "Write the final metrics as one JSON object keyed by SageMaker's names (\"test:msd\", \"validation:rmse\").")
  var metricsJson: String?

  func run() throws {
    let entry = try AlgorithmRegistry.entry(named: algorithm)
    let contentType = try ContentType(parsing: self.contentType)
    guard let mode = DataChannel.InputMode(rawValue: inputMode) else {
      throw CLIError("--input-mode must be File or Pipe (SageMaker's TrainingInputMode); got '\(inputMode)'")
    }
    let channels = Channels(
      train: DataChannel(.train, path: train, contentType: contentType, inputMode: mode),
      validation: validation.map { DataChannel(.validation, path: $0, contentType: contentType, inputMode: mode) },
      test: test.map { DataChannel(.test, path: $0, contentType: contentType, inputMode: mode) })
    var log = TrainingLog()
    let model = try entry.train(
      hyperparameters: try hyperparameters.values(), channels: channels, seed: seed, log: &log)
    try ModelDirectory.write(model, to: modelDir)
    log.info("Model written to \(modelDir)/\(ModelDirectory.fileName)")
    if let metricsJson { try writeMetrics(log.metrics, to: metricsJson) }
  }

  private func writeMetrics(_ metrics: [(name: String, value: Double)], to path: String) throws {
    let body = metrics.map { "  \"\($0.name)\": \($0.value.isFinite ? "\($0.value)" : "null")" }
    let text = metrics.isEmpty ? "{}\n" : "{\n" + body.joined(separator: ",\n") + "\n}\n"
    do {
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
      throw CLIError("\(path): cannot write the metrics file: \(error.localizedDescription)")
    }
  }
}
