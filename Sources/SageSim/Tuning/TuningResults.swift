import Foundation

/// One training job of a tuning job, as results.json records it.
public struct TuningTrial: Sendable, Codable, Equatable {
  /// 1-based, in the order proposed.
  public let number: Int
  /// The tuned hyperparameters' values (the fixed ones are in the job).
  public let hyperparameters: [String: String]
  /// `Completed`, `Stopped` (by early stopping or Hyperband, keeping its last objective) or `Failed`.
  public let status: String
  /// The final objective metric value (the last one reported when stopped); nil when failed.
  public let objective: Double?
  /// Every final metric the trial reported, keyed by SageMaker's name.
  public let metrics: [String: Double]
  /// The objective after each epoch or round, when the algorithm reports one.
  public let intermediate: [Double]
  /// Epochs or rounds actually trained.
  public let trainedSteps: Int
  public let failureReason: String?
  public var seconds: Double

  public var hasObjective: Bool { objective?.isFinite ?? false }
}

/// What results.json holds: the job's settings, every trial, and the best.
public struct TuningResults: Sendable, Codable, Equatable {
  public let algorithm: String
  public let objective: TuningObjective
  public let strategy: TuningStrategy
  public let earlyStopping: String
  public let seed: UInt64
  public let maxJobs: Int
  public let maxParallelJobs: Int
  public let ranges: [RangeSummary]
  public let fixedHyperparameters: [String: String]
  /// The data the trials read (a warm start of type IdenticalDataAndAlgorithm checks it).
  public let data: [String: String]
  /// Hyperband's resource: the hyperparameter and its minimum and maximum (nil otherwise).
  public let resource: ResourceSummary?
  public let warmStart: WarmStartSummary?
  public var trials: [TuningTrial]
  /// Number of the best trial (nil when none reported the objective).
  public var bestTrial: Int?
  /// Sum of epochs or rounds trained over all trials.
  public var totalTrainingSteps: Int { trials.reduce(0) { $0 + $1.trainedSteps } }

  /// The best of `trials` by the objective (the earlier on a tie).
  public static func best(_ trials: [TuningTrial], _ type: ObjectiveType) -> TuningTrial? {
    trials.filter(\.hasObjective).reduce(nil) { best, t in
      guard let b = best else { return t }
      return type.isBetter(t.objective!, than: b.objective!) ? t : b
    }
  }

  public func json() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    struct Wrapper: Encodable {
      let results: TuningResults
      func encode(to encoder: Encoder) throws {
        try results.encode(to: encoder)
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(results.totalTrainingSteps, forKey: .totalTrainingSteps)
      }
      enum Key: String, CodingKey { case totalTrainingSteps }
    }
    return try encoder.encode(Wrapper(results: self))
  }

  /// Reads an earlier results.json (or the directory holding one).
  public static func read(_ path: String) throws -> TuningResults {
    var isDirectory: ObjCBool = false
    let file = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
      ? URL(fileURLWithPath: path).appendingPathComponent("results.json").path : path
    guard let data = FileManager.default.contents(atPath: file) else {
      throw TuningError("--warm-start \(path): cannot read \(file) (give an earlier tuning job's --output directory or its results.json)")
    }
    do { return try JSONDecoder().decode(TuningResults.self, from: data) } catch {
      throw TuningError("--warm-start \(path): \(file) is not a sagesim tuning results.json (\(error))")
    }
  }
}

public struct ResourceSummary: Sendable, Codable, Equatable {
  public let hyperparameter: String
  public let minResource: Int
  public let maxResource: Int
}

public struct WarmStartSummary: Sendable, Codable, Equatable {
  /// `IdenticalDataAndAlgorithm` or `TransferLearning`.
  public let type: String
  public let parents: [String]
  /// Parent trials whose values fit this job's ranges and taught the strategy.
  public let trialsUsed: Int
}
