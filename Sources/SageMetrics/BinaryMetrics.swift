import Foundation

/// Quality of a binary classifier from its scores s (the probability of class 1, or any real
/// score) and 0/1 labels y.
///
/// A sample is predicted 1 when `s ≥ threshold` and 0 otherwise (so a score equal to the
/// threshold counts as positive). From the 2×2 ``confusion`` matrix (tp, fp, fn, tn):
/// - `accuracy  = (tp + tn) / n`
/// - `precision = tp / (tp + fp)`, 0 when nothing is predicted positive (sklearn's
///   `zero_division=0`)
/// - `recall    = tp / (tp + fn)`, 0 when no label is positive
/// - `f_beta    = (1 + β²)·tp / ((1 + β²)·tp + β²·fn + fp)`, 0 when tp = fp = fn = 0; `f1` is β = 1
///
/// The threshold-free measures use the scores directly:
/// - `auc`: ROC AUC as the Mann–Whitney statistic, `(R₁ − n₁(n₁ + 1)/2) / (n₁·n₀)`, where R₁ sums
///   the ranks of the positive scores and tied scores share their average rank. That counts each
///   (positive, negative) pair as 1 when the positive scores higher and ½ when they tie, which is
///   the trapezoidal area under the ROC curve (sklearn's `roc_auc_score`).
/// - `logloss = −(1/n)·Σ[yᵢ·ln pᵢ + (1 − yᵢ)·ln(1 − pᵢ)]`, with pᵢ = sᵢ clipped to
///   [1e-15, 1 − 1e-15] (sklearn's `log_loss` before 1.2).
public struct BinaryMetrics: Equatable, Sendable {
  /// The smallest score predicted as class 1.
  public var threshold: Double
  /// The β of ``fBeta``.
  public var beta: Double
  /// Rows are true labels 0 and 1, columns are predictions 0 and 1.
  public var confusion: ConfusionMatrix
  /// `(tp + tn) / n`.
  public var accuracy: Double
  /// `tp / (tp + fp)`, or 0 when no sample is predicted 1.
  public var precision: Double
  /// `tp / (tp + fn)`, or 0 when no label is 1.
  public var recall: Double
  /// `2·tp / (2·tp + fn + fp)`.
  public var f1: Double
  /// `(1 + β²)·tp / ((1 + β²)·tp + β²·fn + fp)`.
  public var fBeta: Double
  /// ROC AUC, or nil when the labels hold only one class (then no pair can be ranked, and
  /// scikit-learn raises an error).
  public var auc: Double?
  /// Mean log loss, or nil when some score lies outside [0, 1] (it is then not a probability).
  public var logloss: Double?

  /// Computes every binary measure.
  ///
  /// - Parameters:
  ///   - scores: one finite score per sample; probabilities of class 1 for `logloss`. Hard 0/1
  ///     predictions are accepted too: auc and logloss are then computed from them as given.
  ///   - labels: 0 or 1, as many as `scores`.
  ///   - threshold: predict 1 when `score ≥ threshold`; 0.5 by default.
  ///   - beta: β ≥ 0 for `fBeta`; 1 by default.
  /// - Throws: ``MetricError`` for empty or unequal arrays, a label other than 0 or 1, a
  ///   non-finite score, a NaN threshold, or a negative or non-finite β.
  public init(
    scores: [Double], labels: [Int], threshold: Double = 0.5, beta: Double = 1
  ) throws(MetricError) {
    try MetricError.checkCounts(scores.count, labels.count, predictionsName: "scores")
    if let i = labels.firstIndex(where: { $0 != 0 && $0 != 1 }) {
      throw MetricError(
        argument: "labels", index: i, value: "\(labels[i])",
        problem: "is not 0 or 1 (binary labels)")
    }
    try MetricError.checkFinite(scores, argument: "scores")
    guard !threshold.isNaN else {
      throw MetricError(argument: "threshold", value: "nan", problem: "is not a number")
    }
    guard beta.isFinite, beta >= 0 else {
      throw MetricError(argument: "beta", value: "\(beta)", problem: "is not a finite number ≥ 0")
    }
    let predicted = scores.map { $0 >= threshold ? 1 : 0 }
    let confusion = ConfusionMatrix(validLabels: labels, predictions: predicted, classCount: 2)
    self.threshold = threshold
    self.beta = beta
    self.confusion = confusion
    accuracy = Double(confusion.correct) / Double(confusion.total)
    precision = confusion.precision(of: 1)
    recall = confusion.recall(of: 1)
    f1 = confusion.fScore(of: 1)
    fBeta = confusion.fScore(of: 1, beta: beta)
    auc = Self.rocAUC(scores: scores, labels: labels)
    logloss = Self.logLoss(probabilities: scores, labels: labels)
  }

  /// `(R₁ − n₁(n₁ + 1)/2) / (n₁·n₀)` with average ranks for ties; nil when n₁ or n₀ is 0.
  /// Inputs validated by `init`.
  static func rocAUC(scores: [Double], labels: [Int]) -> Double? {
    let positives = labels.reduce(0, +)
    let negatives = labels.count - positives
    guard positives > 0, negatives > 0 else { return nil }
    let order = scores.indices.sorted { scores[$0] < scores[$1] }
    var positiveRankSum = 0.0
    var start = 0
    while start < order.count {
      // order[start..<end] is a run of tied scores; it holds ranks start+1 … end (1-based),
      // whose average is (start + 1 + end) / 2.
      var end = start + 1
      while end < order.count, scores[order[end]] == scores[order[start]] { end += 1 }
      let runPositives = order[start..<end].reduce(0) { $0 + labels[$1] }
      positiveRankSum += Double(runPositives) * Double(start + 1 + end) / 2
      start = end
    }
    let n1 = Double(positives)
    return (positiveRankSum - n1 * (n1 + 1) / 2) / (n1 * Double(negatives))
  }

  /// The clip bounds of ``logloss`` and of multiclass cross-entropy: [1e-15, 1 − 1e-15].
  static let probabilityFloor = 1e-15

  /// `−(1/n)·Σ[yᵢ·ln pᵢ + (1 − yᵢ)·ln(1 − pᵢ)]` with pᵢ clipped; nil when some pᵢ ∉ [0, 1].
  /// Inputs validated by `init`.
  static func logLoss(probabilities: [Double], labels: [Int]) -> Double? {
    guard probabilities.allSatisfy({ (0...1).contains($0) }) else { return nil }
    var total = 0.0
    for (p, y) in zip(probabilities, labels) {
      let clipped = min(max(p, probabilityFloor), 1 - probabilityFloor)
      total -= y == 1 ? log(clipped) : log(1 - clipped)
    }
    return total / Double(labels.count)
  }
}
