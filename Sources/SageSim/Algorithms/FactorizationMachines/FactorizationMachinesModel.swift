import Foundation
import SageCore
import SageIO

/// A trained second-order factorization machine (Rendle 2010, eq. 1):
///
///     ŷ(x) = w₀ + Σᵢ wᵢxᵢ + Σᵢ<ⱼ ⟨vᵢ, vⱼ⟩ xᵢxⱼ
///
/// - regressor: score = ŷ.
/// - binary_classifier: score = σ(ŷ) = P(label = 1), predicted_label = 1 when score ≥ 0.5.
///
/// The JSON names follow SageMaker's MXNet checkpoint (spec §7.4): `w0_weight` the bias,
/// `w1_weight` the d linear weights, `v` the d × k factors (one row of k per feature).
public struct FactorizationMachinesModel: TrainedModel, Equatable {
  public var featureDim: Int
  public var numFactors: Int
  public var predictorType: FactorizationMachinesHyperparameters.PredictorType
  public var w0: Double
  public var w: [Double]
  /// Row-major d × k: v[i·k + f] is factor f of feature i.
  public var v: [Double]

  public init(
    featureDim: Int, numFactors: Int, predictorType: FactorizationMachinesHyperparameters.PredictorType,
    w0: Double, w: [Double], v: [Double]
  ) {
    precondition(w.count == featureDim && v.count == featureDim * numFactors)
    self.featureDim = featureDim
    self.numFactors = numFactors
    self.predictorType = predictorType
    self.w0 = w0
    self.w = w
    self.v = v
  }

  enum CodingKeys: String, CodingKey {
    case featureDim = "feature_dim", numFactors = "num_factors", predictorType = "predictor_type"
    case w0 = "w0_weight", w = "w1_weight", v
  }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let d = try c.decode(Int.self, forKey: .featureDim), k = try c.decode(Int.self, forKey: .numFactors)
    let w = try c.decode([Double].self, forKey: .w), rows = try c.decode([[Double]].self, forKey: .v)
    guard w.count == d, rows.count == d, rows.allSatisfy({ $0.count == k }) else {
      throw DecodingError.dataCorrupted(.init(codingPath: [CodingKeys.v], debugDescription: "w1_weight must hold feature_dim = \(d) values and v feature_dim rows of num_factors = \(k)"))
    }
    self.init(featureDim: d, numFactors: k, predictorType: try c.decode(FactorizationMachinesHyperparameters.PredictorType.self, forKey: .predictorType),
              w0: try c.decode(Double.self, forKey: .w0), w: w, v: rows.flatMap { $0 })
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(featureDim, forKey: .featureDim)
    try c.encode(numFactors, forKey: .numFactors)
    try c.encode(predictorType, forKey: .predictorType)
    try c.encode(w0, forKey: .w0)
    try c.encode(w, forKey: .w)
    let k = numFactors
    try c.encode((0..<featureDim).map { Array(v[$0 * k..<($0 + 1) * k]) }, forKey: .v)
  }

  /// ŷ of every row (the raw score, before σ for a classifier), O(k·nnz) per row.
  public func margins(_ x: SparseMatrix) -> [Double] {
    var out = [Double](repeating: 0, count: x.rows)
    var sums = [Double](repeating: 0, count: numFactors)
    w.withUnsafeBufferPointer { w in
      v.withUnsafeBufferPointer { v in
        x.columnIndices.withUnsafeBufferPointer { cols in
          x.values.withUnsafeBufferPointer { vals in
            sums.withUnsafeMutableBufferPointer { s in
              let p = FMParameters(w0: w0, w: w, v: v, k: numFactors)
              for r in 0..<x.rows {
                out[r] = p.margin(cols, vals, x.rowStart[r]..<x.rowStart[r + 1], sums: s)
              }
            }
          }
        }
      }
    }
    return out
  }

  /// The response score of a margin: ŷ for a regressor, σ(ŷ) for a classifier.
  func score(_ margin: Double) -> Double {
    predictorType == .regressor ? margin : sigmoid(margin)
  }

  public func predict(_ features: Features) throws -> Predictions {
    guard features.columns == featureDim else {
      throw TrainingError("the input has \(features.columns) features per row; this factorization-machines model was trained on feature_dim = \(featureDim)")
    }
    let rows: [[(key: String, value: Predictions.Value)]] = margins(features.compressedRows()).map { z in
      let s = score(z)
      switch predictorType {
      case .regressor: return [("score", .number(s))]
      case .binaryClassifier: return [("score", .number(s)), ("predicted_label", .number(s >= 0.5 ? 1 : 0))]
      }
    }
    return Predictions(rows: rows)
  }
}

extension Features {
  /// The rows in CSR form: sparse input as it is; dense rows with their zeros dropped (an FM's
  /// terms for a zero feature vanish, so this changes no score).
  func compressedRows() -> SparseMatrix {
    switch self {
    case .sparse(let s): return s
    case .dense(let m):
      var starts = [0], cols: [Int32] = [], vals: [Double] = []
      starts.reserveCapacity(m.rows + 1)
      m.withUnsafeBufferPointer { p in
        for r in 0..<m.rows {
          for c in 0..<m.columns where p[r * m.columns + c] != 0 {
            cols.append(Int32(c))
            vals.append(p[r * m.columns + c])
          }
          starts.append(cols.count)
        }
      }
      return SparseMatrix(rows: m.rows, columns: m.columns, rowStart: starts, columnIndices: cols, values: vals)
    }
  }
}
