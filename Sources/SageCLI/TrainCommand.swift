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

  @OptionGroup var preprocess: PreprocessOptions
  @OptionGroup var charts: ChartOptions

  func run() throws {
    let entry = try AlgorithmRegistry.entry(named: algorithm)
    let contentType = try ContentType(parsing: self.contentType)
    guard let mode = DataChannel.InputMode(rawValue: inputMode) else {
      throw CLIError("--input-mode must be File or Pipe (SageMaker's TrainingInputMode); got '\(inputMode)'")
    }
    var channels = Channels(
      train: DataChannel(.train, path: train, contentType: contentType, inputMode: mode),
      validation: validation.map { DataChannel(.validation, path: $0, contentType: contentType, inputMode: mode) },
      test: test.map { DataChannel(.test, path: $0, contentType: contentType, inputMode: mode) })
    let rawChannels = channels
    var values = try hyperparameters.values()
    var preprocessing = try preprocess.parsed()
    if !preprocessing.isIdentity {
      guard mode == .file else { throw CLIError("--preprocess reads the channels into memory; use --input-mode File") }
      let (expanded, width, fitted) = try preprocessing.apply(to: channels)
      channels = expanded
      preprocessing = fitted
      if let width, values["feature_dim"] != nil { values["feature_dim"] = String(width) }
      print("sagesim preprocessing (not a SageMaker hyperparameter): \(preprocessing.sageMakerValues.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")); \(width.map(String.init) ?? "?") features after expansion")
    }
    var log = TrainingLog()
    let model = try entry.train(hyperparameters: values, channels: channels, seed: seed, log: &log)
    try ModelDirectory.write(model, to: modelDir)
    try preprocessing.write(to: modelDir)
    log.info("Model written to \(modelDir)/\(ModelDirectory.fileName)")
    if let metricsJson { try writeMetrics(log.metrics, to: metricsJson) }
    if charts.plots != nil || charts.report != nil {
      try TrainPictures(entry: entry, model: model, preprocessing: preprocessing, channels: rawChannels, log: log, charts: charts).draw()
    }
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
