/// A JSON value read by ``JSONScanner``, with where it stands in the source.
public struct JSONNode {
  public enum Value {
    case object([(key: String, node: JSONNode)])
    case array([JSONNode])
    case string(String)
    /// The number's source text, checked by the caller (so it can report it as written).
    case number(String)
    case bool(Bool)
    case null
  }

  public var value: Value
  /// The 1-based line the value starts on.
  public var line: Int
  /// The value's byte range in the source.
  public var span: Range<Int>

  /// The first member named `key`, if any.
  public func member(_ key: String) -> JSONNode? {
    guard case .object(let members) = value else { return nil }
    return members.first { $0.key == key }?.node
  }
}

/// A JSON syntax fault: the line, what was found there (nil at the end of the text), and what
/// the grammar expected.
public struct JSONSyntaxError: Error {
  public var line: Int
  public var found: String?
  public var expected: String
}

/// Reads a sequence of JSON values separated by whitespace (one document, or JSON Lines),
/// keeping each value's line number so errors can name it.
///
/// A small recursive-descent reader over UTF-8 bytes (RFC 8259). It is lenient in one way only:
/// a number is any run of `0-9 + - . e E`, left for the caller to parse. Nesting is limited to
/// ``maxDepth`` so hostile input cannot exhaust the stack.
public struct JSONScanner {
  static let maxDepth = 64
  let bytes: [UInt8]
  private var position = 0
  private var line = 1

  public init(_ text: String) { bytes = Array(text.utf8) }

  /// Reads UTF-8 bytes already in memory (an HTTP request body).
  public init(bytes: [UInt8]) { self.bytes = bytes }

  /// The text of a span, e.g. to quote a value in an error.
  public func text(_ span: Range<Int>) -> String { String(decoding: bytes[span], as: UTF8.self) }

  /// The next top-level value, or nil when only whitespace remains.
  public mutating func next() throws(JSONSyntaxError) -> JSONNode? {
    skipWhitespace()
    return position < bytes.count ? try value(depth: 0) : nil
  }

  private mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONNode {
    skipWhitespace()
    guard depth < Self.maxDepth else { throw fault("at most \(Self.maxDepth) levels of nesting") }
    let start = position
    let startLine = line
    let value: JSONNode.Value
    switch peek() {
    case UInt8(ascii: "{"): value = .object(try members(depth: depth))
    case UInt8(ascii: "["): value = .array(try elements(depth: depth))
    case UInt8(ascii: "\""): value = .string(try string())
    case UInt8(ascii: "t"):
      try keyword("true")
      value = .bool(true)
    case UInt8(ascii: "f"):
      try keyword("false")
      value = .bool(false)
    case UInt8(ascii: "n"):
      try keyword("null")
      value = .null
    case let byte? where Self.numberBytes.contains(byte): value = .number(numberText())
    default: throw fault("a JSON value")
    }
    return JSONNode(value: value, line: startLine, span: start..<position)
  }

  private mutating func members(depth: Int) throws(JSONSyntaxError) -> [(
    key: String, node: JSONNode
  )] {
    position += 1  // {
    var result: [(key: String, node: JSONNode)] = []
    skipWhitespace()
    if peek() == UInt8(ascii: "}") {
      position += 1
      return result
    }
    while true {
      skipWhitespace()
      guard peek() == UInt8(ascii: "\"") else { throw fault("a quoted member name") }
      let key = try string()
      try expect(":")
      result.append((key, try value(depth: depth + 1)))
      if try listContinues(closer: "}") { continue }
      return result
    }
  }

  private mutating func elements(depth: Int) throws(JSONSyntaxError) -> [JSONNode] {
    position += 1  // [
    var result: [JSONNode] = []
    skipWhitespace()
    if peek() == UInt8(ascii: "]") {
      position += 1
      return result
    }
    while true {
      result.append(try value(depth: depth + 1))
      if try listContinues(closer: "]") { continue }
      return result
    }
  }

  /// After a list item: true after a `,`, false after the closer, otherwise a fault.
  private mutating func listContinues(closer: Unicode.Scalar) throws(JSONSyntaxError) -> Bool {
    skipWhitespace()
    switch peek() {
    case UInt8(ascii: ","):
      position += 1
      return true
    case UInt8(ascii: closer):
      position += 1
      return false
    default: throw fault("',' or '\(closer)'")
    }
  }

  private mutating func string() throws(JSONSyntaxError) -> String {
    position += 1  // opening quote
    var scalars = String.UnicodeScalarView()
    var run = position  // start of the current stretch without escapes
    func flush(_ end: Int) {
      scalars.append(contentsOf: String(decoding: bytes[run..<end], as: UTF8.self).unicodeScalars)
    }
    while let byte = peek() {
      switch byte {
      case UInt8(ascii: "\""):
        flush(position)
        position += 1
        return String(scalars)
      case UInt8(ascii: "\\"):
        flush(position)
        position += 1
        scalars.append(try escape())
        run = position
      case ..<0x20:
        throw fault("a closing '\"' before the end of the line")
      default:
        position += 1
      }
    }
    throw fault("a closing '\"'")
  }

  /// The character after a backslash (the backslash already consumed).
  private mutating func escape() throws(JSONSyntaxError) -> Unicode.Scalar {
    let simple: [UInt8: Unicode.Scalar] = [
      UInt8(ascii: "\""): "\"", UInt8(ascii: "\\"): "\\", UInt8(ascii: "/"): "/",
      UInt8(ascii: "b"): "\u{08}", UInt8(ascii: "f"): "\u{0C}", UInt8(ascii: "n"): "\n",
      UInt8(ascii: "r"): "\r", UInt8(ascii: "t"): "\t",
    ]
    guard let byte = peek() else { throw fault("an escape after '\\'") }
    position += 1
    if let scalar = simple[byte] { return scalar }
    guard byte == UInt8(ascii: "u"), position + 4 <= bytes.count,
      let code = UInt32(text(position..<position + 4), radix: 16)
    else {
      position -= 1
      throw fault("one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
    }
    position += 4
    // A lone UTF-16 surrogate has no scalar of its own; pairs are rare in prediction files.
    return Unicode.Scalar(code) ?? "\u{FFFD}"
  }

  private static let numberBytes = Set("0123456789+-.eE".utf8)

  private mutating func numberText() -> String {
    let start = position
    while let byte = peek(), Self.numberBytes.contains(byte) { position += 1 }
    return text(start..<position)
  }

  private mutating func keyword(_ word: String) throws(JSONSyntaxError) {
    let utf8 = Array(word.utf8)
    guard bytes[position...].starts(with: utf8) else { throw fault("a JSON value") }
    position += utf8.count
  }

  private mutating func expect(_ scalar: Unicode.Scalar) throws(JSONSyntaxError) {
    skipWhitespace()
    guard peek() == UInt8(ascii: scalar) else { throw fault("'\(scalar)'") }
    position += 1
  }

  private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

  private mutating func skipWhitespace() {
    while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
      if byte == 0x0A { line += 1 }
      position += 1
    }
  }

  /// A fault at the current position, quoting the character found there.
  private func fault(_ expected: String) -> JSONSyntaxError {
    guard position < bytes.count else {
      return JSONSyntaxError(line: line, found: nil, expected: expected)
    }
    let found = String(decoding: bytes[position..<min(position + 4, bytes.count)], as: UTF8.self)
    return JSONSyntaxError(line: line, found: found.first.map(String.init), expected: expected)
  }
}
