import Foundation
import SageCore

/// The settings of one of the parallel models: the knobs SageMaker varies between them.
public struct ModelVariant: Codable, Sendable, Equatable {
  public var learningRate: Double
  public var wd: Double
  public var l1: Double
  public var lrSchedulerStep: Int
  public var lrSchedulerFactor: Double
  public var lrSchedulerMinimumLr: Double
  /// Weight of positive rows (binary classifiers; 1 otherwise).
  public var positiveWeight: Double

  enum CodingKeys: String, CodingKey {
    case learningRate = "learning_rate", wd, l1
    case lrSchedulerStep = "lr_scheduler_step", lrSchedulerFactor = "lr_scheduler_factor"
    case lrSchedulerMinimumLr = "lr_scheduler_minimum_lr", positiveWeight = "positive_example_weight_mult"
  }

  var schedule: StepSchedule {
    StepSchedule(step: lrSchedulerStep, factor: lrSchedulerFactor, minimum: lrSchedulerMinimumLr)
  }
}

/// Every `auto` resolved: what training actually uses.
struct LinearLearnerSettings {
  var type: LinearLearnerHyperparameters.PredictorType
  /// The loss of each output; nil for softmax (multiclass).
  var loss: ScalarLoss?
  var lossName: String
  /// Outputs per model: num_classes for multiclass, else 1.
  var outputs: Int
  var optimizer: OptimizerKind
  var momentum, beta1, beta2, biasLrMult, biasWdMult: Double
  var numModels: Int
  var calibrationRows: Int
  var normalizeData, normalizeLabel, unbiasData, unbiasLabel: Bool

  init(_ hp: LinearLearnerHyperparameters) {
    let type = hp.predictorType ?? .regressor
    self.type = type
    let chosen = hp.loss == .auto ? LinearLearnerHyperparameters.losses(for: type)[1] : hp.loss
    lossName = chosen.rawValue
    switch chosen {
    case .squaredLoss, .auto: loss = .squared
    case .absoluteLoss: loss = .absolute
    case .epsInsensitiveSquaredLoss: loss = .epsInsensitiveSquared(epsilon: hp.lossInsensitivity)
    case .epsInsensitiveAbsoluteLoss: loss = .epsInsensitiveAbsolute(epsilon: hp.lossInsensitivity)
    case .quantileLoss: loss = .quantile(tau: hp.quantile)
    case .huberLoss: loss = .huber(delta: hp.huberDelta)
    case .logistic: loss = .logistic
    case .hingeLoss: loss = .hinge(margin: hp.margin)
    case .softmaxLoss: loss = nil
    }
    outputs = type == .multiclassClassifier ? (hp.numClasses ?? 3) : 1
    switch hp.optimizer {
    case .auto, .adam: optimizer = .adam
    case .sgd: optimizer = .sgd
    case .rmsprop: optimizer = .rmsprop
    }
    momentum = hp.momentum.resolved(0)
    beta1 = hp.beta1.resolved(0.9)
    beta2 = hp.beta2.resolved(0.999)
    biasLrMult = hp.biasLrMult.resolved(1)
    biasWdMult = hp.biasWdMult.resolved(0)
    numModels = hp.numModels.resolved(32)
    calibrationRows = hp.numCalibrationSamples.resolved(10_000_000)
    let regressor = type == .regressor
    normalizeData = hp.normalizeData != .off
    unbiasData = hp.unbiasData == .auto ? hp.useBias : hp.unbiasData == .on
    normalizeLabel = regressor && hp.normalizeLabel != .off
    unbiasLabel = regressor && (hp.unbiasLabel == .auto ? hp.useBias : hp.unbiasLabel == .on)
  }

  /// η when `learning_rate` is auto: 0.1 for adam and sgd, 0.01 for rmsprop.
  static func defaultLearningRate(_ kind: OptimizerKind) -> Double { kind == .rmsprop ? 0.01 : 0.1 }

  /// The settings of each parallel model. Model 0 uses exactly the given values (auto resolved to
  /// its documented default). Models 1… draw, from the seeded generator: each knob left auto
  /// log-uniformly over a wide range; each given non-zero value log-uniformly within a factor √10
  /// of it; a given 0 stays 0.
  static func variants(
    _ hp: LinearLearnerHyperparameters, optimizer: OptimizerKind, count: Int, balancedWeight: Double,
    random: inout SeededRandom
  ) -> [ModelVariant] {
    let base = ModelVariant(
      learningRate: hp.learningRate.resolved(defaultLearningRate(optimizer)), wd: hp.wd.resolved(1e-4),
      l1: hp.l1.resolved(0), lrSchedulerStep: hp.lrSchedulerStep.resolved(100),
      lrSchedulerFactor: hp.lrSchedulerFactor.resolved(0.99),
      lrSchedulerMinimumLr: hp.lrSchedulerMinimumLr.resolved(1e-5),
      positiveWeight: positiveWeight(hp.positiveExampleWeightMult, balanced: balancedWeight))
    var out = [base]
    for _ in 1..<max(count, 1) {
      var v = base
      v.learningRate = draw(hp.learningRate, base.learningRate, autoRange: (base.learningRate / 100, base.learningRate * 2), &random)
      v.wd = draw(hp.wd, base.wd, autoRange: (1e-7, 1e-1), &random)
      v.l1 = draw(hp.l1, base.l1, autoRange: (1e-7, 1e-1), &random)
      v.lrSchedulerStep = hp.lrSchedulerStep == .auto ? 10 + random.index(below: 991) : base.lrSchedulerStep
      v.lrSchedulerFactor = hp.lrSchedulerFactor == .auto ? random.uniform(0.9, 0.999) : base.lrSchedulerFactor
      v.lrSchedulerMinimumLr = draw(hp.lrSchedulerMinimumLr, base.lrSchedulerMinimumLr, autoRange: (1e-6, 1e-4), &random)
      if hp.positiveExampleWeightMult == .auto {
        v.positiveWeight = logUniform(1, max(balancedWeight, 1), &random)
      }
      out.append(v)
    }
    return out
  }

  static func positiveWeight(_ w: LinearLearnerHyperparameters.PositiveWeight, balanced: Double) -> Double {
    switch w {
    case .value(let v): return v
    case .auto, .balanced: return balanced
    }
  }

  private static func draw(_ knob: Auto<Double>, _ base: Double, autoRange: (Double, Double), _ random: inout SeededRandom) -> Double {
    if knob == .auto { return logUniform(autoRange.0, autoRange.1, &random) }
    return base == 0 ? 0 : logUniform(base / 10.0.squareRoot(), base * 10.0.squareRoot(), &random)
  }

  /// exp(U(log a, log b)).
  static func logUniform(_ a: Double, _ b: Double, _ random: inout SeededRandom) -> Double {
    exp(random.uniform(log(a), log(b)))
  }
}
