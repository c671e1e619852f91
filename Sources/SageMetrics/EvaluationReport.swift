/// The metrics of one evaluation, ready to print or to save as JSON.
public struct EvaluationReport: Sendable {
  /// The task evaluated.
  public var task: EvaluationTask
  /// Metric names and values in report order, e.g. `mse`, `rmse`, `mae`, `r2`.
  public var metrics: [(name: String, value: Double)]
  /// The confusion matrix (rows = true class) for binary and multiclass tasks.
  public var confusion: ConfusionMatrix?
  /// Why a metric of the task is missing, one sentence each.
  public var notes: [String] = []

  public init(
    task: EvaluationTask, metrics: [(name: String, value: Double)],
    confusion: ConfusionMatrix? = nil
  ) {
    self.task = task
    self.metrics = metrics
    self.confusion = confusion
  }

  /// The value of the metric called `name`, if the report has it.
  public subscript(name: String) -> Double? {
    metrics.first { $0.name == name }?.value
  }

  /// Appends `name` when `value` exists; otherwise records `note`, which says why it does not.
  mutating func add(_ name: String, _ value: Double?, else note: String) {
    if let value {
      metrics.append((name, value))
    } else {
      notes.append(note)
    }
  }

  /// The metrics as aligned lines, then the confusion table, then the notes, separated by blank
  /// lines. The text ends without a newline.
  public func render() -> String {
    var blocks = [MetricsText.lines(metrics)]
    if let confusion { blocks.append(MetricsText.table(confusion)) }
    if !notes.isEmpty { blocks.append(notes.map { "note: \($0)" }.joined(separator: "\n")) }
    return blocks.joined(separator: "\n\n")
  }

  /// The metrics as one JSON object, keys in report order: `{"mse": 0.25, "rmse": 0.5}`.
  ///
  /// Values use Swift's shortest round-trip form (`0.1`, `1e-05`), so reading them back gives
  /// the same Doubles; a non-finite value (not produced by the metrics here) is written `null`.
  public func json() -> String {
    let members = metrics.map { "\"\($0.name)\": \($0.value.isFinite ? "\($0.value)" : "null")" }
    return "{" + members.joined(separator: ", ") + "}"
  }
}
