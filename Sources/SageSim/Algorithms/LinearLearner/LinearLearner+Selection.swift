import Foundation
import SageCore
import SageIO

/// After training: calibrate, choose the best parallel model, and report the final metrics.
extension TrainingJob {
  /// Scores of every model on the calibration rows: the first `num_calibration_samples` rows of
  /// the validation channel, else of the training channel.
  func calibrationScores(_ bank: ModelBank) throws -> (z: Matrix, labels: [Double]) {
    let channel = channels.validation ?? channels.train
    let limit = settings.calibrationRows
    var z = Matrix(rows: 0, columns: bank.columns)
    var labels: [Double] = []
    try forEachLabelledBatch(channel, settings, width: width, maxRows: min(hp.miniBatchSize, limit), stopAfter: limit) { x, y, _ in
      let take = min(x.rows, limit - labels.count)
      z.appendRows(of: bank.scores(take == x.rows ? x : x.rows(0..<take)))
      labels.append(contentsOf: y.prefix(take))
      return labels.count < limit
    }
    return (z, labels)
  }

  /// The best alive model: lowest calibration loss, or for a binary classifier with a threshold
  /// criterion, the best criterion value at each model's own calibrated threshold (first on ties).
  func select(_ bank: ModelBank, log: inout TrainingLog) throws -> LinearLearnerModel {
    let (z, labels) = try calibrationScores(bank)
    var losses = z
    let sums = bank.lossAndGradient(&losses, labels, divisor: 1)
    let alive = (0..<bank.m).filter { bank.alive[$0] }
    var chosen = alive.min { sums[$0] < sums[$1] || (sums[$0] == sums[$1] && $0 < $1) } ?? 0
    var threshold: Double?
    if settings.type == .binaryClassifier {
      let hinge = settings.lossName == "hinge_loss"
      threshold = hinge ? 0 : 0.5
      if let criterion = ThresholdSelection.criterion(hp), !labels.isEmpty {
        var bestValue = -Double.infinity
        for i in alive {
          let scores = (0..<z.rows).map { hinge ? z[$0, i] : sigmoid(z[$0, i]) }
          let choice = ThresholdSelection.choose(criterion, scores: scores, labels: labels)
          if choice.value > bestValue { bestValue = choice.value; chosen = i; threshold = choice.threshold }
        }
        log.info("Threshold calibrated on \(labels.count) \(channels.validation == nil ? "training" : "validation") rows by \(hp.selectionCriterion.rawValue): \(threshold ?? 0.5) (criterion value \(fixed(bestValue)))")
      }
    }
    let (weights, bias) = bank.exported(model: chosen)
    let v = bank.variants[chosen]
    log.info("Best model found for hyperparameters: {\"model\": \(chosen), \"optimizer\": \"\(settings.optimizer.rawValue)\", \"learning_rate\": \(v.learningRate), \"wd\": \(v.wd), \"l1\": \(v.l1), \"lr_scheduler_step\": \(v.lrSchedulerStep), \"lr_scheduler_factor\": \(v.lrSchedulerFactor), \"lr_scheduler_minimum_lr\": \(v.lrSchedulerMinimumLr)}")
    return LinearLearnerModel(
      featureDim: bank.d, predictorType: settings.type, loss: settings.lossName, weights: weights, bias: bias,
      threshold: threshold, chosenModel: chosen, chosenSettings: v)
  }

  /// The final model's metrics on a channel, logged as SageMaker logs them and recorded under
  /// their tuning names (`test:objective_loss`, `validation:binary_f_beta`, …).
  func report(_ model: LinearLearnerModel, scaler: Scaler, on channel: DataChannel, log: inout TrainingLog) throws {
    var z = Matrix(rows: 0, columns: model.outputs)
    var labels: [Double] = []
    try forEachLabelledBatch(channel, settings, width: width, maxRows: hp.miniBatchSize) { x, y, _ in
      z.appendRows(of: model.margins(x))
      labels.append(contentsOf: y)
      return true
    }
    let objective = meanObjective(z, labels, scaler: scaler)
    let name = channel.name.rawValue
    for metric in LinearLearnerMetrics.compute(margins: z, labels: labels, model: model, objective: objective, settings: settings, hp: hp) {
      log.info("#\(name)_score (algo-1) : ('\(metric.logName)', \(metric.value))")
      log.qualityMetric(channel: name, name: metric.logName, value: metric.value, isLoss: metric.isLoss, metricName: metric.metricName)
    }
  }

  /// Mean loss of raw margins z against labels, in training units (ỹ = (y − μ_y)/σ_y).
  func meanObjective(_ z: Matrix, _ y: [Double], scaler: Scaler) -> Double {
    guard !y.isEmpty else { return 0 }
    var total = 0.0
    let k = z.columns
    var gradient = [Double](repeating: 0, count: k)
    z.withUnsafeBufferPointer { p in
      for i in y.indices {
        if let loss = settings.loss {
          let zs = (p[i * k] - scaler.labelMean) / scaler.labelScale
          total += loss.value(zs, (y[i] - scaler.labelMean) / scaler.labelScale)
        } else {
          total += gradient.withUnsafeMutableBufferPointer {
            SoftmaxLoss.lossAndGradient(p.baseAddress! + i * k, count: k, label: Int(y[i]), gradient: $0.baseAddress!)
          }
        }
      }
    }
    return total / Double(y.count)
  }
}
