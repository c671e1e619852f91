import Foundation
import SageCore

/// How a tuning job chooses its next hyperparameters (SageMaker's `Strategy`).
public enum TuningStrategy: String, CaseIterable, Sendable, Codable {
  /// Each trial drawn independently and uniformly in the scaled space.
  case random = "Random"
  /// Every combination of the categorical (and, in sagesim, integer) values, first range slowest.
  case grid = "Grid"
  /// A Gaussian process fitted to the trials so far proposes the point of largest expected improvement.
  case bayesian = "Bayesian"
  /// Random configurations whose training is cut short at rungs (successive halving on the
  /// per-round or per-epoch objective), so weak ones cost few rounds.
  case hyperband = "Hyperband"
}

/// The point a trial tries: one value (as text) per range, in the order of the ranges.
public typealias Configuration = [String]

/// Proposes configurations, deterministically from its seed and what it is shown.
struct Proposer {
  let ranges: [ParameterRange]
  let strategy: TuningStrategy
  let direction: ObjectiveType
  /// Random trials before the Gaussian process takes over (Bayesian).
  let initialRandom: Int
  var random: SeededRandom
  private var gridCursor = 0

  init(ranges: [ParameterRange], strategy: TuningStrategy, direction: ObjectiveType, maxJobs: Int, seed: UInt64) {
    self.ranges = ranges
    self.strategy = strategy
    self.direction = direction
    initialRandom = max(3, min(10, maxJobs / 4))
    random = SeededRandom(seed: seed ^ 0x7475_6e65)  // "tune": proposals draw apart from the trials' own seed
  }

  /// Every combination of a grid, first range slowest.
  static func grid(_ ranges: [ParameterRange]) -> [Configuration] {
    ranges.reduce([[]]) { partial, range in
      let values: [String]
      switch range.kind {
      case .categorical(let v): values = v
      case .integer(let lo, let hi, _): values = (lo...hi).map(String.init)
      case .continuous: values = []
      }
      return partial.flatMap { prefix in values.map { prefix + [$0] } }
    }
  }

  /// The next `count` configurations. `observed` are finished trials (and warm-start parents)
  /// with their objective; `pending` are proposed but not yet finished.
  mutating func next(_ count: Int, observed: [(Configuration, Double)], pending: [Configuration]) -> [Configuration] {
    switch strategy {
    case .grid:
      let all = Self.grid(ranges)
      let slice = Array(all[min(gridCursor, all.count)..<min(gridCursor + count, all.count)])
      gridCursor += slice.count
      return slice
    case .random, .hyperband:
      return (0..<count).map { _ in randomConfiguration() }
    case .bayesian:
      var proposals: [Configuration] = []
      var believed = observed
      for _ in 0..<count {
        let next = bayesianProposal(observed: believed, pending: pending + proposals)
        proposals.append(next.configuration)
        if let belief = next.believedObjective { believed.append((next.configuration, belief)) }
      }
      return proposals
    }
  }

  mutating func randomConfiguration() -> Configuration {
    ranges.map { $0.value(at: random.uniform()) }
  }

  func features(_ c: Configuration) -> [Double] {
    zip(ranges, c).flatMap { $0.features(of: $1) ?? [Double](repeating: 0.5, count: $0.featureCount) }
  }

  /// The GP's target: larger is better; a positive minimised metric (rmse, logloss) on a log scale
  /// so that a few diverged trials do not flatten the rest.
  static func targets(_ objectives: [Double], _ direction: ObjectiveType) -> [Double] {
    if direction == .minimize && objectives.allSatisfy({ $0 > 0 }) { return objectives.map { -log($0) } }
    return objectives.map { direction == .minimize ? -$0 : $0 }
  }

  static func untarget(_ t: Double, _ direction: ObjectiveType, logScale: Bool) -> Double {
    logScale ? exp(-t) : (direction == .minimize ? -t : t)
  }

  /// One Bayesian proposal: random until `initialRandom` observations, then the candidate of
  /// largest expected improvement among random points and perturbations of the best trials. A
  /// proposed point is believed to score the GP's mean there (the "kriging believer"), so a batch
  /// of parallel proposals spreads out instead of repeating one point.
  mutating func bayesianProposal(observed: [(Configuration, Double)], pending: [Configuration]) -> (configuration: Configuration, believedObjective: Double?) {
    let usable = observed.filter { $0.1.isFinite }
    guard usable.count >= initialRandom else { return (randomConfiguration(), nil) }
    let logScale = direction == .minimize && usable.allSatisfy { $0.1 > 0 }
    let raw = Self.targets(usable.map(\.1), direction)
    let mean = raw.reduce(0, +) / Double(raw.count)
    let sd = max((raw.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(raw.count)).squareRoot(), 1e-9)
    let y = raw.map { ($0 - mean) / sd }
    guard let gp = GaussianProcess.fitted(points: usable.map { features($0.0) }, values: y) else {
      return (randomConfiguration(), nil)
    }
    let bestY = y.max()!
    let seen = Set(usable.map(\.0) + pending)
    // Candidates: uniform points, and Gaussian steps around the five best trials.
    var candidates: [Configuration] = (0..<1500).map { _ in randomConfiguration() }
    let order = y.indices.sorted { y[$0] > y[$1] }.prefix(5)
    for i in order {
      let centre = zip(ranges, usable[i].0).map { $0.position(of: $1) ?? 0.5 }
      for _ in 0..<100 {
        let step = random.uniform() < 0.5 ? 0.05 : 0.15
        candidates.append(zip(ranges, centre).map { range, u in
          if case .categorical = range.kind, random.uniform() < 0.8 { return range.value(at: u) }
          return range.value(at: u + step * random.normal())
        })
      }
    }
    var best: (Configuration, Double, Double)?
    for c in candidates where !seen.contains(c) {
      let p = gp.predict(features(c))
      let ei = GaussianProcess.expectedImprovement(mean: p.mean, variance: p.variance, best: bestY)
      if best == nil || ei > best!.1 { best = (c, ei, p.mean) }
    }
    guard let (choice, _, believedY) = best else { return (randomConfiguration(), nil) }
    return (choice, Self.untarget(believedY * sd + mean, direction, logScale: logScale))
  }
}
