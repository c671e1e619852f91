import Foundation

/// A Gaussian-process regression model with a Matérn 5/2 kernel, one length scale per feature:
///
///     k(a, b) = σ² · (1 + √5·r + 5r²/3) · exp(−√5·r),   r² = Σᵢ (aᵢ − bᵢ)² / ℓᵢ²
///
/// Observations carry noise variance σₙ². With K = k(X, X) + σₙ²·I = L·Lᵀ and α = K⁻¹·y, the
/// posterior at x is mean k(x, X)·α and variance k(x, x) − vᵀv with v = L⁻¹·k(X, x).
public struct GaussianProcess: Sendable {
  public let points: [[Double]]
  public let lengthScales: [Double]
  public let signalVariance: Double
  public let noiseVariance: Double
  let cholesky: [Double]  // lower triangle, n × n row-major
  let alpha: [Double]
  /// log p(y | X) under these kernel settings.
  public let logMarginalLikelihood: Double

  /// Conditions the process on `values` at `points` (fails when K is not positive definite).
  public init?(points: [[Double]], values: [Double], lengthScales: [Double], signalVariance: Double = 1, noiseVariance: Double) {
    let n = points.count
    self.points = points
    self.lengthScales = lengthScales
    self.signalVariance = signalVariance
    self.noiseVariance = noiseVariance
    var k = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
      for j in 0...i {
        let v = Self.kernel(points[i], points[j], lengthScales, signalVariance) + (i == j ? noiseVariance : 0)
        k[i * n + j] = v
        k[j * n + i] = v
      }
    }
    guard let l = Self.choleskyFactor(k, n) else { return nil }
    cholesky = l
    let z = Self.forward(l, n, values)
    alpha = Self.backward(l, n, z)
    var logDet = 0.0
    for i in 0..<n { logDet += log(l[i * n + i]) }
    logMarginalLikelihood = -0.5 * zip(z, z).reduce(0) { $0 + $1.0 * $1.1 } - logDet - 0.5 * Double(n) * log(2 * Double.pi)
  }

  /// Matérn 5/2 between two points.
  public static func kernel(_ a: [Double], _ b: [Double], _ lengthScales: [Double], _ signalVariance: Double) -> Double {
    var r2 = 0.0
    for i in a.indices {
      let d = (a[i] - b[i]) / lengthScales[i]
      r2 += d * d
    }
    let r = r2.squareRoot(), s5 = 5.0.squareRoot()
    return signalVariance * (1 + s5 * r + 5 * r2 / 3) * exp(-s5 * r)
  }

  /// Posterior mean and variance of the latent function at `x`.
  public func predict(_ x: [Double]) -> (mean: Double, variance: Double) {
    let n = points.count
    let kx = points.map { Self.kernel($0, x, lengthScales, signalVariance) }
    var mean = 0.0
    for i in 0..<n { mean += kx[i] * alpha[i] }
    let v = Self.forward(cholesky, n, kx)
    let variance = signalVariance - v.reduce(0) { $0 + $1 * $1 }
    return (mean, max(variance, 1e-12))
  }

  /// Fits the length scales and noise by maximising the marginal likelihood: coordinate ascent
  /// over each length scale on a fixed grid (two sweeps), then the noise on a grid. Deterministic.
  public static func fitted(points: [[Double]], values: [Double]) -> GaussianProcess? {
    let d = points.first?.count ?? 0
    let scaleGrid = [0.05, 0.1, 0.2, 0.35, 0.6, 1.0, 2.0, 4.0]
    let noiseGrid = [1e-6, 1e-4, 1e-3, 1e-2, 0.05, 0.2]
    var scales = [Double](repeating: 0.35, count: d), noise = 1e-3
    var best = GaussianProcess(points: points, values: values, lengthScales: scales, noiseVariance: noise)
    for _ in 0..<2 {
      for n in noiseGrid {
        if let gp = GaussianProcess(points: points, values: values, lengthScales: scales, noiseVariance: n),
           gp.logMarginalLikelihood > best?.logMarginalLikelihood ?? -.infinity { best = gp; noise = n }
      }
      for i in 0..<d {
        for s in scaleGrid {
          var trial = scales
          trial[i] = s
          if let gp = GaussianProcess(points: points, values: values, lengthScales: trial, noiseVariance: noise),
             gp.logMarginalLikelihood > best?.logMarginalLikelihood ?? -.infinity { best = gp; scales = trial }
        }
      }
    }
    return best
  }

  /// Expected improvement over `best` of a maximised quantity with posterior N(mean, variance):
  /// (μ − best)·Φ(z) + σ·φ(z), z = (μ − best)/σ.
  public static func expectedImprovement(mean: Double, variance: Double, best: Double) -> Double {
    let sigma = variance.squareRoot(), gain = mean - best
    guard sigma > 1e-12 else { return max(gain, 0) }
    let z = gain / sigma
    let cdf = 0.5 * erfc(-z / 2.0.squareRoot()), pdf = exp(-0.5 * z * z) / (2 * Double.pi).squareRoot()
    return gain * cdf + sigma * pdf
  }

  // MARK: - Small dense Cholesky (n is the number of trials: tens, a few hundred at most)

  static func choleskyFactor(_ a: [Double], _ n: Int) -> [Double]? {
    var l = [Double](repeating: 0, count: n * n)
    for j in 0..<n {
      var s = a[j * n + j]
      for k in 0..<j { s -= l[j * n + k] * l[j * n + k] }
      guard s > 0, s.isFinite else { return nil }
      let d = s.squareRoot()
      l[j * n + j] = d
      for i in (j + 1)..<max(n, j + 1) {
        var t = a[i * n + j]
        for k in 0..<j { t -= l[i * n + k] * l[j * n + k] }
        l[i * n + j] = t / d
      }
    }
    return l
  }

  /// Solves L·z = b.
  static func forward(_ l: [Double], _ n: Int, _ b: [Double]) -> [Double] {
    var z = b
    for i in 0..<n {
      var s = z[i]
      for k in 0..<i { s -= l[i * n + k] * z[k] }
      z[i] = s / l[i * n + i]
    }
    return z
  }

  /// Solves Lᵀ·x = z.
  static func backward(_ l: [Double], _ n: Int, _ z: [Double]) -> [Double] {
    var x = z
    for i in stride(from: n - 1, through: 0, by: -1) {
      var s = x[i]
      for k in (i + 1)..<max(n, i + 1) { s -= l[k * n + i] * x[k] }
      x[i] = s / l[i * n + i]
    }
    return x
  }
}
