import Foundation
import SageIO

/// sagesim's own preprocessing options — NOT SageMaker hyperparameters. They change the data
/// an algorithm sees, before training and again before each prediction (the model directory
/// keeps them in `preprocessing.json`), so any algorithm that takes dense features can use them.
/// On the command line they are given as `--preprocess polynomial_degree=5` and can be swept
/// like a knob (`sagesim sweep linear-learner --vary polynomial_degree=1:15:15`).
public struct Preprocessing: HyperparameterSet, Codable, Equatable {
  public static let algorithm = "sagesim preprocessing"
  public static let fileName = "preprocessing.json"

  /// 1 = the features as they are.
  public var polynomialDegree = 1
  public var polynomialInteractions = true
  public var polynomialBasis = PolynomialFeatures.Basis.monomial
  /// Fitted on the train channel (Legendre basis): each feature's [lo, hi].
  public var featureRanges: [ClosedRange<Double>]?

  public init() {}

  enum CodingKeys: String, CodingKey {
    case polynomialDegree = "polynomial_degree", polynomialInteractions = "polynomial_interactions"
    case polynomialBasis = "polynomial_basis", featureRanges = "feature_ranges"
  }

  public static let specs: [HyperparameterSpec<Preprocessing>] = [
    .int(
      "polynomial_degree", \.polynomialDegree, in: .closed(1, 30),
      doc: "sagesim preprocessing, not a SageMaker hyperparameter: expand the features into every monomial up to this degree (x, x², …, x^p and, with interactions, products such as x₁x₂), as scikit-learn's PolynomialFeatures(include_bias=False). The model directory remembers it, so predict expands its input the same way.",
      effect: "Higher: a more flexible model — training error keeps falling, but past some degree validation error rises again (overfitting; see Examples/polynomial-overfitting). Lower: a stiffer model that may underfit. wd (L2) reins in a high degree."),
    .bool(
      "polynomial_interactions", \.polynomialInteractions,
      doc: "sagesim preprocessing: with polynomial_degree > 1, include products of different features (true) or only powers of each feature (false).",
      effect: "false keeps d·p columns instead of C(d + p, p) − 1; true lets the model fit interactions between features."),
    .choice(
      "polynomial_basis", \.polynomialBasis,
      doc: "sagesim preprocessing: monomial (x, x², x³, …) or legendre (Legendre polynomials P_k of each feature rescaled to [−1, 1] by its training range). Both span the same functions, so the best possible fit is the same; the Legendre columns are nearly uncorrelated, so SGD and Adam actually reach that fit at high degree.",
      effect: "legendre: a high-degree fit converges (and overfits) within a few hundred epochs; monomial: the high powers are almost collinear and an SGD-trained model stays close to a low-degree fit however many epochs it runs."),
  ]

  /// True when nothing is changed.
  public var isIdentity: Bool { polynomialDegree == 1 }

  /// The names of the options (to route a swept name to preprocessing rather than the algorithm).
  public static var names: [String] { specs.map(\.name) }

  /// The expansion for data `width` features wide, or nil when the features pass unchanged.
  public func expansion(inputWidth width: Int) throws -> PolynomialFeatures? {
    isIdentity ? nil : try PolynomialFeatures(
      inputWidth: width, degree: polynomialDegree, interactions: polynomialInteractions, basis: polynomialBasis,
      ranges: featureRanges ?? [])
  }

  /// These options with what they learn from the training rows filled in (the feature ranges
  /// the Legendre basis rescales by).
  public func fitted(to train: Features) -> Preprocessing {
    guard !isIdentity, polynomialBasis == .legendre else { return self }
    var out = self
    let x = train.dense()
    out.featureRanges = (0..<x.columns).map { j in
      let column = x.column(j)
      return (column.min() ?? -1)...(column.max() ?? 1)
    }
    return out
  }

  /// The channels with every preprocessing step applied (the channels are read into memory), and
  /// the options as fitted to the train channel (to save beside the model).
  public func apply(to channels: Channels) throws -> (channels: Channels, width: Int?, fitted: Preprocessing) {
    guard !isIdentity else { return (channels, nil, self) }
    let train = try channels.train.inMemory()
    guard case .memory(let trainBatch) = train.source else { return (channels, nil, self) }
    let fitted = fitted(to: trainBatch.features)
    guard let expansion = try fitted.expansion(inputWidth: trainBatch.features.columns) else {
      return (channels, nil, self)
    }
    func expand(_ channel: DataChannel?) throws -> DataChannel? {
      guard let channel else { return nil }
      guard case .memory(let b) = try channel.inMemory().source else { return nil }
      guard b.features.columns == expansion.inputWidth else {
        throw TrainingError("the \(channel.name.rawValue) channel has \(b.features.columns) features; the train channel has \(expansion.inputWidth)")
      }
      return DataChannel(channel.name, batch: expansion.expand(b))
    }
    let out = Channels(train: try expand(train)!, validation: try expand(channels.validation), test: try expand(channels.test))
    return (out, expansion.outputWidth, fitted)
  }

  /// The features a model trained with these options expects.
  public func apply(to features: Features) throws -> Features {
    guard let expansion = try expansion(inputWidth: features.columns) else { return features }
    return .dense(expansion.expand(features.dense()))
  }

  /// Writes `preprocessing.json` beside `model.json` (nothing when there is nothing to undo).
  public func write(to directory: String) throws {
    let path = URL(fileURLWithPath: directory).appendingPathComponent(Self.fileName)
    guard !isIdentity else {
      try? FileManager.default.removeItem(at: path)
      return
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try encoder.encode(self).write(to: path)
  }

  /// The options a model directory was trained with (identity when it has no preprocessing.json).
  public static func read(from directory: String) throws -> Preprocessing {
    let path = URL(fileURLWithPath: directory).appendingPathComponent(fileName).path
    guard let data = FileManager.default.contents(atPath: path) else { return Preprocessing() }
    do { return try JSONDecoder().decode(Preprocessing.self, from: data) } catch {
      throw ModelError(directory: directory, problem: "\(fileName) is corrupt: \(error)")
    }
  }
}

extension DataChannel {
  /// This channel with all its rows read into memory (a memory channel is returned as it is).
  public func inMemory() throws -> DataChannel {
    switch source {
    case .memory: return self
    case .file(let path, let contentType):
      var options = ReadOptions()
      if case .csv(let labelSize) = contentType { options.hasLabel = labelSize > 0 }
      let batch = try readAll(path: path, contentType: contentType, options: options)
      return DataChannel(name, batch: batch)
    case .files:
      var all: [DataBatch] = []
      try forEachBatch(maxRows: Int.max) { all.append($0) }
      return DataChannel(name, batch: try DataBatch(concatenating: all, file: displayName))
    }
  }

  /// The same data under another channel name (the train rows scored as if they were a test set).
  public func renamed(_ newName: ChannelName) -> DataChannel {
    switch source {
    case .memory(let batch): return DataChannel(newName, batch: batch)
    case .file(let path, let contentType): return DataChannel(newName, path: path, contentType: contentType, inputMode: inputMode)
    case .files(let paths, let contentType): return DataChannel(newName, paths: paths, contentType: contentType, inputMode: inputMode)
    }
  }
}

extension Channels {
  /// Every channel read into memory, once, so that many trainings do not parse the files again.
  public func inMemory() throws -> Channels {
    Channels(train: try train.inMemory(), validation: try validation?.inMemory(), test: try test?.inMemory())
  }
}
