import Foundation
import SageCore
import SageIO

/// Factorization machines on several hosts, data-parallel like SageMaker's (MXNet, `dist_sync`
/// kvstore): every step each host computes the gradient of its own mini-batch at the shared
/// parameters and pushes it (sparse: only the features its rows hold); the server adds the pushes
/// in host order and makes one lazy Adam update scaled by 1/(all the step's rows); each host then
/// pulls w₀ and the updated wᵢ, vᵢ. Gradients, not parameters, are averaged, so Adam's moments
/// live once, on the server, as with a kvstore-side optimizer.
///
/// One step on h hosts is one step on their mini-batches laid end to end: sharded, an epoch makes
/// 1/h as many updates from h-times larger batches; replicated, every update averages h copies of
/// the same batch, the single-host update.
extension FactorizationMachines: DistributedTraining {
  public static func train(
    _ hp: FactorizationMachinesHyperparameters, onHosts hosts: [Channels], seed: UInt64, log: inout TrainingLog
  ) throws -> FactorizationMachinesModel {
    let job = try FMJob(hp)
    var random = SeededRandom(seed: seed)
    let initial = job.initialModel(&random)
    let server = FMTrainer(initial: initial, loss: job.loss, optimizer: job.optimizer)
    let replicas = hosts.map { _ in FMTrainer(initial: initial, loss: job.loss, optimizer: job.optimizer) }
    let started = ContinuousClock.now
    var rowsSeen = 0
    for epoch in 0..<hp.epochs {
      var step = 0
      let steps = SyncSteps<FMGradient>(hosts: hosts.count) { parts in
        let present = parts.compactMap { $0 }
        server.apply(present)
        let loss = present.reduce(0) { $0 + $1.result.loss }, rows = present.reduce(0) { $0 + $1.result.rows }
        if !server.isFinite || !loss.isFinite {
          throw job.divergence(epoch: epoch, batch: step, loss: loss / Double(max(rows, 1)))
        }
        for replica in replicas { replica.pull(from: server) }
        server.clearSlots()
        step += 1
      }
      let totals = try HostWorkers.run(hosts.count, log: &log) { h, hostLog in
        var total = FMStepResult()
        try steps.participate(h) {
          try job.forEachBatch(hosts[h].train) { x, y in
            let part = replicas[h].gradient(x, y)
            total.add(part.result)
            try steps.contribute(h, part)
          }
        }
        job.logTrain(total, epoch: epoch, log: &hostLog)
        return total
      }
      rowsSeen += totals.reduce(0) { $0 + $1.rows }
      for (name, value) in Self.jointMetrics(totals, job) { log.record(step: epoch, name: name, value: value) }
      log.info("#progress_metric: host=algo-1, completed \(Int(100 * Double(epoch + 1) / Double(hp.epochs))) % of epochs")
    }
    return try finish(job, server, test: hosts[0].test, rowsSeen: rowsSeen, started: started, log: &log)
  }

  /// The epoch's train metrics over every host's rows, for the learning curve.
  static func jointMetrics(_ totals: [FMStepResult], _ job: FMJob) -> [(String, Double)] {
    var all = FMStepResult()
    for t in totals { all.add(t) }
    let n = Double(max(all.rows, 1))
    switch job.type {
    case .regressor: return [("train:rmse", (all.squaredError / n).squareRoot())]
    case .binaryClassifier:
      return [("train:binary_classification_cross_entropy", all.loss / n), ("train:binary_classification_accuracy", Double(all.correct) / n)]
    }
  }
}
