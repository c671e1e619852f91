import SageCore

/// Randomized mode, pass 1: a ±1 sketch of the centred rows (spec §5.5, "randomized mode").
///
/// Each row xᵢ gets ℓ random signs rᵢ, so the sketch is B = Σ rᵢ(xᵢ − x̄)ᵀ = Σ rᵢyᵢᵀ − h(Σyᵢ)ᵀ/n,
/// with yᵢ = xᵢ − μ₀ (a provisional mean, for accuracy) and h = Σ rᵢ. The rows of B are random
/// mixtures of the data rows, so they span (approximately) the top principal directions.
/// Signs are drawn row by row, so the sketch does not depend on `mini_batch_size`.
struct RandomizedSketch {
  let width: Int
  private(set) var covariance: CovarianceMoments
  private(set) var sketch: Matrix
  private(set) var signSum: [Double]
  private var random: SeededRandom

  init(featureDim: Int, width: Int, subtractMean: Bool, seed: UInt64) {
    self.width = width
    covariance = CovarianceMoments(featureDim: featureDim, subtractMean: subtractMean)
    sketch = Matrix(rows: width, columns: featureDim)
    signSum = Array(repeating: 0, count: width)
    random = SeededRandom(seed: seed)
  }

  /// B += RᵀY (dgemm), h += colsum(R), and the moments for the mean and total variance.
  mutating func add(_ x: Matrix) {
    let y = covariance.add(x)
    var signs = Matrix(rows: x.rows, columns: width)
    signs.withUnsafeMutableBufferPointer { p in
      for i in p.indices { p[i] = random.sign() }
    }
    for (j, s) in signs.columnSums().enumerated() { signSum[j] += s }
    Matrix.multiplyAdd(signs, y, into: &sketch, transposeA: true)
  }

  /// Bᵀ orthonormalized: the d × ℓ starting basis Q₀ for the power iterations.
  func startingBasis() throws -> Matrix {
    var b = sketch
    if covariance.subtractMean {
      let n = Double(covariance.count)
      for i in 0..<width {
        for j in 0..<b.columns { b[i, j] -= signSum[i] * covariance.shiftedSum[j] / n }
      }
    }
    return try b.transposed().orthonormalColumns()
  }
}

/// One power-iteration pass: Y = Σ xcᵢ(xcᵢᵀQ) = CQ over the centred rows xc = x − x̄ (two dgemms
/// per batch: Z = Xc·Q, then Y += Xcᵀ·Z). C itself (d×d) is never formed.
struct PowerPass {
  let basis: Matrix
  let mean: [Double]?
  private(set) var product: Matrix

  init(basis: Matrix, mean: [Double]?) {
    self.basis = basis
    self.mean = mean
    product = Matrix(rows: basis.rows, columns: basis.columns)
  }

  mutating func add(_ x: Matrix) {
    var xc = x
    if let mean { xc.subtractRowVector(mean) }
    let z = Matrix.multiply(xc, basis)
    Matrix.multiplyAdd(xc, z, into: &product, transposeA: true)
  }
}
