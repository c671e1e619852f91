import SageCore
import SageIO

/// Polynomial feature expansion, a sagesim preprocessing step (SageMaker has no such
/// hyperparameter: there you would expand the features before uploading them).
///
/// Degree p over d inputs gives every monomial x_{i₁}·x_{i₂}···x_{i_k} with 1 ≤ k ≤ p and
/// i₁ ≤ i₂ ≤ … ≤ i_k, ordered by degree, then lexicographically — scikit-learn's
/// `PolynomialFeatures(degree=p, include_bias=False)` order: for (a, b) and p = 2,
/// `a, b, a², ab, b²`. That is C(d + p, p) − 1 columns. Without interactions only the powers
/// remain, degree by degree: `a, b, a², b², …` (d·p columns).
///
/// The Legendre basis spans the same functions but replaces each power x^k by the Legendre
/// polynomial P_k(u) of u = 2(x − lo)/(hi − lo) − 1 (lo, hi: the feature's range in the training
/// rows), so a column `[0, 0, 1]` is P₂(u₀)·P₁(u₁). Powers of one feature are almost collinear
/// (x¹³ and x¹⁵ correlate above 0.99 on [−1, 1]); Legendre polynomials are orthogonal on a
/// uniform interval, so a gradient method reaches the least-squares fit in far fewer steps.
/// P₀ = 1, P₁ = u, (k + 1)P_{k+1} = (2k + 1)u·P_k − k·P_{k−1}.
public struct PolynomialFeatures: Sendable, Equatable {
  public enum Basis: String, CaseIterable, Sendable, Codable { case monomial, legendre }

  public let inputWidth: Int
  public let degree: Int
  public let interactions: Bool
  public let basis: Basis
  /// Legendre only: each feature's [lo, hi] mapped onto [−1, 1].
  public let ranges: [ClosedRange<Double>]
  /// Each output column as the input indices multiplied together (`[0, 0, 1]` = x₀²x₁).
  public let monomials: [[Int]]

  /// The most columns an expansion may produce (beyond it the model, not the lesson, is the cost).
  public static let maximumWidth = 20_000

  public init(inputWidth d: Int, degree p: Int, interactions: Bool = true, basis: Basis = .monomial, ranges: [ClosedRange<Double>] = []) throws {
    inputWidth = d
    degree = p
    self.interactions = interactions
    self.basis = basis
    self.ranges = basis == .legendre ? (ranges.count == d ? ranges : [ClosedRange<Double>](repeating: -1...1, count: d)) : []
    let width = interactions ? Self.binomial(d + p, p) - 1 : d * p
    guard width <= Self.maximumWidth else {
      throw TrainingError("polynomial_degree = \(p) over \(d) features gives \(width) columns (more than \(Self.maximumWidth)); lower the degree or set polynomial_interactions=false (\(d * p) columns)")
    }
    var out: [[Int]] = []
    if interactions {
      var level: [[Int]] = (0..<d).map { [$0] }
      for k in 1...max(p, 1) {
        out += level
        guard k < p else { break }
        level = level.flatMap { m in (m.last!..<d).map { m + [$0] } }
      }
    } else {
      for k in 1...max(p, 1) { for i in 0..<d { out.append([Int](repeating: i, count: k)) } }
    }
    monomials = out
  }

  public var outputWidth: Int { monomials.count }

  /// A readable name per column: `x1`, `x1^2`, `x1*x2` (1-based, as the data file's columns);
  /// `P2(x1)` in the Legendre basis.
  public var columnNames: [String] {
    basis == .monomial ? monomialNames : monomials.map { m in
      var parts: [String] = [], i = 0
      while i < m.count {
        var j = i
        while j < m.count && m[j] == m[i] { j += 1 }
        parts.append("P\(j - i)(x\(m[i] + 1))")
        i = j
      }
      return parts.joined(separator: "*")
    }
  }

  private var monomialNames: [String] {
    monomials.map { m in
      var parts: [String] = []
      var i = 0
      while i < m.count {
        var j = i
        while j < m.count && m[j] == m[i] { j += 1 }
        parts.append("x\(m[i] + 1)" + (j - i > 1 ? "^\(j - i)" : ""))
        i = j
      }
      return parts.joined(separator: "*")
    }
  }

  /// The expanded rows (n × outputWidth).
  public func expand(_ x: Matrix) -> Matrix {
    basis == .legendre ? expand(legendreTable(x), from: degree + 1) : expandMonomials(x)
  }

  /// P_k(u_i) for every row, feature i and k ≤ degree (n × d·(degree + 1), feature-major).
  func legendreTable(_ x: Matrix) -> Matrix {
    let k = degree + 1
    var out = Matrix(rows: x.rows, columns: inputWidth * k)
    for r in 0..<x.rows {
      for i in 0..<inputWidth {
        let range = ranges[i], span = range.upperBound - range.lowerBound
        let u = span > 0 ? 2 * (x[r, i] - range.lowerBound) / span - 1 : 0
        var previous = 1.0, current = u
        out[r, i * k] = 1
        if k > 1 { out[r, i * k + 1] = u }
        for n in stride(from: 1, to: k - 1, by: 1) {
          let next = (Double(2 * n + 1) * u * current - Double(n) * previous) / Double(n + 1)
          previous = current
          current = next
          out[r, i * k + n + 1] = next
        }
      }
    }
    return out
  }

  /// Products of table entries: a monomial with feature i repeated m times picks P_m(u_i).
  private func expand(_ table: Matrix, from k: Int) -> Matrix {
    var out = Matrix(rows: table.rows, columns: outputWidth)
    for r in 0..<table.rows {
      for (c, m) in monomials.enumerated() {
        var v = 1.0, i = 0
        while i < m.count {
          var j = i
          while j < m.count && m[j] == m[i] { j += 1 }
          v *= table[r, m[i] * k + (j - i)]
          i = j
        }
        out[r, c] = v
      }
    }
    return out
  }

  private func expandMonomials(_ x: Matrix) -> Matrix {
    precondition(x.columns == inputWidth, "expansion built for \(inputWidth) inputs, given \(x.columns)")
    var out = Matrix(rows: x.rows, columns: outputWidth)
    let width = outputWidth
    x.withUnsafeBufferPointer { input in
      out.withUnsafeMutableBufferPointer { output in
        for r in 0..<x.rows {
          let row = input.baseAddress! + r * inputWidth
          for (c, m) in monomials.enumerated() {
            var v = 1.0
            for i in m { v *= row[i] }
            output[r * width + c] = v
          }
        }
      }
    }
    return out
  }

  /// The batch with its features expanded (sparse rows are made dense first); labels, weights
  /// and line numbers unchanged.
  public func expand(_ batch: DataBatch) -> DataBatch {
    var out = batch
    out.features = .dense(expand(batch.features.dense()))
    return out
  }

  static func binomial(_ n: Int, _ k: Int) -> Int {
    var result = 1.0
    for i in 0..<k { result = result * Double(n - i) / Double(i + 1) }
    return result > Double(Int.max / 2) ? Int.max / 2 : Int(result.rounded())
  }
}
