import SageSim

/// The text tables of a sweep: one row per value (a curve), or a grid of the ranking metric.
enum SweepTables {
  static func render(_ result: SweepResult, metric: String?) -> String {
    var out = rows(result, metric: metric)
    if result.axes.count == 2, let metric { out += "\n" + grid(result, metric: metric) }
    if let metric, let best = result.best(by: metric) {
      let t = result.trials[best]
      let setting = zip(result.axes, t.values).map { "\($0.name)=\($1)" }.joined(separator: ", ")
      out += "\nbest by \(metric) (\(lowerIsBetter(metric) ? "lowest" : "highest")): \(setting) → \(fixed(t.metric(metric)!))\n"
    }
    return out
  }

  /// The metric columns: the ranking metric, its train (or validation) twin, then the rest (at most 8).
  static func columns(_ result: SweepResult, metric: String?) -> [String] {
    var names = result.metricNames
    guard let metric else { return Array(names.prefix(8)) }
    let base = metric.split(separator: ":").last.map(String.init) ?? metric
    var first = [metric]
    for twin in ["train:" + base, "validation:" + base, "holdout:" + base, "test:" + base] where twin != metric && names.contains(twin) { first.append(twin) }
    names.removeAll { first.contains($0) }
    return Array((first + names).prefix(8))
  }

  static func rows(_ result: SweepResult, metric: String?) -> String {
    let names = columns(result, metric: metric)
    let best = metric.flatMap { result.best(by: $0) }
    let header = result.axes.map(\.name) + names + ["epochs", "seconds", ""]
    let rows = result.trials.enumerated().map { i, t -> [String] in
      var row = t.values
      if let error = t.error {
        row += ["failed: " + String(error.prefix(90))] + [String](repeating: "", count: names.count + 2)
        return row
      }
      row += names.map { t.metric($0).map { fixed($0) } ?? "-" }
      let epochs = Set(t.history.map(\.step)).count
      row += [epochs > 0 ? String(epochs) + (t.keptStep.map { " (kept \($0))" } ?? "") : "-", String(format: "%.2f", t.seconds)]
      row.append(i == best ? "← best" : "")
      return row
    }
    return TextTable(header: header, rows: rows).render()
  }

  static func grid(_ result: SweepResult, metric: String) -> String {
    let values = result.grid(metric)
    let best = result.best(by: metric)
    let columns = result.axes[1].values.count
    let header = ["\(result.axes[0].name) \\ \(result.axes[1].name)"] + result.axes[1].values
    let rows = values.enumerated().map { i, row in
      [result.axes[0].values[i]] + row.enumerated().map { j, v in
        (v.isFinite ? fixed(v) : "failed") + (best == i * columns + j ? " *" : "")
      }
    }
    return "\(metric) (\(lowerIsBetter(metric) ? "lower" : "higher") is better; * = best)\n" + TextTable(header: header, rows: rows).render()
  }
}
