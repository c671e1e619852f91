/// A fault in the arrays handed to a metric, named by argument, position, value and expectation.
///
/// Rendered as `labels[3]: '2' is not 0 or 1 (binary labels)`: the argument, the 0-based index
/// where one applies, the offending value, and what was expected instead. Metrics computed from
/// files report ``EvaluationError`` instead, which names the file and line.
public struct MetricError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The argument at fault, e.g. `labels`, `probabilities`, `topK`.
  public var argument: String
  /// The 0-based position inside the argument, when the fault is one element.
  public var index: Int?
  /// The offending value as text.
  public var value: String?
  /// What is wrong, phrased to follow the value.
  public var problem: String

  public init(argument: String, index: Int? = nil, value: String? = nil, problem: String) {
    self.argument = argument
    self.index = index
    self.value = value
    self.problem = problem
  }

  public var description: String {
    var place = argument
    if let index { place += "[\(index)]" }
    if let value { return "\(place): '\(value)' \(problem)" }
    return "\(place): \(problem)"
  }
}

/// `n` and the noun, plural unless n is 1: `counted(1, "value")` is "1 value".
func counted(_ n: Int, _ noun: String) -> String {
  n == 1 ? "1 \(noun)" : "\(n) \(noun)s"
}

// MARK: - Shared checks

extension MetricError {
  /// `predictions` and `labels` must be equally long and hold at least one sample.
  static func checkCounts(_ predictions: Int, _ labels: Int, predictionsName: String)
    throws(MetricError)
  {
    guard predictions == labels else {
      throw MetricError(
        argument: predictionsName,
        problem:
          "has \(counted(predictions, "value")) but labels has \(labels); "
          + "they must pair up one to one"
      )
    }
    guard labels > 0 else {
      throw MetricError(argument: "labels", problem: "is empty; metrics need at least one sample")
    }
  }

  /// Every value must be finite (no NaN or ±∞).
  static func checkFinite(_ values: [Double], argument: String) throws(MetricError) {
    if let i = values.firstIndex(where: { !$0.isFinite }) {
      throw MetricError(
        argument: argument, index: i, value: "\(values[i])", problem: "is not a finite number")
    }
  }

  /// Every label must be a class index in `0..<classCount`.
  static func checkClasses(_ labels: [Int], classCount: Int, argument: String) throws(MetricError) {
    if let i = labels.firstIndex(where: { $0 < 0 || $0 >= classCount }) {
      throw MetricError(
        argument: argument, index: i, value: "\(labels[i])",
        problem: "is not a class index in 0..<\(classCount)")
    }
  }
}
