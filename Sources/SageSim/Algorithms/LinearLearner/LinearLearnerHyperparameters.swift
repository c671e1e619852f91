/// SageMaker Linear Learner's hyperparameters (developer guide `ll_hyperparameters.md`; spec §4.1).
/// The knob declarations are in `LinearLearnerHyperparameters+Specs.swift`; the `auto` rules in
/// `LinearLearnerHyperparameters+Auto.swift`.
public struct LinearLearnerHyperparameters: HyperparameterSet {
  public enum PredictorType: String, CaseIterable, Sendable, Codable {
    case regressor
    case binaryClassifier = "binary_classifier"
    case multiclassClassifier = "multiclass_classifier"
  }

  public enum LossChoice: String, CaseIterable, Sendable, Codable {
    case auto, logistic
    case squaredLoss = "squared_loss"
    case absoluteLoss = "absolute_loss"
    case hingeLoss = "hinge_loss"
    case epsInsensitiveSquaredLoss = "eps_insensitive_squared_loss"
    case epsInsensitiveAbsoluteLoss = "eps_insensitive_absolute_loss"
    case quantileLoss = "quantile_loss"
    case huberLoss = "huber_loss"
    case softmaxLoss = "softmax_loss"
  }

  public enum OptimizerChoice: String, CaseIterable, Sendable {
    case auto, sgd, adam, rmsprop
  }

  public enum InitMethod: String, CaseIterable, Sendable, Codable {
    case uniform, normal
  }

  /// `auto`, `true` or `false`.
  public enum Switch: String, CaseIterable, Sendable {
    case auto
    case on = "true"
    case off = "false"
  }

  public enum SelectionCriterion: String, CaseIterable, Sendable, Codable {
    case accuracy
    case fBeta = "f_beta"
    case precisionAtTargetRecall = "precision_at_target_recall"
    case recallAtTargetPrecision = "recall_at_target_precision"
    case lossFunction = "loss_function"
    /// Older SDK spelling: `f_beta` with β = 1.
    case f1
    /// Older SDK spelling of `loss_function`.
    case crossEntropyLoss = "cross_entropy_loss"
  }

  /// `positive_example_weight_mult`: a number, `auto` or `balanced`.
  public enum PositiveWeight: Sendable, Equatable {
    case value(Double)
    case auto
    case balanced
  }

  public var predictorType: PredictorType?
  public var numClasses: Int?
  public var featureDim = Auto<Int>.auto
  public var miniBatchSize = 1000
  public var epochs = 15
  public var optimizer = OptimizerChoice.auto
  public var loss = LossChoice.auto
  public var learningRate = Auto<Double>.auto
  public var wd = Auto<Double>.auto
  public var l1 = Auto<Double>.auto
  public var momentum = Auto<Double>.auto
  public var beta1 = Auto<Double>.auto
  public var beta2 = Auto<Double>.auto
  public var biasLrMult = Auto<Double>.auto
  public var biasWdMult = Auto<Double>.auto
  public var useLrScheduler = true
  public var lrSchedulerStep = Auto<Int>.auto
  public var lrSchedulerFactor = Auto<Double>.auto
  public var lrSchedulerMinimumLr = Auto<Double>.auto
  public var initMethod = InitMethod.uniform
  public var initScale = 0.07
  public var initSigma = 0.01
  public var initBias = 0.0
  public var useBias = true
  public var normalizeData = Switch.on
  public var normalizeLabel = Switch.auto
  public var unbiasData = Switch.auto
  public var unbiasLabel = Switch.auto
  public var numPointForScaler = 10_000
  public var numModels = Auto<Int>.auto
  public var numCalibrationSamples = Auto<Int>.auto
  public var selectionCriterion = SelectionCriterion.accuracy
  public var targetPrecision = 0.8
  public var targetRecall = 0.8
  public var fBeta = 1.0
  public var positiveExampleWeightMult = PositiveWeight.value(1)
  public var margin = 1.0
  public var quantile = 0.5
  public var lossInsensitivity = 0.01
  public var huberDelta = 1.0
  public var earlyStoppingPatience = 3
  public var earlyStoppingTolerance = 0.001
  public var accuracyTopK = 3
  public var balanceMulticlassWeights = false

  public init() {}

  public static let algorithm = "linear-learner"

  public static let specs: [HyperparameterSpec<Self>] = taskSpecs + optimizerSpecs + dataSpecs + selectionSpecs

  /// The losses each predictor type accepts (spec §4.1), `auto` first.
  static func losses(for type: PredictorType) -> [LossChoice] {
    switch type {
    case .regressor:
      return [.auto, .squaredLoss, .absoluteLoss, .epsInsensitiveSquaredLoss, .epsInsensitiveAbsoluteLoss,
              .quantileLoss, .huberLoss]
    case .binaryClassifier: return [.auto, .logistic, .hingeLoss]
    case .multiclassClassifier: return [.auto, .softmaxLoss]
    }
  }

  public func crossFieldProblems() -> [HyperparameterError.Problem] {
    guard let type = predictorType else { return [] }
    var problems: [HyperparameterError.Problem] = []
    if type == .multiclassClassifier {
      if let k = numClasses {
        if k < 3 {
          problems.append(.conflict("num_classes must be at least 3 for a multiclass_classifier; got \(k) (use predictor_type=binary_classifier for two classes)"))
        }
      } else {
        problems.append(.missing(name: "num_classes", expected: "an integer in [3, 1000000] when predictor_type is multiclass_classifier"))
      }
    }
    let allowed = Self.losses(for: type)
    if !allowed.contains(loss) {
      problems.append(.conflict("loss '\(loss.rawValue)' does not apply to predictor_type '\(type.rawValue)'; expected one of \(allowed.map(\.rawValue).joined(separator: ", "))"))
    }
    return problems
  }
}
