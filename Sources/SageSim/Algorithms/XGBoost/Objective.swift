import Foundation

/// A training objective: its gradient g and hessian h with respect to the margin p (the sum of
/// the trees plus the base margin), the label domain it accepts, the transform from margin to
/// prediction, and its default metric. Formulas as in XGBoost's `regression_loss.h`,
/// `regression_obj.cu`, `multiclass_obj.cu` and `hinge.cu`.
struct ObjectiveFunction: Sendable {
  typealias Kind = XGBoostHyperparameters.Objective
  let kind: Kind
  let classes: Int
  let scalePosWeight: Double
  let tweediePower: Double
  /// count:poisson's own `max_delta_step` (0.7 in XGBoost): h = exp(p + 0.7) keeps Newton steps safe.
  static let poissonMaxDeltaStep = 0.7
  static let minHessian = 1e-16

  init(_ hp: XGBoostHyperparameters) {
    kind = hp.objective == .linear ? .squaredError : hp.objective
    classes = hp.numClass ?? 1
    scalePosWeight = hp.scalePosWeight
    tweediePower = hp.tweedieVariancePower
  }

  init(kind: Kind, classes: Int = 1, scalePosWeight: Double = 1, tweediePower: Double = 1.5) {
    self.kind = kind
    self.classes = classes
    self.scalePosWeight = scalePosWeight
    self.tweediePower = tweediePower
  }

  var isMulticlass: Bool { kind == .softmax || kind == .softprob }
  /// Margins per row: num_class for multi:*, else 1.
  var outputs: Int { isMulticlass ? classes : 1 }

  var defaultMetric: EvalMetric {
    switch kind {
    case .logistic, .squaredError, .linear: .rmse
    case .squaredLogError: .rmsle
    case .pseudoHuber: .mphe
    case .absoluteError: .mae
    case .binaryLogistic, .logitRaw: .logloss
    case .hinge: .error(threshold: 0.5, name: "error")
    case .softmax, .softprob: .mlogloss
    case .poisson: .poissonNLogLik
    case .gamma: .gammaNLogLik
    case .tweedie: .tweedieNLogLik(power: tweediePower)
    default: .rmse
    }
  }

  /// Why `y` is not a valid label, or nil (XGBoost's `CheckLabel` messages, with the domain).
  func labelProblem(_ y: Double) -> String? {
    guard y.isFinite else { return "a finite number" }
    switch kind {
    case .binaryLogistic, .logitRaw, .hinge:
      return y == 0 || y == 1 ? nil : "0 or 1 for \(kind.rawValue)"
    case .logistic: return (0...1).contains(y) ? nil : "a value in [0, 1] for reg:logistic"
    case .poisson: return y >= 0 ? nil : "a count ≥ 0 for count:poisson"
    case .tweedie: return y >= 0 ? nil : "a value ≥ 0 for reg:tweedie"
    case .gamma: return y > 0 ? nil : "a value > 0 for reg:gamma"
    case .squaredLogError: return y > -1 ? nil : "a value > −1 for reg:squaredlogerror"
    case .softmax, .softprob:
      return y >= 0 && y < Double(classes) && y == y.rounded()
        ? nil : "a class index 0 … \(classes - 1) (num_class = \(classes))"
    default: return nil
    }
  }

  /// The base margin for `base_score` (XGBoost's `ProbToMargin`): logit for logistic objectives,
  /// log for log-link ones, the value itself otherwise.
  func baseMargin(_ baseScore: Double) -> Double {
    switch kind {
    case .logistic, .binaryLogistic: log(baseScore / (1 - baseScore))
    case .poisson, .gamma, .tweedie: log(baseScore)
    default: baseScore
    }
  }

  /// Prediction from margin for one-output objectives.
  func transform(_ p: Double) -> Double {
    switch kind {
    case .logistic, .binaryLogistic: 1 / (1 + exp(-p))
    case .poisson, .gamma, .tweedie: exp(p)
    case .hinge: p > 0 ? 1 : 0
    default: p
    }
  }

  /// Softmax of one row of k margins, in place.
  static func softmax(_ z: UnsafeMutableBufferPointer<Double>) {
    var m = -Double.infinity
    for v in z where v > m { m = v }
    var s = 0.0
    for c in z.indices { z[c] = exp(z[c] - m); s += z[c] }
    for c in z.indices { z[c] /= s }
  }

  /// Gradient and hessian of one-output objectives for rows `range`, weighted by `w`.
  func gradients(
    margins p: UnsafeBufferPointer<Double>, labels y: UnsafeBufferPointer<Double>, weights: UnsafeBufferPointer<Double>?,
    range: Range<Int>, g: UnsafeMutableBufferPointer<Double>, h: UnsafeMutableBufferPointer<Double>
  ) {
    for i in range {
      var w = weights?[i] ?? 1
      let (gi, hi): (Double, Double)
      switch kind {
      case .logistic, .binaryLogistic, .logitRaw:
        if y[i] == 1 { w *= scalePosWeight }
        let s = 1 / (1 + exp(-p[i]))
        (gi, hi) = (s - y[i], max(s * (1 - s), Self.minHessian))
      case .hinge:
        let sign = 2 * y[i] - 1
        (gi, hi) = p[i] * sign < 1 ? (-sign, 1) : (0, Double(Float.leastNormalMagnitude))
      case .absoluteError:
        let d = p[i] - y[i]
        (gi, hi) = (d > 0 ? 1 : (d < 0 ? -1 : 0), 1)
      case .pseudoHuber:
        let z = p[i] - y[i], q = 1 + z * z, root = q.squareRoot()
        (gi, hi) = (z / root, 1 / (q * root))
      case .squaredLogError:
        let r = log1p(p[i]) - log1p(y[i]), d = p[i] + 1
        (gi, hi) = (r / d, max((1 - r) / (d * d), 1e-6))
      case .poisson:
        (gi, hi) = (exp(p[i]) - y[i], exp(p[i] + Self.poissonMaxDeltaStep))
      case .gamma:
        let e = exp(-p[i])
        (gi, hi) = (1 - y[i] * e, y[i] * e)
      case .tweedie:
        let rho = tweediePower
        let a = exp((1 - rho) * p[i]), b = exp((2 - rho) * p[i])
        (gi, hi) = (-y[i] * a + b, -y[i] * (1 - rho) * a + (2 - rho) * b)
      default:
        (gi, hi) = (p[i] - y[i], 1)
      }
      // XGBoost keeps gradient pairs in 32-bit floats; so do we, so sums and ties agree.
      g[i] = Double(Float(gi * w))
      h[i] = Double(Float(hi * w))
    }
  }

  /// Softmax gradients: g_c = p_c − [y = c], h_c = max(2p_c(1 − p_c), ε), for rows `range`.
  /// `p` holds n·k margins row-major; `g` and `h` are k blocks of n (one per class tree).
  func softmaxGradients(
    margins p: UnsafeBufferPointer<Double>, labels y: UnsafeBufferPointer<Double>, weights: UnsafeBufferPointer<Double>?,
    range: Range<Int>, n: Int, g: UnsafeMutableBufferPointer<Double>, h: UnsafeMutableBufferPointer<Double>
  ) {
    let k = classes
    var z = [Double](repeating: 0, count: k)
    z.withUnsafeMutableBufferPointer { z in
      for i in range {
        for c in 0..<k { z[c] = p[i * k + c] }
        Self.softmax(z)
        let w = weights?[i] ?? 1
        let label = Int(y[i])
        for c in 0..<k {
          let q = z[c]
          g[c * n + i] = Double(Float((c == label ? q - 1 : q) * w))
          h[c * n + i] = Double(Float(max(2 * q * (1 - q), Self.minHessian) * w))
        }
      }
    }
  }
}
