import Foundation
import SageCore
import SageIO

/// k-means on several hosts. SageMaker's workers keep the streaming centers in a shared
/// parameter server (MXNet's kvstore) and update them in synchronous steps; here every step each
/// host assigns its own mini-batch to the shared centers and reports its per-center weights and
/// weighted row sums, the reports are added in host order, and the centers move once by the joint
/// batch — exactly the single-host update on the hosts' batches laid end to end. Seeds come from the
/// first rows of every host. After the last epoch algo-1 shrinks the K centers to k (local Lloyd's).
///
/// So a sharded job over h hosts makes the moves of a single-host job whose mini-batch is h times
/// larger, over the hosts' batches interleaved; a replicated job sees every row h times per epoch.
extension KMeans: DistributedTraining {
  public static func train(
    _ hp: KMeansHyperparameters, onHosts hosts: [Channels], seed: UInt64, log: inout TrainingLog
  ) throws -> KMeansModel {
    let k = hp.k!
    var rng = SeededRandom(seed: seed)
    let started = ContinuousClock.now
    let stream = try streamingPasses(hp, onHosts: hosts, rng: &rng, log: &log)
    let seconds = (ContinuousClock.now - started).seconds
    log.info("#throughput_metric: host=algo-1, train throughput=\(Int(Double(stream.rowsPerEpoch * hp.epochs) / max(seconds, 1e-9))) records/second (all \(hosts.count) hosts)")

    let (centers, reduction) = shrink(stream.state, hp, rng: &rng, log: &log)
    let model = KMeansModel(featureDim: hp.featureDim!, centers: (0..<k).map { centers.row($0) })
    let train: ClusterTally
    if hosts.allSatisfy({ canReadAgain($0.train, pass: hp.epochs) }) {
      train = try tally(hosts.map(\.train), model, hp, log: &log)
    } else {
      log.info("The train stream cannot be read again: train metrics and cluster sizes are the reduction's weighted figures.")
      train = reduction
    }
    reportMetrics(train, channel: "train", hp, log: &log)
    reportClusters(train, model, log: &log)
    let tests = hosts.compactMap(\.test)
    if tests.isEmpty {
      log.info("Test data is not provided.")
    } else {
      reportMetrics(try tally(tests, model, hp, log: &log), channel: "test", hp, log: &log)
    }
    return model
  }

  /// Every host's pass over its channel with the final centers, the tallies added in host order.
  static func tally(
    _ channels: [DataChannel], _ model: KMeansModel, _ hp: KMeansHyperparameters, log: inout TrainingLog
  ) throws -> ClusterTally {
    let parts = try HostWorkers.run(channels.count, log: &log) { h, _ in try tally(channels[h], model, hp) }
    var total = ClusterTally(k: model.k)
    for part in parts {
      for c in 0..<model.k {
        total.rows[c] += part.rows[c]
        total.ssd[c] += part.ssd[c]
      }
    }
    return total
  }

  /// `epochs` synchronous passes; each host logs its own progressive train msd per epoch.
  static func streamingPasses(
    _ hp: KMeansHyperparameters, onHosts hosts: [Channels], rng: inout SeededRandom, log: inout TrainingLog
  ) throws -> (state: WebScaleKMeans, rowsPerEpoch: Int) {
    let shared = SharedStream(hosts: hosts.count, rng: rng)
    var rowsPerEpoch = 0
    log.info("Per-epoch train msd is progressive: each row's squared distance to the streaming centers just before they absorb it. \(hosts.count) hosts update the centers in synchronous steps.")
    for epoch in 0..<hp.epochs {
      shared.startEpoch()
      let steps = SyncSteps<StreamContribution>(hosts: hosts.count) { parts in
        try shared.combine(parts, hp)
      }
      _ = try HostWorkers.run(hosts.count, log: &log) { h, _ in
        try steps.participate(h) {
          try forEachBatch(hosts[h].train, hp) { x in
            // Between steps only this host's thread reads the centers; the combine writes them
            // while every working host waits in `contribute`.
            let part: StreamContribution =
              if let state = shared.state { .statistics(state.batchStatistics(x)) } else { .rows(x.dense()) }
            try steps.contribute(h, part)
          }
        }
      }
      if shared.state == nil { try shared.seedFromEverything(hp) }
      for line in shared.log { if shared.warnings.contains(line) { log.warning(line) } else { log.info(line) } }
      shared.log.removeAll()
      if epoch == 0 { rowsPerEpoch = shared.rows.reduce(0, +) }
      for h in hosts.indices {
        log.info("#quality_metric: host=algo-\(h + 1), epoch=\(epoch), train msd <loss>=\(shared.ssd[h] / Double(max(shared.rows[h], 1)))")
      }
      let msd = shared.ssd.reduce(0, +) / Double(max(shared.rows.reduce(0, +), 1))
      log.record(step: epoch, name: "train:msd", value: msd)
      log.info("#progress_metric: host=algo-1, completed \(100 * (epoch + 1) / hp.epochs) % of epochs")
    }
    rng = shared.rng
    return (shared.state!, rowsPerEpoch)
  }
}

/// What a host sends in one step: its raw rows while the centers are not yet seeded, then its
/// batch's statistics against the shared centers.
enum StreamContribution {
  case rows(Matrix)
  case statistics(BatchStatistics)
}

/// The parameter server's side of the streaming pass: the shared centers, the rows held back
/// until there are enough to seed them, and each host's progressive squared distances. Written
/// only by `combine` (serialised by `SyncSteps`), or between epochs.
final class SharedStream: @unchecked Sendable {
  var state: WebScaleKMeans?
  var rng: SeededRandom
  /// Steps held back for seeding: each step's rows, host by host (nil: the host had none).
  private var held: [[Matrix?]] = []
  private(set) var ssd: [Double]
  private(set) var rows: [Int]
  var log: [String] = []
  var warnings: [String] = []

  init(hosts: Int, rng: SeededRandom) {
    self.rng = rng
    ssd = Array(repeating: 0, count: hosts)
    rows = Array(repeating: 0, count: hosts)
  }

  func startEpoch() {
    for h in ssd.indices { ssd[h] = 0; rows[h] = 0 }
  }

  func combine(_ parts: [StreamContribution?], _ hp: KMeansHyperparameters) throws {
    guard state != nil else {
      held.append(parts.map { if case .rows(let x) = $0 { x } else { nil } })
      let count = held.joined().reduce(0) { $0 + ($1?.rows ?? 0) }
      if count >= hp.k! * hp.requestedFactor { try seed(count: hp.k! * hp.requestedFactor, hp) }
      return
    }
    var statistics: [BatchStatistics] = []
    for (h, part) in parts.enumerated() {
      guard case .statistics(let s) = part else { continue }
      statistics.append(s)
      ssd[h] += s.assignment.sum
      rows[h] += s.rows
    }
    state!.apply(.joint(statistics, decay: state!.decay))
  }

  /// After the first pass held fewer than K rows in all: seeds from all of them (at least k).
  func seedFromEverything(_ hp: KMeansHyperparameters) throws {
    let count = held.joined().reduce(0) { $0 + ($1?.rows ?? 0) }
    guard count >= hp.k! else {
      throw TrainingError("k = \(hp.k!) is larger than the number of training rows (\(count)): there cannot be more clusters than points")
    }
    try seed(count: count, hp)
  }

  /// Seeds from the held rows (steps in order, hosts in order within a step), then absorbs each
  /// held step as one joint batch, as later steps are.
  private func seed(count: Int, _ hp: KMeansHyperparameters) throws {
    var pending = Matrix(rows: 0, columns: hp.featureDim!)
    for x in held.joined().compactMap({ $0 }) { pending.appendRows(of: x) }
    var lines = TrainingLog(sink: { _ in })
    state = try KMeans.seed(pending, count: count, hp, rng: &rng, log: &lines)
    log += lines.messages
    warnings += lines.warnings
    for step in held {
      var statistics: [BatchStatistics] = []
      for (h, x) in step.enumerated() {
        guard let x else { continue }
        let s = state!.batchStatistics(.dense(x))
        statistics.append(s)
        ssd[h] += s.assignment.sum
        rows[h] += s.rows
      }
      state!.apply(.joint(statistics, decay: state!.decay))
    }
    held = []
  }
}
