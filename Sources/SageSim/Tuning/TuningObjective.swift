/// Whether a tuning job looks for the largest or the smallest value of its objective metric
/// (SageMaker's `HyperParameterTuningJobObjective.Type`).
public enum ObjectiveType: String, CaseIterable, Sendable, Codable {
  case maximize = "Maximize"
  case minimize = "Minimize"

  /// Whether `a` is better than `b` in this direction.
  public func isBetter(_ a: Double, than b: Double) -> Bool { self == .minimize ? a < b : a > b }
}

/// The objective of a tuning job: a metric the algorithm emits, and its direction.
public struct TuningObjective: Sendable, Equatable, Codable {
  public let metric: String
  public let type: ObjectiveType

  /// `metric` checked against the algorithm's tunable metrics; `type` defaults to SageMaker's.
  public init(algorithm: String, metric: String, type: ObjectiveType? = nil) throws {
    let valid = Self.tunableMetrics(algorithm)
    guard !valid.isEmpty else {
      throw TuningError("\(algorithm) emits no objective metric (SageMaker documents none for it), so it cannot be tuned")
    }
    guard let known = valid.first(where: { $0.metric == metric }) else {
      throw TuningError("--objective \(metric): not an objective metric of \(algorithm); valid: \(valid.map { "\($0.metric) (\($0.type.rawValue))" }.joined(separator: ", "))")
    }
    self.metric = metric
    self.type = type ?? known.type
  }

  /// The channel the metric is measured on (`validation`, `test`).
  public var channel: String { String(metric.prefix { $0 != ":" }) }

  /// Whether a learning-curve point measures this objective: the same name, or, for linear
  /// learner's `objective_loss`, the per-epoch loss it logs under the loss's own name
  /// (`validation:squared_loss_objective`).
  public func isIntermediate(_ name: String) -> Bool {
    if name == metric { return true }
    return metric.hasSuffix(":objective_loss") && name.hasPrefix(channel + ":") && name.hasSuffix("_objective")
  }

  /// The metrics SageMaker lets a tuning job optimise for each algorithm, with their directions
  /// (spec §4.1, §5.3, §6.3, §7.3: the developer guide's tuning pages and the xgboost container's
  /// constants).
  public static func tunableMetrics(_ algorithm: String) -> [(metric: String, type: ObjectiveType)] {
    func list(_ prefixes: [String], _ names: [String], _ type: ObjectiveType) -> [(metric: String, type: ObjectiveType)] {
      prefixes.flatMap { p in names.map { (p + ":" + $0, type) } }
    }
    switch algorithm {
    case "xgboost":
      return list(["validation"], ["accuracy", "auc", "aucpr", "balanced_accuracy", "f1", "f1_binary", "f1_macro", "map", "ndcg",
                                   "precision", "precision_macro", "precision_micro", "r2", "recall", "recall_macro", "recall_micro"], .maximize)
        + list(["validation"], ["error", "gamma-deviance", "gamma-nloglik", "logloss", "mae", "mape", "merror", "mlogloss", "mphe",
                                "mse", "poisson-nloglik", "rmse", "rmsle", "tweedie-nloglik"], .minimize)
    case "linear-learner":
      return list(["validation", "test"], ["objective_loss", "mse", "absolute_loss"], .minimize) + [("validation:rmse", .minimize)]
        + list(["validation", "test"], ["binary_classification_accuracy", "binary_f_beta", "precision", "recall", "roc_auc_score",
                                        "multiclass_accuracy", "multiclass_top_k_accuracy", "macro_f_beta", "macro_precision",
                                        "macro_recall", "dcg"], .maximize)
    case "kmeans":
      return list(["test"], ["msd", "ssd"], .minimize)
    case "factorization-machines":
      return [("test:rmse", .minimize), ("test:binary_classification_accuracy", .maximize),
              ("test:binary_classification_cross_entropy", .minimize), ("test:binary_f_beta", .maximize)]
    default:
      return []
    }
  }

  /// The hyperparameter that counts epochs or rounds, the resource Hyperband allocates.
  public static func resourceHyperparameter(_ algorithm: String) -> String? {
    switch algorithm {
    case "xgboost": return "num_round"
    case "linear-learner", "factorization-machines", "kmeans": return "epochs"
    default: return nil
    }
  }
}
