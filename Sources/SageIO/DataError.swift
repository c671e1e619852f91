/// A fault in a data file, named by place, value and expectation.
///
/// Rendered as `train.csv:17:4: 'abc' is not a number (SageMaker CSV has no header row)`:
/// the file, the 1-based line and column (column = CSV field or libsvm token, where known), the
/// offending value, and what was expected instead.
public struct DataError: Error, CustomStringConvertible, Equatable, Sendable {
  public var file: String
  public var line: Int?
  public var column: Int?
  public var value: String?
  public var problem: String

  public init(file: String, line: Int? = nil, column: Int? = nil, value: String? = nil, problem: String) {
    self.file = file
    self.line = line
    self.column = column
    self.value = value
    self.problem = problem
  }

  public var description: String {
    var place = file
    if let line { place += ":\(line)" }
    if let column { place += ":\(column)" }
    if let value { return "\(place): '\(value)' \(problem)" }
    return "\(place): \(problem)"
  }
}
