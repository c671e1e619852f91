import ArgumentParser
import Foundation
import SageSim

/// `sagesim xgboost-inspect`: what an XGBoost model learned — feature importances and tree dumps.
struct XGBoostInspectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "xgboost-inspect",
    abstract: "Show an xgboost model's feature importances (weight, gain, cover, total_gain, total_cover) and dump its trees as text.")

  @Option(help: "A model directory trained by sagesim, or one holding an XGBoost-saved xgboost-model.json.")
  var modelDir: String

  @Option(help: "Importance type: weight (splits on the feature), gain and cover (mean per split), total_gain, total_cover.")
  var importance = "gain"

  @Option(help: "Dump these trees (0-based, comma-separated, e.g. 0,1) in XGBoost's get_dump text form.")
  var dump: String?

  @Option(help: "Show at most this many features.") var top = 20

  func run() throws {
    let model = try XGBoostModel.load(from: modelDir)
    guard let type = XGBoostModel.ImportanceType(rawValue: importance) else {
      throw CLIError("--importance must be one of \(XGBoostModel.ImportanceType.allCases.map(\.rawValue).joined(separator: ", ")); got '\(importance)'")
    }
    print("\(model.objective.rawValue): \(model.rounds) rounds, \(model.trees.count) trees, \(model.featureDim) features")
    let rows = model.importance(type).prefix(top).map { ["f\($0.feature)", String(format: "%.6g", $0.value)] }
    print(TextTable(header: ["feature", type.rawValue], rows: Array(rows)).render())
    guard let dump else { return }
    for part in dump.split(separator: ",") {
      guard let t = Int(part.trimmingCharacters(in: .whitespaces)), t >= 0, t < model.trees.count else {
        throw CLIError("--dump: '\(part)' is not a tree index in 0..<\(model.trees.count)")
      }
      print("booster[\(t)]:")
      print(model.dump(tree: t), terminator: "")
    }
  }
}
