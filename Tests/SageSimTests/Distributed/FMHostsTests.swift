import Foundation
import SageCore
import SageIO
import Testing

@testable import SageSim

/// Factorization machines on several simulated hosts: sparse gradient pushes added on the server,
/// one Adam step per synchronous step, parameters pulled back.
@Suite struct FMHostsTests {
  /// 480 rows, 6 features: 2 hosts × 240 rows, 12 mini-batches of 20 each.
  static let rows = linearRows(480, 6, seed: 4)

  static func fit(_ hosts: [Channels], batch: Int) throws -> (FactorizationMachinesModel, TrainingLog) {
    var log = TrainingLog.silent
    let hp = try FactorizationMachinesHyperparameters.parse([
      "feature_dim": "6", "num_factors": "2", "predictor_type": "regressor", "epochs": "3",
      "mini_batch_size": String(batch),
    ])
    let model = hosts.count == 1
      ? try FactorizationMachines.train(hp, on: hosts[0], seed: 9, log: &log)
      : try FactorizationMachines.train(hp, onHosts: hosts, seed: 9, log: &log)
    return (model, log)
  }

  static func gap(_ a: FactorizationMachinesModel, _ b: FactorizationMachinesModel) -> Double {
    largestRelativeGap([a.w0] + a.w + a.v, [b.w0] + b.w + b.v)
  }

  /// Sharded over 2 hosts at mini-batch 20 = one host over the hosts' batches interleaved at 40:
  /// half the updates per epoch, each from twice the rows. Only summation order differs (each
  /// host's sum, then the server's): measured 2.8e-17 relative; the single host at 20 on the
  /// original order is 0.059 away.
  @Test func shardedHostsStepLikeOneHostWithAJointBatch() throws {
    let (many, log) = try Self.fit(Channels.hosts(2, train: Self.rows, distribution: .shardedByS3Key), batch: 20)
    let (one, _) = try Self.fit([Channels(train: interleaved(Self.rows, hosts: 2, batch: 20))], batch: 40)
    let (plain, _) = try Self.fit([Channels(train: Self.rows)], batch: 20)
    #expect(Self.gap(many, one) < 1e-9)
    #expect(Self.gap(many, plain) > 1e-3)
    #expect(log.messages.filter { $0.hasPrefix("#quality_metric: host=algo-2, epoch=") }.count == 3)
  }

  /// Replicated: the mean of two copies of each gradient is the single-host gradient (measured:
  /// bit-equal, as g + g and the scale by 1/(2n) are exact doublings of the single-host terms).
  @Test func replicatedHostsGiveTheSingleHostModel() throws {
    let (two, _) = try Self.fit(Channels.hosts(2, train: Self.rows, distribution: .fullyReplicated), batch: 20)
    let (one, _) = try Self.fit([Channels(train: Self.rows)], batch: 20)
    #expect(Self.gap(two, one) < 1e-9)
  }
}
