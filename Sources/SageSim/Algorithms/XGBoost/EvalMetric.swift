import Foundation

/// An XGBoost evaluation metric, computed as XGBoost 1.7/3.x defines it (weighted by instance
/// weight). `predictions` are the objective's transformed outputs (probabilities, exp of the margin,
/// class indices for multi:softmax); multiclass metrics receive probabilities, k per row.
public enum EvalMetric: Sendable, Equatable {
  case rmse, rmsle, mae, mape, mphe, mse, r2, accuracy
  case logloss, auc, aucpr, merror, mlogloss
  /// `error` is `error@0.5`.
  case error(threshold: Double, name: String)
  case poissonNLogLik, gammaNLogLik, gammaDeviance
  case tweedieNLogLik(power: Double?)

  /// The names sagesim computes, for messages.
  static let simulatedNames =
    "rmse, rmsle, mae, mape, mphe, mse, r2, accuracy, logloss, error, error@t, auc, aucpr, merror, mlogloss, poisson-nloglik, gamma-nloglik, gamma-deviance, tweedie-nloglik[@ρ]"

  public init?(name: String) {
    switch name {
    case "rmse": self = .rmse
    case "rmsle": self = .rmsle
    case "mae": self = .mae
    case "mape": self = .mape
    case "mphe": self = .mphe
    case "mse": self = .mse
    case "r2": self = .r2
    case "accuracy": self = .accuracy
    case "logloss": self = .logloss
    case "auc": self = .auc
    case "aucpr": self = .aucpr
    case "merror": self = .merror
    case "mlogloss": self = .mlogloss
    case "error": self = .error(threshold: 0.5, name: "error")
    case "poisson-nloglik": self = .poissonNLogLik
    case "gamma-nloglik": self = .gammaNLogLik
    case "gamma-deviance": self = .gammaDeviance
    case "tweedie-nloglik": self = .tweedieNLogLik(power: nil)
    default:
      if name.hasPrefix("error@"), let t = Double(name.dropFirst(6)), t.isFinite {
        self = .error(threshold: t, name: name)
      } else if name.hasPrefix("tweedie-nloglik@"), let p = Double(name.dropFirst(16)), p > 1, p < 2 {
        self = .tweedieNLogLik(power: p)
      } else {
        return nil
      }
    }
  }

  /// The name in log lines and metric keys (`validation-rmse`, `validation:error@0.7`).
  func name(tweediePower: Double) -> String {
    switch self {
    case .rmse: "rmse"
    case .rmsle: "rmsle"
    case .mae: "mae"
    case .mape: "mape"
    case .mphe: "mphe"
    case .mse: "mse"
    case .r2: "r2"
    case .accuracy: "accuracy"
    case .logloss: "logloss"
    case .auc: "auc"
    case .aucpr: "aucpr"
    case .merror: "merror"
    case .mlogloss: "mlogloss"
    case .error(_, let name): name
    case .poissonNLogLik: "poisson-nloglik"
    case .gammaNLogLik: "gamma-nloglik"
    case .gammaDeviance: "gamma-deviance"
    case .tweedieNLogLik(let p): "tweedie-nloglik@\(formatReal(p ?? tweediePower))"
    }
  }

  /// True when larger is better (early stopping then looks for a maximum).
  var maximize: Bool {
    switch self {
    case .auc, .aucpr, .accuracy, .r2: true
    default: false
    }
  }

  var isMulticlass: Bool {
    switch self {
    case .merror, .mlogloss: true
    default: false
    }
  }
}

/// What a metric is computed from: one channel's labels, weights and the model's current outputs.
struct MetricInput {
  var labels: [Double]
  var weights: [Double]?
  /// Transformed predictions: n values, or n·k class probabilities (row-major) for multiclass.
  var predictions: [Double]
  /// Raw margins (n, or n·k), for the container's accuracy (margin > 0 or argmax).
  var margins: [Double]
  var classes: Int
  var tweediePower: Double

  func weight(_ i: Int) -> Double { weights?[i] ?? 1 }
}

extension EvalMetric {
  /// The metric's value on `input`.
  func evaluate(_ input: MetricInput) -> Double {
    let y = input.labels, p = input.predictions, n = y.count
    func mean(_ term: (Int) -> Double) -> Double {
      var sum = 0.0, wsum = 0.0
      for i in 0..<n {
        let w = input.weight(i)
        sum += w * term(i)
        wsum += w
      }
      return wsum > 0 ? sum / wsum : .nan
    }
    switch self {
    case .rmse: return mean { (y[$0] - p[$0]) * (y[$0] - p[$0]) }.squareRoot()
    case .mse: return mean { (y[$0] - p[$0]) * (y[$0] - p[$0]) }
    case .rmsle: return mean { let d = log1p(p[$0]) - log1p(y[$0]); return d * d }.squareRoot()
    case .mae: return mean { abs(y[$0] - p[$0]) }
    case .mape: return mean { abs((y[$0] - p[$0]) / y[$0]) }
    case .mphe: return mean { let z = y[$0] - p[$0]; return (1 + z * z).squareRoot() - 1 }
    case .r2:
      let ybar = mean { y[$0] }
      let residual = mean { (y[$0] - p[$0]) * (y[$0] - p[$0]) }
      let total = mean { (y[$0] - ybar) * (y[$0] - ybar) }
      return total > 0 ? 1 - residual / total : .nan
    case .accuracy:
      return mean { i in Double(Self.marginClass(input, i) == Int(y[i]) ? 1 : 0) }
    case .logloss:
      let eps = 1e-16
      return mean { i in
        let q = min(max(p[i], eps), 1 - eps)
        return -(y[i] * log(q) + (1 - y[i]) * log(1 - q))
      }
    case .error(let t, _): return mean { i in (p[i] > t ? 1.0 : 0.0) != y[i] ? 1 : 0 }
    case .merror:
      return mean { i in Double(Self.argmax(p, row: i, k: input.classes) == Int(y[i]) ? 0 : 1) }
    case .mlogloss: return mean { i in -log(max(p[i * input.classes + Int(y[i])], 1e-16)) }
    case .poissonNLogLik:
      return mean { i in let q = max(p[i], 1e-16); return lgamma(y[i] + 1) + q - y[i] * log(q) }
    case .gammaNLogLik: return mean { i in y[i] / p[i] + log(p[i]) }
    case .gammaDeviance:
      return 2 * mean { i in let r = (y[i] + 1e-6) / (p[i] + 1e-6); return r - log(r) - 1 }
    case .tweedieNLogLik(let power):
      let rho = power ?? input.tweediePower
      return mean { i in
        let a = y[i] * exp((1 - rho) * log(p[i])) / (1 - rho)
        let b = exp((2 - rho) * log(p[i])) / (2 - rho)
        return -a + b
      }
    case .auc: return RankingCurves.auc(scores: p, labels: y, weights: input.weights)
    case .aucpr: return RankingCurves.aucpr(scores: p, labels: y, weights: input.weights)
    }
  }

  static func argmax(_ p: [Double], row i: Int, k: Int) -> Int {
    var best = 0
    for c in 1..<k where p[i * k + c] > p[i * k + best] { best = c }
    return best
  }

  /// The container's class from the raw margin: argmax for multiclass, margin > 0 for binary.
  static func marginClass(_ input: MetricInput, _ i: Int) -> Int {
    input.classes > 1 ? argmax(input.margins, row: i, k: input.classes) : (input.margins[i] > 0 ? 1 : 0)
  }
}
