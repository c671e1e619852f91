import Foundation
import SageCore
import SageIO

/// A trained gradient-boosted tree ensemble. Its JSON form *is* XGBoost's JSON model schema
/// (`{"learner": {...}, "version": [3, 2, 0]}`), so `model.json`'s `model` member loads in
/// `xgboost.Booster(model_file=...)`, and a model saved by XGBoost (`save_model("m.json")`) predicts
/// here. See `XGBoostModel+JSON.swift`.
public struct XGBoostModel: TrainedModel, Equatable {
  public var featureDim: Int
  public var objective: XGBoostHyperparameters.Objective
  /// num_class for multi:* objectives, 0 otherwise (XGBoost's convention).
  public var numClass: Int
  /// The starting prediction in the objective's output space (XGBoost's `base_score`).
  public var baseScore: Double
  public var trees: [RegressionTree]
  /// The class each tree adds to (0 unless multi:*).
  public var treeInfo: [Int]
  public var numParallelTree: Int
  public var scalePosWeight: Double
  public var tweediePower: Double
  /// Learner attributes (`best_iteration`, `best_score` after early stopping).
  public var attributes: [String: String]

  /// Margins per row.
  var outputs: Int { max(numClass, 1) }
  var function: ObjectiveFunction {
    ObjectiveFunction(kind: objective == .linear ? .squaredError : objective, classes: outputs,
                      scalePosWeight: scalePosWeight, tweediePower: tweediePower)
  }
  /// Boosting rounds in the model.
  public var rounds: Int { trees.count / max(outputs * numParallelTree, 1) }

  /// Raw margins (n·outputs, row-major) of `table`'s rows: base margin plus every tree.
  func margins(_ table: FeatureTable) -> [Double] {
    let k = outputs, d = table.columns, base = Float(function.baseMargin(baseScore))
    let parts = Parallel.map(table.rows, chunks: max(1, min(8, table.rows / 4096))) { range in
      var out = [Float](repeating: base, count: range.count * k)
      table.values.withUnsafeBufferPointer { x in
        for i in range {
          let row = UnsafeBufferPointer(rebasing: x[(i * d)..<(i * d + d)])
          for (t, tree) in trees.enumerated() { out[(i - range.lowerBound) * k + treeInfo[t]] += Float(tree.value(row)) }
        }
      }
      return out
    }
    // Summed in 32-bit floats, as XGBoost's predictor does.
    return parts.flatMap { $0.map(Double.init) }
  }

  /// Predictions from margins: the objective's transform (softmax for multi:softprob, the class
  /// index for multi:softmax), n or n·k values.
  func transform(_ margins: [Double], probabilities: Bool = false) -> [Double] {
    let f = function
    guard f.isMulticlass else { return margins.map(f.transform) }
    let k = outputs
    var p = margins
    p.withUnsafeMutableBufferPointer { p in
      for i in 0..<(p.count / k) { ObjectiveFunction.softmax(UnsafeMutableBufferPointer(rebasing: p[(i * k)..<(i * k + k)])) }
    }
    if objective == .softprob || probabilities { return p }
    return (0..<(p.count / k)).map { Double(EvalMetric.argmax(p, row: $0, k: k)) }
  }

  public func predict(_ features: Features) throws -> Predictions {
    if features.columns > featureDim {
      throw TrainingError("the input has \(features.columns) features per row; this xgboost model was trained on \(featureDim)")
    }
    if case .dense = features, features.columns != featureDim {
      throw TrainingError("the input has \(features.columns) features per row; this xgboost model was trained on \(featureDim) (give every column, empty fields for missing values)")
    }
    let table = FeatureTable(features: features, columns: featureDim)
    let p = transform(margins(table))
    let k = outputs
    let rows: [[(key: String, value: Predictions.Value)]] = (0..<table.rows).map { i in
      if objective == .softprob { return [("score", .vector(Array(p[(i * k)..<(i * k + k)])))] }
      return [("score", .number(p[i]))]
    }
    return Predictions(rows: rows)
  }

  /// Keeps the first `rounds` boosting rounds (XGBoost's `model[:rounds]`, as early stopping's
  /// `save_best` does).
  mutating func truncate(rounds: Int) {
    let keep = rounds * outputs * numParallelTree
    trees = Array(trees.prefix(keep))
    treeInfo = Array(treeInfo.prefix(keep))
  }
}
