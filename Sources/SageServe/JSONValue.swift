import SageMetrics

/// A JSON value that keeps object member order and number text as written, so that batch
/// transform can join and filter records without reformatting them.
public indirect enum JSONValue: Equatable, Sendable {
  case null
  case bool(Bool)
  /// The number's text as written (`1.50` stays `1.50`).
  case number(String)
  case string(String)
  case array([JSONValue])
  case object([JSONMember])

  /// Parses exactly one JSON document from `text`; errors name the line and what was expected.
  public static func parse(_ bytes: [UInt8], name: String) throws(InferenceError) -> JSONValue {
    var scanner = JSONScanner(bytes: bytes)
    do {
      guard let node = try scanner.next() else { throw InferenceError.badRequest("\(name) is empty: expected a JSON value") }
      if let extra = try scanner.next() {
        throw InferenceError.badRequest("\(name):\(extra.line): a second JSON value follows the first: expected one value per record")
      }
      return JSONValue(node)
    } catch {
      throw .readingJSON(error, name: name)
    }
  }

  init(_ node: JSONNode) {
    switch node.value {
    case .null: self = .null
    case .bool(let b): self = .bool(b)
    case .number(let text): self = .number(text)
    case .string(let s): self = .string(s)
    case .array(let items): self = .array(items.map(JSONValue.init))
    case .object(let members): self = .object(members.map { JSONMember(key: $0.key, value: JSONValue($0.node)) })
    }
  }

  /// Compact JSON text (`{"a":1,"b":[2,3]}`).
  public var text: String {
    switch self {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .number(let n): return n
    case .string(let s): return jsonString(s)
    case .array(let items): return "[" + items.map(\.text).joined(separator: ",") + "]"
    case .object(let members):
      return "{" + members.map { jsonString($0.key) + ":" + $0.value.text }.joined(separator: ",") + "}"
    }
  }

  /// A CSV field or row: strings unquoted (CSV fields are kept as read), arrays comma-joined.
  public var csvText: String {
    switch self {
    case .string(let s): return s
    case .array(let items): return items.map(\.csvText).joined(separator: ",")
    default: return text
    }
  }
}

/// One `"key": value` of a JSON object.
public struct JSONMember: Equatable, Sendable {
  public var key: String
  public var value: JSONValue
  public init(key: String, value: JSONValue) {
    self.key = key
    self.value = value
  }
}
