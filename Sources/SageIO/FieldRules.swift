/// What a field holds, which decides whether a missing value is acceptable.
enum FieldRole: Sendable {
  case label, weight, feature

  var name: String {
    switch self {
    case .label: return "label"
    case .weight: return "weight"
    case .feature: return "feature"
    }
  }
}

/// The rules that turn a parsed field into the value a reader stores, or into the `DataError`
/// that names the field and says what was expected instead.
///
/// A feature that is empty or `nan` is a missing value (stored as NaN) when `allowsMissing`,
/// an error otherwise; a label or weight can never be missing; infinity is never accepted.
struct FieldRules: Sendable {
  let file: String
  let allowsMissing: Bool

  /// Said after a non-number on the first row of a CSV file, which is most often a header.
  static let headerHint = " (SageMaker CSV has no header row; remove the header line)"

  /// The value to store for a field, or the error explaining why it cannot be stored.
  /// - Parameter headerHint: true on a CSV file's first row, where rubbish suggests a header.
  func value(
    _ parsed: ParsedNumber, text: UnsafeBufferPointer<UInt8>, role: FieldRole,
    line: Int, column: Int, headerHint: Bool = false
  ) throws(DataError) -> Double {
    func fail(_ problem: String, showing shown: Bool = true) -> DataError {
      DataError(
        file: file, line: line, column: column, value: shown ? Self.display(text) : nil,
        problem: problem)
    }
    switch parsed {
    case .number(let x):
      return x
    case .empty where role == .feature && allowsMissing, .nan where role == .feature && allowsMissing:
      return .nan
    case .empty:
      throw fail("empty \(role.name): expected a number\(Self.missingReason(role))", showing: false)
    case .nan:
      throw fail(
        "is not a valid \(role.name): expected a number\(Self.missingReason(role))")
    case .infinity:
      throw fail("is not a valid \(role.name): expected a finite number")
    case .outOfRange:
      throw fail("is out of range: expected a finite number (at most ±1.7976931348623157e308)")
    case .invalid:
      throw fail("is not a number" + (headerHint ? Self.headerHint : ""))
    }
  }

  /// Why a missing value was refused, for messages.
  static func missingReason(_ role: FieldRole) -> String {
    role == .feature ? " (missing values are not allowed here)" : " (\(role.name)s cannot be missing)"
  }

  /// The text of a field as shown in a message: decoded leniently, control characters replaced,
  /// and cut to 40 characters so that a binary file does not flood the terminal.
  static func display(_ text: UnsafeBufferPointer<UInt8>) -> String {
    let limit = 40
    let shown = text.count > limit ? UnsafeBufferPointer(rebasing: text[..<(limit - 3)]) : text
    var result = ""
    for scalar in String(decoding: shown, as: UTF8.self).unicodeScalars {
      result.unicodeScalars.append(scalar.properties.generalCategory == .control ? "?" : scalar)
    }
    return text.count > limit ? result + "..." : result
  }
}

extension DataError {
  /// The error for a file without a single row (nothing, or only blank lines).
  static func emptyFile(_ path: String) -> DataError {
    DataError(file: path, problem: "is empty: expected at least one row")
  }
}

extension ReadOptions {
  /// Refuses a `featureDim` below 1, a configuration mistake, before the file is opened.
  func validate(path: String) throws(DataError) {
    if let dim = featureDim, dim < 1 {
      throw DataError(file: path, problem: "cannot be read with feature_dim = \(dim): expected at least 1 feature")
    }
  }
}
