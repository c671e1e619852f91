/// The HTML report of a sweep: the swept knobs and what they do, the fixed hyperparameters, the
/// table of metrics and the figures.
public enum SweepReport {
  public static func html(_ result: SweepResult, metric: String, entry: AlgorithmEntry, figures: [(svg: String, caption: String)], fixed: [String: String]) -> String {
    var page = HTMLReport(title: "sagesim sweep: \(entry.name), \(result.axes.map(\.name).joined(separator: " × "))")
    page.heading("The knobs turned")
    for axis in result.axes {
      let doc = knobDoc(axis.name, entry: entry)
      page.paragraph("\(axis.name) over \(axis.values.joined(separator: ", ")). \(doc?.doc ?? "")")
      if let doc { page.paragraph("Turning it: \(doc.effect)") }
    }
    page.heading("Hyperparameters held fixed")
    page.table(header: ["name", "value", "what it does"], rows: fixed.sorted { $0.key < $1.key }.map { name, value in
      [name, value, knobDoc(name, entry: entry)?.doc ?? ""]
    })
    page.heading("Results (ranked by \(metric), \(lowerIsBetter(metric) ? "lower" : "higher") is better)")
    let names = result.metricNames
    let best = result.best(by: metric)
    page.table(header: result.axes.map(\.name) + names + [""], rows: result.trials.enumerated().map { i, t in
      t.values + names.map { n in t.metric(n).map { fixedDigits($0) } ?? (t.error == nil ? "-" : "failed") } + [i == best ? "best" : ""]
    })
    page.heading("Figures")
    for figure in figures { page.figure(figure.svg, caption: figure.caption) }
    return page.render()
  }

  /// The documentation of a knob of `entry`, or of a sagesim preprocessing option.
  public static func knobDoc(_ name: String, entry: AlgorithmEntry) -> HyperparameterDoc? {
    (entry.documentation + Preprocessing.documentation).first { $0.name == name || $0.aliases.contains(name) }
  }

  static func fixedDigits(_ v: Double) -> String { fixed(v) }
}
