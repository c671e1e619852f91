import Foundation
import SageCore
import SageIO

/// Linear learner on several hosts, data-parallel as SageMaker's runs on MXNet's `dist_sync`
/// kvstore: every step each host computes the gradient of its own mini-batch at the shared weights
/// and pushes it; the pushes are added in host order and the optimizer makes one update with their
/// mean over all the rows of the step. Gradients, not weights, are averaged: with Adam or momentum
/// the optimizer's state then stays the single-host one of a joint batch (averaging weights after
/// local steps would need every host to keep its own moments, which a synchronous kvstore does not).
///
/// So one step on h hosts is one step on their h mini-batches laid end to end. Sharded, each host
/// reads 1/h of the data: an epoch makes 1/h as many updates, each from h times as many rows.
/// Replicated, every host reads everything: each update averages h copies of the same batch, so
/// the model is the single-host one (up to rounding). algo-1 computes the scaler from its first rows
/// and shares it, and judges epochs, early stopping and the model choice on its validation channel.
extension LinearLearner: DistributedTraining {
  public static func train(
    _ hp: LinearLearnerHyperparameters, onHosts hosts: [Channels], seed: UInt64, log: inout TrainingLog
  ) throws -> LinearLearnerModel {
    try fit(hp, on: hosts[0], seed: seed, log: &log) { job, bank, epoch, log in
      try job.trainEpoch(&bank, onHosts: hosts, epoch: epoch, log: &log)
    }
  }
}

extension TrainingJob {
  /// One epoch of synchronous steps over every host's train channel (see `LinearLearner+Hosts`).
  /// Each host also logs the train objective of its own measured mini-batches, as SageMaker's do.
  func trainEpoch(_ bank: inout ModelBank, onHosts hosts: [Channels], epoch: Int, log: inout TrainingLog) throws
    -> EpochTally
  {
    let server = ParameterServer(bank: bank, log: TrainingLog(sink: log.sink))
    let steps = SyncSteps<BankGradient>(hosts: hosts.count) { parts in
      let present = parts.compactMap { $0 }
      var joint = present.dropFirst().reduce(into: present[0]) { $0.add($1) }
      joint.scale(by: Double(joint.rows))
      server.bank.apply(joint)
      let measured = server.step % Self.lossSampleStride == 0
      try checkDivergence(&server.bank, measured ? joint.lossSums : nil, epoch: epoch, batch: server.step, log: &server.log)
      if measured { server.tally.measured(joint.lossSums, rows: joint.rows) }
      server.tally.trained += joint.rows
      server.step += 1
    }
    _ = try HostWorkers.run(hosts.count, log: &log) { h, hostLog in
      var mine = EpochTally(m: bank.m)
      try steps.participate(h) {
        try forEachLabelledBatch(hosts[h].train, settings, width: width, maxRows: hp.miniBatchSize) { x, y, _ in
          // The weights change only in the combine, while every working host waits in `contribute`.
          let measure = server.step % Self.lossSampleStride == 0
          let part = server.bank.gradient(x, y, measure: measure, divisor: 1)
          if measure { mine.measured(part.lossSums, rows: x.rows) }
          try steps.contribute(h, part)
          return true
        }
      }
      let values = mine.sums.map { $0 / Double(max(mine.measuredRows, 1)) }
      hostLog.qualityMetric(channel: "train", name: objectiveName, value: bestAlive(values, server.bank), isLoss: true, epoch: epoch)
    }
    bank = server.bank
    log.append(linesOf: server.log)
    return server.tally
  }
}

/// The shared weights of a synchronous epoch, written only by the step combine.
private final class ParameterServer: @unchecked Sendable {
  var bank: ModelBank
  var log: TrainingLog
  var tally: EpochTally
  var step = 0

  init(bank: ModelBank, log: TrainingLog) {
    self.bank = bank
    self.log = log
    tally = EpochTally(m: bank.m)
  }
}
