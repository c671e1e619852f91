import ArgumentParser
import Foundation
import SageIO
import SageSim

/// `sagesim predict`: batch inference with SageMaker's response shapes.
struct PredictCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "predict",
    abstract: "Run a trained model over a file of rows and write its answers in SageMaker's response format.")

  @Option(help: "The directory a model was trained into.") var modelDir: String
  @Option(help: "The rows to predict.") var input: String

  @Option(help: "text/csv (every column a feature, as SageMaker's inference takes it), text/csv;label_size=1 (drop a first label column), or text/libsvm.")
  var contentType = "text/csv"

  @Option(help: "application/json, application/jsonlines or text/csv.")
  var accept = "application/json"

  @Option(help: "Write the answers here instead of standard output.") var output: String?

  func run() throws {
    let (algorithm, json) = try ModelDirectory.read(from: modelDir)
    let entry = try AlgorithmRegistry.entry(named: algorithm)
    let featureDim = AlgorithmEntry.featureDim(of: json)
    // sagesim preprocessing (polynomial_degree) recorded at training is applied to the input too.
    let preprocessing = try Preprocessing.read(from: modelDir)
    let rawWidth = preprocessing.isIdentity ? featureDim : preprocessing.featureRanges?.count ?? nil
    let features = try preprocessing.apply(to: try readInput(featureDim: rawWidth))
    let predictions = try entry.predict(modelJSON: json, directory: modelDir, features: features)
    let text = try render(predictions)
    if let output {
      do { try text.write(toFile: output, atomically: true, encoding: .utf8) } catch {
        throw CLIError("\(output): cannot write predictions: \(error.localizedDescription)")
      }
    } else {
      print(text, terminator: "")
    }
  }

  /// Inference CSV has no label unless `label_size=1` is said explicitly.
  private func readInput(featureDim: Int?) throws -> Features {
    var type = try ContentType(parsing: contentType)
    if case .csv = type, !contentType.contains("label_size") { type = .csv(labelSize: 0) }
    // RecordIO records carry a label only when present; inference ignores it.
    let batch = try readAll(path: input, contentType: type, options: ReadOptions(hasLabel: type != .recordIOProtobuf))
    if let featureDim, case .csv(0) = type, batch.features.columns == featureDim + 1 {
      throw CLIError("\(input) has \(featureDim + 1) columns; the model takes \(featureDim) features. If the first column is a label, pass --content-type 'text/csv;label_size=1' to drop it.")
    }
    return batch.features
  }

  private func render(_ predictions: Predictions) throws -> String {
    switch accept.lowercased() {
    case "application/json": return predictions.json()
    case "application/jsonlines": return predictions.jsonLines()
    case "text/csv": return predictions.csv()
    default: throw CLIError("--accept '\(accept)' is not supported; expected application/json, application/jsonlines or text/csv")
    }
  }
}
