import Foundation

/// Quality of a classifier over classes `0..<N`, from predicted labels or per-class probabilities.
///
/// From the N×N ``confusion`` matrix C (rows = true class, columns = predicted class):
/// - `accuracy = Σ_c C_cc / n`
/// - per class c: `precision_c = C_cc / Σᵢ C_ic`, `recall_c = C_cc / Σⱼ C_cj`,
///   `f1_c = 2·tp_c / (2·tp_c + fp_c + fn_c)`, each 0 when its denominator is 0
/// - `macro_x = (1/N)·Σ_c x_c`, the unweighted mean over **all** N classes. A class that never
///   occurs and is never predicted still counts, with precision, recall and F1 of 0: this is
///   scikit-learn's `average="macro"` with `labels=range(N)` and `zero_division=0`.
///
/// From probability rows pᵢ (one value per class) there are two more:
/// - `cross_entropy = −(1/n)·Σᵢ ln p_{i,yᵢ}`, with p clipped to [1e-15, 1 − 1e-15]. Rows are used
///   as given (not renormalised). Nil when some entry lies outside [0, 1].
/// - `top_k_accuracy`: the share of samples whose true class is among the k highest entries of
///   its row. Ties are broken towards the lower class index: class c outranks class d when
///   `p_c > p_d`, or `p_c = p_d` and `c < d`. (scikit-learn's argsort leaves ties to its sort.)
///   With k ≥ N every sample counts, so it is 1.
///
/// The predicted label of a probability row is its arg max, ties again going to the lower index.
public struct MulticlassMetrics: Equatable, Sendable {
  /// N, the number of classes.
  public var classCount: Int
  /// The N×N counts; rows are true classes, columns predicted classes.
  public var confusion: ConfusionMatrix
  /// `Σ_c C_cc / n`.
  public var accuracy: Double
  /// `precision_c` for each class c.
  public var precision: [Double]
  /// `recall_c` for each class c.
  public var recall: [Double]
  /// `f1_c` for each class c.
  public var f1: [Double]
  /// `(1/N)·Σ_c precision_c`.
  public var macroPrecision: Double
  /// `(1/N)·Σ_c recall_c`.
  public var macroRecall: Double
  /// `(1/N)·Σ_c f1_c`.
  public var macroF1: Double
  /// Mean `−ln p_true`; nil without probabilities or when a row holds a value outside [0, 1].
  public var crossEntropy: Double?
  /// The k of ``topKAccuracy``; nil without probabilities.
  public var topK: Int?
  /// Share of samples whose true class is among the k most probable; nil without probabilities.
  public var topKAccuracy: Double?

  /// Measures from hard predictions.
  ///
  /// - Parameters:
  ///   - predictedLabels: one predicted class ≥ 0 per sample.
  ///   - labels: true classes ≥ 0, as many as `predictedLabels`.
  ///   - classCount: N; by default the largest label or prediction + 1 (at most
  ///     ``ConfusionMatrix/maxClassCount``). When given, every label and prediction must be below
  ///     it; a larger N adds classes with no samples, which lower the macro means.
  /// - Throws: ``MetricError`` for empty or unequal arrays or a class outside `0..<N`.
  public init(predictedLabels: [Int], labels: [Int], classCount: Int? = nil) throws(MetricError) {
    let largest = max(predictedLabels.max() ?? 0, labels.max() ?? 0)
    let n = classCount ?? min(largest, ConfusionMatrix.maxClassCount - 1) + 1
    let confusion = try ConfusionMatrix(labels: labels, predictions: predictedLabels, classCount: n)
    self.init(confusion: confusion)
  }

  /// Measures from probability rows, including cross-entropy and top-k accuracy.
  ///
  /// - Parameters:
  ///   - probabilities: one row per sample of N finite values (N = the first row's width),
  ///     the score of each class; probabilities for `crossEntropy`.
  ///   - labels: true classes in `0..<N`, as many as rows.
  ///   - topK: k ≥ 1 for ``topKAccuracy``; 3 by default (SageMaker's `accuracy_top_k`).
  /// - Throws: ``MetricError`` for empty or unequal arrays, empty or ragged rows, non-finite
  ///   values, a label outside `0..<N`, or k < 1.
  public init(probabilities: [[Double]], labels: [Int], topK: Int = 3) throws(MetricError) {
    try MetricError.checkCounts(probabilities.count, labels.count, predictionsName: "probabilities")
    let width = probabilities[0].count
    guard (1...ConfusionMatrix.maxClassCount).contains(width) else {
      throw MetricError(
        argument: "probabilities", index: 0,
        problem:
          "has \(counted(width, "value")); rows need 1 to "
          + "\(ConfusionMatrix.maxClassCount) class scores"
      )
    }
    for (i, row) in probabilities.enumerated() {
      guard row.count == width else {
        throw MetricError(
          argument: "probabilities", index: i,
          problem: "has \(counted(row.count, "value")) but probabilities[0] has \(width)")
      }
      if let j = row.firstIndex(where: { !$0.isFinite }) {
        throw MetricError(
          argument: "probabilities", index: i, value: "\(row[j])", problem: "is not a finite number"
        )
      }
    }
    try MetricError.checkClasses(labels, classCount: width, argument: "labels")
    guard topK >= 1 else {
      throw MetricError(argument: "topK", value: "\(topK)", problem: "is not ≥ 1")
    }
    let predicted = probabilities.map(Self.argMax)
    self.init(
      confusion: ConfusionMatrix(validLabels: labels, predictions: predicted, classCount: width))
    crossEntropy = Self.crossEntropy(probabilities: probabilities, labels: labels)
    self.topK = topK
    let hits = zip(probabilities, labels).filter { Self.rank(of: $1, in: $0) < topK }.count
    topKAccuracy = Double(hits) / Double(labels.count)
  }

  private init(confusion: ConfusionMatrix) {
    let classes = 0..<confusion.classCount
    let n = Double(confusion.classCount)
    self.classCount = confusion.classCount
    self.confusion = confusion
    accuracy = Double(confusion.correct) / Double(confusion.total)
    precision = classes.map { confusion.precision(of: $0) }
    recall = classes.map { confusion.recall(of: $0) }
    f1 = classes.map { confusion.fScore(of: $0) }
    macroPrecision = precision.reduce(0, +) / n
    macroRecall = recall.reduce(0, +) / n
    macroF1 = f1.reduce(0, +) / n
  }

  /// The index of the largest entry, the lowest such index on a tie.
  static func argMax(_ row: [Double]) -> Int {
    var best = 0
    for c in row.indices where row[c] > row[best] { best = c }
    return best
  }

  /// How many classes outrank class c in this row (0 = the top): those d with `p_d > p_c`, or
  /// `p_d = p_c` and `d < c`. Class c is in the top k exactly when this is < k.
  static func rank(of c: Int, in row: [Double]) -> Int {
    row.indices.reduce(0) { count, d in
      count + ((row[d] > row[c] || (row[d] == row[c] && d < c)) ? 1 : 0)
    }
  }

  /// `−(1/n)·Σᵢ ln clip(p_{i,yᵢ})`; nil when some entry lies outside [0, 1].
  static func crossEntropy(probabilities: [[Double]], labels: [Int]) -> Double? {
    guard probabilities.allSatisfy({ $0.allSatisfy { (0...1).contains($0) } }) else { return nil }
    let floor = BinaryMetrics.probabilityFloor
    let total = zip(probabilities, labels).reduce(0.0) { sum, sample in
      sum - log(min(max(sample.0[sample.1], floor), 1 - floor))
    }
    return total / Double(labels.count)
  }
}
