import Foundation
import SageCore
import SageIO

/// A trained linear learner on raw features: z = x·W + b (the scaling learned in training is
/// folded into W and b), plus the decision threshold chosen for a binary classifier.
///
/// - regressor: score = z.
/// - binary_classifier: score = σ(z) with logistic loss (P(label = 1)), z itself with hinge loss;
///   predicted_label = 1 when score ≥ threshold.
/// - multiclass_classifier: score = softmax(z) (one probability per class), predicted_label = argmax.
public struct LinearLearnerModel: TrainedModel, Equatable {
  public var featureDim: Int
  public var predictorType: LinearLearnerHyperparameters.PredictorType
  /// The loss trained (`squared_loss`, `logistic`, `hinge_loss`, `softmax_loss`, …).
  public var loss: String
  /// d rows of K values (K = num_classes for multiclass, else 1).
  public var weights: [[Double]]
  public var bias: [Double]
  /// The score at or above which a binary classifier predicts 1.
  public var threshold: Double?
  /// Which of the parallel models was kept, and its settings.
  public var chosenModel: Int
  public var chosenSettings: ModelVariant

  enum CodingKeys: String, CodingKey {
    case featureDim = "feature_dim", predictorType = "predictor_type", loss, weights, bias, threshold
    case chosenModel = "chosen_model", chosenSettings = "chosen_hyperparameters"
  }

  public var outputs: Int { bias.count }

  /// z = X·W + 1bᵀ (n × K).
  public func margins(_ x: Matrix) -> Matrix {
    var z = Matrix.multiply(x, Matrix(rowArrays: weights))
    let k = outputs
    z.withUnsafeMutableBufferPointer { p in
      for i in 0..<x.rows { for c in 0..<k { p[i * k + c] += bias[c] } }
    }
    return z
  }

  /// The score of a binary classifier's margin: σ(z) for logistic, z for hinge.
  func binaryScore(_ z: Double) -> Double { loss == "hinge_loss" ? z : sigmoid(z) }

  public func predict(_ features: Features) throws -> Predictions {
    guard features.columns == featureDim else {
      throw TrainingError("the input has \(features.columns) features per row; this linear-learner model was trained on feature_dim = \(featureDim)")
    }
    let z = margins(features.dense())
    let rows: [[(key: String, value: Predictions.Value)]] = (0..<z.rows).map { i in
      switch predictorType {
      case .regressor:
        return [("score", .number(z[i, 0]))]
      case .binaryClassifier:
        let s = binaryScore(z[i, 0])
        return [("score", .number(s)), ("predicted_label", .number(s >= (threshold ?? 0.5) ? 1 : 0))]
      case .multiclassClassifier:
        let p = SoftmaxLoss.probabilities(z.row(i))
        return [("score", .vector(p)), ("predicted_label", .number(Double(argmax(p))))]
      }
    }
    return Predictions(rows: rows)
  }
}

/// The index of the largest value (the first on ties).
func argmax(_ v: [Double]) -> Int {
  var best = 0
  for i in v.indices where v[i] > v[best] { best = i }
  return best
}
