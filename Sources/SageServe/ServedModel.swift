import Foundation
import SageIO
import SageSim

/// A trained model loaded once and answered many times: decode the body, apply the preprocessing
/// recorded at training, predict, encode. Predicting is pure, so one instance serves concurrent
/// requests.
public final class ServedModel: Sendable {
  public let algorithm: String
  public let contract: InferenceContract
  /// The features a request row must have (before any recorded preprocessing), when known.
  public let inputWidth: Int?
  private let preprocessing: Preprocessing
  private let model: any TrainedModel

  /// Reads `directory` as `sagesim predict` does (model.json, or xgboost's saved `xgboost-model`).
  public init(directory: String) throws {
    let (algorithm, json) = try ModelDirectory.read(from: directory)
    let entry = try AlgorithmRegistry.entry(named: algorithm)
    preprocessing = try Preprocessing.read(from: directory)
    model = try entry.load(modelJSON: json, directory: directory)
    let featureDim = AlgorithmEntry.featureDim(of: json) ?? model.featureDim
    inputWidth = preprocessing.isIdentity ? featureDim : preprocessing.featureRanges?.count
    self.algorithm = algorithm
    contract = InferenceContract.of(algorithm: algorithm)
  }

  /// Decodes `body` (in `contentType`) into feature rows the model takes.
  public func features(body: [UInt8], format: RequestFormat, name: String = RequestDecoder.bodyName)
    throws(InferenceError) -> Features
  {
    try RequestDecoder.features(
      from: body, format: format, width: inputWidth, allowsMissing: contract.allowsMissing, name: name)
  }

  /// Predicts rows already decoded.
  public func predict(_ features: Features) throws(InferenceError) -> Predictions {
    do {
      return try model.predict(try preprocessing.apply(to: features))
    } catch {
      throw .badRequest("cannot predict: \(error)")
    }
  }

  /// One `/invocations` call: the response body and its content type, or a refusal.
  public func invoke(body: [UInt8], contentType: String?, accept: String?) throws(InferenceError)
    -> (body: [UInt8], contentType: String)
  {
    let request = try RequestFormat.parse(contentType, accepted: contract.requests)
    let response = try ResponseFormat.negotiate(
      accept, offered: contract.responses, default: contract.defaultResponse)
    let predictions = try predict(try features(body: body, format: request))
    return (try ResponseEncoder.encode(predictions, as: response), response.rawValue)
  }
}
