import Foundation

/// The content types SageMaker's built-in algorithms take, parsed from the MIME string a user
/// gives (`text/csv`, `text/csv;label_size=0`, `text/libsvm`, `application/x-recordio-protobuf`,
/// and the short forms `csv`, `libsvm`, `recordio-protobuf` that the XGBoost container accepts).
public enum ContentType: Equatable, Sendable, CustomStringConvertible {
  /// Headerless CSV; `labelSize` is 1 when the first column is the label, 0 when there is none.
  case csv(labelSize: Int)
  /// `label[:weight] index:value ...`, zero-based indices; an absent index is a missing value.
  case libsvm
  /// MXNet RecordIO framing around protobuf `Record`s (read by the RecordIO issue's reader).
  case recordIOProtobuf

  /// Every spelling accepted, for error messages.
  public static let accepted = [
    "text/csv", "text/csv;label_size=0", "text/csv;label_size=1", "csv", "text/libsvm",
    "text/x-libsvm", "libsvm", "application/x-recordio-protobuf", "recordio-protobuf",
  ]

  /// Parses a MIME string; parameters other than `label_size` (0 or 1) are refused.
  public init(parsing text: String) throws(ContentTypeError) {
    let parts = text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    guard let base = parts.first else { throw ContentTypeError(text: text) }
    var labelSize: Int?
    for parameter in parts.dropFirst() {
      let pair = parameter.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
      guard pair.count == 2, pair[0] == "label_size", let n = Int(pair[1]), n == 0 || n == 1 else {
        throw ContentTypeError(text: text)
      }
      labelSize = n
    }
    switch base {
    case "text/csv", "csv": self = .csv(labelSize: labelSize ?? 1)
    case "text/libsvm", "text/x-libsvm", "libsvm":
      guard labelSize == nil else { throw ContentTypeError(text: text) }
      self = .libsvm
    case "application/x-recordio-protobuf", "recordio-protobuf":
      guard labelSize == nil else { throw ContentTypeError(text: text) }
      self = .recordIOProtobuf
    default: throw ContentTypeError(text: text)
    }
  }

  public var description: String {
    switch self {
    case .csv(let labelSize): return labelSize == 1 ? "text/csv" : "text/csv;label_size=\(labelSize)"
    case .libsvm: return "text/libsvm"
    case .recordIOProtobuf: return "application/x-recordio-protobuf"
    }
  }
}

/// A content type sagesim does not know.
public struct ContentTypeError: Error, CustomStringConvertible, Sendable {
  public let text: String
  public var description: String {
    "'\(text)' is not an accepted content type; expected one of: "
      + ContentType.accepted.joined(separator: ", ")
  }
}
