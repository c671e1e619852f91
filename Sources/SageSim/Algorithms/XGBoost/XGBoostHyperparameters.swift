/// SageMaker XGBoost's hyperparameters (image `sagemaker-xgboost:1.7-1`, spec §3.1): every key its
/// validator accepts, with its ranges, defaults and aliases. Knobs sagesim does not simulate
/// (other boosters, ranking and survival objectives, GPU switches) are accepted where SageMaker
/// ignores them and refused with a reason where they would change the model.
public struct XGBoostHyperparameters: HyperparameterSet {
  public enum Objective: String, CaseIterable, Sendable {
    case squaredError = "reg:squarederror", linear = "reg:linear", logistic = "reg:logistic"
    case gamma = "reg:gamma", tweedie = "reg:tweedie", pseudoHuber = "reg:pseudohubererror"
    case squaredLogError = "reg:squaredlogerror", absoluteError = "reg:absoluteerror"
    case binaryLogistic = "binary:logistic", logitRaw = "binary:logitraw", hinge = "binary:hinge"
    case poisson = "count:poisson", softmax = "multi:softmax", softprob = "multi:softprob"
    case rankPairwise = "rank:pairwise", rankNDCG = "rank:ndcg", rankMAP = "rank:map"
    case survivalAFT = "survival:aft", survivalCox = "survival:cox"
    case aftLossDistribution = "aft_loss_distribution"
  }
  public enum TreeMethod: String, CaseIterable, Sendable { case auto, exact, approx, hist, gpuHist = "gpu_hist" }
  public enum GrowPolicy: String, CaseIterable, Sendable { case depthwise, lossguide }
  public enum Booster: String, CaseIterable, Sendable { case gbtree, gblinear, dart }
  public enum ProcessType: String, CaseIterable, Sendable { case `default`, update }
  public enum DSplit: String, CaseIterable, Sendable { case row, col }
  public enum Predictor: String, CaseIterable, Sendable {
    case auto, cpu = "cpu_predictor", gpu = "gpu_predictor"
  }
  public enum SamplingMethod: String, CaseIterable, Sendable { case uniform, gradientBased = "gradient_based" }
  public enum SampleType: String, CaseIterable, Sendable { case uniform, weighted }
  public enum NormalizeType: String, CaseIterable, Sendable { case tree, forest }
  public enum AFTDistribution: String, CaseIterable, Sendable { case normal, logistic, extreme }
  /// The container's `"true"`/`"false"` categoricals.
  public enum TrueFalse: String, CaseIterable, Sendable { case `true`, `false` }

  // Boosting
  public var numRound: Int?
  public var numClass: Int?
  public var objective = Objective.squaredError
  public var eta = 0.3
  public var baseScore: Double?
  public var booster = Booster.gbtree
  public var numParallelTree = 1
  // Tree growth
  public var treeMethod = TreeMethod.auto
  public var growPolicy = GrowPolicy.depthwise
  public var maxDepth = 6
  public var maxLeaves = 0
  public var maxBin = 256
  public var gamma = 0.0
  public var minChildWeight = 1.0
  public var maxDeltaStep = 0.0
  public var lambda = 1.0
  public var alpha = 0.0
  public var subsample = 1.0
  public var colsampleByTree = 1.0
  public var colsampleByLevel = 1.0
  public var colsampleByNode = 1.0
  public var scalePosWeight = 1.0
  public var tweedieVariancePower = 1.5
  public var monotoneConstraints: [Int]?
  public var interactionConstraints: String?
  public var samplingMethod = SamplingMethod.uniform
  // Evaluation
  public var evalMetric: [String]?
  public var earlyStoppingRounds: Int?
  public var tuningObjectiveMetric: String?
  // Data and runtime
  public var csvWeights = 0
  public var seed: Int?
  public var nthread: Int?
  public var verbosity = 1
  // Accepted for compatibility (no effect on a single-host CPU gbtree model)
  public var sketchEps = 0.03
  public var updater: [String]?
  public var processType = ProcessType.default
  public var refreshLeaf = 1
  public var dsplit: DSplit?
  public var predictor = Predictor.auto
  public var sampleType = SampleType.uniform
  public var normalizeType = NormalizeType.tree
  public var rateDrop = 0.0
  public var oneDrop = 0
  public var skipDrop = 0.0
  public var lambdaBias = 0.0
  public var aftLossDistribution = AFTDistribution.normal
  public var aftLossDistributionScale = 1.0
  public var deterministicHistogram = TrueFalse.true
  public var probBufferRow: Int?
  public var saveModelOnTermination = TrueFalse.false
  public var useDaskGPUTraining = TrueFalse.false
  public var kfold: Int?
  public var numCVRound = 1

  public init() {}

  public static let algorithm = "xgboost"

  public static var specs: [HyperparameterSpec<Self>] { boostingSpecs + treeSpecs + evaluationSpecs + compatibilitySpecs }

  /// The updater names SageMaker's validator accepts.
  static let updaterNames = [
    "grow_colmaker", "distcol", "grow_histmaker", "grow_skmaker", "sync", "refresh", "prune", "shotgun",
    "coord_descent", "grow_quantile_histmaker", "grow_gpu_hist",
  ]

  public func crossFieldProblems() -> [HyperparameterError.Problem] {
    var problems: [HyperparameterError.Problem] = []
    let isMulti = objective == .softmax || objective == .softprob
    if isMulti && numClass == nil {
      problems.append(.missing(name: "num_class", expected: "an integer in [2, ∞) for objective \(objective.rawValue) (the number of classes; labels are 0 … num_class−1)"))
    }
    if !isMulti, let k = numClass {
      problems.append(.conflict("num_class = \(k) is only for the multi:softmax and multi:softprob objectives; objective is \(objective.rawValue)"))
    }
    if let reason = unsupportedObjectiveReason { problems.append(.conflict(reason)) }
    if booster != .gbtree {
      problems.append(.conflict("booster = \(booster.rawValue) is not simulated: sagesim grows gbtree models only"))
    }
    if treeMethod == .exact && growPolicy == .lossguide {
      problems.append(.conflict("grow_policy = lossguide needs tree_method hist (or approx/auto); exact grows depthwise only"))
    }
    if growPolicy == .depthwise && maxDepth == 0 {
      problems.append(.conflict("max_depth = 0 (no limit) needs grow_policy = lossguide with max_leaves > 0; a depthwise tree must stop at some depth"))
    }
    if growPolicy == .lossguide && maxDepth == 0 && maxLeaves == 0 {
      problems.append(.conflict("lossguide with max_depth = 0 and max_leaves = 0 sets no limit on the tree; give max_leaves or max_depth"))
    }
    if processType == .update {
      problems.append(.conflict("process_type = update refreshes an existing model, which sagesim does not load for training"))
    }
    if samplingMethod == .gradientBased {
      problems.append(.conflict("sampling_method = gradient_based needs tree_method gpu_hist (a GPU), which sagesim does not simulate"))
    }
    if let m = monotoneConstraints, m.contains(where: { $0 != 0 }) {
      problems.append(.conflict("monotone_constraints other than all 0 are not simulated by sagesim"))
    }
    if let k = kfold {
      problems.append(.conflict("_kfold = \(k) (k-fold cross-validation) is not simulated by sagesim"))
    }
    problems += metricProblems()
    return problems
  }

  var unsupportedObjectiveReason: String? {
    switch objective {
    case .rankPairwise, .rankNDCG, .rankMAP, .survivalAFT, .survivalCox, .aftLossDistribution:
      return "objective \(objective.rawValue) is not simulated by sagesim (ranking and survival need query groups or censored labels); use a reg:, binary:, count: or multi: objective"
    default: return nil
    }
  }

  func metricProblems() -> [HyperparameterError.Problem] {
    var problems: [HyperparameterError.Problem] = []
    let binaryOrRank = objective.rawValue.hasPrefix("binary:") || objective.rawValue.hasPrefix("rank:")
    for name in (evalMetric ?? []) + [tuningMetricName].compactMap({ $0 }) {
      guard let metric = EvalMetric(name: name) else { continue }
      if case .auc = metric, !binaryOrRank {
        problems.append(.conflict("eval_metric auc needs a binary: objective (SageMaker's rule); objective is \(objective.rawValue)"))
      }
      if metric.isMulticlass != (objective == .softmax || objective == .softprob) && metric.isMulticlass {
        problems.append(.conflict("eval_metric \(name) needs a multi: objective; objective is \(objective.rawValue)"))
      }
    }
    return problems
  }

  /// `_tuning_objective_metric` without its `validation:` prefix.
  var tuningMetricName: String? {
    tuningObjectiveMetric.map { $0.hasPrefix("validation:") ? String($0.dropFirst(11)) : $0 }
  }
}
