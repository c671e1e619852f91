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
public struct PolynomialFeatures: Sendable, Equatable {
  public let inputWidth: Int
  public let degree: Int
  public let interactions: Bool
  /// Each output column as the input indices multiplied together (`[0, 0, 1]` = x₀²x₁).
  public let monomials: [[Int]]

  /// The most columns an expansion may produce (beyond it the model, not the lesson, is the cost).
  public static let maximumWidth = 20_000

  public init(inputWidth d: Int, degree p: Int, interactions: Bool = true) throws {
    inputWidth = d
    degree = p
    self.interactions = interactions
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

  /// A readable name per column: `x1`, `x1^2`, `x1*x2` (1-based, as the data file's columns).
  public var columnNames: [String] {
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
