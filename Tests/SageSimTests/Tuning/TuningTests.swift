import Foundation
import SageIO
import Testing

@testable import SageSim

/// Automatic model tuning: the range maps against their closed forms, the Gaussian process
/// against a hand-worked two-point posterior, the stopping rules on toy curves, and tuning jobs
/// on the bundled autompg data (tiny xgboost trials).
@Suite struct TuningTests {
  static let xgboost = try! AlgorithmRegistry.entry(named: "xgboost")

  static func autompg() throws -> Channels {
    let csv = try ContentType(parsing: "text/csv")
    return try Channels(
      train: DataChannel(.train, path: dataset("autompg/train.csv"), contentType: csv),
      validation: DataChannel(.validation, path: dataset("autompg/validation.csv"), contentType: csv)).inMemory()
  }
  static let data = ["train": "autompg/train.csv", "validation": "autompg/validation.csv"]
  static let fiveKnobs = [
    "eta=continuous:0.01:0.5", "max_depth=integer:1:10", "min_child_weight=continuous:0.5:20",
    "subsample=continuous:0.5:1", "lambda=continuous:0.01:10",
  ]

  static func job(_ strategy: TuningStrategy, ranges: [String] = fiveKnobs, fixed: [String: String] = ["num_round": "27"],
                  maxJobs: Int?, parallel: Int = 1, stopping: EarlyStoppingType = .off, seed: UInt64 = 1, maxResource: Int? = nil) throws -> TuningJob {
    try TuningJob(
      entry: xgboost, objective: TuningObjective(algorithm: "xgboost", metric: "validation:rmse"), ranges: ranges.map(ParameterRange.parse),
      fixed: fixed, strategy: strategy, maxJobs: maxJobs, maxParallelJobs: parallel, earlyStopping: stopping, seed: seed,
      maxResource: maxResource, data: data)
  }

  static func message(_ body: () throws -> Void) -> String {
    do { try body() } catch { return "\(error)" }
    return "(no error)"
  }

  // MARK: - Ranges and scaling

  @Test func scalingMapsMatchTheirClosedForms() throws {
    let logRange = try ParameterRange.parse("alpha=continuous:0.001:10:Logarithmic")
    #expect(logRange.value(at: 0.5) == "0.1")  // √(0.001·10)
    #expect(abs(logRange.position(of: "1")! - 0.75) < 1e-12)  // log(1/0.001)/log(10/0.001) = 3/4
    let reverse = try ParameterRange.parse("beta=continuous:0.9:0.999:ReverseLogarithmic")
    #expect(reverse.value(at: 0.5) == "0.99")  // 1 − 0.1·(0.001/0.1)^½
    #expect(abs(reverse.position(of: "0.99")! - 0.5) < 1e-12)
    let linear = try ParameterRange.parse("x=continuous:2:4:Linear")
    #expect(linear.value(at: 0.25) == "2.5")
    #expect(linear.position(of: "3.5") == 0.75)
    // Integers own equal cells of [LO − ½, HI + ½]: 1..4 linear gives each a quarter.
    let integer = try ParameterRange.parse("k=integer:1:4:Linear")
    #expect([0.0, 0.24, 0.26, 0.74, 0.76, 1.0].map(integer.value(at:)) == ["1", "1", "2", "3", "4", "4"])
    let integerLog = try ParameterRange.parse("k=integer:1:100:Logarithmic")
    #expect(abs(integerLog.position(of: "10")! - log(10 / 0.5) / log(100.5 / 0.5)) < 1e-12)
    let categories = try ParameterRange.parse("booster=categorical:gbtree,dart")
    #expect(categories.value(at: 0.49) == "gbtree" && categories.value(at: 0.5) == "dart")
    #expect(categories.features(of: "dart") == [0, 1])
    // Auto: logarithmic over a positive range spanning a decade or more, else linear.
    #expect(try ParameterRange.parse("eta=continuous:0.01:0.5").scaling == .logarithmic)
    #expect(try ParameterRange.parse("subsample=continuous:0.5:1").scaling == .linear)
    #expect(try ParameterRange.parse("x=continuous:-1:1").scaling == .linear)
  }

  @Test func badRangesAreRefusedNamingTheValue() throws {
    #expect(Self.message { _ = try ParameterRange.parse("eta=continuous:0.3:0.3") }.contains("the range 0.3:0.3 is empty (LO = HI); to fix eta at 0.3 use --hp eta=0.3"))
    #expect(Self.message { _ = try ParameterRange.parse("eta=continuous:0.5:0.1") }.contains("the range is inverted (LO 0.5 > HI 0.1)"))
    #expect(Self.message { _ = try ParameterRange.parse("alpha=continuous:0:1:Logarithmic") }.contains("Logarithmic scaling needs LO > 0 (the logarithm of 0 does not exist); got 0:1"))
    #expect(Self.message { _ = try ParameterRange.parse("alpha=integer:-3:5:Logarithmic") }.contains("Logarithmic scaling needs LO > 0 (the logarithm of -3 does not exist)"))
    #expect(Self.message { _ = try ParameterRange.parse("m=continuous:0.5:1:ReverseLogarithmic") }.contains("ReverseLogarithmic scaling needs 0 ≤ LO < HI < 1; got 0.5:1"))
    #expect(Self.message { _ = try ParameterRange.parse("eta=continuous:0.1:0.5:Cubic") }.contains("unknown scaling 'Cubic'"))
    #expect(Self.message { try ParameterRange.parse("etaa=continuous:0.1:0.5").validate(against: Self.xgboost) }.contains("xgboost has no hyperparameter 'etaa'; did you mean 'eta'?"))
    #expect(Self.message { try ParameterRange.parse("eta=continuous:0.1:2").validate(against: Self.xgboost) }.contains("2 is outside the valid values of eta ([0, 1])"))
    #expect(Self.message { try ParameterRange.parse("max_depth=continuous:1:5").validate(against: Self.xgboost) }.contains("max_depth is int"))
    #expect(Self.message { try ParameterRange.parse("booster=categorical:gbtree,forest").validate(against: Self.xgboost) }.contains("'forest' is not a valid value of booster"))
  }

  @Test func badJobsAreRefused() throws {
    #expect(Self.message { _ = try Self.job(.random, fixed: ["num_round": "27", "eta": "0.3"], maxJobs: 5) }
      .contains("eta is both fixed (--hp eta=0.3) and tuned (--range eta=…); drop one of the two"))
    #expect(Self.message { _ = try Self.job(.random, maxJobs: 3, parallel: 4) }
      .contains("--max-parallel-jobs 4 is more than --max-jobs 3"))
    #expect(Self.message { _ = try Self.job(.grid, maxJobs: nil) }.contains("Grid search takes categorical and integer ranges only (eta is continuous)"))
    #expect(Self.message { _ = try Self.job(.grid, ranges: ["max_depth=integer:1:4"], maxJobs: 2) }.contains("--max-jobs 2 is fewer than the grid's 4 combinations"))
    #expect(Self.message { _ = try Self.job(.hyperband, fixed: [:], maxJobs: 5) }.contains("Hyperband needs the most num_round a trial may train"))
    let unknown = Self.message { _ = try TuningObjective(algorithm: "xgboost", metric: "validation:rsme") }
    #expect(unknown.contains("--objective validation:rsme: not an objective metric of xgboost; valid: validation:accuracy (Maximize)"))
    #expect(unknown.contains("validation:rmse (Minimize)"))
    #expect(Self.message { _ = try TuningObjective(algorithm: "pca", metric: "test:msd") }.contains("pca emits no objective metric"))
    #expect(try TuningObjective(algorithm: "xgboost", metric: "validation:auc").type == .maximize)
  }

  // MARK: - Gaussian process

  @Test func gaussianProcessPosteriorMatchesTheTwoPointHandCalculation() throws {
    // Points 0 and 1 in one dimension, ℓ = 1, σ² = 1, σₙ² = 0.1, y = (1, 2); query x = 0.25.
    // Matérn 5/2: k(r) = (1 + √5 r + 5r²/3)·e^(−√5 r).
    func k(_ r: Double) -> Double { (1 + 5.0.squareRoot() * r + 5 * r * r / 3) * exp(-5.0.squareRoot() * r) }
    let a = 1 + 0.1, b = k(1), det = a * a - b * b  // K = [[a, b], [b, a]]
    let alpha = [(a * 1 - b * 2) / det, (-b * 1 + a * 2) / det]  // K⁻¹y by the 2 × 2 inverse
    let ks = [k(0.25), k(0.75)]
    let mean = ks[0] * alpha[0] + ks[1] * alpha[1]
    let quad = (a * ks[0] * ks[0] - 2 * b * ks[0] * ks[1] + a * ks[1] * ks[1]) / det  // k*ᵀ K⁻¹ k*
    let logLikelihood = -0.5 * (1 * alpha[0] + 2 * alpha[1]) - 0.5 * log(det) - log(2 * Double.pi)
    let gp = try #require(GaussianProcess(points: [[0], [1]], values: [1, 2], lengthScales: [1], noiseVariance: 0.1))
    let p = gp.predict([0.25])
    #expect(abs(p.mean - mean) < 1e-12)
    #expect(abs(p.variance - (1 - quad)) < 1e-12)
    #expect(abs(gp.logMarginalLikelihood - logLikelihood) < 1e-12)
    // EI of N(1, 1) over best 1 is σ·φ(0) = 1/√(2π).
    #expect(abs(GaussianProcess.expectedImprovement(mean: 1, variance: 1, best: 1) - 1 / (2 * Double.pi).squareRoot()) < 1e-12)
  }

  // MARK: - Stopping rules

  @Test func medianRuleAndHyperbandRungs() {
    // Running averages at step 1: (4+2)/2 = 3, (6+4)/2 = 5, (2+2)/2 = 2 → median 3.
    let medians = MedianRule.medians([[4, 2], [6, 4], [2, 2]])
    #expect(medians[1] == 3)
    #expect(MedianRule.medians([[1], [2]]) == [nil])  // fewer than three earlier trials: no verdict
    // R = 27, r = 1, η = 3: brackets 0…3; bracket 3 has rungs 1, 3, 9.
    #expect(Hyperband.bracketCount(minResource: 1, maxResource: 27, eta: 3) == 4)
    #expect(Hyperband.rungs(bracket: 3, minResource: 1, maxResource: 27, eta: 3) == [1, 3, 9])
    #expect(Hyperband.rungs(bracket: 0, minResource: 1, maxResource: 27, eta: 3) == [])
    // Trials dealt in Hyperband's proportions n_s = ⌈4/(s+1)·3^s⌉ = 4, 6, 12, 27 over 49 trials.
    let dealt = (1...49).map { Hyperband.bracket(of: $0, minResource: 1, maxResource: 27, eta: 3) }
    #expect((0...3).map { s in dealt.filter { $0 == s }.count } == [4, 6, 12, 27])
    // Minimising: among 5 earlier values and this one, the best ⌊6/3⌋ = 2 go on.
    #expect(Hyperband.promotes(1.5, among: [1, 2, 3, 4, 5], eta: 3, direction: .minimize))
    #expect(!Hyperband.promotes(2.5, among: [1, 2, 3, 4, 5], eta: 3, direction: .minimize))
    #expect(Hyperband.promotes(9, among: [1, 2], eta: 3, direction: .minimize))
  }

  // MARK: - Jobs

  @Test func sameSeedSameResultsWithParallelTrials() throws {
    let channels = try Self.autompg()
    func run(_ seed: UInt64) throws -> TuningResults {
      var r = try Self.job(.bayesian, maxJobs: 8, parallel: 2, seed: seed).run(channels: channels).results
      for i in r.trials.indices { r.trials[i].seconds = 0 }
      return r
    }
    let a = try run(3), b = try run(3), c = try run(4)
    #expect(a == b)
    #expect(try a.json() == b.json())
    #expect(a.trials.map(\.hyperparameters) != c.trials.map(\.hyperparameters))
    #expect(a.trials.count == 8 && a.trials.allSatisfy { $0.status == "Completed" && $0.trainedSteps == 27 })
    let best = try #require(TuningResults.best(a.trials, .minimize))
    #expect(a.bestTrial == best.number)
  }

  @Test func aFailedTrialIsRecordedAndTheJobGoesOn() throws {
    // binary:logistic refuses autompg's miles-per-gallon labels; the other objective trains.
    let job = try Self.job(.grid, ranges: ["objective=categorical:reg:squarederror,binary:logistic"], maxJobs: nil)
    let (results, model) = try job.run(channels: try Self.autompg())
    #expect(results.trials.map(\.status) == ["Completed", "Failed"])
    #expect(results.trials[1].failureReason?.contains("which is not valid") ?? false, "\(results.trials[1].failureReason ?? "")")
    #expect(results.trials[1].objective == nil)
    #expect(results.bestTrial == 1 && model != nil)
  }

  @Test func earlyStoppingAutoStopsTrialsBelowTheMedian() throws {
    let results = try Self.job(.random, maxJobs: 12, stopping: .auto).run(channels: try Self.autompg()).results
    let stopped = results.trials.filter { $0.status == "Stopped" }
    #expect(!stopped.isEmpty)
    for t in stopped {
      #expect(t.trainedSteps < 27 && t.intermediate.count == t.trainedSteps)
      #expect(t.objective == t.intermediate.last)  // a stopped trial keeps its last objective
    }
    #expect(results.trials.prefix(3).allSatisfy { $0.status == "Completed" })  // no verdict before three curves
  }

  @Test func warmStartTeachesTheGaussianProcess() throws {
    let channels = try Self.autompg()
    let parent = try Self.job(.random, maxJobs: 12).run(channels: channels).results
    var child = try Self.job(.bayesian, maxJobs: 2, seed: 9)
    try child.warmStart(from: [("parent", parent)], type: .identicalDataAndAlgorithm)
    #expect(child.warmStart?.trialsUsed == 12)
    // With 12 observations the first proposal already comes from the GP, so it differs from the
    // random draw a cold Bayesian job with the same seed starts with.
    let warm = try child.run(channels: channels).results, cold = try Self.job(.bayesian, maxJobs: 2, seed: 9).run(channels: channels).results
    #expect(warm.trials[0].hyperparameters != cold.trials[0].hyperparameters)
    var other = try TuningJob(
      entry: Self.xgboost, objective: TuningObjective(algorithm: "xgboost", metric: "validation:rmse"),
      ranges: Self.fiveKnobs.map(ParameterRange.parse), fixed: ["num_round": "27"], strategy: .bayesian, maxJobs: 2,
      data: ["train": "other.csv", "validation": "autompg/validation.csv"])
    #expect(Self.message { try other.warmStart(from: [("parent", parent)], type: .identicalDataAndAlgorithm) }.contains("IdenticalDataAndAlgorithm needs the same data (use TransferLearning)"))
    try other.warmStart(from: [("parent", parent)], type: .transferLearning)
    #expect(other.warmStart?.trialsUsed == 12)
  }

  /// A reduced Examples/tuning-strategies: one seed, Random 100 against Bayesian 40 and Hyperband
  /// over the same 100 random configurations (the full table, 5 seeds, Random 200, is in its README).
  @Test func bayesianAndHyperbandKeepUpWithRandomAtLowerCost() throws {
    let channels = try Self.autompg()
    let random = try Self.job(.random, maxJobs: 100, parallel: 2).run(channels: channels).results
    let bayesian = try Self.job(.bayesian, maxJobs: 40, parallel: 2).run(channels: channels).results
    let hyperband = try Self.job(.hyperband, fixed: [:], maxJobs: 100, parallel: 2, maxResource: 27).run(channels: channels).results
    let target = try #require(TuningResults.best(random.trials, .minimize)?.objective)
    let b = try #require(TuningResults.best(bayesian.trials, .minimize)?.objective)
    let h = try #require(TuningResults.best(hyperband.trials, .minimize)?.objective)
    #expect(b <= target * 1.01, "Bayesian \(b) vs Random \(target)")
    #expect(h <= target * 1.01, "Hyperband \(h) vs Random \(target)")
    #expect(hyperband.totalTrainingSteps < random.totalTrainingSteps / 2, "\(hyperband.totalTrainingSteps) rounds vs \(random.totalTrainingSteps)")
  }
}
