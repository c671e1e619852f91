import Foundation
import SageCore
import SageIO

@testable import SageSim

/// Helpers for the linear learner tests: labelled channels in memory and one-call training.
enum LL {
  /// A bundled SageMaker CSV (label first) read into memory, keeping its path and line numbers
  /// for error messages (a plain parser: the files are small, numeric and headerless).
  static func csv(_ name: String, channel: ChannelName = .train) -> DataChannel {
    let path = dataset(name)
    let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    let rows = text.split(separator: "\n").map { $0.split(separator: ",").map { Double($0)! } }
    return LL.channel(rows.map { Array($0.dropFirst()) }, rows.map { $0[0] }, name: channel, file: path)
  }

  /// An in-memory labelled channel.
  static func channel(_ x: [[Double]], _ y: [Double], name: ChannelName = .train, file: String = "memory.csv") -> DataChannel {
    DataChannel(name, batch: DataBatch(features: .dense(Matrix(rowArrays: x)), labels: y, lines: Array(1...max(y.count, 1)).prefix(y.count).map { $0 }, file: file))
  }

  static func fit(
    _ hp: [String: String], train: DataChannel, validation: DataChannel? = nil, test: DataChannel? = nil,
    seed: UInt64 = 1
  ) throws -> (model: LinearLearnerModel, log: TrainingLog) {
    var log = TrainingLog.silent
    let parsed = try LinearLearnerHyperparameters.parse(hp)
    let model = try LinearLearner.train(parsed, on: Channels(train: train, validation: validation, test: test), seed: seed, log: &log)
    return (model, log)
  }

  static func metric(_ log: TrainingLog, _ name: String) -> Double? {
    log.metrics.first { $0.name == name }?.value
  }

  /// n rows of d standard-normal features (seeded).
  static func gaussian(rows n: Int, features d: Int, seed: UInt64) -> [[Double]] {
    var r = SeededRandom(seed: seed)
    return (0..<n).map { _ in (0..<d).map { _ in r.normal() } }
  }
}
