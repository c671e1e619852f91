import Foundation
import SageCore
import SageIO

/// SageMaker's `linear-learner:1`: linear and logistic regression (and softmax, hinge, robust and
/// quantile losses) trained by mini-batch SGD, Adam or RMSProp with L2 and proximal L1, many
/// settings trained side by side in one pass, the best chosen on validation data (spec §4).
public enum LinearLearner: Algorithm {
  public typealias Hyperparameters = LinearLearnerHyperparameters
  public typealias Model = LinearLearnerModel

  public static let name = "linear-learner"
  public static let summary =
    "Linear and logistic regression with L1/L2, several optimizers and parallel models."
  public static let channels: [ChannelName] = [.train, .validation, .test]
  public static let notes = [
    "Training: the train channel is read in file order, mini_batch_size rows per step (shuffle your data first, as SageMaker's guide asks). The first num_point_for_scaler rows give the normalisation statistics.",
    "Parallel models: all num_models models step together, one GEMM per mini-batch; the best on validation data (else on the training data), by loss or by binary_classifier_model_selection_criteria, is kept. Model 0 uses exactly the given settings; the others' sampling is sagesim's choice (see the README).",
    "L1 is applied by soft thresholding after each step, so weights reach exactly 0.",
    "Metrics: objective_loss is the mean loss in training units (the label standardised for a regressor); mse, rmse and absolute_loss are in the label's units.",
    "Responses: regressor {\"score\": s}; binary {\"score\": s, \"predicted_label\": 0|1} (s = P(1) for logistic, the margin for hinge_loss); multiclass {\"score\": [p0, …], \"predicted_label\": c}.",
  ]

  public static func train(
    _ hp: LinearLearnerHyperparameters, on channels: Channels, seed: UInt64, log: inout TrainingLog
  ) throws -> LinearLearnerModel {
    try fit(hp, on: channels, seed: seed, log: &log, trainEpoch: nil)
  }

  /// Training with `channels` giving the scaler sample, validation and test; `trainEpoch` runs the
  /// epochs' steps when they are not this channel's own (several hosts).
  static func fit(
    _ hp: LinearLearnerHyperparameters, on channels: Channels, seed: UInt64, log: inout TrainingLog,
    trainEpoch: ((TrainingJob, inout ModelBank, Int, inout TrainingLog) throws -> EpochTally)?
  ) throws -> LinearLearnerModel {
    let s = LinearLearnerSettings(hp)
    let sample = try ScalerSample.read(channels.train, hp, s)
    logScaler(sample, s, log: &log)
    var random = SeededRandom(seed: seed)
    let variants = LinearLearnerSettings.variants(
      hp, optimizer: s.optimizer, count: s.numModels, balancedWeight: sample.balancedPositiveWeight, random: &random)
    let classWeights = s.type == .multiclassClassifier && hp.balanceMulticlassWeights ? sample.balancedClassWeights : []
    var bank = ModelBank(d: sample.featureDim, settings: s, hp: hp, scaler: sample.scaler, variants: variants,
                         classWeights: classWeights, random: &random)
    let given: Int? = if case .value(let d) = hp.featureDim { d } else { nil }
    let width = (value: sample.featureDim, source: given == nil ? "the width of the training data" : "feature_dim")
    let job = TrainingJob(hp: hp, settings: s, channels: channels, width: width)
    let bestEpochs = try job.runEpochs(&bank, log: &log, trainEpoch: trainEpoch.map { f in { try f(job, &$0, $1, &$2) } })
    let model = try job.select(bank, log: &log)
    // Learning curves mark the epoch whose weights the kept model carries (nil: the last epoch).
    log.keptStep = bestEpochs[model.chosenModel]
    for channel in [channels.validation, channels.test].compactMap({ $0 }) {
      try job.report(model, scaler: sample.scaler, on: channel, log: &log)
    }
    if channels.test == nil { log.info("Test data is not provided.") }
    return model
  }

  static func logScaler(_ sample: ScalerSample, _ s: LinearLearnerSettings, log: inout TrainingLog) {
    let sc = sample.scaler
    func short(_ v: [Double]) -> String {
      "[" + v.prefix(5).map { fixed($0) }.joined(separator: ", ") + (v.count > 5 ? ", …" : "") + "]"
    }
    let labelPart = s.type == .regressor ? "'stdev_label': \(fixed(sc.labelScale)), 'mean_label': \(fixed(sc.labelMean))" : "'stdev_label': None, 'mean_label': None"
    log.info("Scaling model computed with parameters: {'stdev_weight': \(short(sc.featureScale)), \(labelPart), 'mean_weight': \(short(sc.featureMean))} from \(sample.rows) rows")
  }
}

/// One training run's fixed context: hyperparameters, resolved settings and channels.
struct TrainingJob {
  let hp: LinearLearnerHyperparameters
  let settings: LinearLearnerSettings
  let channels: Channels
  let width: (value: Int, source: String)

  var objectiveName: String { LinearLearnerMetrics.objectiveName(settings) }

  /// The per-epoch train objective is the mean loss over mini-batches 0, 4, 8, … of the epoch (a
  /// sample, as SageMaker's own per-epoch criteria are): computing ℓ costs a logarithm per row and
  /// model for logistic loss, which the gradient does not need.
  static let lossSampleStride = 4

  /// Each model's mean loss over a channel (training units), without updating anything.
  func meanLoss(_ bank: ModelBank, on channel: DataChannel) throws -> [Double] {
    var sums = [Double](repeating: 0, count: bank.m), rows = 0
    try forEachLabelledBatch(channel, settings, width: width, maxRows: hp.miniBatchSize) { x, y, _ in
      var z = bank.scores(x)
      let part = bank.lossAndGradient(&z, y, divisor: 1)
      for i in 0..<bank.m { sums[i] += part[i] }
      rows += x.rows
      return true
    }
    return sums.map { $0 / Double(max(rows, 1)) }
  }

  /// The epochs: a step per mini-batch for every model at once, divergence checks, the validation
  /// loss after each epoch, each model's best epoch kept, and early stopping. Returns the epoch
  /// each model's kept weights come from (nil without validation data: the last epoch's).
  @discardableResult
  func runEpochs(
    _ bank: inout ModelBank, log: inout TrainingLog,
    trainEpoch: ((inout ModelBank, Int, inout TrainingLog) throws -> EpochTally)? = nil
  ) throws -> [Int?] {
    var best: ModelBank?
    var bestLoss = [Double](repeating: .infinity, count: bank.m)
    var bestEpoch = [Int?](repeating: nil, count: bank.m)
    var stale = 0
    let started = ContinuousClock.now
    var rowsSeen = 0
    for epoch in 0..<hp.epochs {
      let tally: EpochTally
      if let trainEpoch {
        tally = try trainEpoch(&bank, epoch, &log)
      } else {
        tally = try self.trainEpoch(&bank, epoch: epoch, log: &log)
      }
      let (sums, rows, trained) = (tally.sums, tally.measuredRows, tally.trained)
      rowsSeen += trained
      let trainLoss = sums.map { $0 / Double(max(rows, 1)) }
      log.qualityMetric(channel: "train", name: objectiveName, value: bestAlive(trainLoss, bank), isLoss: true, epoch: epoch)
      log.info("#progress_metric: host=algo-1, completed \(Int(100 * Double(epoch + 1) / Double(hp.epochs))) % of epochs")
      guard let validation = channels.validation else { continue }
      let loss = try meanLoss(bank, on: validation)
      log.qualityMetric(channel: "validation", name: objectiveName, value: bestAlive(loss, bank), isLoss: true, epoch: epoch)
      if log.stopRequested { break }  // automatic model tuning stopped this trial
      var improved = 0
      for i in 0..<bank.m where bank.alive[i] && loss[i].isFinite {
        let gain = bestLoss[i].isFinite ? (bestLoss[i] - loss[i]) / max(abs(bestLoss[i]), 1e-300) : .infinity
        if loss[i] < bestLoss[i] {
          bestLoss[i] = loss[i]
          bestEpoch[i] = epoch
          if var snapshot = best { snapshot.copyModel(i, from: bank); best = snapshot } else { best = bank }
        }
        if gain > hp.earlyStoppingTolerance { improved += 1 }
      }
      if improved > 0 {
        stale = 0
        let which = bank.m == 1 ? "" : " for \(improved) of \(bank.m) models"
        log.info("Epoch \(epoch): Loss improved\(which). Updating best model")
      } else {
        stale += 1
        if stale >= hp.earlyStoppingPatience {
          log.info("Early stopping at epoch \(epoch): the validation \(objectiveName) has not improved by more than early_stopping_tolerance = \(hp.earlyStoppingTolerance) (relative) for \(stale) epochs")
          break
        }
      }
    }
    if let best {
      for i in 0..<bank.m where bestLoss[i].isFinite { bank.copyModel(i, from: best) }
    }
    let seconds = (ContinuousClock.now - started).seconds
    log.info("#throughput_metric: host=algo-1, train throughput=\(fixed(Double(rowsSeen) / max(seconds, 1e-9))) records/second")
    return bestEpoch
  }

  /// One epoch on this job's train channel: a step per mini-batch for every model at once.
  func trainEpoch(_ bank: inout ModelBank, epoch: Int, log: inout TrainingLog) throws -> EpochTally {
    var tally = EpochTally(m: bank.m)
    var batchIndex = 0
    try forEachLabelledBatch(channels.train, settings, width: width, maxRows: hp.miniBatchSize) { x, y, _ in
      // The train objective is measured on every `lossSampleStride`-th mini-batch (from the first).
      let measure = batchIndex % Self.lossSampleStride == 0
      let losses = bank.step(x, y, measure: measure)
      try checkDivergence(&bank, measure ? losses : nil, epoch: epoch, batch: batchIndex, log: &log)
      if measure { tally.measured(losses, rows: x.rows) }
      tally.trained += x.rows
      batchIndex += 1
      return true
    }
    return tally
  }

  /// The lowest value among the models still alive (the figure logged per epoch).
  func bestAlive(_ values: [Double], _ bank: ModelBank) -> Double {
    (0..<bank.m).filter { bank.alive[$0] }.map { values[$0] }.min() ?? .nan
  }

  /// Retires models whose loss or weights stopped being finite; when none is left, stops with an
  /// error (a NaN model is never written).
  /// `losses` is nil on mini-batches whose loss was not measured: then only the weights are checked.
  func checkDivergence(_ bank: inout ModelBank, _ losses: [Double]?, epoch: Int, batch: Int, log: inout TrainingLog) throws {
    for i in 0..<bank.m where bank.alive[i] && (!(losses?[i].isFinite ?? true) || !bank.isFinite(model: i)) {
      bank.alive[i] = false
      let v = bank.variants[i]
      let badLoss = losses.flatMap { $0[i].isFinite ? nil : $0[i] }
      let what = badLoss.map { "training loss became \($0)" } ?? "weights overflowed"
      let detail = "model \(i)'s \(what) (optimizer \(settings.optimizer.rawValue), learning_rate \(v.learningRate))"
      let place = "at epoch \(epoch), mini-batch \(batch)"
      if bank.alive.contains(true) {
        log.warning("Model \(i) diverged \(place): \(detail); it is dropped from the parallel models")
      } else {
        throw TrainingError("linear-learner diverged \(place): \(detail). No model was written: lower learning_rate (or keep normalize_data on).")
      }
    }
  }
}

/// What an epoch of steps reports: each model's loss sum over the measured mini-batches, the rows
/// those had, and all rows trained on.
struct EpochTally {
  var sums: [Double]
  var measuredRows = 0
  var trained = 0

  init(m: Int) { sums = Array(repeating: 0, count: m) }

  mutating func measured(_ losses: [Double], rows: Int) {
    for i in sums.indices { sums[i] += losses[i] }
    measuredRows += rows
  }
}
