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
  private var signs = Matrix(rows: 0, columns: 0)

  init(featureDim: Int, width: Int, subtractMean: Bool, seed: UInt64) {
    self.width = width
    covariance = CovarianceMoments(featureDim: featureDim, subtractMean: subtractMean)
    sketch = Matrix(rows: width, columns: featureDim)
    signSum = Array(repeating: 0, count: width)
    random = SeededRandom(seed: seed)
  }

  /// B += RᵀY (dgemm), h += colsum(R), and the moments for the mean and total variance.
  mutating func add(_ x: Matrix) {
    signs.reshape(rows: x.rows, columns: width)
    signs.withUnsafeMutableBufferPointer { p in
      for i in p.indices { p[i] = random.sign() }
    }
    for (j, s) in signs.columnSums().enumerated() { signSum[j] += s }
    covariance.add(x) { y in Matrix.multiplyAdd(signs, y, into: &sketch, transposeA: true) }
  }

  /// What the sketch pass leaves: n, x̄, the total scatter, and the sketch centred about x̄.
  var summary: SketchSummary {
    var b = sketch
    if covariance.subtractMean {
      let n = Double(covariance.count)
      for i in 0..<width {
        for j in 0..<b.columns { b[i, j] -= signSum[i] * covariance.shiftedSum[j] / n }
      }
    }
    return SketchSummary(
      count: covariance.count, mean: covariance.mean, totalScatter: covariance.totalScatter, centredSketch: b,
      signSum: signSum, subtractMean: covariance.subtractMean)
  }
}

/// One host's (or the job's) sketch pass: n, x̄, T = Σ‖xᵢ − x̄‖² and B = Σ rᵢ(xᵢ − x̄)ᵀ with
/// h = Σ rᵢ (without centring, T = Σ‖xᵢ‖² and B = Σ rᵢxᵢᵀ). Hosts draw their own signs, so their
/// sketches add: about the joint mean x̄, B = Σ_host [B_host + h_host(x̄_host − x̄)ᵀ].
struct SketchSummary {
  var count: Int
  var mean: [Double]
  var totalScatter: Double
  var centredSketch: Matrix
  var signSum: [Double]
  var subtractMean: Bool

  /// The union of two hosts' rows (the scalar and vector forms of the pairwise formula).
  func merged(with other: SketchSummary) -> SketchSummary {
    guard count > 0, other.count > 0 else { return count > 0 ? self : other }
    let n = count + other.count, share = Double(other.count) / Double(n)
    let delta = zip(mean, other.mean).map { $1 - $0 }
    let joint = zip(mean, delta).map { $0 + $1 * share }
    var b = centredSketch
    var total = totalScatter + other.totalScatter
    for i in 0..<b.rows { for j in 0..<b.columns { b[i, j] += other.centredSketch[i, j] } }
    if subtractMean {
      total += Double(count) * share * delta.reduce(0) { $0 + $1 * $1 }
      for i in 0..<b.rows {
        for j in 0..<b.columns {
          b[i, j] += signSum[i] * (mean[j] - joint[j]) + other.signSum[i] * (other.mean[j] - joint[j])
        }
      }
    }
    return SketchSummary(
      count: n, mean: joint, totalScatter: total, centredSketch: b,
      signSum: zip(signSum, other.signSum).map { $0 + $1 }, subtractMean: subtractMean)
  }

  /// Bᵀ orthonormalized: the d × ℓ starting basis Q₀ for the power iterations.
  func startingBasis() throws -> Matrix { try centredSketch.transposed().orthonormalColumns() }
}

/// One power-iteration pass: Y = Σ xcᵢ(xcᵢᵀQ) = CQ over the centred rows xc = x − x̄, without forming
/// C (d×d) or a centred copy of the batch. With Z = XQ − 1(x̄ᵀQ) (the centred rows times Q),
/// XcᵀZ = XᵀZ − x̄(1ᵀZ): two dgemms per batch, and the rank-one correction once at the end.
/// (The subtraction in Z is first-order, so it loses only ε·‖x̄‖/σ of relative accuracy.)
struct PowerPass {
  let basis: Matrix
  let mean: [Double]?
  private var product: Matrix
  private var zSum: [Double]
  private let meanTimesBasis: [Double]

  init(basis: Matrix, mean: [Double]?) {
    self.basis = basis
    self.mean = mean
    product = Matrix(rows: basis.rows, columns: basis.columns)
    zSum = Array(repeating: 0, count: basis.columns)
    meanTimesBasis = mean.map { Matrix.multiply(basis, vector: $0, transpose: true) } ?? []
  }

  mutating func add(_ x: Matrix) {
    var z = Matrix.multiply(x, basis)
    if mean != nil {
      z.subtractRowVector(meanTimesBasis)
      for (j, s) in z.columnSums().enumerated() { zSum[j] += s }
    }
    Matrix.multiplyAdd(x, z, into: &product, transposeA: true)
  }

  /// Adds another host's pass over its rows (same basis and mean): the products and ΣZ add.
  mutating func add(_ other: PowerPass) {
    for i in 0..<product.rows { for j in 0..<product.columns { product[i, j] += other.product[i, j] } }
    for j in zSum.indices { zSum[j] += other.zSum[j] }
  }

  /// Y = CQ: the accumulated XᵀZ less x̄(ΣZ)ᵀ.
  var result: Matrix {
    guard let mean else { return product }
    var y = product
    for i in 0..<y.rows { for j in 0..<y.columns { y[i, j] -= mean[i] * zSum[j] } }
    return y
  }
}
