import SageCore

/// Running first and second moments used by randomized mode: n, Σy and Σ‖y‖² (y = x − μ₀).
struct CovarianceMoments {
  let featureDim: Int
  let subtractMean: Bool
  private(set) var shift: [Double]?
  private(set) var shiftedSum: [Double]
  private(set) var sumOfSquares = 0.0
  private(set) var count = 0

  init(featureDim: Int, subtractMean: Bool) {
    self.featureDim = featureDim
    self.subtractMean = subtractMean
    shiftedSum = Array(repeating: 0, count: featureDim)
  }

  /// Records a batch and returns its shifted rows Y = X − 1μ₀ᵀ.
  mutating func add(_ x: Matrix) -> Matrix {
    var y = x
    if subtractMean {
      if shift == nil { shift = y.columnSums().map { $0 / Double(y.rows) } }
      y.subtractRowVector(shift!)
    }
    for (j, s) in y.columnSums().enumerated() { shiftedSum[j] += s }
    sumOfSquares += y.values.reduce(0) { $0 + $1 * $1 }
    count += x.rows
    return y
  }

  /// x̄ = μ₀ + Σy/n.
  var mean: [Double] {
    let base = shift ?? Array(repeating: 0, count: featureDim)
    return zip(base, shiftedSum).map { $0 + $1 / Double(max(count, 1)) }
  }

  /// Σ‖xᵢ − x̄‖² = Σ‖yᵢ‖² − ‖Σy‖²/n (or Σ‖xᵢ‖² when not centring).
  var totalScatter: Double {
    guard subtractMean else { return sumOfSquares }
    return sumOfSquares - shiftedSum.reduce(0) { $0 + $1 * $1 } / Double(max(count, 1))
  }
}
