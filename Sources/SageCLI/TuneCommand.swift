import ArgumentParser
import Foundation
import SageIO
import SageSim

/// `sagesim tune ALGO`: automatic model tuning, as a SageMaker hyperparameter tuning job runs it.
struct TuneCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tune",
    abstract: "Automatic model tuning: train many models over hyperparameter ranges and keep the one with the best objective metric.",
    discussion: """
      Each trial is an ordinary training with the fixed --hp values plus one value per --range. The strategy
      chooses the values: Random draws each trial independently; Grid tries every combination of categorical
      and integer values; Bayesian fits a Gaussian process to the trials so far and tries the point of largest
      expected improvement (after a few random trials); Hyperband draws random values but stops weak trials
      after a few epochs or rounds (successive halving), so its budget goes to the promising ones.

      Example (xgboost on the bundled diabetes data):
        sagesim tune xgboost --train Datasets/diabetes/train.csv --validation Datasets/diabetes/validation.csv \\
          --hp num_round=50 --objective validation:rmse --strategy Bayesian --max-jobs 30 --max-parallel-jobs 2 \\
          --range eta=continuous:0.01:0.5 --range max_depth=integer:1:10 --range subsample=continuous:0.5:1 \\
          --output tuning-out

      The output directory receives results.json (every trial), best-model/model.json, plots/*.svg and report.html.
      """)

  @Argument(help: "The algorithm: \(AlgorithmRegistry.names.joined(separator: ", ")).") var algorithm: String

  @Option(help: "The train channel's file.") var train: String
  @Option(help: "The validation channel's file (needed for validation: objectives).") var validation: String?
  @Option(help: "The test channel's file (needed for test: objectives).") var test: String?
  @Option(help: "text/csv (label first), text/csv;label_size=0 (no label), or text/libsvm.") var contentType = "text/csv"
  @OptionGroup var hyperparameters: HyperparameterOptions

  @Option(help: "The objective metric, by SageMaker's name (validation:rmse, validation:auc, test:msd, validation:objective_loss, …); an unknown one lists the valid ones.")
  var objective: String
  @Option(help: "Maximize or Minimize (default: the metric's own direction, as SageMaker documents it).")
  var objectiveType: String?
  @Option(help: ArgumentHelp("A range to search (repeatable): NAME=continuous:LO:HI[:SCALING], NAME=integer:LO:HI[:SCALING] or NAME=categorical:A,B,C. SCALING is Auto (default: Logarithmic when 0 < LO and HI ≥ 10·LO, else Linear), Linear, Logarithmic (LO > 0) or ReverseLogarithmic (0 ≤ LO < HI < 1, dense near 1).", valueName: "NAME=SPEC"))
  var range: [String] = []
  @Option(help: "Random, Grid, Bayesian or Hyperband (SageMaker's default is Bayesian).") var strategy = "Bayesian"
  @Option(help: "How many trials in all (Grid: optional, every combination is run).") var maxJobs: Int?
  @Option(help: "How many trials run at once (on worker threads); a batch is proposed from the trials finished before it, so the result does not depend on timing.")
  var maxParallelJobs = 1
  @Option(help: "Off, or Auto: stop a trial whose objective after an epoch or round is worse than the median of earlier trials' running averages at the same step (SageMaker's TrainingJobEarlyStoppingType).")
  var earlyStopping = "Off"
  @Option(help: "Hyperband: the fewest epochs or rounds a trial trains before it can be stopped (default 1).") var minResource: Int?
  @Option(help: "Hyperband: the most epochs or rounds a trial trains (default: the fixed num_round or epochs).") var maxResource: Int?
  @Option(help: "An earlier tuning job's --output directory or results.json whose trials this job starts from (repeatable).")
  var warmStart: [String] = []
  @Option(help: "IdenticalDataAndAlgorithm (same algorithm and data files) or TransferLearning (anything else).")
  var warmStartType = "IdenticalDataAndAlgorithm"
  @Option(help: "Seed of the proposals and of every trial's training (the same seed gives the same results.json, times aside).")
  var seed: UInt64 = 0
  @Option(help: "Directory for results.json, best-model/, plots/ and report.html (created if missing).") var output: String

  func run() throws {
    let entry = try AlgorithmRegistry.entry(named: algorithm)
    let job = try makeJob(entry)
    let type = try ContentType(parsing: contentType)
    let channels = try Channels(
      train: DataChannel(.train, path: train, contentType: type),
      validation: validation.map { DataChannel(.validation, path: $0, contentType: type) },
      test: test.map { DataChannel(.test, path: $0, contentType: type) }).inMemory()
    say("tuning \(entry.name): \(job.strategy.rawValue) over \(job.ranges.map { describe($0) }.joined(separator: ", ")); \(job.maxJobs) trials, \(job.maxParallelJobs) at once; objective \(job.objective.type.rawValue) \(job.objective.metric); seed \(seed)")
    if let r = job.resource { say("Hyperband resource: \(r.hyperparameter) from \(r.minResource) to \(r.maxResource), η = \(TuningJob.eta)") }
    if let w = job.warmStart { say("warm start (\(w.type)): \(w.trialsUsed) earlier trials from \(w.parents.joined(separator: ", "))") }
    let table = LiveTable(columns: ["trial"] + job.ranges.map(\.name) + [job.objective.metric, "status", "steps", "seconds"])
    say(table.header())
    let (results, model) = try job.run(channels: channels) { trial in
      table.row(["\(trial.number)"] + job.ranges.map { trial.hyperparameters[$0.name] ?? "" }
        + [trial.objective.map { fixed($0) } ?? "-", trial.status, "\(trial.trainedSteps)", fixed(trial.seconds, digits: 3)],
        note: trial.failureReason)
    }
    try write(results, model: model, entry: entry)
  }

  func makeJob(_ entry: AlgorithmEntry) throws -> TuningJob {
    guard let strategy = TuningStrategy.allCases.first(where: { $0.rawValue.lowercased() == self.strategy.lowercased() }) else {
      throw CLIError("--strategy must be one of \(TuningStrategy.allCases.map(\.rawValue).joined(separator: ", ")); got '\(self.strategy)'")
    }
    guard let stopping = EarlyStoppingType.allCases.first(where: { $0.rawValue.lowercased() == earlyStopping.lowercased() }) else {
      throw CLIError("--early-stopping must be Off or Auto; got '\(earlyStopping)'")
    }
    var direction: ObjectiveType?
    if let objectiveType {
      guard let d = ObjectiveType.allCases.first(where: { $0.rawValue.lowercased() == objectiveType.lowercased() }) else {
        throw CLIError("--objective-type must be Maximize or Minimize; got '\(objectiveType)'")
      }
      direction = d
    }
    let objective = try TuningObjective(algorithm: entry.name, metric: self.objective, type: direction)
    let ranges = try range.map(ParameterRange.parse)
    var data = ["train": train]
    if let validation { data["validation"] = validation }
    if let test { data["test"] = test }
    var job = try TuningJob(
      entry: entry, objective: objective, ranges: ranges, fixed: try hyperparameters.values(), strategy: strategy,
      maxJobs: maxJobs, maxParallelJobs: maxParallelJobs, earlyStopping: stopping, seed: seed,
      minResource: minResource, maxResource: maxResource, data: data)
    if !warmStart.isEmpty {
      guard let type = WarmStartType.allCases.first(where: { $0.rawValue.lowercased() == warmStartType.lowercased() }) else {
        throw CLIError("--warm-start-type must be IdenticalDataAndAlgorithm or TransferLearning; got '\(warmStartType)'")
      }
      try job.warmStart(from: try warmStart.map { ($0, try TuningResults.read($0)) }, type: type)
    }
    return job
  }

  private func describe(_ r: ParameterRange) -> String {
    let s = r.summary
    if let values = s.values { return "\(r.name) ∈ {\(values.joined(separator: ", "))}" }
    return "\(r.name) ∈ [\(s.minValue!), \(s.maxValue!)] \(s.scalingUsed!)"
  }

  private func write(_ results: TuningResults, model: Data?, entry: AlgorithmEntry) throws {
    let scored = results.trials.filter(\.hasObjective).count
    let stopped = results.trials.filter { $0.status == "Stopped" }.count, failed = results.trials.filter { $0.status == "Failed" }.count
    say("\n\(results.trials.count) trials: \(scored) with an objective (\(stopped) stopped early), \(failed) failed; \(results.totalTrainingSteps) epochs or rounds trained in all")
    do {
      try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
      try results.json().write(to: URL(fileURLWithPath: output).appendingPathComponent("results.json"))
    } catch {
      throw CLIError("\(output): cannot write results.json: \(error.localizedDescription)")
    }
    say("wrote \(output)/results.json")
    if let best = results.bestTrial, let trial = results.trials.first(where: { $0.number == best }), let model {
      say("best trial: \(best), \(results.objective.metric) = \(fixed(trial.objective!)) with \(trial.hyperparameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))")
      let directory = URL(fileURLWithPath: output).appendingPathComponent("best-model").path
      try ModelDirectory.write(model, to: directory)
      say("wrote \(directory)/\(ModelDirectory.fileName)")
    } else {
      say("no trial reported \(results.objective.metric), so there is no best model")
    }
    let figures = TuningCharts.figures(results)
    let plots = URL(fileURLWithPath: output).appendingPathComponent("plots").path
    for f in figures { try ChartOptions.write(f.svg, name: f.name, in: plots) }
    if !figures.isEmpty { say("wrote \(figures.count) pictures to \(plots)") }
    say("wrote \(try ChartOptions.write(TuningCharts.html(results, entry: entry, figures: figures), name: "report.html", in: output))")
  }
}

/// Rows printed as trials finish, from worker threads, one whole line at a time.
final class LiveTable: @unchecked Sendable {
  let columns: [String]
  let widths: [Int]
  private let lock = NSLock()

  init(columns: [String]) {
    self.columns = columns
    widths = columns.map { max($0.count, 9) }
  }

  func header() -> String {
    zip(columns, widths).map { $0.padding($1) }.joined(separator: "  ") + "\n" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
  }

  func row(_ cells: [String], note: String?) {
    let line = zip(cells, widths).map { $0.padding($1) }.joined(separator: "  ") + (note.map { "  \($0)" } ?? "")
    lock.lock()
    say(line)
    lock.unlock()
  }
}

/// Writes a line straight to standard output, unbuffered, so lines from the live table and the
/// rest of the command keep their order when the output is piped.
private func say(_ line: String) {
  FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
