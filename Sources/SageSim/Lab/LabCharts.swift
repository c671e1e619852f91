/// The pictures of the knob lab, as chart descriptions (drawn as SVG or in the terminal).
public enum LabCharts {
  /// A one-knob sweep: the ranking metric against the knob, with the matching train metric beside
  /// it (`train:rmse` for `validation:rmse`) and the best value ringed.
  public static func sweepCurve(_ result: SweepResult, metric: String, algorithm: String) -> Chart? {
    guard let axis = result.axes.first, result.axes.count == 1, let points = result.curve(metric), !points.isEmpty else { return nil }
    var series = [Chart.Series(name: metric, points: points)]
    let base = metric.split(separator: ":").last.map(String.init) ?? metric
    for other in ["train:" + base, "validation:" + base, "holdout:" + base] where other != metric && result.metricNames.contains(other) {
      if let more = result.curve(other), !more.isEmpty { series.append(Chart.Series(name: other, points: more)) }
    }
    var markers: [Chart.Marker] = []
    if let best = result.best(by: metric), let xs = axis.numericValues, let v = result.trials[best].metric(metric) {
      markers.append(.point(x: xs[best], y: v, label: "best \(axis.name)=\(axis.values[best])"))
    }
    let logY = points.allSatisfy { $0.y > 0 } && (points.map(\.y).max()! / points.map(\.y).min()! > 100)
    return Chart(
      title: "\(algorithm): \(metric) as \(axis.name) changes", xLabel: axis.name, yLabel: base,
      xAxis: axis.spacing, yAxis: logY ? .log : .linear, series: series, markers: markers)
  }

  /// A two-knob sweep as a heat map of `metric`, the best cell ringed; a one-knob sweep over
  /// categories (no numeric axis) as one row of cells per metric and its train twin.
  public static func sweepGrid(_ result: SweepResult, metric: String, algorithm: String) -> HeatMap? {
    if result.axes.count == 1, result.axes[0].numericValues == nil {
      let base = metric.split(separator: ":").last.map(String.init) ?? metric
      let names = [metric] + ["train:" + base].filter { $0 != metric && result.metricNames.contains($0) }
      return HeatMap(
        title: "\(algorithm): \(metric) (\(lowerIsBetter(metric) ? "lower" : "higher") is better)", rowLabel: "metric",
        columnLabel: result.axes[0].name, rows: names, columns: result.axes[0].values,
        values: names.map { n in result.trials.map { $0.metric(n) ?? .nan } },
        highlight: result.best(by: metric).map { (0, $0) })
    }
    guard result.axes.count == 2 else { return nil }
    let best = result.best(by: metric)
    let columns = result.axes[1].values.count
    return HeatMap(
      title: "\(algorithm): \(metric) (\(lowerIsBetter(metric) ? "lower" : "higher") is better)",
      rowLabel: result.axes[0].name, columnLabel: result.axes[1].name,
      rows: result.axes[0].values, columns: result.axes[1].values, values: result.grid(metric),
      highlight: best.map { ($0 / columns, $0 % columns) })
  }

  /// Learning curves: each metric of the history against the epoch or round, with the kept step
  /// (early stopping's choice) marked. `steps` names the x axis ("epoch", "round").
  public static func learningCurve(history: [MetricPoint], keptStep: Int?, title: String, steps: String = "epoch") -> Chart? {
    guard !history.isEmpty else { return nil }
    var names: [String] = []
    for p in history where !names.contains(p.name) { names.append(p.name) }
    let series = names.map { name in
      let points = history.filter { $0.name == name }.map { (x: Double($0.step), y: $0.value) }
      return Chart.Series(name: name, points: points, style: points.count > 40 ? .line : .lineAndPoints)
    }
    let markers = keptStep.map { [Chart.Marker.vertical(at: Double($0), label: "kept: \(steps) \($0)")] } ?? []
    let metricPart = names.map { $0.split(separator: ":").last.map(String.init) ?? $0 }
    let yLabel = Set(metricPart).count == 1 ? metricPart[0] : "metric"
    return Chart(title: title, xLabel: steps, yLabel: yLabel, series: series, markers: markers)
  }
}
