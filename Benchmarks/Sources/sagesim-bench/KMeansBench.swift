import Foundation
import SageCore
import SageIO
import SageSim

/// `sagesim-bench kmeans FILE.f64 name=value...`: k-means on rows already in memory (feature_dim is
/// filled in), median-free single run; prints total seconds, CPU seconds, seconds per streaming
/// pass (from the log's throughput line) and the exact final train msd.
func benchKMeans(_ args: [String]) throws {
  let x = loadRaw(args[0])
  let batch = DataBatch(features: .dense(x), labels: [], lines: Array(1...x.rows), file: args[0])
  var hp: [String: String] = ["feature_dim": String(x.columns)]
  for pair in args.dropFirst() {
    let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
    hp[parts[0]] = parts[1]
  }
  let parsed = try KMeansHyperparameters.parse(hp)
  var log = TrainingLog.silent
  let channels = Channels(train: DataChannel(.train, batch: batch))
  let cpuStart = processCPUSeconds()
  let time = try seconds { _ = try KMeans.train(parsed, on: channels, seed: 0, log: &log) }
  let cpu = processCPUSeconds() - cpuStart
  let throughput = log.messages.first { $0.contains("train throughput=") }
    .flatMap { Double($0.split(separator: "=").last!.split(separator: " ").first!) } ?? 0
  let out: [String: Any] = [
    "seconds": time, "cpu_seconds": cpu, "seconds_per_pass": Double(x.rows) / max(throughput, 1),
    "msd": log.metrics.first { $0.name == "train:msd" }?.value ?? .nan,
  ]
  print(String(decoding: try JSONSerialization.data(withJSONObject: out), as: UTF8.self))
}
