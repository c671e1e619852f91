import Foundation

/// What a training run tells its user, in the line format SageMaker's first-party containers
/// use (`[11/24/2020 18:53:54 INFO 140513285547840] …`), so that a learner sees the same
/// `#quality_metric` lines a real job writes to CloudWatch.
public struct TrainingLog: Sendable {
  /// Where each line goes (stdout in the CLI; an array in tests).
  public var sink: @Sendable (String) -> Void
  /// Every line written, in order (without the timestamp prefix).
  public private(set) var messages: [String] = []
  /// Warnings written, for callers that show them again at the end.
  public private(set) var warnings: [String] = []
  /// The metrics reported, keyed by SageMaker's name (`test:msd`, `validation:rmse`).
  public private(set) var metrics: [(name: String, value: Double)] = []
  /// Per-epoch (or per-round) values in the order reported, for learning curves: every
  /// `qualityMetric` with an epoch lands here, and algorithms with their own line format (xgboost's
  /// `[i]#011train-rmse:…`) call `record(step:name:value:)`.
  public private(set) var history: [MetricPoint] = []
  /// The epoch or round whose model was kept, when early stopping chose one (nil: the last).
  public var keptStep: Int?
  /// Consulted on every point of the learning curve by automatic model tuning (early stopping,
  /// Hyperband): returning true asks the algorithm to stop after this epoch or round.
  public var stopRule: (@Sendable (MetricPoint) -> Bool)?
  /// Set once `stopRule` said stop; iterative algorithms check it at the end of each epoch or round.
  public private(set) var stopRequested = false
  /// The simulated host writing these lines (`algo-1` unless a distributed job says otherwise),
  /// shown as `host=…` in `#quality_metric` lines, as each SageMaker instance tags its own.
  public var host = "algo-1"

  public init(sink: @escaping @Sendable (String) -> Void = { print($0) }) {
    self.sink = sink
  }

  /// A log that keeps lines but prints nothing.
  public static var silent: TrainingLog { TrainingLog(sink: { _ in }) }

  public mutating func info(_ message: String) { write("INFO", message) }

  public mutating func warning(_ message: String) {
    warnings.append(message)
    write("WARNING", message)
  }

  /// `#quality_metric: host=<host>, [epoch=N, ]<channel> <name> <loss|score>=<value>`; final
  /// values (no epoch) are also recorded as `<channel>:<name>` for the metrics JSON, or as
  /// `<channel>:<metricName>` when the tuning metric's name differs from the logged one (linear
  /// learner logs `binary_f_1.000` for the metric `test:binary_f_beta`).
  public mutating func qualityMetric(
    channel: String, name: String, value: Double, isLoss: Bool, epoch: Int? = nil, metricName: String? = nil
  ) {
    let epochPart = epoch.map { "epoch=\($0), " } ?? ""
    info("#quality_metric: host=\(host), \(epochPart)\(channel) \(name) <\(isLoss ? "loss" : "score")>=\(value)")
    if let epoch {
      record(step: epoch, name: "\(channel):\(metricName ?? name)", value: value)
    } else {
      let key = "\(channel):\(metricName ?? name)"
      metrics.removeAll { $0.name == key }
      metrics.append((key, value))
    }
  }

  /// Appends the lines and warnings another host's log wrote (already printed by its sink), so the
  /// job's log keeps every host's lines; its metrics and history are not taken over.
  public mutating func append(linesOf other: TrainingLog) {
    messages += other.messages
    warnings += other.warnings
  }

  /// Adds one point of a learning curve without writing a line.
  public mutating func record(step: Int, name: String, value: Double) {
    let point = MetricPoint(step: step, name: name, value: value)
    history.append(point)
    if !stopRequested, let stopRule, stopRule(point) { stopRequested = true }
  }

  private mutating func write(_ level: String, _ message: String) {
    messages.append(message)
    sink("[\(Self.timestamp()) \(level) \(ProcessInfo.processInfo.processIdentifier)] \(message)")
  }

  private static func timestamp() -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "MM/dd/yyyy HH:mm:ss"
    return formatter.string(from: Date())
  }
}


/// One value of a learning curve: the metric `name` (`validation:rmse`) after epoch or round `step`.
public struct MetricPoint: Sendable, Equatable, Codable {
  public let step: Int
  public let name: String
  public let value: Double
  public init(step: Int, name: String, value: Double) {
    self.step = step
    self.name = name
    self.value = value
  }
}
