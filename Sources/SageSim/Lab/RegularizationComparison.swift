import Foundation
import SageCore

/// L1 against L2 (and elastic net) for linear-learner: the same data and seed trained at each
/// penalty strength under each kind of penalty, to see that L1 sets weights exactly to zero
/// (soft thresholding) while L2 only shrinks them.
///
/// Under `l1` the penalty goes to the `l1` knob (wd = 0); under `l2` to `wd` (l1 = 0); under
/// elastic net it is split, l1 = mix·p and wd = (1 − mix)·p. `num_models` is 1 unless given, so
/// the kept model is trained at exactly that penalty (the parallel models would draw their own).
public struct RegularizationComparison: Sendable {
  public enum Regime: String, CaseIterable, Sendable {
    case l1 = "L1", l2 = "L2", elasticNet = "elastic net"
  }

  public let hyperparameters: [String: String]
  public let penalties: [Double]
  public let regimes: [Regime]
  public let elasticMix: Double
  public let seed: UInt64

  public init(hyperparameters: [String: String], penalties: [Double], regimes: [Regime] = Regime.allCases, elasticMix: Double = 0.5, seed: UInt64 = 0) throws {
    for name in ["l1", "wd"] where hyperparameters[name] != nil {
      throw SweepError("compare-regularization sets \(name) itself (from --penalty); do not give --hp \(name)")
    }
    guard !penalties.isEmpty, penalties.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
      throw SweepError("--penalty values must be finite and ≥ 0")
    }
    guard (0...1).contains(elasticMix) else { throw SweepError("--elastic-mix must be in [0, 1]; got \(elasticMix)") }
    var hp = hyperparameters
    if hp["num_models"] == nil { hp["num_models"] = "1" }
    self.hyperparameters = hp
    self.penalties = penalties
    self.regimes = regimes
    self.elasticMix = elasticMix
    self.seed = seed
  }

  /// The l1 and wd values of `regime` at penalty `p`.
  public func knobs(_ regime: Regime, _ p: Double) -> (l1: Double, wd: Double) {
    switch regime {
    case .l1: return (p, 0)
    case .l2: return (0, p)
    case .elasticNet: return (elasticMix * p, (1 - elasticMix) * p)
    }
  }

  /// Trains every (regime, penalty) pair on both cores; results in regime-major order.
  public func run(channels: Channels, holdout: DataChannel? = nil) throws -> [RegularizationPoint] {
    let entry = try AlgorithmRegistry.entry(named: LinearLearner.name)
    let data = try channels.inMemory()
    let scored = try [("train", data.train)] + (holdout.map { [("holdout", try $0.inMemory())] } ?? [])
    let pairs = regimes.flatMap { r in penalties.map { (r, $0) } }
    return Parallel.map(pairs.count, chunks: pairs.count) { range in
      range.map { i -> RegularizationPoint in
        let (regime, p) = pairs[i]
        let (l1, wd) = knobs(regime, p)
        var hp = hyperparameters
        hp["l1"] = SweepAxis.shortDecimal(l1)
        hp["wd"] = SweepAxis.shortDecimal(wd)
        let trial = Sweep.trial(entry, hyperparameters: hp, preprocessing: [:], values: [regime.rawValue, hp["l1"]!, hp["wd"]!], data: data, scored: scored, seed: seed)
        return RegularizationPoint(regime: regime, penalty: p, trial: trial)
      }
    }.flatMap { $0 }
  }
}

/// One training of the comparison: its weights (first output, raw feature units) and figures.
public struct RegularizationPoint: Sendable {
  public let regime: RegularizationComparison.Regime
  public let penalty: Double
  public let trial: SweepTrial
  public let weights: [Double]

  init(regime: RegularizationComparison.Regime, penalty: Double, trial: SweepTrial) {
    self.regime = regime
    self.penalty = penalty
    self.trial = trial
    struct Envelope: Decodable { struct Model: Decodable { let weights: [[Double]] }; let model: Model }
    let model = trial.model.flatMap { try? JSONDecoder().decode(Envelope.self, from: $0) }
    weights = model?.model.weights.map { $0.first ?? 0 } ?? []
  }

  /// Weights exactly 0.0 (not merely small): what L1's soft thresholding produces.
  public var zeros: Int { weights.filter { $0 == 0 }.count }
  /// Σ|wⱼ|.
  public var l1Norm: Double { weights.reduce(0) { $0 + abs($1) } }
  /// √Σwⱼ².
  public var l2Norm: Double { weights.reduce(0) { $0 + $1 * $1 }.squareRoot() }
}

extension LabCharts {
  /// The regularization path: each weight against the penalty strength, one panel per regime.
  public static func regularizationPath(_ points: [RegularizationPoint], featureNames: [String]) -> [Chart] {
    var regimes: [RegularizationComparison.Regime] = []
    for p in points where !regimes.contains(p.regime) { regimes.append(p.regime) }
    let positive = points.allSatisfy { $0.penalty > 0 }
    return regimes.map { regime in
      let mine = points.filter { $0.regime == regime && !$0.weights.isEmpty }
      let width = mine.map(\.weights.count).max() ?? 0
      let series = (0..<width).map { j in
        Chart.Series(name: j < featureNames.count ? featureNames[j] : "w\(j + 1)",
                     points: mine.filter { j < $0.weights.count }.map { ($0.penalty, $0.weights[j]) })
      }
      return Chart(title: "\(regime.rawValue): weights as the penalty grows", xLabel: "penalty strength",
                   yLabel: "weight (raw feature units)", xAxis: positive ? .log : .linear, series: series)
    }
  }

  /// Exact zeros against penalty strength, one line per regime.
  public static func zerosChart(_ points: [RegularizationPoint]) -> Chart {
    var regimes: [RegularizationComparison.Regime] = []
    for p in points where !regimes.contains(p.regime) { regimes.append(p.regime) }
    let positive = points.allSatisfy { $0.penalty > 0 }
    return Chart(
      title: "Weights exactly zero", xLabel: "penalty strength", yLabel: "exact zeros",
      xAxis: positive ? .log : .linear,
      series: regimes.map { r in Chart.Series(name: r.rawValue, points: points.filter { $0.regime == r }.map { ($0.penalty, Double($0.zeros)) }) })
  }
}
