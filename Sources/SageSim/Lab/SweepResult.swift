/// The trials of a sweep, and which is best by the chosen metric.
public struct SweepResult: Sendable {
  public let axes: [SweepAxis]
  /// Row-major over the grid: the first axis varies slowest.
  public let trials: [SweepTrial]

  public init(axes: [SweepAxis], trials: [SweepTrial]) {
    self.axes = axes
    self.trials = trials
  }

  /// Every metric name any trial reported, in first-seen order.
  public var metricNames: [String] {
    var names: [String] = []
    for t in trials { for m in t.metrics where !names.contains(m.name) { names.append(m.name) } }
    return names
  }

  /// The metric that ranks the trials: the one asked for, else the first holdout metric, else
  /// the first validation, test or train metric. Nil when no trial reported any metric (e.g. PCA).
  public func rankingMetric(requested: String? = nil) throws -> String? {
    let names = metricNames
    if let requested {
      guard names.contains(requested) else {
        throw SweepError("--metric \(requested) was not reported; the trials reported: \(names.isEmpty ? "no metrics" : names.joined(separator: ", "))")
      }
      return requested
    }
    for prefix in ["holdout:", "validation:", "test:", "train:"] {
      if let name = names.first(where: { $0.hasPrefix(prefix) }) { return name }
    }
    return names.first
  }

  /// The index of the best trial by `metric` (the first on ties), skipping failed trials.
  public func best(by metric: String) -> Int? {
    let lower = lowerIsBetter(metric)
    var best: (Int, Double)?
    for (i, t) in trials.enumerated() {
      guard let v = t.metric(metric), v.isFinite else { continue }
      if let b = best, lower ? v >= b.1 : v <= b.1 { continue }
      best = (i, v)
    }
    return best?.0
  }

  /// For a one-knob sweep: `metric` against the knob (nil when the knob is not numeric).
  public func curve(_ metric: String) -> [(x: Double, y: Double)]? {
    guard axes.count == 1, let xs = axes[0].numericValues else { return nil }
    return zip(xs, trials).compactMap { x, t in t.metric(metric).map { (x, $0) } }
  }

  /// For a two-knob sweep: `metric` as a rows (first knob) × columns (second knob) grid, NaN where
  /// a trial failed.
  public func grid(_ metric: String) -> [[Double]] {
    let columns = axes.count == 2 ? axes[1].values.count : trials.count
    return stride(from: 0, to: trials.count, by: max(columns, 1)).map { start in
      trials[start..<min(start + columns, trials.count)].map { $0.metric(metric) ?? .nan }
    }
  }
}

extension SweepResult {
  /// The results as CSV with a header: one column per axis, then every metric, then the epochs
  /// (or rounds) run, the kept one, the seconds and the error of a failed trial (for scripts).
  public func csv() -> String {
    let names = metricNames
    let header = axes.map(\.name) + names + ["steps_run", "kept_step", "seconds", "error"]
    let rows = trials.map { t -> [String] in
      let steps = Set(t.history.map(\.step))
      return t.values + names.map { n in t.metric(n).map { "\($0)" } ?? "" }
        + [steps.isEmpty ? "" : String(steps.count), t.keptStep.map(String.init) ?? "", String(format: "%.3f", t.seconds),
           (t.error ?? "").replacingOccurrences(of: ",", with: ";").replacingOccurrences(of: "\n", with: " ")]
    }
    return ([header] + rows).map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
  }
}
