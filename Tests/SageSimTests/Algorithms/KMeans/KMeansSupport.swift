import Foundation
import SageCore
import SageIO

@testable import SageSim

/// Trains k-means on `channels` with the given hyperparameters (strings, as SageMaker passes them).
func trainKMeans(
  _ hp: [String: String], _ channels: Channels, seed: UInt64 = 1, log: inout TrainingLog
) throws -> KMeansModel {
  try KMeans.train(KMeansHyperparameters.parse(hp), on: channels, seed: seed, log: &log)
}

func trainKMeans(_ hp: [String: String], _ channels: Channels, seed: UInt64 = 1) throws -> KMeansModel {
  var log = TrainingLog.silent
  return try trainKMeans(hp, channels, seed: seed, log: &log)
}

/// The final metric `name` (e.g. `test:msd`) of a log.
func metric(_ log: TrainingLog, _ name: String) -> Double? {
  log.metrics.first { $0.name == name }?.value
}

/// A bundled data set as a file channel, label column skipped.
func digitsChannel(_ file: String, _ name: ChannelName = .train) -> DataChannel {
  DataChannel(name, path: dataset(file), contentType: .csv(labelSize: 1))
}

/// A k-means fixture (`Tests/Fixtures/kmeans`), no label column.
func kmeansFixture(_ file: String, _ name: ChannelName = .train) -> DataChannel {
  let path = repositoryRoot.appendingPathComponent("Tests/Fixtures/kmeans").appendingPathComponent(file).path
  return DataChannel(name, path: path, contentType: .csv(labelSize: 0))
}
