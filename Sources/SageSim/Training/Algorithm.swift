import SageIO

/// A SageMaker built-in algorithm: hyperparameters in, a trained model value out.
///
/// Training returns the model (there is no "not fitted" state to check); the model predicts
/// in SageMaker's response shape and encodes to readable JSON.
public protocol Algorithm: SendableMetatype {
  associatedtype Hyperparameters: HyperparameterSet
  associatedtype Model: TrainedModel

  /// The CLI name: `pca`, `kmeans`, `linear-learner`, `xgboost`, `factorization-machines`.
  static var name: String { get }
  /// One line on what the algorithm is for.
  static var summary: String { get }
  /// The channels SageMaker's version accepts (`train` is always required).
  static var channels: [ChannelName] { get }
  /// Notes printed under the hyperparameter table (output order, formats, what is simulated).
  static var notes: [String] { get }

  /// Whether the algorithm trains in streaming passes (SageMaker's Pipe mode); one that needs the
  /// whole data set in memory says why instead.
  static var pipeModeRefusal: String? { get }

  /// Trains on `channels`, writing progress and metrics to `log`. Same inputs and seed, same model.
  static func train(
    _ hyperparameters: Hyperparameters, on channels: Channels, seed: UInt64, log: inout TrainingLog
  ) throws -> Model
}

extension Algorithm {
  public static var pipeModeRefusal: String? { nil }
}

/// A trained model: it knows its input width and predicts a batch of feature rows.
public protocol TrainedModel: Codable, Sendable {
  var featureDim: Int { get }
  func predict(_ features: Features) throws -> Predictions
}

/// A refusal to train that is neither a data fault nor a bad hyperparameter (a channel the
/// algorithm does not take, data whose width disagrees with `feature_dim`, divergence).
public struct TrainingError: Error, CustomStringConvertible, Sendable {
  public let message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
