import ArgumentParser
import Foundation
import SageIO
import SageSim

/// `sagesim sweep ALGO --vary NAME=…`: turn one knob (or two) and see what it changes.
struct SweepCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sweep",
    abstract: "Train once per value of a hyperparameter (or per cell of a two-knob grid), both cores busy, and show train and validation metrics as a table, a terminal chart and an SVG.")

  @Argument(help: "The algorithm: \(AlgorithmRegistry.names.joined(separator: ", ")).") var algorithm: String
  @Option(help: ArgumentHelp("The knob and its values: NAME=v1,v2,… or NAME=lo:hi:count[:log]. Give two for a grid. NAME may also be a sagesim preprocessing option (polynomial_degree).", valueName: "NAME=values"))
  var vary: [String] = []
  @OptionGroup var data: LabDataOptions
  @OptionGroup var hyperparameters: HyperparameterOptions
  @OptionGroup var preprocess: PreprocessOptions
  @Option(help: "The metric that ranks the values (e.g. validation:rmse); default: the first validation metric reported.")
  var metric: String?
  @Option(help: "Seed of every trial (the same for all, so only the knob differs).") var seed: UInt64 = 0
  @OptionGroup var charts: ChartOptions

  func run() throws {
    let entry = try AlgorithmRegistry.entry(named: algorithm)
    let axes = try vary.map { text in
      let name = String(text.prefix { $0 != "=" })
      return try SweepAxis.parse(text, integer: Sweep.isInteger(name, of: entry))
    }
    let sweep = try Sweep(entry: entry, hyperparameters: try hyperparameters.values(), preprocessing: try preprocess.values(), axes: axes, seed: seed)
    print("sweep \(entry.name): \(axes.map { "\($0.name) over \($0.values.count) values" }.joined(separator: " × ")) = \(sweep.settings.count) trainings on \(Sweep.coreCount) cores, seed \(seed)")
    let channels = try data.channels().inMemory(), holdout = try data.holdoutChannel()?.inMemory()
    let result = try sweep.run(channels: channels, holdout: holdout)
    let ranking = try result.rankingMetric(requested: metric)
    print(SweepTables.render(result, metric: ranking), terminator: "")
    try charts.writeResults(result.csv())
    var fits: Chart?
    if case .memory(let train) = channels.train.source {
      var held: DataBatch?
      if case .memory(let h)? = holdout?.source { held = h }
      fits = try LabCharts.fittedCurves(result, entry: entry, train: train, holdout: held, metric: ranking)
    }
    try drawPictures(result, ranking: ranking, entry: entry, fits: fits)
  }

  private func drawPictures(_ result: SweepResult, ranking: String?, entry: AlgorithmEntry, fits: Chart?) throws {
    guard let ranking else {
      print("No trial reported a metric (\(entry.name) logs none on these channels), so there is no curve to draw.")
      return
    }
    let knobs = result.axes.map(\.name).joined(separator: "-")
    var figures: [(name: String, svg: String, caption: String)] = []
    if let chart = LabCharts.sweepCurve(result, metric: ranking, algorithm: entry.name) {
      if !charts.noChart { print("\n" + chart.terminal(charts.style), terminator: "") }
      figures.append(("sweep-\(entry.name)-\(knobs).svg", chart.svg(), "\(ranking) (and its train twin) across the sweep; the ringed point is the best."))
    }
    if let heat = LabCharts.sweepGrid(result, metric: ranking, algorithm: entry.name) {
      figures.append(("sweep-\(entry.name)-\(knobs).svg", heat.svg(), "\(ranking) over the grid; the ringed cell is the best."))
    }
    if let best = result.best(by: ranking), let curve = LabCharts.learningCurve(
      history: result.trials[best].history, keptStep: result.trials[best].keptStep,
      title: "\(entry.name): learning curve of the best trial (\(zip(result.axes, result.trials[best].values).map { "\($0.name)=\($1)" }.joined(separator: ", ")))")
    {
      figures.append(("learning-curve-\(entry.name)-best.svg", curve.svg(), "Learning curve of the best trial, per epoch or round; a dashed line marks the one whose model was kept."))
    }
    if let fits { figures.append(("fits-\(entry.name)-\(knobs).svg", fits.svg(), "Each model's prediction across x, over the training rows and the held-out rows.")) }
    let directory = charts.plots ?? "."
    for figure in figures { print("wrote \(try ChartOptions.write(figure.svg, name: figure.name, in: directory))") }
    if let report = charts.report {
      let html = SweepReport.html(result, metric: ranking, entry: entry, figures: figures.map { ($0.svg, $0.caption) }, fixed: try hyperparameters.values())
      print("wrote \(try ChartOptions.write(html, name: "report.html", in: report))")
    }
  }
}
