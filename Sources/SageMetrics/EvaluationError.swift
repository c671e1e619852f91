/// A fault in a predictions or labels file, named by place, value and expectation.
///
/// Rendered as `preds.csv:3: 'abc' is not a number`: the file, the 1-based line where known,
/// the offending value where there is one, and what is wrong or expected. Long values are cut to
/// 40 characters.
public struct EvaluationError: Error, CustomStringConvertible, Equatable, Sendable {
  public var file: String
  public var line: Int?
  public var value: String?
  public var problem: String

  public init(file: String, line: Int? = nil, value: String? = nil, problem: String) {
    self.file = file
    self.line = line
    self.value = value.map { $0.count > 40 ? $0.prefix(39) + "…" : $0 }
    self.problem = problem
  }

  public var description: String {
    var place = file
    if let line { place += ":\(line)" }
    if let value { return "\(place): '\(value)' \(problem)" }
    return "\(place): \(problem)"
  }
}
