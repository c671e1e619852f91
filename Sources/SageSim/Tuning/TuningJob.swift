import Foundation
import SageCore

/// SageMaker's `TrainingJobEarlyStoppingType`.
public enum EarlyStoppingType: String, CaseIterable, Sendable, Codable {
  case off = "Off"
  /// The median rule: after each epoch or round, a trial whose objective is worse than the median
  /// of the running averages of earlier trials' objectives up to the same step is stopped.
  case auto = "Auto"
}

/// SageMaker's `HyperParameterTuningJobWarmStartType`.
public enum WarmStartType: String, CaseIterable, Sendable, Codable {
  /// Same algorithm and same data: the parents' trials count as if run in this job.
  case identicalDataAndAlgorithm = "IdenticalDataAndAlgorithm"
  /// Other data or fixed settings: the parents' trials still teach the strategy where to look.
  case transferLearning = "TransferLearning"
}

/// A tuning job: trains up to `maxJobs` models, `maxParallelJobs` at a time, each with the fixed
/// hyperparameters plus one value per range, and keeps the one with the best objective.
///
/// Trials run in batches of `maxParallelJobs`: a batch is proposed from the trials finished before
/// it, so the same seed gives the same trials whatever the timing (the Bayesian strategy accounts
/// for the rest of its batch by believing its own predictions for them). Early stopping and
/// Hyperband compare a running trial with trials of earlier batches only, for the same reason.
public struct TuningJob: Sendable {
  public let entry: AlgorithmEntry
  public let objective: TuningObjective
  public let ranges: [ParameterRange]
  /// The fixed hyperparameters (the `--hp` values, plus `_tuning_objective_metric` for xgboost).
  public let fixed: [String: String]
  public let strategy: TuningStrategy
  public let maxJobs: Int
  public let maxParallelJobs: Int
  public let earlyStopping: EarlyStoppingType
  public let seed: UInt64
  public let resource: ResourceSummary?
  /// The files the trials read, by channel, recorded for warm starts.
  public let data: [String: String]
  public private(set) var warmStart: WarmStartSummary?
  private var parentObservations: [(Configuration, Double)] = []

  /// Hyperband's reduction factor: one trial in `eta` goes on at each rung.
  public static let eta = 3

  public init(
    entry: AlgorithmEntry, objective: TuningObjective, ranges: [ParameterRange], fixed: [String: String],
    strategy: TuningStrategy, maxJobs: Int?, maxParallelJobs: Int = 1, earlyStopping: EarlyStoppingType = .off,
    seed: UInt64 = 0, minResource: Int? = nil, maxResource: Int? = nil, data: [String: String] = [:]
  ) throws {
    guard entry.isAvailable else { throw AlgorithmRegistry.notAvailable(entry.name, entry.plannedIn ?? "") }
    guard !ranges.isEmpty else { throw TuningError("give at least one --range to tune (e.g. --range eta=continuous:0.01:0.5)") }
    var names: Set<String> = []
    for range in ranges {
      try range.validate(against: entry)
      guard names.insert(range.name).inserted else { throw TuningError("--range \(range.name) is given twice; give each hyperparameter one range") }
      if let value = fixed[range.name] {
        throw TuningError("\(range.name) is both fixed (--hp \(range.name)=\(value)) and tuned (--range \(range.name)=…); drop one of the two")
      }
    }
    if !(minResource == nil && maxResource == nil) && strategy != .hyperband {
      throw TuningError("--min-resource and --max-resource configure Hyperband; the strategy is \(strategy.rawValue)")
    }
    let jobs: Int
    switch strategy {
    case .grid:
      if let continuous = ranges.first(where: { if case .continuous = $0.kind { return true } else { return false } }) {
        throw TuningError("--range \(continuous.name): Grid search takes categorical and integer ranges only (\(continuous.name) is continuous); list the values to try as categorical:A,B,C or use --strategy Random or Bayesian")
      }
      let combinations = ranges.reduce(1) { $0 * ($1.valueCount ?? 1) }
      guard combinations <= 10_000 else { throw TuningError("the grid has \(combinations) combinations; at most 10000 (narrow the ranges)") }
      if let maxJobs, maxJobs < combinations {
        throw TuningError("--max-jobs \(maxJobs) is fewer than the grid's \(combinations) combinations, and Grid search runs them all; drop --max-jobs or narrow the ranges")
      }
      jobs = combinations
    default:
      guard let maxJobs else { throw TuningError("--max-jobs is required for the \(strategy.rawValue) strategy (how many trainings to run)") }
      jobs = maxJobs
    }
    guard jobs >= 1 else { throw TuningError("--max-jobs must be at least 1; got \(jobs)") }
    guard maxParallelJobs >= 1 else { throw TuningError("--max-parallel-jobs must be at least 1; got \(maxParallelJobs)") }
    guard maxParallelJobs <= jobs else {
      throw TuningError("--max-parallel-jobs \(maxParallelJobs) is more than --max-jobs \(jobs); a tuning job cannot run more trials at once than it runs in all")
    }
    var fixed = fixed
    if strategy == .hyperband {
      if earlyStopping == .auto {
        throw TuningError("--early-stopping Auto cannot be combined with Hyperband, which stops trials itself (SageMaker requires Off)")
      }
      guard let knob = TuningObjective.resourceHyperparameter(entry.name) else {
        throw TuningError("Hyperband needs an algorithm that trains in epochs or rounds; \(entry.name) does not")
      }
      if names.contains(knob) { throw TuningError("--range \(knob): Hyperband allocates \(knob) itself (the resource); fix it with --max-resource instead of tuning it") }
      let given = fixed[knob].flatMap { Int($0) }
      if let maxResource, let given, given != maxResource {
        throw TuningError("--max-resource \(maxResource) and --hp \(knob)=\(given) disagree; give one")
      }
      guard let r = maxResource ?? given else {
        throw TuningError("Hyperband needs the most \(knob) a trial may train: give --max-resource N (or --hp \(knob)=N)")
      }
      let lo = minResource ?? 1
      guard lo >= 1, lo < r else { throw TuningError("--min-resource must be at least 1 and below the maximum resource \(r); got \(lo)") }
      fixed[knob] = String(r)
      resource = ResourceSummary(hyperparameter: knob, minResource: lo, maxResource: r)
    } else {
      resource = nil
    }
    if objective.channel == "validation" && data["validation"] == nil || objective.channel == "test" && data["test"] == nil {
      throw TuningError("--objective \(objective.metric) is measured on the \(objective.channel) channel; give --\(objective.channel) FILE")
    }
    if entry.documentation.contains(where: { $0.name == "_tuning_objective_metric" }) && fixed["_tuning_objective_metric"] == nil {
      fixed["_tuning_objective_metric"] = objective.metric  // what SageMaker's tuner adds for the container
    }
    self.entry = entry
    self.objective = objective
    self.ranges = ranges
    self.fixed = fixed
    self.strategy = strategy
    self.maxJobs = jobs
    self.maxParallelJobs = maxParallelJobs
    self.earlyStopping = earlyStopping
    self.seed = seed
    self.data = data
  }

  /// Adds the trials of earlier tuning jobs: checked for compatibility, then each trial whose
  /// values fit this job's ranges is shown to the strategy as an observation.
  public mutating func warmStart(from parents: [(path: String, results: TuningResults)], type: WarmStartType) throws {
    var used = 0
    for (path, parent) in parents {
      guard parent.objective.metric == objective.metric else {
        throw TuningError("--warm-start \(path): its objective is \(parent.objective.metric), this job's is \(objective.metric); a warm start needs the same objective metric")
      }
      if type == .identicalDataAndAlgorithm {
        guard parent.algorithm == entry.name else {
          throw TuningError("--warm-start \(path): it tuned \(parent.algorithm), not \(entry.name); IdenticalDataAndAlgorithm needs the same algorithm (use TransferLearning)")
        }
        guard parent.data == data else {
          throw TuningError("--warm-start \(path): it read \(parent.data.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")), this job reads \(data.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")); IdenticalDataAndAlgorithm needs the same data (use TransferLearning)")
        }
      }
      for trial in parent.trials where trial.hasObjective {
        let configuration = ranges.map { trial.hyperparameters[$0.name] ?? parent.fixedHyperparameters[$0.name] ?? "" }
        guard zip(ranges, configuration).allSatisfy({ $0.position(of: $1) != nil }) else { continue }
        parentObservations.append((configuration, trial.objective!))
        used += 1
      }
    }
    warmStart = WarmStartSummary(type: type.rawValue, parents: parents.map(\.path), trialsUsed: used)
  }

  /// Runs every trial; `onTrial` is called as each finishes (from a worker thread).
  public func run(channels: Channels, onTrial: @escaping @Sendable (TuningTrial) -> Void = { _ in }) throws -> (results: TuningResults, bestModel: Data?) {
    var proposer = Proposer(ranges: ranges, strategy: strategy, direction: objective.type, maxJobs: maxJobs, seed: seed)
    var trials: [TuningTrial] = []
    var observed = parentObservations
    var best: (trial: TuningTrial, model: Data)?
    while trials.count < maxJobs {
      let configurations = proposer.next(min(maxParallelJobs, maxJobs - trials.count), observed: observed, pending: [])
      if configurations.isEmpty { break }
      let first = trials.count + 1, earlier = trials
      let rules = configurations.indices.map { stopRule(trialNumber: first + $0, earlier: earlier) }
      let outcomes = Parallel.map(configurations.count, chunks: configurations.count) { range in
        range.map { i -> (TuningTrial, Data?) in
          let outcome = trial(first + i, configurations[i], channels: channels, rule: rules[i])
          onTrial(outcome.0)
          return outcome
        }
      }.flatMap { $0 }
      for (i, (trial, model)) in outcomes.enumerated() {
        trials.append(trial)
        if trial.hasObjective {
          observed.append((configurations[i], trial.objective!))
          if let model, best == nil || objective.type.isBetter(trial.objective!, than: best!.trial.objective!) { best = (trial, model) }
        }
      }
      if first == 1, best == nil, let missing = outcomes.first(where: { $0.0.failureReason?.hasPrefix(Self.missingMetric) ?? false }),
         outcomes.allSatisfy({ $0.0.failureReason?.hasPrefix(Self.missingMetric) ?? false }) {
        throw TuningError(missing.0.failureReason!)
      }
    }
    let results = TuningResults(
      algorithm: entry.name, objective: objective, strategy: strategy, earlyStopping: earlyStopping.rawValue, seed: seed,
      maxJobs: maxJobs, maxParallelJobs: maxParallelJobs, ranges: ranges.map(\.summary), fixedHyperparameters: fixed,
      data: data, resource: resource, warmStart: warmStart, trials: trials, bestTrial: best?.trial.number)
    return (results, best?.model)
  }

  static let missingMetric = "the trial did not report the objective metric"

  /// One training with `configuration`; a failure is recorded, never thrown.
  func trial(_ number: Int, _ configuration: Configuration, channels: Channels, rule: (@Sendable (MetricPoint) -> Bool)?) -> (TuningTrial, Data?) {
    var hp = fixed
    for (range, value) in zip(ranges, configuration) { hp[range.name] = value }
    let tuned = Dictionary(uniqueKeysWithValues: zip(ranges.map(\.name), configuration))
    var log = TrainingLog.silent
    log.stopRule = rule
    let started = ContinuousClock.now
    var model: Data?, failure: String?
    do { model = try entry.train(hyperparameters: hp, channels: channels, seed: seed, log: &log) } catch { failure = "\(error)" }
    let metrics = Dictionary(log.metrics.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
    let intermediate = log.history.filter { objective.isIntermediate($0.name) }.map(\.value)
    let steps = (log.history.map(\.step).max() ?? -1) + 1
    var value: Double?
    if failure == nil {
      value = metrics[objective.metric]
      if value == nil {
        let emitted = metrics.keys.sorted()
        failure = "\(Self.missingMetric) \(objective.metric); \(entry.name) reported \(emitted.isEmpty ? "no metric" : emitted.joined(separator: ", ")) with these settings"
        model = nil
      }
    }
    let status = failure != nil ? "Failed" : log.stopRequested ? "Stopped" : "Completed"
    let record = TuningTrial(
      number: number, hyperparameters: tuned, status: status, objective: failure == nil ? value : nil, metrics: metrics,
      intermediate: intermediate, trainedSteps: steps, failureReason: failure, seconds: (ContinuousClock.now - started).seconds)
    return (record, model)
  }

  /// The rule that may stop trial `trialNumber` early, from the trials of earlier batches.
  func stopRule(trialNumber: Int, earlier: [TuningTrial]) -> (@Sendable (MetricPoint) -> Bool)? {
    let curves = earlier.map(\.intermediate).filter { !$0.isEmpty }
    let objective = self.objective, direction = objective.type
    if earlyStopping == .auto {
      let medians = MedianRule.medians(curves)
      return { point in
        guard objective.isIntermediate(point.name), point.step >= 1, point.step < medians.count, let m = medians[point.step] else { return false }
        return direction.isBetter(m, than: point.value)
      }
    }
    guard strategy == .hyperband, let resource else { return nil }
    let rungs = Hyperband.rungs(bracket: Hyperband.bracket(of: trialNumber, minResource: resource.minResource, maxResource: resource.maxResource, eta: Self.eta),
                                minResource: resource.minResource, maxResource: resource.maxResource, eta: Self.eta)
    var peers: [Int: [Double]] = [:]
    for r in rungs { peers[r] = curves.filter { $0.count >= r }.map { $0[r - 1] } }
    let frozen = peers, eta = Self.eta
    return { point in
      guard objective.isIntermediate(point.name), let others = frozen[point.step + 1] else { return false }
      return !Hyperband.promotes(point.value, among: others, eta: eta, direction: direction)
    }
  }
}

/// SageMaker's median stopping rule, on the objective curves of earlier trials.
enum MedianRule {
  /// For each step s, the median over earlier trials (at least three that reached s) of the
  /// running average of their objective over steps 0…s; nil where fewer trials reached s.
  static func medians(_ curves: [[Double]]) -> [Double?] {
    let longest = curves.map(\.count).max() ?? 0
    return (0..<longest).map { s in
      let averages = curves.filter { $0.count > s }.map { $0[0...s].reduce(0, +) / Double(s + 1) }.sorted()
      guard averages.count >= 3 else { return nil }
      let mid = averages.count / 2
      return averages.count % 2 == 1 ? averages[mid] : (averages[mid - 1] + averages[mid]) / 2
    }
  }
}

/// Hyperband as asynchronous successive halving over several brackets.
///
/// With `smax = ⌊log_η(R/r)⌋`, bracket s (0…smax) starts its trials with R·η^−s epochs or rounds
/// and has a rung at each R·η^−k for k = s…1: there the trial goes on only if its objective is in
/// the best 1/η of the trials that reached that rung before it. Trials are dealt to brackets in
/// Hyperband's proportions n_s = ⌈(smax+1)/(s+1)·η^s⌉ by a smooth weighted round robin, so the
/// most aggressive bracket gets the most trials and bracket 0 (plain full training) the fewest.
enum Hyperband {
  static func bracketCount(minResource: Int, maxResource: Int, eta: Int) -> Int {
    var s = 0, r = maxResource
    while r / eta >= minResource { r /= eta; s += 1 }
    return s + 1
  }

  /// The bracket of trial `number` (1-based).
  static func bracket(of number: Int, minResource: Int, maxResource: Int, eta: Int) -> Int {
    let count = bracketCount(minResource: minResource, maxResource: maxResource, eta: eta)
    let sMax = count - 1
    let weights = (0...sMax).map { s in Int((Double(sMax + 1) / Double(s + 1) * pow(Double(eta), Double(s))).rounded(.up)) }
    let total = weights.reduce(0, +)
    var credit = [Int](repeating: 0, count: count), chosen = 0
    for _ in 0..<number {
      for s in 0...sMax { credit[s] += weights[s] }
      chosen = (0...sMax).max { credit[$0] < credit[$1] || (credit[$0] == credit[$1] && $0 < $1) }!
      credit[chosen] -= total
    }
    return chosen
  }

  /// The rung resources of bracket `s`, smallest first (all below the maximum).
  static func rungs(bracket s: Int, minResource: Int, maxResource: Int, eta: Int) -> [Int] {
    guard s > 0 else { return [] }
    return (1...s).reversed().map { k in max(minResource, Int(Double(maxResource) / pow(Double(eta), Double(k)))) }
  }

  /// Whether `value` is in the best 1/η of itself and `others` (fewer than η others: always).
  static func promotes(_ value: Double, among others: [Double], eta: Int, direction: ObjectiveType) -> Bool {
    guard others.count >= eta else { return true }
    let better = others.filter { direction.isBetter($0, than: value) }.count
    return better < max(1, (others.count + 1) / eta)
  }
}
