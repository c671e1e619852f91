import Foundation

/// A loss of one prediction z (the linear score x·w + b) against its label y, with its derivative
/// ∂ℓ/∂z: what linear learner (and factorization machines) minimise, averaged over a mini-batch.
///
/// The squared family carries a factor ½ (as MXNet's `LinearRegressionOutput` does), so that
/// ∂ℓ/∂z of `squared_loss` is the plain residual z − y.
public enum ScalarLoss: Sendable, Equatable, Codable {
  /// ½(z − y)²
  case squared
  /// |z − y|
  case absolute
  /// ½·max(|z − y| − ε, 0)²
  case epsInsensitiveSquared(epsilon: Double)
  /// max(|z − y| − ε, 0)
  case epsInsensitiveAbsolute(epsilon: Double)
  /// Pinball loss: τ·r if r ≥ 0, (τ − 1)·r otherwise, where r = y − z.
  case quantile(tau: Double)
  /// ½r² when |r| ≤ δ, δ·(|r| − ½δ) beyond, where r = z − y.
  case huber(delta: Double)
  /// Cross-entropy of σ(z) against y ∈ {0, 1}: log(1 + e^z) − y·z.
  case logistic
  /// max(0, m − s·z) with s = 2y − 1 ∈ {−1, +1}.
  case hinge(margin: Double)

  /// ℓ(z, y).
  @inline(__always)
  public func value(_ z: Double, _ y: Double) -> Double {
    switch self {
    case .squared: let r = z - y; return 0.5 * r * r
    case .absolute: return abs(z - y)
    case .epsInsensitiveSquared(let e): let a = max(abs(z - y) - e, 0); return 0.5 * a * a
    case .epsInsensitiveAbsolute(let e): return max(abs(z - y) - e, 0)
    case .quantile(let tau): let r = y - z; return r >= 0 ? tau * r : (tau - 1) * r
    case .huber(let d):
      let a = abs(z - y)
      return a <= d ? 0.5 * a * a : d * (a - 0.5 * d)
    case .logistic: return softplus(z) - y * z
    case .hinge(let m): return max(0, m - (2 * y - 1) * z)
    }
  }

  /// (ℓ, ∂ℓ/∂z) together; the logistic pair shares one exponential and one logarithm:
  /// e = e^{−|z|}, σ(z) = 1/(1+e) or e/(1+e), ℓ = max(z, 0) + log(1 + e) − y·z.
  @inline(__always)
  public func valueAndDerivative(_ z: Double, _ y: Double) -> (value: Double, derivative: Double) {
    if case .logistic = self {
      let e = exp(-abs(z))
      let p = z >= 0 ? 1 / (1 + e) : e / (1 + e)
      return (max(z, 0) + log(1 + e) - y * z, p - y)
    }
    return (value(z, y), derivative(z, y))
  }

  /// ∂ℓ/∂z (a subgradient where ℓ has a kink: 0 at the kink of |·| and the pinball loss).
  @inline(__always)
  public func derivative(_ z: Double, _ y: Double) -> Double {
    switch self {
    case .squared: return z - y
    case .absolute: return signum(z - y)
    case .epsInsensitiveSquared(let e):
      let r = z - y, a = abs(r) - e
      return a > 0 ? signum(r) * a : 0
    case .epsInsensitiveAbsolute(let e):
      let r = z - y
      return abs(r) > e ? signum(r) : 0
    case .quantile(let tau):
      let r = y - z
      return r > 0 ? -tau : (r < 0 ? 1 - tau : 0)
    case .huber(let d):
      let r = z - y
      return abs(r) <= d ? r : d * signum(r)
    case .logistic: return sigmoid(z) - y
    case .hinge(let m):
      let s = 2 * y - 1
      return m - s * z > 0 ? -s : 0
    }
  }
}

/// log(1 + eᶻ) without overflow: z + log(1 + e⁻ᶻ) for z > 0.
@inline(__always)
public func softplus(_ z: Double) -> Double {
  z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))
}

/// σ(z) = 1 / (1 + e⁻ᶻ), written so that neither branch overflows.
@inline(__always)
public func sigmoid(_ z: Double) -> Double {
  if z >= 0 { return 1 / (1 + exp(-z)) }
  let e = exp(z)
  return e / (1 + e)
}

@inline(__always)
func signum(_ x: Double) -> Double { x > 0 ? 1 : (x < 0 ? -1 : 0) }

/// Softmax cross-entropy over K scores z against the class y ∈ {0 … K−1}:
/// ℓ = log Σₖ e^{zₖ} − z_y, and ∂ℓ/∂zₖ = pₖ − [k = y] with p = softmax(z).
public enum SoftmaxLoss {
  /// Writes pₖ − [k = y] into `gradient` (K values) and returns ℓ. The scores are shifted by
  /// their maximum first, so no exponential overflows.
  @inline(__always)
  public static func lossAndGradient(
    _ z: UnsafePointer<Double>, count k: Int, label y: Int, gradient: UnsafeMutablePointer<Double>
  ) -> Double {
    var top = z[0]
    for c in 1..<k where z[c] > top { top = z[c] }
    var total = 0.0
    for c in 0..<k {
      let e = exp(z[c] - top)
      gradient[c] = e
      total += e
    }
    let inverse = 1 / total
    for c in 0..<k { gradient[c] *= inverse }
    gradient[y] -= 1
    return log(total) + top - z[y]
  }

  /// softmax(z): probabilities that sum to 1.
  public static func probabilities(_ z: [Double]) -> [Double] {
    let top = z.max() ?? 0
    let e = z.map { exp($0 - top) }
    let total = e.reduce(0, +)
    return e.map { $0 / total }
  }
}
