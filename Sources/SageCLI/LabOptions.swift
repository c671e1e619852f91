import ArgumentParser
import Foundation
import SageIO
import SageSim

/// The data of a lab command (sweep, compare-regularization): files read once into memory.
struct LabDataOptions: ParsableArguments {
  @Option(help: "The train channel's file.") var train: String
  @Option(help: "The validation channel's file: the data the table ranks by.") var validation: String?
  @Option(help: "The test channel's file (algorithms that take one report test: metrics).")
  var test: String?
  @Option(help: "A labelled file no training step sees, scored by predicting it (holdout: metrics); the train rows are always scored too (train: metrics).")
  var holdout: String?
  @Option(help: "text/csv (label first), text/csv;label_size=0 (no label), or text/libsvm.")
  var contentType = "text/csv"

  func channels() throws -> Channels {
    let type = try ContentType(parsing: contentType)
    return Channels(
      train: DataChannel(.train, path: train, contentType: type),
      validation: validation.map { DataChannel(.validation, path: $0, contentType: type) },
      test: test.map { DataChannel(.test, path: $0, contentType: type) })
  }

  func holdoutChannel() throws -> DataChannel? {
    try holdout.map { DataChannel(.test, path: $0, contentType: try ContentType(parsing: contentType)) }
  }
}

/// `--preprocess name=value`: sagesim's own preprocessing options (not SageMaker hyperparameters).
struct PreprocessOptions: ParsableArguments {
  @Option(name: .customLong("preprocess"), help: ArgumentHelp("A sagesim preprocessing option as name=value (NOT a SageMaker hyperparameter; repeatable): polynomial_degree=N, polynomial_interactions=true|false.", valueName: "name=value"))
  var pairs: [String] = []

  func values() throws -> [String: String] {
    var out: [String: String] = [:]
    for pair in pairs {
      guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
        throw CLIError("--preprocess expects name=value (e.g. --preprocess polynomial_degree=5); got '\(pair)'")
      }
      out[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
    }
    return out
  }

  func parsed() throws -> Preprocessing { try Preprocessing.parse(values()) }
}

/// How charts are drawn and where pictures go.
struct ChartOptions: ParsableArguments {
  @Flag(help: "Draw terminal charts with ASCII characters only.") var ascii = false
  @Flag(help: "Do not draw charts in the terminal.") var noChart = false
  @Option(help: "Directory for the SVG pictures (created if missing).") var plots: String?
  @Option(help: "Write a self-contained report.html (inline SVG, no network) into this directory.")
  var report: String?
  @Option(help: "Write the results as CSV (one row per training) to this file, for scripts.")
  var results: String?

  var style: TerminalStyle { TerminalStyle.forStandardOutput(ascii: ascii) }

  /// Writes the results CSV when --results was given.
  func writeResults(_ text: String) throws {
    guard let results else { return }
    let folder = URL(fileURLWithPath: results).deletingLastPathComponent().path
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      try text.write(toFile: results, atomically: true, encoding: .utf8) } catch {
      throw CLIError("\(results): cannot write the results: \(error.localizedDescription)")
    }
  }

  /// Writes `text` to `name` inside `directory`, creating it; returns the path.
  @discardableResult
  static func write(_ text: String, name: String, in directory: String) throws -> String {
    let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
      throw CLIError("\(path): cannot write: \(error.localizedDescription)")
    }
    return path
  }
}
