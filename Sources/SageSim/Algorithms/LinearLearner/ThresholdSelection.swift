import Foundation

/// Calibrates a binary classifier's decision threshold on labelled scores, for one
/// `binary_classifier_model_selection_criteria`, and says how good the result is (higher is
/// better), so that the parallel models can be ranked by the same figure.
///
/// The scores are sorted once, descending; predicting the top i rows positive gives TPᵢ and FPᵢ,
/// hence accuracy (TPᵢ + N − FPᵢ)/n, precision TPᵢ/i, recall TPᵢ/P and
/// F_β = (1 + β²)·prec·rec/(β²·prec + rec). Only cuts between two distinct scores are candidates;
/// the threshold is the midpoint of the two (the last included score when every row is positive).
struct ThresholdSelection {
  enum Criterion: Equatable {
    case accuracy
    case fBeta(Double)
    case precisionAtTargetRecall(Double)
    case recallAtTargetPrecision(Double)
  }

  struct Choice: Equatable {
    var threshold: Double
    /// The criterion's value at the threshold (accuracy, F_β, precision or recall).
    var value: Double
  }

  static func criterion(_ hp: LinearLearnerHyperparameters) -> Criterion? {
    switch hp.selectionCriterion {
    case .accuracy: return .accuracy
    case .fBeta: return .fBeta(hp.fBeta)
    case .f1: return .fBeta(1)
    case .precisionAtTargetRecall: return .precisionAtTargetRecall(hp.targetRecall)
    case .recallAtTargetPrecision: return .recallAtTargetPrecision(hp.targetPrecision)
    case .lossFunction, .crossEntropyLoss: return nil
    }
  }

  /// The best threshold for `criterion` on `scores` against 0/1 `labels`.
  static func choose(_ criterion: Criterion, scores: [Double], labels: [Double]) -> Choice {
    let n = scores.count
    guard n > 0 else { return Choice(threshold: 0.5, value: 0) }
    // Ties need no order among themselves: only cuts between distinct scores are tried.
    var pairs = zip(scores, labels).map { (score: $0, positive: $1 == 1) }
    pairs.sort { $0.score > $1.score }
    let s = pairs.map(\.score)
    let positives = labels.reduce(0, +)
    let negatives = Double(n) - positives
    var best: Choice?
    var bestValue = -Double.infinity
    var tp = 0.0, fp = 0.0
    for i in 0...n {
      if i > 0 {
        if pairs[i - 1].positive { tp += 1 } else { fp += 1 }
      }
      // A cut is possible only between two distinct scores.
      if i > 0 && i < n && s[i - 1] == s[i] { continue }
      let threshold = i == 0 ? s[0] + max(1, abs(s[0])) : (i == n ? s[n - 1] : 0.5 * (s[i - 1] + s[i]))
      let precision = i > 0 ? tp / Double(i) : 0
      let recall = positives > 0 ? tp / positives : 0
      let value: Double
      switch criterion {
      case .accuracy: value = (tp + negatives - fp) / Double(n)
      case .fBeta(let beta): value = fScore(precision: precision, recall: recall, beta: beta)
      case .precisionAtTargetRecall(let target): value = recall >= target ? precision : -1 + recall
      case .recallAtTargetPrecision(let target): value = precision >= target ? recall : -1 + precision
      }
      if value > bestValue {
        bestValue = value
        best = Choice(threshold: threshold, value: max(value, 0))
      }
    }
    return best ?? Choice(threshold: 0.5, value: 0)
  }

  /// F_β = (1 + β²)·P·R / (β²·P + R), 0 when both are 0.
  static func fScore(precision p: Double, recall r: Double, beta: Double) -> Double {
    let b2 = beta * beta
    let denominator = b2 * p + r
    return denominator > 0 ? (1 + b2) * p * r / denominator : 0
  }
}
