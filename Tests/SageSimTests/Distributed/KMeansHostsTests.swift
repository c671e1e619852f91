import Foundation
import SageCore
import SageIO
import Testing

@testable import SageSim

/// k-means on several simulated hosts: per-step center statistics added across hosts move the
/// centers as one joint mini-batch, so a sharded job equals a single-host job over the hosts'
/// batches laid end to end with an h-times-larger mini-batch.
@Suite struct KMeansHostsTests {
  /// 1200 digits rows: 3 hosts × 400 rows, 8 mini-batches of 50 each.
  static let rows = digitsTrain.rows(0..<1200)

  static func hp(batch: Int, _ extra: [String: String]) throws -> KMeansHyperparameters {
    try KMeansHyperparameters.parse(
      ["feature_dim": "64", "k": "10", "mini_batch_size": String(batch), "epochs": "2"].merging(extra) { $1 })
  }

  /// The rows as a single host would need them to make the same moves: step t of every host in
  /// host order, i.e. rows [h·400 + 50t, h·400 + 50t + 50) for t = 0…7, h = 0…2.
  static var interleaved: DataBatch { SageSimTests.interleaved(rows, hosts: 3, batch: 50) }

  /// Equal up to summation order: a host's sums are added to the others' per center, where the
  /// single host adds row by row. Measured: bit-equal without decay (the digits are small integers,
  /// so every sum is exact), 5.3e-16 relative with half_life_time_size = 500; 1e-9 leaves room,
  /// while the same rows in their original order (not interleaved) end 14–15 (relative) away.
  @Test(arguments: ["0", "500"]) func shardedHostsEqualOneHostWithAJointBatch(halfLife: String) throws {
    let extra = ["half_life_time_size": halfLife]
    var log = TrainingLog.silent
    let hosts = Channels.hosts(3, train: Self.rows, distribution: .shardedByS3Key)
    let many = try KMeans.train(Self.hp(batch: 50, extra), onHosts: hosts, seed: 7, log: &log)
    var single = TrainingLog.silent
    let one = try KMeans.train(Self.hp(batch: 150, extra), on: Channels(train: Self.interleaved), seed: 7, log: &single)
    for c in 0..<10 {
      #expect(largestRelativeGap(many.centers[c], one.centers[c]) < 1e-9, "center \(c)")
    }
    let metric = { (l: TrainingLog) in l.metrics.first { $0.name == "train:msd" }!.value }
    #expect(abs(metric(log) - metric(single)) < 1e-9 * metric(single))
  }

  /// Same seed, same bits: the hosts' timing never reaches the model.
  @Test func sameSeedSameCentersBitForBit() throws {
    let hosts = Channels.hosts(3, train: Self.rows, distribution: .shardedByS3Key)
    var a = TrainingLog.silent, b = TrainingLog.silent
    let first = try KMeans.train(Self.hp(batch: 50, [:]), onHosts: hosts, seed: 1, log: &a)
    let second = try KMeans.train(Self.hp(batch: 50, [:]), onHosts: hosts, seed: 1, log: &b)
    #expect(first == second)
  }

  /// Each host logs its own progressive msd per epoch, as SageMaker's instances do.
  @Test func everyHostLogsItsTrainMSD() throws {
    var log = TrainingLog.silent
    let hosts = Channels.hosts(2, train: Self.rows, distribution: .fullyReplicated)
    _ = try KMeans.train(Self.hp(batch: 100, [:]), onHosts: hosts, seed: 1, log: &log)
    for host in ["algo-1", "algo-2"] {
      #expect(log.messages.filter { $0.hasPrefix("#quality_metric: host=\(host), epoch=") }.count == 2)
    }
    // Replicated: both hosts count all 1200 rows in the final tally.
    #expect(log.messages.contains { $0.contains("(2400 rows)") })
  }
}
