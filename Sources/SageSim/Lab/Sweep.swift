import Foundation
import SageCore

/// A sweep: one training per value of one knob (or per cell of a two-knob grid), everything else
/// fixed, the trials spread over both cores. Each trial uses the same seed and data, so the only
/// difference between two rows of the table is the knob.
public struct Sweep: Sendable {
  public let entry: AlgorithmEntry
  /// The fixed SageMaker hyperparameters (`--hp`).
  public let hyperparameters: [String: String]
  /// The fixed sagesim preprocessing options (`--preprocess`).
  public let preprocessing: [String: String]
  public let axes: [SweepAxis]
  public let seed: UInt64

  public init(entry: AlgorithmEntry, hyperparameters: [String: String], preprocessing: [String: String] = [:], axes: [SweepAxis], seed: UInt64) throws {
    guard entry.isAvailable else { throw AlgorithmRegistry.notAvailable(entry.name, entry.plannedIn ?? "") }
    guard (1...2).contains(axes.count) else { throw SweepError("give one --vary (a curve) or two (a grid); got \(axes.count)") }
    if axes.count == 2, axes[0].name == axes[1].name { throw SweepError("both --vary options name '\(axes[0].name)'; a grid needs two different knobs") }
    let knobs = entry.documentation.flatMap { [$0.name] + $0.aliases }
    for axis in axes where !knobs.contains(axis.name) && !Preprocessing.names.contains(axis.name) {
      let suggestion = closestName(to: axis.name, in: knobs + Preprocessing.names).map { "; did you mean '\($0)'?" } ?? ""
      throw SweepError("--vary \(axis.name): \(entry.name) has no hyperparameter '\(axis.name)' and it is not a sagesim preprocessing option\(suggestion)")
    }
    self.entry = entry
    self.hyperparameters = hyperparameters
    self.preprocessing = preprocessing
    self.axes = axes
    self.seed = seed
  }

  /// Whether `name` is an integer knob of `entry` (a range over it is rounded).
  public static func isInteger(_ name: String, of entry: AlgorithmEntry) -> Bool {
    if Preprocessing.names.contains(name) { return name == "polynomial_degree" }
    return entry.documentation.first { $0.name == name || $0.aliases.contains(name) }?.typeName.hasPrefix("int") ?? false
  }

  /// Every combination of values, first axis slowest (row-major over the grid).
  public var settings: [[String]] {
    axes.reduce([[]]) { partial, axis in partial.flatMap { prefix in axis.values.map { prefix + [$0] } } }
  }

  /// Trains every trial. The channels are read into memory once. Each model is then scored by
  /// predicting the train rows (`train:…`) and, when given, the `holdout` rows (`holdout:…`):
  /// a held-out file no training step looks at (a validation channel is used by some algorithms
  /// to choose their kept epoch, which hides overfitting).
  public func run(channels: Channels, holdout: DataChannel? = nil) throws -> SweepResult {
    let data = try channels.inMemory()
    let scored = try [("train", data.train)] + (holdout.map { [("holdout", try $0.inMemory())] } ?? [])
    let all = settings
    let trials = Parallel.map(all.count, chunks: all.count) { range in
      range.map { trial(all[$0], data: data, scored: scored) }
    }.flatMap { $0 }
    return SweepResult(axes: axes, trials: trials)
  }

  func trial(_ values: [String], data: Channels, scored: [(String, DataChannel)]) -> SweepTrial {
    var hp = hyperparameters, pre = preprocessing
    for (axis, value) in zip(axes, values) {
      if Preprocessing.names.contains(axis.name) { pre[axis.name] = value } else { hp[axis.name] = value }
    }
    return Self.trial(entry, hyperparameters: hp, preprocessing: pre, values: values, data: data, scored: scored, seed: seed)
  }

  /// One training with fixed settings: preprocessing applied, the model trained, then scored on
  /// each of `scored` (named channels held in memory). A failure is recorded, not thrown.
  static func trial(
    _ entry: AlgorithmEntry, hyperparameters: [String: String], preprocessing pre: [String: String], values: [String],
    data: Channels, scored: [(String, DataChannel)], seed: UInt64
  ) -> SweepTrial {
    var hp = hyperparameters
    var log = TrainingLog.silent
    let started = ContinuousClock.now
    do {
      let (channels, width, options) = try Preprocessing.parse(pre).apply(to: data)
      if let width, hp["feature_dim"] != nil { hp["feature_dim"] = String(width) }
      let model = try entry.train(hyperparameters: hp, channels: channels, seed: seed, log: &log)
      var metrics = log.metrics.map { NamedValue(name: $0.name, value: $0.value) }
      for (prefix, channel) in scored {
        guard case .memory(let batch) = channel.source else { continue }
        let predictions = try ModelScoring.predict(entry, model: model, preprocessing: options, batch: batch)
        for m in try ModelScoring.metrics(predictions, labels: batch.labels, prefix: prefix, features: try options.apply(to: batch.features).dense()) where !metrics.contains(where: { $0.name == m.name }) {
          metrics.append(m)
        }
      }
      return SweepTrial(values: values, metrics: metrics, history: log.history, keptStep: log.keptStep, model: model,
                        preprocessing: options, warnings: log.warnings, seconds: (ContinuousClock.now - started).seconds, error: nil)
    } catch {
      return SweepTrial(values: values, metrics: [], history: log.history, keptStep: nil, model: nil,
                        preprocessing: nil, warnings: log.warnings, seconds: (ContinuousClock.now - started).seconds, error: "\(error)")
    }
  }
}

/// A metric's name and value.
public struct NamedValue: Sendable, Equatable, Codable {
  public let name: String
  public let value: Double
  public init(name: String, value: Double) {
    self.name = name
    self.value = value
  }
}

/// One training of a sweep.
public struct SweepTrial: Sendable {
  /// The value of each axis.
  public let values: [String]
  /// Final metrics in the order logged (`validation:rmse`, `train:rmse`, …).
  public let metrics: [NamedValue]
  public let history: [MetricPoint]
  public let keptStep: Int?
  /// The model's JSON text (nil when training failed).
  public let model: Data?
  /// The preprocessing the model expects its input through (fitted to the train rows).
  public let preprocessing: Preprocessing?
  public let warnings: [String]
  public let seconds: Double
  /// Why training failed, if it did (a diverged learning rate is a result worth showing too).
  public let error: String?

  public func metric(_ name: String) -> Double? { metrics.first { $0.name == name }?.value }
}

extension Sweep {
  /// Cores the trials are spread over.
  public static var coreCount: Int { Parallel.coreCount }
}
