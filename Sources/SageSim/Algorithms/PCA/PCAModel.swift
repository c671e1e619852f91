import SageCore
import SageIO

/// A trained PCA model, laid out as SageMaker's `model_algo-1` (spec §5.4): `mean` (d),
/// `v` (d × num_components, one column per component) and `s` (singular values), all in
/// **ascending** order of singular value, so the largest component comes last. Projections
/// use the same order.
public struct PCAModel: TrainedModel, Equatable {
  public var featureDim: Int
  public var subtractMean: Bool
  public var mean: [Double]
  /// d rows of num_components values: column j is component j (ascending order).
  public var v: [[Double]]
  /// Singular values of the (centred) training data, ascending.
  public var s: [Double]
  /// s²/(n − 1): the variance along each component, ascending.
  public var explainedVariance: [Double]
  /// Each component's share of the total variance, ascending.
  public var explainedVarianceRatio: [Double]
  /// Training rows seen.
  public var rowsSeen: Int

  enum CodingKeys: String, CodingKey {
    case featureDim = "feature_dim"
    case subtractMean = "subtract_mean"
    case mean, v, s
    case explainedVariance = "explained_variance"
    case explainedVarianceRatio = "explained_variance_ratio"
    case rowsSeen = "rows_seen"
  }

  public var numComponents: Int { s.count }

  /// V as a d × k matrix.
  var components: Matrix { Matrix(rowArrays: v) }

  /// projection = (x − mean)·V (or x·V when subtract_mean is false), one row per input row.
  public func project(_ x: Matrix) -> Matrix {
    var centred = x
    if subtractMean { centred.subtractRowVector(mean) }
    return Matrix.multiply(centred, components)
  }

  public func predict(_ features: Features) throws -> Predictions {
    guard features.columns == featureDim else {
      throw TrainingError("the input has \(features.columns) features per row; this PCA model was trained on feature_dim = \(featureDim)")
    }
    let projected = project(features.dense())
    let rows = (0..<projected.rows).map { i in
      [(key: "projection", value: Predictions.Value.vector(projected.row(i)))]
    }
    return Predictions(topKey: "projections", rows: rows)
  }
}

extension Matrix {
  /// Subtracts `vector` from every row: X − 1·vᵀ.
  mutating func subtractRowVector(_ vector: [Double]) {
    precondition(vector.count == columns)
    let d = columns, n = rows
    withUnsafeMutableBufferPointer { p in
      vector.withUnsafeBufferPointer { v in
        for i in 0..<n {
          let base = i * d
          for j in 0..<d { p[base + j] -= v[j] }
        }
      }
    }
  }
}
