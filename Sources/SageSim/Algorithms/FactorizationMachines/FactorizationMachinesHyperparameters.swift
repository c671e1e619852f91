/// SageMaker Factorization Machines' hyperparameters (developer guide
/// `fact-machines-hyperparameters.md`; spec §7.1). The per-term knobs (bias, linear, factors) are
/// declared once by `termSpecs(_:)`, which writes the same eight knobs for each term.
public struct FactorizationMachinesHyperparameters: HyperparameterSet {
  public enum PredictorType: String, CaseIterable, Sendable, Codable {
    case regressor
    case binaryClassifier = "binary_classifier"
  }

  public enum InitMethod: String, CaseIterable, Sendable, Codable {
    case normal, uniform, constant
  }

  /// How one group of parameters (w₀, the wᵢ, or the vᵢ) is initialised and trained.
  public struct Term: Sendable, Equatable {
    public var lr: Double
    public var wd: Double
    public var initMethod = InitMethod.normal
    public var initSigma: Double
    public var initScale: Double?
    public var initValue: Double?
  }

  public var featureDim: Int?
  public var numFactors: Int?
  public var predictorType: PredictorType?
  public var epochs = 1
  public var miniBatchSize = 1000
  public var bias = Term(lr: 0.1, wd: 0.01, initSigma: 0.01)
  public var linear = Term(lr: 0.001, wd: 0.001, initSigma: 0.01)
  public var factors = Term(lr: 0.0001, wd: 0.00001, initSigma: 0.001)
  public var clipGradient: Double?
  public var eps: Double?
  public var rescaleGrad: Double?

  public init() {}

  public static let algorithm = "factorization-machines"

  public static let specs: [HyperparameterSpec<Self>] =
    taskSpecs + termSpecs("bias", \.bias, what: "the global bias w₀")
    + termSpecs("linear", \.linear, what: "the linear weights wᵢ")
    + termSpecs("factors", \.factors, what: "the factor vectors vᵢ (feature_dim × num_factors)")
    + optimizerSpecs

  /// `uniform` needs `*_init_scale` and `constant` needs `*_init_value`: SageMaker's default for
  /// both is "None" and what its container does without them is undocumented, so sagesim asks.
  public func crossFieldProblems() -> [HyperparameterError.Problem] {
    var problems: [HyperparameterError.Problem] = []
    for (name, term) in [("bias", bias), ("linear", linear), ("factors", factors)] {
      if term.initMethod == .uniform && term.initScale == nil {
        problems.append(.missing(name: "\(name)_init_scale", expected: "a number in [0, ∞) when \(name)_init_method is uniform"))
      }
      if term.initMethod == .constant && term.initValue == nil {
        problems.append(.missing(name: "\(name)_init_value", expected: "a finite number when \(name)_init_method is constant"))
      }
    }
    return problems
  }
}
