/// Error measures of real-valued predictions ŷ against labels y, optionally weighted.
///
/// With weights wᵢ (all 1 when none are given) and W = Σwᵢ:
/// - `mse  = Σwᵢ(ŷᵢ − yᵢ)² / W`
/// - `rmse = √mse`
/// - `mae  = Σwᵢ|ŷᵢ − yᵢ| / W`
/// - `r2   = 1 − SS_res/SS_tot`, with `SS_res = Σwᵢ(yᵢ − ŷᵢ)²`, `SS_tot = Σwᵢ(yᵢ − ȳ)²` and
///   `ȳ = Σwᵢyᵢ / W` (scikit-learn's `r2_score`).
///
/// When every label is the same, SS_tot = 0 and r2 is undefined. Like scikit-learn's default
/// (`force_finite=True`), `r2` is then 1 if the predictions are perfect (SS_res = 0) and 0
/// otherwise, so a constant validation set cannot turn a report into NaN or −∞.
public struct RegressionMetrics: Equatable, Sendable {
  /// Mean squared error: `Σwᵢ(ŷᵢ − yᵢ)² / Σwᵢ`.
  public var mse: Double
  /// Root mean squared error: `√(Σwᵢ(ŷᵢ − yᵢ)² / Σwᵢ)`, in the units of the labels.
  public var rmse: Double
  /// Mean absolute error: `Σwᵢ|ŷᵢ − yᵢ| / Σwᵢ`.
  public var mae: Double
  /// Coefficient of determination: `1 − SS_res/SS_tot` (1 is perfect, 0 is no better than
  /// predicting the mean, negative is worse than that).
  public var r2: Double

  /// Computes the four measures.
  ///
  /// - Parameters:
  ///   - predictions: ŷ, one finite value per sample.
  ///   - labels: y, as many finite values as `predictions`.
  ///   - weights: optional wᵢ ≥ 0, one per sample, not all zero (scikit-learn's `sample_weight`).
  /// - Throws: ``MetricError`` for empty or unequal arrays, non-finite values, or bad weights.
  public init(predictions: [Double], labels: [Double], weights: [Double]? = nil) throws(MetricError)
  {
    try MetricError.checkCounts(predictions.count, labels.count, predictionsName: "predictions")
    try MetricError.checkFinite(predictions, argument: "predictions")
    try MetricError.checkFinite(labels, argument: "labels")
    let w = try Self.checkedWeights(weights, count: labels.count)
    let totalWeight = w.reduce(0, +)
    let labelMean = zip(w, labels).reduce(0) { $0 + $1.0 * $1.1 } / totalWeight
    var squared = 0.0
    var absolute = 0.0
    var spread = 0.0
    for i in labels.indices {
      let residual = predictions[i] - labels[i]
      squared += w[i] * residual * residual
      absolute += w[i] * abs(residual)
      spread += w[i] * (labels[i] - labelMean) * (labels[i] - labelMean)
    }
    mse = squared / totalWeight
    rmse = mse.squareRoot()
    mae = absolute / totalWeight
    r2 = Self.coefficientOfDetermination(residualSum: squared, totalSum: spread)
  }

  /// `1 − SS_res/SS_tot`; for SS_tot = 0, 1 when SS_res = 0 and 0 otherwise (sklearn's
  /// `force_finite`).
  static func coefficientOfDetermination(residualSum: Double, totalSum: Double) -> Double {
    if totalSum > 0 { return 1 - residualSum / totalSum }
    return residualSum == 0 ? 1 : 0
  }

  /// The weights to use: all 1 when none are given; otherwise finite, ≥ 0 and not all 0.
  static func checkedWeights(_ weights: [Double]?, count: Int) throws(MetricError) -> [Double] {
    guard let weights else { return Array(repeating: 1, count: count) }
    guard weights.count == count else {
      throw MetricError(
        argument: "weights",
        problem: "has \(counted(weights.count, "value")) but labels has \(count)")
    }
    if let i = weights.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
      throw MetricError(
        argument: "weights", index: i, value: "\(weights[i])", problem: "is not a finite weight ≥ 0"
      )
    }
    guard weights.contains(where: { $0 > 0 }) else {
      throw MetricError(argument: "weights", problem: "are all 0; at least one must be positive")
    }
    return weights
  }
}
