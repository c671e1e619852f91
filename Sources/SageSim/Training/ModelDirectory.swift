import Foundation

/// A model directory: `model.json`, a readable envelope around the algorithm's parameters.
///
/// ```json
/// {"algorithm": "pca", "format_version": 1, "feature_dim": 64,
///  "hyperparameters": {"num_components": "10", ...}, "model": {...}}
/// ```
public enum ModelDirectory {
  public static let fileName = "model.json"
  public static let formatVersion = 1

  struct Envelope<Model: Codable>: Codable {
    var algorithm: String
    var formatVersion: Int
    var sagesimVersion: String
    var featureDim: Int
    var hyperparameters: [String: String]
    var model: Model

    enum CodingKeys: String, CodingKey {
      case algorithm, hyperparameters, model
      case formatVersion = "format_version"
      case sagesimVersion = "sagesim_version"
      case featureDim = "feature_dim"
    }
  }

  struct Header: Codable {
    var algorithm: String
    var formatVersion: Int
    enum CodingKeys: String, CodingKey {
      case algorithm
      case formatVersion = "format_version"
    }
  }

  /// The JSON text of a model (sorted keys: the same model gives the same bytes).
  static func encode<M: TrainedModel>(_ model: M, algorithm: String, hyperparameters: [String: String]) throws
    -> Data
  {
    let envelope = Envelope(
      algorithm: algorithm, formatVersion: formatVersion, sagesimVersion: sagesimVersion,
      featureDim: model.featureDim, hyperparameters: hyperparameters, model: model)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return try encoder.encode(envelope)
  }

  /// Writes `model.json` into `directory`, creating it if needed.
  public static func write(_ json: Data, to directory: String) throws {
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      try json.write(to: URL(fileURLWithPath: directory).appendingPathComponent(fileName))
      for (name, data) in XGBoost.companionFiles(of: json) {
        try data.write(to: URL(fileURLWithPath: directory).appendingPathComponent(name))
      }
    } catch {
      throw ModelError(directory: directory, problem: "cannot be written: \(error.localizedDescription)")
    }
  }

  /// Reads `model.json` from `directory` and says which algorithm made it.
  public static func read(from directory: String) throws -> (algorithm: String, json: Data) {
    let url = URL(fileURLWithPath: directory).appendingPathComponent(fileName)
    if !FileManager.default.fileExists(atPath: url.path), let wrapped = try XGBoost.wrapSavedModel(in: directory) {
      return ("xgboost", wrapped)
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw ModelError(directory: directory, problem: "holds no \(fileName): train a model into it with 'sagesim train ... --model-dir \(directory)'")
    }
    guard let header = try? JSONDecoder().decode(Header.self, from: data) else {
      throw ModelError(directory: directory, problem: "\(fileName) is not a sagesim model (corrupt JSON or no 'algorithm' and 'format_version')")
    }
    guard header.formatVersion == formatVersion else {
      throw ModelError(directory: directory, problem: "\(fileName) has format_version \(header.formatVersion); this sagesim reads \(formatVersion)")
    }
    return (header.algorithm, data)
  }

  /// Decodes the model of `algorithm` from its JSON text.
  static func decode<M: TrainedModel>(_ type: M.Type, algorithm: String, from data: Data, directory: String) throws -> M {
    do {
      let envelope = try JSONDecoder().decode(Envelope<M>.self, from: data)
      guard envelope.algorithm == algorithm else {
        throw ModelError(directory: directory, problem: "holds a \(envelope.algorithm) model, not a \(algorithm) model")
      }
      return envelope.model
    } catch let error as ModelError {
      throw error
    } catch {
      throw ModelError(directory: directory, problem: "\(fileName) is corrupt: \(describe(error))")
    }
  }

  private static func describe(_ error: Error) -> String {
    guard let decoding = error as? DecodingError else { return "\(error)" }
    switch decoding {
    case .keyNotFound(let key, let context):
      return "missing '\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))'"
    case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
      return "bad value at '\(context.codingPath.map(\.stringValue).joined(separator: "."))': \(context.debugDescription)"
    @unknown default:
      return "\(decoding)"
    }
  }
}

/// The version written into every model.
public let sagesimVersion = "0.1.0"

/// A model directory that cannot be read, or holds something other than what was asked for.
public struct ModelError: Error, CustomStringConvertible, Sendable {
  public let directory: String
  public let problem: String
  public var description: String { "model directory '\(directory)' \(problem)" }
}
