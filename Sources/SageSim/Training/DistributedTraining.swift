import SageIO

/// SageMaker's `S3DistributionType` for a channel: whether every host reads every file, or each
/// host reads its own share of the files (whole files, assigned by key — never split rows).
public enum S3DistributionType: String, Sendable, CaseIterable {
  /// Every host gets a full copy of the channel's files.
  case fullyReplicated = "FullyReplicated"
  /// Host i of n gets the files whose position in key order is i, i + n, i + 2n, …
  case shardedByS3Key = "ShardedByS3Key"
}

/// An algorithm that trains on several simulated hosts (`algo-1`, `algo-2`, …) the way SageMaker's
/// version combines their work: k-means and PCA merge per-host statistics, linear learner and
/// factorization machines average per-host models, xgboost sums per-host histograms.
public protocol DistributedTraining: Algorithm {
  /// Trains with `hosts[i]` the channels host `algo-(i+1)` sees, the hosts running as concurrent
  /// workers in this process. One host must give the same model as `train(_:on:seed:log:)`.
  static func train(
    _ hyperparameters: Hyperparameters, onHosts hosts: [Channels], seed: UInt64, log: inout TrainingLog
  ) throws -> Model
}
