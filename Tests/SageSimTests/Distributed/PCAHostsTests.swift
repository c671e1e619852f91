import Foundation
import SageCore
import SageIO
import Testing

@testable import SageSim

/// PCA on several simulated hosts: per-host summaries merged by the pairwise formula give the
/// single-host model of the same rows.
@Suite struct PCAHostsTests {
  static let hp = ["feature_dim": "64", "mini_batch_size": "100", "num_components": "5"]

  static func fit(_ hosts: [Channels], _ extra: [String: String] = [:], seed: UInt64 = 3) throws -> PCAModel {
    var log = TrainingLog.silent
    let parsed = try PCAHyperparameters.parse(hp.merging(extra) { $1 })
    if hosts.count == 1 { return try PCA.train(parsed, on: hosts[0], seed: seed, log: &log) }
    return try PCA.train(parsed, onHosts: hosts, seed: seed, log: &log)
  }

  /// Sharded over 2 and 3 hosts, the digits' components equal the single-host ones. Not bit for
  /// bit: a single host shifts every row by the first batch's mean and sums Gram blocks in one
  /// order, each host by its own first batch, and the merge adds (n_a·n_b/n)·δδᵀ; the difference is
  /// rounding in sums of ~10⁶ (entries of the scatter). Measured: s, the mean and the ratios within
  /// 5e-16 relative, the components' entries within 2.6e-13 (entries below 1e-3 against 1e-3);
  /// the bounds 1e-10 and 1e-8 leave that margin, while any lost or doubled row moves s by ~1e-3.
  @Test(arguments: [2, 3]) func shardedHostsEqualOneHost(hosts: Int) throws {
    let one = try Self.fit(Channels.hosts(1, train: digitsTrain, distribution: .shardedByS3Key))
    let many = try Self.fit(Channels.hosts(hosts, train: digitsTrain, distribution: .shardedByS3Key))
    #expect(many.rowsSeen == 1438)
    #expect(largestRelativeGap(many.s, one.s) < 1e-10)
    #expect(largestRelativeGap(many.explainedVarianceRatio, one.explainedVarianceRatio) < 1e-10)
    #expect(largestRelativeGap(many.mean, one.mean) < 1e-10)
    for j in 0..<5 {
      let a = many.v.map { $0[j] }, b = one.v.map { $0[j] }
      #expect(largestRelativeGap(a, b, floor: 1e-3) < 1e-8, "component \(j)")
    }
  }

  /// FullyReplicated: every host sums all the rows, so the job sees each row `hosts` times. The
  /// directions, mean and variance ratios stay; n and the scatter, hence s², scale by the host count.
  @Test func replicatedHostsCountEveryRowOncePerHost() throws {
    let one = try Self.fit(Channels.hosts(1, train: digitsTrain, distribution: .fullyReplicated))
    let two = try Self.fit(Channels.hosts(2, train: digitsTrain, distribution: .fullyReplicated))
    #expect(two.rowsSeen == 2 * 1438)
    #expect(largestRelativeGap(two.s, one.s.map { $0 * 2.0.squareRoot() }) < 1e-10)
    #expect(largestRelativeGap(two.explainedVarianceRatio, one.explainedVarianceRatio) < 1e-10)
  }

  /// Randomized mode: each host draws its own signs, so the model is not the single-host one, but
  /// the merged sketch finds the same top variances (within 1%, as the single-host test asks) and
  /// a seed still gives the same bits, whatever the threads' timing.
  @Test func randomizedOnHostsIsCloseAndRepeatable() throws {
    let hosts = Channels.hosts(3, train: digitsTrain, distribution: .shardedByS3Key)
    let exact = try Self.fit(Channels.hosts(1, train: digitsTrain, distribution: .shardedByS3Key))
    let a = try Self.fit(hosts, ["algorithm_mode": "randomized"])
    let b = try Self.fit(hosts, ["algorithm_mode": "randomized"])
    #expect(a == b)
    #expect(largestRelativeGap(a.explainedVariance, exact.explainedVariance) < 0.01)
  }

  /// The hosts' lines carry their own host tag, and algo-1 reports the merge.
  @Test func eachHostLogsUnderItsOwnName() throws {
    var log = TrainingLog.silent
    let hosts = Channels.hosts(2, train: digitsTrain, distribution: .shardedByS3Key)
    _ = try PCA.train(PCAHyperparameters.parse(Self.hp), onHosts: hosts, seed: 0, log: &log)
    #expect(log.messages.contains { $0.hasPrefix("#progress_metric: host=algo-2,") && $0.contains("719 rows") })
    #expect(log.messages.contains { $0.contains("Merged the summaries of 2 hosts") })
  }
}
