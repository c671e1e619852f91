/// SageMaker k-means' test metrics, from each point's squared distance to its closest center.
///
/// With dᵢ = minⱼ ‖xᵢ − cⱼ‖² for the n points:
/// - `ssd = Σᵢ dᵢ`, the sum of squared distances (k-means' objective, scikit-learn's `inertia_`)
/// - `msd = ssd / n`, the mean squared distance (the default `eval_metrics`, `["msd"]`)
public struct ClusteringMetrics: Equatable, Sendable {
  /// Mean squared distance to the closest center: `Σᵢ dᵢ / n`.
  public var msd: Double
  /// Sum of squared distances to the closest center: `Σᵢ dᵢ`.
  public var ssd: Double

  /// - Parameter squaredDistances: dᵢ for each point, finite and ≥ 0, at least one.
  /// - Throws: ``MetricError`` when empty or when a distance is negative or not finite.
  public init(squaredDistances: [Double]) throws(MetricError) {
    guard !squaredDistances.isEmpty else {
      throw MetricError(
        argument: "squaredDistances", problem: "is empty; metrics need at least one point")
    }
    if let i = squaredDistances.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
      throw MetricError(
        argument: "squaredDistances", index: i, value: "\(squaredDistances[i])",
        problem: "is not a finite squared distance ≥ 0")
    }
    ssd = squaredDistances.reduce(0, +)
    msd = ssd / Double(squaredDistances.count)
  }
}
