import Foundation

/// The request bodies an endpoint decodes (`Content-Type`).
public enum RequestFormat: String, Sendable, CaseIterable {
  case csv = "text/csv"
  case json = "application/json"
  case jsonLines = "application/jsonlines"
  case recordIO = "application/x-recordio-protobuf"
  case libsvm = "text/libsvm"

  /// Parses a `Content-Type` header. Parameters other than `label_size` (which must be 0: inference
  /// CSV has no label column) and `charset` are ignored, as SageMaker's containers ignore them.
  public static func parse(_ header: String?, accepted: [RequestFormat]) throws(InferenceError) -> RequestFormat {
    let offered = accepted.map(\.rawValue).joined(separator: ", ")
    guard let header, !header.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw InferenceError(status: 415, "the request has no Content-Type; this model takes \(offered)")
    }
    let (base, parameters) = splitMediaType(header)
    let format: RequestFormat?
    switch base {
    case "text/csv", "csv": format = .csv
    case "application/json": format = .json
    case "application/jsonlines", "application/json-lines", "application/x-jsonlines": format = .jsonLines
    case "application/x-recordio-protobuf", "recordio-protobuf": format = .recordIO
    case "text/libsvm", "text/x-libsvm", "libsvm": format = .libsvm
    default: format = nil
    }
    guard let format, accepted.contains(format) else {
      throw InferenceError(status: 415, "Content-Type '\(header)' is not supported by this model; it takes \(offered)")
    }
    if format == .csv, let size = parameters["label_size"], size != "0" {
      throw InferenceError(
        status: 415,
        "Content-Type '\(header)': inference CSV has no label column; send features only as text/csv (label_size=0)")
    }
    return format
  }
}

/// The response bodies an endpoint encodes (`Accept`).
public enum ResponseFormat: String, Sendable, CaseIterable {
  case json = "application/json"
  case jsonLines = "application/jsonlines"
  case csv = "text/csv"
  case recordIO = "application/x-recordio-protobuf"

  /// Chooses the response format from an `Accept` header: the supported type with the highest
  /// `q` (ties in header order), `*/*` meaning the algorithm's default; no header is the default.
  public static func negotiate(_ header: String?, offered: [ResponseFormat], default fallback: ResponseFormat)
    throws(InferenceError) -> ResponseFormat
  {
    guard let header, !header.trimmingCharacters(in: .whitespaces).isEmpty else { return fallback }
    var candidates: [(format: ResponseFormat, q: Double, order: Int)] = []
    for (order, item) in header.split(separator: ",").enumerated() {
      let (base, parameters) = splitMediaType(String(item))
      let q = parameters["q"].flatMap(Double.init) ?? 1
      guard q > 0 else { continue }
      let format: ResponseFormat?
      switch base {
      case "*/*": format = fallback
      case "application/*": format = fallback == .csv ? offered.first { $0 != .csv } : fallback
      case "text/*": format = offered.contains(.csv) ? .csv : nil
      case "application/json": format = .json
      case "application/jsonlines", "application/json-lines", "application/x-jsonlines": format = .jsonLines
      case "text/csv", "csv": format = .csv
      case "application/x-recordio-protobuf", "recordio-protobuf": format = .recordIO
      default: format = nil
      }
      if let format, offered.contains(format) { candidates.append((format, q, order)) }
    }
    guard let best = candidates.min(by: { ($0.q, -$0.order) > ($1.q, -$1.order) }) else {
      throw InferenceError(
        status: 406,
        "Accept '\(header)' asks for no format this model answers in; it offers \(offered.map(\.rawValue).joined(separator: ", "))")
    }
    return best.format
  }
}

/// `text/csv; label_size=0` → ("text/csv", ["label_size": "0"]), lower-cased and trimmed.
func splitMediaType(_ text: String) -> (base: String, parameters: [String: String]) {
  let parts = text.split(separator: ";", omittingEmptySubsequences: false)
    .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
  var parameters: [String: String] = [:]
  for parameter in parts.dropFirst() {
    let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
    if pair.count == 2 { parameters[pair[0]] = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
  }
  return (parts.first ?? "", parameters)
}

/// What one algorithm's SageMaker inference container takes and answers with.
public struct InferenceContract: Sendable, Equatable {
  public let algorithm: String
  public let requests: [RequestFormat]
  public let responses: [ResponseFormat]
  public let defaultResponse: ResponseFormat
  /// XGBoost reads an empty CSV field as a missing value; the other algorithms refuse it.
  public let allowsMissing: Bool

  /// The contract of `algorithm`, from the spec's inference sections (and the DG response pages):
  /// - xgboost takes CSV, libsvm and RecordIO-protobuf and answers CSV (default) or JSON; its
  ///   JSON Lines and protobuf answers exist only with selectable inference output, not simulated.
  /// - k-means, PCA and linear learner take CSV, JSON, JSON Lines and RecordIO-protobuf;
  ///   factorization machines take no CSV. They answer JSON (default), JSON Lines and protobuf;
  ///   only k-means documents a CSV answer.
  public static func of(algorithm: String) -> InferenceContract {
    switch algorithm {
    case "xgboost":
      return InferenceContract(
        algorithm: algorithm, requests: [.csv, .libsvm, .recordIO], responses: [.csv, .json],
        defaultResponse: .csv, allowsMissing: true)
    case "kmeans":
      return InferenceContract(
        algorithm: algorithm, requests: [.csv, .json, .jsonLines, .recordIO],
        responses: [.json, .jsonLines, .csv, .recordIO], defaultResponse: .json, allowsMissing: false)
    case "factorization-machines":
      return InferenceContract(
        algorithm: algorithm, requests: [.json, .jsonLines, .recordIO],
        responses: [.json, .jsonLines, .recordIO], defaultResponse: .json, allowsMissing: false)
    default:
      return InferenceContract(
        algorithm: algorithm, requests: [.csv, .json, .jsonLines, .recordIO],
        responses: [.json, .jsonLines, .recordIO], defaultResponse: .json, allowsMissing: false)
    }
  }
}
