import ArgumentParser
import Foundation
import SageSim

/// `sagesim compare-regularization`: L1 against L2 (and elastic net) for linear-learner.
struct CompareRegularizationCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare-regularization",
    abstract: "Train linear-learner under L1 (l1), L2 (wd) and elastic net (both) across penalty strengths: each weight, the exact zeros, the L1 and L2 norms and the validation metric, with the regularization path as SVG.")

  @Option(help: "Penalty strengths: v1,v2,… or lo:hi:count[:log].") var penalty = "1e-4:1:5:log"
  @Option(help: "Which penalties to compare: any of l1, l2, elastic (comma-separated).") var regimes = "l1,l2,elastic"
  @Option(help: "Elastic net's share of the penalty given to l1 (the rest goes to wd).") var elasticMix = 0.5
  @OptionGroup var data: LabDataOptions
  @OptionGroup var hyperparameters: HyperparameterOptions
  @Option(help: "The metric to compare (default: the first holdout or validation metric).") var metric: String?
  @Option(help: "Seed of every training.") var seed: UInt64 = 0
  @OptionGroup var charts: ChartOptions

  func run() throws {
    let values = try SweepAxis.parse("penalty=" + penalty).values.compactMap(Double.init)
    let chosen = try regimes.split(separator: ",").map { name -> RegularizationComparison.Regime in
      switch name.trimmingCharacters(in: .whitespaces) {
      case "l1": return .l1
      case "l2": return .l2
      case "elastic", "elastic-net": return .elasticNet
      default: throw CLIError("--regimes: unknown '\(name)'; expected l1, l2 or elastic")
      }
    }
    let comparison = try RegularizationComparison(hyperparameters: try hyperparameters.values(), penalties: values, regimes: chosen, elasticMix: elasticMix, seed: seed)
    print("compare-regularization: linear-learner, \(chosen.map(\.rawValue).joined(separator: " vs ")) over \(values.count) penalty strengths (num_models = \(comparison.hyperparameters["num_models"]!)), seed \(seed)")
    let points = try comparison.run(channels: try data.channels(), holdout: try data.holdoutChannel())
    if let failed = points.first(where: { $0.trial.error != nil }), let error = failed.trial.error {
      print("warning: \(failed.regime.rawValue) at penalty \(failed.penalty) failed: \(error)")
    }
    let result = SweepResult(axes: [SweepAxis(name: "run", values: points.map { "\($0.regime.rawValue) \($0.penalty)" })], trials: points.map(\.trial))
    let ranking = try result.rankingMetric(requested: metric)
    print(RegularizationTables.summary(points, metric: ranking), terminator: "")
    print("\nEach weight (raw feature units) under each penalty; 0 is exactly zero:")
    print(RegularizationTables.weights(points), terminator: "")
    try charts.writeResults(RegularizationTables.csv(points, metric: ranking))
    try pictures(points, metric: ranking)
  }

  private func pictures(_ points: [RegularizationPoint], metric: String?) throws {
    let zeros = LabCharts.zerosChart(points)
    if !charts.noChart { print("\n" + zeros.terminal(charts.style), terminator: "") }
    let paths = LabCharts.regularizationPath(points, featureNames: [])
    var figures: [(String, String, String)] = [
      ("regularization-path.svg", sideBySide(paths), "Each weight against the penalty strength, one panel per kind of penalty: L1 drives weights to exactly zero one after another; L2 shrinks them all smoothly."),
      ("regularization-zeros.svg", zeros.svg(), "How many weights are exactly zero at each penalty strength."),
    ]
    if let metric {
      var regimes: [RegularizationComparison.Regime] = []
      for p in points where !regimes.contains(p.regime) { regimes.append(p.regime) }
      let chart = Chart(
        title: "\(metric) against the penalty", xLabel: "penalty strength", yLabel: metric,
        xAxis: points.allSatisfy { $0.penalty > 0 } ? .log : .linear,
        series: regimes.map { r in Chart.Series(name: r.rawValue, points: points.filter { $0.regime == r }.compactMap { p in p.trial.metric(metric).map { (p.penalty, $0) } }) })
      figures.append(("regularization-metric.svg", chart.svg(), "\(metric) at each penalty strength under each kind of penalty."))
    }
    let directory = charts.plots ?? "."
    for (name, svg, _) in figures { print("wrote \(try ChartOptions.write(svg, name: name, in: directory))") }
    if let report = charts.report {
      var page = HTMLReport(title: "sagesim compare-regularization: linear-learner")
      page.paragraph("l1 (L1 penalty, applied by soft thresholding after each step) against wd (L2 penalty) and elastic net (both). Hyperparameters: " + (try hyperparameters.values()).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))
      page.preformatted(RegularizationTables.summary(points, metric: metric))
      page.preformatted(RegularizationTables.weights(points))
      for (_, svg, caption) in figures { page.figure(svg, caption: caption) }
      print("wrote \(try ChartOptions.write(page.render(), name: "report.html", in: report))")
    }
  }
}

enum RegularizationTables {
  static func summary(_ points: [RegularizationPoint], metric: String?) -> String {
    let header = ["penalty", "kind", "l1", "wd", "exact zeros", "L1 norm", "L2 norm"] + (metric.map { [$0] } ?? [])
    let rows = points.map { p -> [String] in
      guard p.trial.error == nil else { return [axisLabel(p.penalty), p.regime.rawValue, p.trial.values[1], p.trial.values[2], "failed"] }
      return [axisLabel(p.penalty), p.regime.rawValue, p.trial.values[1], p.trial.values[2], "\(p.zeros) of \(p.weights.count)",
              fixed(p.l1Norm), fixed(p.l2Norm)] + (metric.map { [p.trial.metric($0).map { fixed($0) } ?? "-"] } ?? [])
    }
    return TextTable(header: header, rows: rows).render()
  }

  static func csv(_ points: [RegularizationPoint], metric: String?) -> String {
    let width = points.map(\.weights.count).max() ?? 0
    let header = ["kind", "penalty", "l1", "wd", "zeros", "l1_norm", "l2_norm", metric ?? "metric"] + (0..<width).map { "w\($0 + 1)" }
    let rows = points.map { p -> [String] in
      [p.regime == .elasticNet ? "elastic" : p.regime.rawValue, "\(p.penalty)", p.trial.values[1], p.trial.values[2], String(p.zeros),
       "\(p.l1Norm)", "\(p.l2Norm)", metric.flatMap { p.trial.metric($0) }.map { "\($0)" } ?? ""] + p.weights.map { "\($0)" }
    }
    return ([header] + rows).map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
  }

  /// One row per weight, one column per (penalty, kind).
  static func weights(_ points: [RegularizationPoint]) -> String {
    let width = points.map(\.weights.count).max() ?? 0
    let header = ["weight"] + points.map { "\($0.regime == .elasticNet ? "EN" : $0.regime.rawValue) \(axisLabel($0.penalty))" }
    let rows = (0..<width).map { j in
      ["w\(j + 1)"] + points.map { j < $0.weights.count ? ($0.weights[j] == 0 ? "0" : String(format: "%.4g", $0.weights[j])) : "-" }
    }
    return TextTable(header: header, rows: rows).render()
  }
}
