import Foundation
import SageCore
import SageIO

/// SageMaker's built-in XGBoost (`sagemaker-xgboost:1.7-1`, spec §3): gradient-boosted trees grown
/// by the hist method (or exact greedy), with XGBoost's objectives, metrics, log lines, early
/// stopping and JSON model format.
///
/// References: T. Chen, C. Guestrin, "XGBoost: A Scalable Tree Boosting System", KDD 2016 (gain,
/// weights, sparsity-aware default directions, weighted quantile sketch); XGBoost's source for the
/// hist method's details.
public enum XGBoost: Algorithm {
  public typealias Hyperparameters = XGBoostHyperparameters
  public typealias Model = XGBoostModel

  public static let name = "xgboost"
  public static let summary = "Gradient-boosted trees, the hist method, with every SageMaker XGBoost knob."
  public static let channels: [ChannelName] = [.train, .validation]
  public static let notes = [
    "Log: one line per round, [i]#011train-<metric>:<value>#011validation-<metric>:<value> (%.5f, CloudWatch's rendering of the tab), train first, metrics in eval_metric order.",
    "Metrics JSON: train:<metric> and validation:<metric> of the last round, or of the best round when early stopping kept it.",
    "Early stopping: on the last eval_metric of the validation channel (XGBoost's rule; SageMaker 1.7-1 skips early stopping when eval_metric is unset — sagesim uses the objective's default metric instead). The model keeps rounds 0 … best.",
    "Model: model.json's \"model\" member is an XGBoost JSON model; it is also written beside it as xgboost-model.json, which xgboost.Booster(model_file=...) loads. 'sagesim predict --model-dir' also takes a directory holding only an XGBoost-saved xgboost-model.json.",
    "Input: text/csv (label, [weight if csv_weights=1,] features; empty fields are missing) or text/libsvm (absent entries are missing; label:weight gives a weight). The training set is read once, in one pass (Pipe mode works: XGBoost bins it once and keeps it in memory).",
    "Responses: {\"score\": s}: a probability for binary:logistic and reg:logistic, the margin for binary:logitraw, 0/1 for binary:hinge, the class index for multi:softmax, a probability vector for multi:softprob, exp(margin) for count:poisson, reg:gamma and reg:tweedie.",
  ]

  public static func train(
    _ hp: XGBoostHyperparameters, on channels: Channels, seed: UInt64, log: inout TrainingLog
  ) throws -> XGBoostModel {
    let objective = ObjectiveFunction(hp)
    let train = try FeatureTable.read(channels.train, csvWeights: hp.csvWeights == 1)
    try FeatureTable.checkLabels(channels.train, train, objective)
    var validation: FeatureTable?
    if let channel = channels.validation {
      let table = try FeatureTable.read(channel, csvWeights: hp.csvWeights == 1, minColumns: train.columns)
      guard table.columns == train.columns else {
        throw TrainingError("the validation data has \(table.columns) features per row and the training data \(train.columns): they must match")
      }
      try FeatureTable.checkLabels(channel, table, objective)
      validation = table
    }
    if channels.usesPipeMode {
      log.warning("Pipe mode: xgboost needs the whole data set in memory (it bins every feature once, before the first tree), so each channel was read in one pass from its first FIFO and held in memory; memory grows with the data, unlike PCA, k-means, linear learner and factorization machines, which stream in bounded memory")
    }
    log.info("Train matrix has \(train.rows) rows and \(train.columns) columns; validation matrix has \(validation?.rows ?? 0) rows")
    let plan = try BoostingPlan(hp, objective: objective, train: train, hasValidation: validation != nil, log: &log)
    var booster = Booster(plan: plan, train: train, validation: validation, seed: hp.seed.map { UInt64(bitPattern: Int64($0)) } ?? seed)
    return try booster.run(log: &log)
  }
}

/// Everything resolved before the first round: objective, metrics, base score, tree settings.
struct BoostingPlan {
  let hp: XGBoostHyperparameters
  let objective: ObjectiveFunction
  let metrics: [EvalMetric]
  let baseScore: Double
  let parameters: TreeParameters
  let exact: Bool

  init(_ hp: XGBoostHyperparameters, objective: ObjectiveFunction, train: FeatureTable, hasValidation: Bool, log: inout TrainingLog) throws {
    self.hp = hp
    self.objective = objective
    var metrics = (hp.evalMetric ?? []).compactMap(EvalMetric.init(name:))
    if metrics.isEmpty { metrics = [objective.defaultMetric] }
    if let tuning = hp.tuningMetricName.flatMap(EvalMetric.init(name:)), !metrics.contains(tuning) { metrics.append(tuning) }
    self.metrics = metrics
    if hp.earlyStoppingRounds != nil && !hasValidation {
      throw TrainingError("early_stopping_rounds needs a validation channel: the stopping rule watches the validation metric")
    }
    let score = hp.baseScore ?? (objective.kind == .absoluteError ? Self.weightedMedian(train.labels, train.weights) : 0.5)
    switch objective.kind {
    case .logistic, .binaryLogistic:
      guard score > 0 && score < 1 else {
        throw HyperparameterError(algorithm: "xgboost", problems: [.invalid(name: "base_score", value: "\(score)", expected: "a probability in (0, 1) for \(objective.kind.rawValue)")])
      }
    case .poisson, .gamma, .tweedie:
      guard score > 0 else {
        throw HyperparameterError(algorithm: "xgboost", problems: [.invalid(name: "base_score", value: "\(score)", expected: "a value > 0 for \(objective.kind.rawValue) (its margin is log(base_score))")])
      }
    default: break
    }
    baseScore = score
    if hp.baseScore == nil && objective.kind == .absoluteError {
      log.info("base_score is unset: reg:absoluteerror starts from the weighted median label, \(fixed(score))")
    }
    parameters = TreeParameters(hp)
    exact = hp.treeMethod == .exact
    let method = exact ? "exact" : "hist"
    if hp.treeMethod != .exact && hp.treeMethod != .hist {
      log.info("tree_method = \(hp.treeMethod.rawValue) runs as hist in sagesim")
    }
    if hp.interactionConstraints != nil { log.warning("interaction_constraints is accepted but not applied by sagesim") }
    log.info("Training \(hp.numRound ?? 0) rounds with tree_method \(method), grow_policy \(hp.growPolicy.rawValue); metrics: \(metrics.map { $0.name(tweediePower: hp.tweedieVariancePower) }.joined(separator: ", "))")
  }

  /// The weighted median: the smallest value whose cumulative weight reaches half the total.
  static func weightedMedian(_ values: [Double], _ weights: [Double]?) -> Double {
    guard !values.isEmpty else { return 0.5 }
    let order = values.indices.sorted { values[$0] < values[$1] }
    guard let weights else {
      let n = order.count
      return n % 2 == 1 ? values[order[n / 2]] : (values[order[n / 2 - 1]] + values[order[n / 2]]) / 2
    }
    let total = weights.reduce(0, +)
    var sum = 0.0
    for i in order {
      sum += weights[i]
      if sum >= total / 2 { return values[i] }
    }
    return values[order[order.count - 1]]
  }
}
