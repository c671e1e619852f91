import Foundation
import SageCore
import SageIO
import Testing

@testable import SageSim

/// Linear learner on several simulated hosts: one synchronous step per mini-batch of every host,
/// on the mean of the hosts' gradients over all their rows.
@Suite struct LinearLearnerHostsTests {
  /// 480 rows, 4 features: 2 hosts × 240 rows, 12 mini-batches of 20 each.
  static let rows = linearRows(480, 4)
  static let base = [
    "feature_dim": "4", "predictor_type": "regressor", "epochs": "3", "num_models": "4", "optimizer": "adam",
  ]

  static func fit(_ hosts: [Channels], batch: Int, _ extra: [String: String] = [:]) throws -> (LinearLearnerModel, TrainingLog) {
    var log = TrainingLog.silent
    let hp = try LinearLearnerHyperparameters.parse(base.merging(extra) { $1 }.merging(["mini_batch_size": String(batch)]) { $1 })
    let model = hosts.count == 1
      ? try LinearLearner.train(hp, on: hosts[0], seed: 5, log: &log)
      : try LinearLearner.train(hp, onHosts: hosts, seed: 5, log: &log)
    return (model, log)
  }

  static func gap(_ a: LinearLearnerModel, _ b: LinearLearnerModel) -> Double {
    max(largestRelativeGap(a.weights.flatMap { $0 }, b.weights.flatMap { $0 }), largestRelativeGap(a.bias, b.bias))
  }

  /// Sharded over 2 hosts with mini-batch 20, the job makes the updates of one host reading the
  /// hosts' batches interleaved with mini-batch 40: half as many updates per epoch, each from
  /// twice the rows. (Scaling and unbiasing are off here: sharded, algo-1 samples only its own rows.) The
  /// gradients differ only in summation order (two hosts' sums, then ÷40, against one ÷40 inside
  /// the sum): measured 3.1e-16 relative; the plain single-host model at mini-batch 20 is 0.25 away.
  @Test func shardedHostsStepLikeOneHostWithAJointBatch() throws {
    let off = ["normalize_data": "false", "normalize_label": "false", "unbias_data": "false", "unbias_label": "false"]
    let (many, _) = try Self.fit(Channels.hosts(2, train: Self.rows, distribution: .shardedByS3Key), batch: 20, off)
    let (one, _) = try Self.fit([Channels(train: interleaved(Self.rows, hosts: 2, batch: 20))], batch: 40, off)
    let (plain, _) = try Self.fit([Channels(train: Self.rows)], batch: 20, off)
    #expect(Self.gap(many, one) < 1e-9)
    #expect(Self.gap(many, plain) > 1e-4)
  }

  /// Replicated: both hosts push the same gradient every step, whose mean is the single-host one,
  /// so the model is the single-host model (scaler included: algo-1 samples the same rows).
  /// Measured 2.2e-16 relative.
  @Test func replicatedHostsGiveTheSingleHostModel() throws {
    let (two, log) = try Self.fit(Channels.hosts(2, train: Self.rows, distribution: .fullyReplicated), batch: 20)
    let (one, _) = try Self.fit([Channels(train: Self.rows)], batch: 20)
    #expect(Self.gap(two, one) < 1e-9)
    for host in ["algo-1", "algo-2"] {
      #expect(log.messages.filter { $0.hasPrefix("#quality_metric: host=\(host), epoch=") }.count >= 3)
    }
  }
}
