import Foundation
import SageMetrics

/// A refused inference request: the HTTP status SageMaker's containers answer with and a message
/// that names what was wrong (line, column and value where the readers know them).
public struct InferenceError: Error, CustomStringConvertible, Sendable, Equatable {
  /// 400 bad body, 406 unsupported Accept, 413 body too large, 415 unsupported Content-Type.
  public let status: Int
  public let message: String

  public init(status: Int, _ message: String) {
    self.status = status
    self.message = message
  }

  public static func badRequest(_ message: String) -> InferenceError { InferenceError(status: 400, message) }

  public var description: String { message }

  /// What a JSON body's reader threw, as a 400 that names the body, line and token.
  static func readingJSON(_ error: Error, name: String) -> InferenceError {
    switch error {
    case let error as JSONSyntaxError:
      return .badRequest("\(name):\(error.line): '\(error.found ?? "end of input")' is not valid JSON: expected \(error.expected)")
    case let error as InferenceError: return error
    default: return .badRequest("\(name): \(error)")
    }
  }

  /// `{"error": "..."}`, the body of every refusal.
  public var jsonBody: String { "{\"error\":\(jsonString(message))}\n" }
}

/// `text` as a JSON string literal (quotes, backslashes and control characters escaped).
public func jsonString(_ text: String) -> String {
  var out = "\""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    case let s where s.value < 0x20: out += "\\u" + String(format4Hex(s.value))
    default: out.unicodeScalars.append(scalar)
    }
  }
  return out + "\""
}

private func format4Hex(_ value: UInt32) -> String {
  let digits = String(value, radix: 16)
  return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}
