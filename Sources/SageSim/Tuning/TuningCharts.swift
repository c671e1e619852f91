import Foundation

/// The pictures of a tuning job, as chart descriptions, and its HTML report.
public enum TuningCharts {
  /// The objective of each trial in the order run (stopped trials in their own colour), with the
  /// best so far as a line: how fast a strategy closes in.
  public static func objectiveByTrial(_ results: TuningResults) -> Chart? {
    let scored = results.trials.filter(\.hasObjective)
    guard !scored.isEmpty else { return nil }
    var series = [Chart.Series(name: "completed", points: scored.filter { $0.status == "Completed" }.map { (Double($0.number), $0.objective!) }, style: .points, colorIndex: 0)]
    let stopped = scored.filter { $0.status == "Stopped" }
    if !stopped.isEmpty { series.append(Chart.Series(name: "stopped early", points: stopped.map { (Double($0.number), $0.objective!) }, style: .points, colorIndex: 2)) }
    var bestSoFar: [(x: Double, y: Double)] = []
    var best: Double?
    for t in scored {
      if best == nil || results.objective.type.isBetter(t.objective!, than: best!) { best = t.objective }
      bestSoFar.append((Double(t.number), best!))
    }
    series.append(Chart.Series(name: "best so far", points: bestSoFar, style: .line, colorIndex: 1))
    let values = scored.map { $0.objective! }
    let logY = values.allSatisfy { $0 > 0 } && values.max()! / values.min()! > 3
    return Chart(
      title: "\(results.algorithm) \(results.strategy.rawValue) tuning: \(results.objective.metric) by trial (\(results.objective.type.rawValue))",
      xLabel: "trial", yLabel: results.objective.metric, yAxis: logY ? .log : .linear, series: series)
  }

  /// The objective against one tuned hyperparameter, on the range's scale (categories at 1, 2, …).
  public static func objectiveAgainst(_ range: RangeSummary, _ results: TuningResults) -> Chart? {
    let scored = results.trials.filter(\.hasObjective)
    let x: (TuningTrial) -> Double? = { t in
      guard let v = t.hyperparameters[range.name] else { return nil }
      if let values = range.values { return values.firstIndex(of: v).map { Double($0 + 1) } }
      return Double(v)
    }
    let points = scored.compactMap { t in x(t).map { (x: $0, y: t.objective!) } }
    guard !points.isEmpty else { return nil }
    // A stopped trial's objective is from its last round, not comparable with a finished one's.
    func series(_ status: String) -> [(x: Double, y: Double)] {
      scored.filter { $0.status == status }.compactMap { t in x(t).map { (x: $0, y: t.objective!) } }
    }
    var drawn = [Chart.Series(name: "completed", points: series("Completed"), style: .points, colorIndex: 0)]
    if !series("Stopped").isEmpty { drawn.append(Chart.Series(name: "stopped early", points: series("Stopped"), style: .points, colorIndex: 2)) }
    var markers: [Chart.Marker] = []
    if let b = results.bestTrial, let t = results.trials.first(where: { $0.number == b }), let bx = x(t) {
      markers.append(.point(x: bx, y: t.objective!, label: "best \(range.name)=\(t.hyperparameters[range.name] ?? "")"))
    }
    let values = points.map(\.y)
    let logY = values.allSatisfy { $0 > 0 } && values.max()! / values.min()! > 3
    let categories = range.values.map { " (1 = \($0.joined(separator: ", ")) in order)" } ?? ""
    return Chart(
      title: "\(results.objective.metric) against \(range.name)\(categories)", xLabel: range.name, yLabel: results.objective.metric,
      xAxis: range.scalingUsed == "Logarithmic" ? .log : .linear, yAxis: logY ? .log : .linear,
      series: drawn, markers: markers)
  }

  /// Every figure of a job: file name, SVG, caption.
  public static func figures(_ results: TuningResults) -> [(name: String, svg: String, caption: String)] {
    var out: [(String, String, String)] = []
    if let c = objectiveByTrial(results) {
      out.append(("objective-by-trial.svg", c.svg(), "The objective of each trial in the order run; the line is the best so far."))
    }
    for range in results.ranges {
      if let c = objectiveAgainst(range, results) {
        out.append(("objective-vs-\(range.name).svg", c.svg(), "The objective against \(range.name), on the range's \(range.scalingUsed ?? "categorical") scale; the ringed point is the best trial."))
      }
    }
    return out
  }

  /// The report page: the job's settings, the table of trials, the best, the figures.
  public static func html(_ results: TuningResults, entry: AlgorithmEntry, figures: [(name: String, svg: String, caption: String)]) -> String {
    var page = HTMLReport(title: "sagesim tune: \(results.algorithm), \(results.strategy.rawValue), \(results.objective.metric)")
    page.heading("The ranges searched")
    page.table(header: ["name", "range", "scaling", "what it does"], rows: results.ranges.map { r in
      [r.name, r.values?.joined(separator: ", ") ?? "\(r.minValue ?? "") … \(r.maxValue ?? "")",
       r.scalingUsed.map { r.scalingType == "Auto" ? "Auto → \($0)" : $0 } ?? "", SweepReport.knobDoc(r.name, entry: entry)?.doc ?? ""]
    })
    page.paragraph("Strategy \(results.strategy.rawValue), \(results.trials.count) trials, at most \(results.maxParallelJobs) at once, early stopping \(results.earlyStopping), seed \(results.seed); \(results.totalTrainingSteps) epochs or rounds trained in all.")
    if let best = results.bestTrial, let t = results.trials.first(where: { $0.number == best }) {
      page.heading("Best trial")
      page.paragraph("Trial \(best): \(results.objective.metric) = \(fixed(t.objective!)) with \(t.hyperparameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")).")
    }
    page.heading("Trials")
    let names = results.ranges.map(\.name)
    page.table(header: ["trial"] + names + [results.objective.metric, "status", "steps", "seconds"], rows: results.trials.map { t in
      ["\(t.number)"] + names.map { t.hyperparameters[$0] ?? "" }
        + [t.objective.map { fixed($0) } ?? "-", t.status + (t.failureReason.map { ": \($0)" } ?? ""), "\(t.trainedSteps)", fixed(t.seconds, digits: 3)]
    })
    page.heading("Figures")
    for f in figures { page.figure(f.svg, caption: f.caption) }
    return page.render()
  }
}
