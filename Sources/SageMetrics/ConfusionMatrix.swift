/// Counts of (true class, predicted class) pairs for classes `0..<classCount`.
///
/// `self[actual: i, predicted: j]` is the number of samples whose label is i and whose prediction
/// is j. Rows are true labels and columns are predictions, as in scikit-learn's
/// `confusion_matrix`, so the diagonal holds the correct predictions, a row sums to the support
/// of its class, and a column sums to how often that class was predicted.
///
/// The matrix is dense, so N is capped at ``maxClassCount``.
public struct ConfusionMatrix: Equatable, Sendable {
  /// The largest N supported: 1,000 classes make 1,000,000 counts (8 MB).
  public static let maxClassCount = 1000

  /// N, the number of classes (rows and columns).
  public let classCount: Int
  /// The N×N counts, row-major: `counts[actual * classCount + predicted]`.
  public private(set) var counts: [Int]

  /// Tallies each (label, prediction) pair.
  ///
  /// - Parameters:
  ///   - labels: true classes, each in `0..<classCount`.
  ///   - predictions: predicted classes, as many as `labels`, each in `0..<classCount`.
  ///   - classCount: N in `1...maxClassCount`.
  /// - Throws: ``MetricError`` for a bad N, a count mismatch, no samples, or a class outside
  ///   `0..<N`.
  public init(labels: [Int], predictions: [Int], classCount: Int) throws(MetricError) {
    guard (1...Self.maxClassCount).contains(classCount) else {
      throw MetricError(
        argument: "classCount", value: "\(classCount)",
        problem: "is not in 1...\(Self.maxClassCount) (classes a dense confusion matrix supports)")
    }
    try MetricError.checkCounts(predictions.count, labels.count, predictionsName: "predictions")
    try MetricError.checkClasses(labels, classCount: classCount, argument: "labels")
    try MetricError.checkClasses(predictions, classCount: classCount, argument: "predictions")
    self.init(validLabels: labels, predictions: predictions, classCount: classCount)
  }

  /// Inputs already validated by the caller.
  init(validLabels labels: [Int], predictions: [Int], classCount: Int) {
    self.classCount = classCount
    counts = Array(repeating: 0, count: classCount * classCount)
    for (actual, predicted) in zip(labels, predictions) {
      counts[actual * classCount + predicted] += 1
    }
  }

  /// The number of samples of class `actual` predicted as `predicted`.
  public subscript(actual actual: Int, predicted predicted: Int) -> Int {
    counts[actual * classCount + predicted]
  }

  /// The counts as rows, one per true class.
  public var rows: [[Int]] {
    (0..<classCount).map { Array(counts[$0 * classCount..<($0 + 1) * classCount]) }
  }

  /// The number of samples, Σ of all counts.
  public var total: Int { counts.reduce(0, +) }

  /// Correct predictions, the trace Σᵢ Cᵢᵢ.
  public var correct: Int { (0..<classCount).reduce(0) { $0 + self[actual: $1, predicted: $1] } }

  /// Samples whose true class is `c`: the row sum Σⱼ C_cj.
  public func support(of c: Int) -> Int {
    (0..<classCount).reduce(0) { $0 + self[actual: c, predicted: $1] }
  }

  /// Samples predicted as `c`: the column sum Σᵢ C_ic.
  public func predictedCount(of c: Int) -> Int {
    (0..<classCount).reduce(0) { $0 + self[actual: $1, predicted: c] }
  }
}

// MARK: - Per-class scores

extension ConfusionMatrix {
  /// `precision_c = tp / (tp + fp) = C_cc / Σᵢ C_ic`, or 0 when class c is never predicted
  /// (scikit-learn's `zero_division=0`).
  public func precision(of c: Int) -> Double {
    ratio(self[actual: c, predicted: c], predictedCount(of: c))
  }

  /// `recall_c = tp / (tp + fn) = C_cc / Σⱼ C_cj`, or 0 when class c never occurs
  /// (scikit-learn's `zero_division=0`).
  public func recall(of c: Int) -> Double {
    ratio(self[actual: c, predicted: c], support(of: c))
  }

  /// `F_β = (1 + β²)·tp / ((1 + β²)·tp + β²·fn + fp)` for class c, or 0 when tp = fp = fn = 0.
  ///
  /// This equals `(1 + β²)·P·R / (β²·P + R)` whenever precision P and recall R are defined; the
  /// count form also settles tp = 0 (F = 0) without dividing by zero. β = 1 gives F1, β > 1
  /// favours recall, β < 1 favours precision.
  public func fScore(of c: Int, beta: Double = 1) -> Double {
    let tp = Double(self[actual: c, predicted: c])
    let fn = Double(support(of: c)) - tp
    let fp = Double(predictedCount(of: c)) - tp
    let b2 = beta * beta
    let denominator = (1 + b2) * tp + b2 * fn + fp
    return denominator > 0 ? (1 + b2) * tp / denominator : 0
  }

  private func ratio(_ numerator: Int, _ denominator: Int) -> Double {
    denominator > 0 ? Double(numerator) / Double(denominator) : 0
  }
}
