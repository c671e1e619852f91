import Foundation
import SageCore
import SageIO
import Testing

@testable import SageSim

/// XGBoost on several simulated hosts: merged sketches give shared cuts, per-node histograms are
/// summed across hosts, so every host grows the tree one host grows from all the rows.
@Suite struct XGBoostHostsTests {
  static let rows = linearRows(600, 5, seed: 21)
  static let hp = ["num_round": "8", "max_depth": "4", "eta": "0.3", "max_bin": "32"]

  static func fit(_ hosts: [Channels], _ extra: [String: String] = [:]) throws -> XGBoostModel {
    var log = TrainingLog.silent
    let parsed = try XGBoostHyperparameters.parse(hp.merging(extra) { $1 })
    if hosts.count == 1 { return try XGBoost.train(parsed, on: hosts[0], seed: 0, log: &log) }
    return try XGBoost.train(parsed, onHosts: hosts, seed: 0, log: &log)
  }

  /// The merged exact summaries of 3 shards give the cuts of the whole table, bit for bit.
  @Test func mergedSketchesGiveTheSingleHostCuts() {
    let table = FeatureTable(features: Self.rows.features)
    let shards = (0..<3).map { FeatureTable(features: Self.rows.rows((200 * $0)..<(200 * $0 + 200)).features) }
    var merged = [ValueWeights](repeating: ValueWeights(), count: 5)
    for shard in shards { for (f, s) in ValueWeights.of(shard).enumerated() { merged[f] = merged[f].merged(with: s) } }
    let shared = HistogramCuts.build(merged, maxBin: 32)
    let single = HistogramCuts.build(table, maxBin: 32)
    #expect(shared.values == single.values && shared.pointers == single.pointers && shared.minimums == single.minimums)
    #expect(shared.values.count > 5 * 20)  // real quantile cuts, not a degenerate handful
  }

  /// Sharded over 3 hosts, the trees are the single-host trees. Histogram sums differ only in
  /// order (each host's rows, then across hosts), a few ulps of a double; the trees store leaf
  /// values, conditions, gains and covers as 32-bit floats, which absorb them: measured bit-equal
  /// here (600 rows) and with 60,000 rows on 3 hosts, so the test asks for equality.
  @Test func shardedHostsGrowTheSingleHostTrees() throws {
    let many = try Self.fit(Channels.hosts(3, train: Self.rows, distribution: .shardedByS3Key))
    let one = try Self.fit([Channels(train: Self.rows)])
    #expect(many.trees.count == 8)
    #expect(many.trees == one.trees)
  }

  /// Replicated over 2 hosts every row counts twice: the gradient and hessian sums double, so the
  /// leaf values −G/(H + λ) move towards the unregularised −G/H (λ = 1 weighs half as much).
  @Test func replicatedHostsCountEveryRowTwice() throws {
    let two = try Self.fit(Channels.hosts(2, train: Self.rows, distribution: .fullyReplicated), ["num_round": "1", "max_depth": "1"])
    let one = try Self.fit([Channels(train: Self.rows)], ["num_round": "1", "max_depth": "1"])
    #expect(two.trees[0].sumHessian[0] == 2 * one.trees[0].sumHessian[0])
    #expect(two.trees[0].splitIndices == one.trees[0].splitIndices)
  }

  @Test func exactTreeMethodIsRefusedOnSeveralHosts() {
    #expect(throws: TrainingError.self) {
      try Self.fit(Channels.hosts(2, train: Self.rows, distribution: .shardedByS3Key), ["tree_method": "exact"])
    }
  }
}

/// `AlgorithmRegistry` routes several hosts to each algorithm's `DistributedTraining` overload
/// (the plain `Algorithm` one refuses more than one host).
@Suite struct RegistryHostsTests {
  static let cases: [(String, [String: String])] = [
    ("pca", ["feature_dim": "4", "mini_batch_size": "50", "num_components": "2"]),
    ("kmeans", ["feature_dim": "4", "k": "3", "mini_batch_size": "50"]),
    ("linear-learner", ["feature_dim": "4", "predictor_type": "regressor", "mini_batch_size": "20"]),
    ("xgboost", ["num_round": "3"]),
    ("factorization-machines", ["feature_dim": "4", "num_factors": "2", "predictor_type": "regressor"]),
  ]

  @Test(arguments: cases.map(\.0)) func everyAlgorithmTrainsOnTwoHosts(name: String) throws {
    let entry = try AlgorithmRegistry.entry(named: name)
    let hp = Self.cases.first { $0.0 == name }!.1
    var log = TrainingLog.silent
    let hosts = Channels.hosts(2, train: linearRows(200, 4), distribution: .shardedByS3Key)
    let json = try entry.train(hyperparameters: hp, hosts: hosts, seed: 1, log: &log)
    #expect(AlgorithmEntry.featureDim(of: json) == 4)
    #expect(log.messages.contains { $0.contains("host=algo-2") || $0.contains("Host algo-2") })
  }
}
