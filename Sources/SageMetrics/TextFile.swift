import Foundation

/// A predictions or labels file read into memory, with helpers that report faults by line.
struct TextFile {
  /// The path as given, used to name the file in errors.
  let path: String
  let text: String

  /// Reads `path` as UTF-8 text (invalid bytes become U+FFFD; a leading byte-order mark is
  /// dropped).
  static func load(_ path: String) throws(EvaluationError) -> TextFile {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw EvaluationError(file: path, problem: "no such file")
    }
    guard !isDirectory.boolValue else {
      throw EvaluationError(file: path, problem: "is a directory, not a file")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw EvaluationError(file: path, problem: "cannot be read (check its permissions)")
    }
    var text = String(decoding: data, as: UTF8.self)
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    return TextFile(path: path, text: text)
  }

  /// The non-blank lines, trimmed, with their 1-based numbers.
  var lines: [(number: Int, text: Substring)] {
    text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
      .enumerated()
      .map { (number: $0.offset + 1, text: Self.trimmed($0.element)) }
      .filter { !$0.text.isEmpty }
  }

  /// The comma-separated fields of a line, each trimmed.
  static func fields(_ line: Substring) -> [Substring] {
    line.split(separator: ",", omittingEmptySubsequences: false).map(trimmed)
  }

  /// `text` as a finite number, or an error naming this file, the line and the text.
  func number(_ text: some StringProtocol, line: Int) throws(EvaluationError) -> Double {
    guard let value = Double(text) else {
      throw EvaluationError(file: path, line: line, value: String(text), problem: "is not a number")
    }
    guard value.isFinite else {
      throw EvaluationError(
        file: path, line: line, value: String(text), problem: "is not a finite number")
    }
    return value
  }

  /// An error naming this file.
  func error(line: Int? = nil, value: String? = nil, _ problem: String) -> EvaluationError {
    EvaluationError(file: path, line: line, value: value, problem: problem)
  }

  private static func trimmed(_ text: Substring) -> Substring {
    guard let first = text.firstIndex(where: { !$0.isWhitespace }),
      let last = text.lastIndex(where: { !$0.isWhitespace })
    else { return text[text.endIndex...] }
    return text[first...last]
  }
}
