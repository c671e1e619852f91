import SageCore

/// Regular mode: the scatter matrix C = Σᵢ(xᵢ − x̄)(xᵢ − x̄)ᵀ, accumulated one mini-batch at a time
/// in d×d memory (spec §5.5, "regular mode").
///
/// SageMaker's formula is C = Σxᵢxᵢᵀ − (1/n)(Σxᵢ)(Σxᵢ)ᵀ. Computed literally it loses digits when the
/// mean is large beside the spread, so the rows are first shifted by a provisional mean μ₀ (the
/// first batch's): with yᵢ = xᵢ − μ₀, C = Σyᵢyᵢᵀ − (1/n)(Σyᵢ)(Σyᵢ)ᵀ exactly, and both terms are small.
struct CovarianceAccumulator {
  /// Each mini-batch's rows are split into this many fixed blocks, one per core, each adding to
  /// its own Gram matrix; the blocks' sums are added in block order at the end. A constant (not
  /// the core count), so that a seed gives the same bits on any machine.
  static let rowBlocks = 2

  private(set) var moments: CovarianceMoments
  /// Upper triangles of Σ YᵀY, one per row block.
  private var partialGrams: [Matrix]

  init(featureDim: Int, subtractMean: Bool) {
    moments = CovarianceMoments(featureDim: featureDim, subtractMean: subtractMean)
    partialGrams = Array(repeating: Matrix(rows: featureDim, columns: featureDim), count: Self.rowBlocks)
  }

  /// Adds a batch of rows: Σy += colsum(Y), and per row block b, G_b += Y_bᵀY_b (dsyrk), the
  /// blocks on both cores.
  mutating func add(_ x: Matrix) {
    moments.add(x) { y in
      let blocks = Parallel.ranges(of: y.rows, chunks: Self.rowBlocks)
      partialGrams.withUnsafeMutableBufferPointer { grams in
        _ = Parallel.map(blocks.count, chunks: blocks.count) { slot in
          let b = slot.lowerBound
          Matrix.addGramUpperTriangle(of: y, rows: blocks[b], into: &grams[b])
        }
      }
    }
  }

  /// Σ yyᵀ = Σ_b G_b, added in block order and made symmetric.
  var gram: Matrix {
    var total = partialGrams[0]
    for b in 1..<partialGrams.count {
      total.withUnsafeMutableBufferPointer { t in
        partialGrams[b].withUnsafeBufferPointer { g in
          for i in t.indices { t[i] += g[i] }
        }
      }
    }
    total.mirrorUpperTriangle()
    return total
  }

  /// C = Σyyᵀ − (1/n)(Σy)(Σy)ᵀ when centring; Σxxᵀ otherwise.
  var scatter: Matrix {
    var c = gram
    guard moments.subtractMean else { return c }
    let s = moments.shiftedSum, n = Double(moments.count)
    for i in 0..<s.count {
      for j in 0..<s.count { c[i, j] -= s[i] * s[j] / n }
    }
    return c
  }
}

/// The top principal directions of a data set, largest first.
struct PrincipalDirections {
  /// Eigenvalues of the scatter matrix (= squared singular values of the centred data), descending.
  var scatterValues: [Double]
  /// d × k, column j the unit direction of `scatterValues[j]`.
  var directions: Matrix
  /// trace(C) = Σ‖xᵢ − x̄‖²: the total variance times (n − 1).
  var totalScatter: Double
  var mean: [Double]
  var count: Int
}

extension CovarianceAccumulator {
  /// What this pass leaves for the eigenproblem: n, x̄ and C.
  var summary: ScatterSummary {
    ScatterSummary(count: moments.count, mean: moments.mean, scatter: scatter, subtractMean: moments.subtractMean)
  }
}

/// One host's (or the whole job's) statistics: n, x̄ and the scatter C — centred about x̄ when
/// subtract_mean is on, else Σxxᵀ. Hosts' summaries merge exactly (up to rounding), so PCA on
/// several hosts finds the components of all the data, as SageMaker's workers' summaries are
/// "unified into one solution" before the decomposition.
struct ScatterSummary {
  var count: Int
  var mean: [Double]
  var scatter: Matrix
  var subtractMean: Bool

  /// The pairwise formula (Chan, Golub & LeVeque 1979) for the union of two row sets:
  /// with δ = x̄_b − x̄_a and n = n_a + n_b, x̄ = x̄_a + δ·n_b/n and C = C_a + C_b + (n_a·n_b/n)·δδᵀ
  /// (the last term only when centring; Σxxᵀ simply adds).
  func merged(with other: ScatterSummary) -> ScatterSummary {
    let n = count + other.count
    guard count > 0, other.count > 0 else { return count > 0 ? self : other }
    let delta = zip(mean, other.mean).map { $1 - $0 }
    let share = Double(other.count) / Double(n)
    var c = scatter
    c.withUnsafeMutableBufferPointer { p in
      other.scatter.withUnsafeBufferPointer { q in for i in p.indices { p[i] += q[i] } }
    }
    if subtractMean {
      let weight = Double(count) * share
      let d = delta.count
      for i in 0..<d { for j in 0..<d { c[i, j] += weight * delta[i] * delta[j] } }
    }
    return ScatterSummary(
      count: n, mean: zip(mean, delta).map { $0 + $1 * share }, scatter: c, subtractMean: subtractMean)
  }

  /// The top `k` eigenpairs of C (dsyevd returns them ascending; taken from the end).
  func principalDirections(_ k: Int) throws -> PrincipalDirections {
    let c = scatter
    let (values, vectors) = try c.symmetricEigen()
    let d = c.rows
    var top = Matrix(rows: d, columns: k)
    for j in 0..<k {
      for i in 0..<d { top[i, j] = vectors[i, d - 1 - j] }
    }
    let trace = (0..<d).reduce(0.0) { $0 + c[$1, $1] }
    return PrincipalDirections(
      scatterValues: (0..<k).map { max(values[d - 1 - $0], 0) }, directions: top,
      totalScatter: trace, mean: mean, count: count)
  }
}

extension Matrix {
  /// Flips each column's sign so that its entry of largest magnitude is positive (scikit-learn's
  /// `svd_flip` on the components): eigenvectors are defined up to sign, and this fixes one.
  mutating func fixColumnSigns() {
    for j in 0..<columns {
      var best = 0
      for i in 0..<rows where abs(self[i, j]) > abs(self[best, j]) { best = i }
      if self[best, j] < 0 { for i in 0..<rows { self[i, j] = -self[i, j] } }
    }
  }
}
