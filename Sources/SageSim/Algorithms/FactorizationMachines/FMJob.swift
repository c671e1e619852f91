import Foundation
import SageCore
import SageIO

/// One training run's resolved settings: the checked hyperparameters, the loss, the optimizer,
/// and how batches are read, checked and reported.
struct FMJob {
  let hp: FactorizationMachinesHyperparameters
  let d: Int
  let k: Int
  let type: FactorizationMachinesHyperparameters.PredictorType
  let loss: ScalarLoss
  let optimizer: FMOptimizerSettings

  /// Unwraps the required knobs (`parse` has refused their absence already).
  init(_ hp: FactorizationMachinesHyperparameters) throws {
    guard let d = hp.featureDim, let k = hp.numFactors, let type = hp.predictorType else {
      throw TrainingError("factorization-machines needs feature_dim, num_factors and predictor_type")
    }
    self.hp = hp
    self.d = d
    self.k = k
    self.type = type
    loss = type == .regressor ? .squared : .logistic
    optimizer = FMOptimizerSettings(
      rate: (hp.bias.lr, hp.linear.lr, hp.factors.lr), decay: (hp.bias.wd, hp.linear.wd, hp.factors.wd),
      clip: hp.clipGradient ?? -1, eps: hp.eps ?? 1e-8, rescale: hp.rescaleGrad)
  }

  /// w₀, then w₁ … w_d, then v row by row, each drawn by its term's method from one generator.
  func initialModel(_ random: inout SeededRandom) -> FactorizationMachinesModel {
    func draw(_ term: FactorizationMachinesHyperparameters.Term, _ n: Int) -> [Double] {
      switch term.initMethod {
      case .normal: return (0..<n).map { _ in term.initSigma * random.normal() }
      case .uniform: let a = term.initScale ?? 0; return (0..<n).map { _ in random.uniform(-a, a) }
      case .constant: return [Double](repeating: term.initValue ?? 0, count: n)
      }
    }
    let w0 = draw(hp.bias, 1)[0], w = draw(hp.linear, d), v = draw(hp.factors, d * k)
    return FactorizationMachinesModel(featureDim: d, numFactors: k, predictorType: type, w0: w0, w: w, v: v)
  }

  /// Calls `body` with each batch of `channel` as CSR rows and labels, after checking the width
  /// against feature_dim and the labels against the predictor type.
  func forEachBatch(_ channel: DataChannel, _ body: (SparseMatrix, [Double]) throws -> Void) throws {
    guard channel.hasLabel else {
      throw TrainingError("the \(channel.name.rawValue) channel \(channel.displayName) has no label column; factorization-machines is supervised: give libsvm, RecordIO with labels, or text/csv with the label first")
    }
    try channel.forEachBatch(maxRows: hp.miniBatchSize, options: ReadOptions(featureDim: d)) { batch in
      guard batch.rows > 0 else { return }
      if batch.features.columns != d {
        throw DataError(file: batch.file, line: batch.lines.first, problem: "has \(batch.features.columns) features per row; expected feature_dim = \(d)")
      }
      for (i, y) in batch.labels.enumerated() {
        if type == .binaryClassifier && y != 0 && y != 1 {
          throw batch.labelError(row: i, expected: "0 or 1 for a binary_classifier")
        }
        if !y.isFinite { throw batch.labelError(row: i, expected: "a finite number for a regressor") }
      }
      let x = batch.features.compressedRows()
      if let bad = x.columnIndices.firstIndex(where: { Int($0) >= d }) {
        let row = x.rowStart.lastIndex(where: { $0 <= bad }) ?? 0
        throw DataError(file: batch.file, line: batch.lines[min(row, batch.rows - 1)], problem: "has feature index \(x.columnIndices[bad]); expected indices below feature_dim = \(d)")
      }
      try body(x, batch.labels)
    }
  }

  /// The sums a mini-batch reports, from margins `z` already computed.
  func measure(_ z: [Double], _ y: [Double]) -> FMStepResult {
    var out = FMStepResult()
    for (zi, yi) in zip(z, y) {
      out.loss += loss.value(zi, yi)
      out.squaredError += (zi - yi) * (zi - yi)
      if (zi >= 0 ? 1.0 : 0.0) == yi { out.correct += 1 }
    }
    out.rows = z.count
    return out
  }

  func logTrain(_ t: FMStepResult, epoch: Int, log: inout TrainingLog) {
    let n = Double(max(t.rows, 1))
    switch type {
    case .regressor:
      log.qualityMetric(channel: "train", name: "rmse", value: (t.squaredError / n).squareRoot(), isLoss: true, epoch: epoch)
    case .binaryClassifier:
      log.qualityMetric(channel: "train", name: "binary_classification_cross_entropy", value: t.loss / n, isLoss: true, epoch: epoch)
      log.qualityMetric(channel: "train", name: "binary_classification_accuracy", value: Double(t.correct) / n, isLoss: false, epoch: epoch)
    }
  }

  func logTest(_ t: FMStepResult, f1: Double, log: inout TrainingLog) {
    let n = Double(max(t.rows, 1))
    switch type {
    case .regressor:
      let rmse = (t.squaredError / n).squareRoot()
      log.info("#test_score (algo-1) : ('rmse', \(rmse))")
      log.qualityMetric(channel: "test", name: "rmse", value: rmse, isLoss: true)
    case .binaryClassifier:
      let accuracy = Double(t.correct) / n, entropy = t.loss / n
      log.info("#test_score (algo-1) : ('binary_classification_accuracy', \(accuracy))")
      log.info("#test_score (algo-1) : ('binary_classification_cross_entropy', \(entropy))")
      log.info("#test_score (algo-1) : ('binary_f_1.000', \(f1))")
      log.qualityMetric(channel: "test", name: "binary_classification_accuracy", value: accuracy, isLoss: false)
      log.qualityMetric(channel: "test", name: "binary_classification_cross_entropy", value: entropy, isLoss: true)
      log.qualityMetric(channel: "test", name: "binary_f_beta", value: f1, isLoss: false)
    }
  }

  /// F1 of predicted_label (σ(ŷ) ≥ 0.5, i.e. ŷ ≥ 0) against the labels; 0 when nothing is positive.
  static func f1(_ pairs: [(margin: Double, label: Double)]) -> Double {
    var tp = 0.0, fp = 0.0, fn = 0.0
    for (z, y) in pairs {
      let predicted = z >= 0
      if predicted && y == 1 { tp += 1 } else if predicted { fp += 1 } else if y == 1 { fn += 1 }
    }
    return tp == 0 ? 0 : 2 * tp / (2 * tp + fp + fn)
  }

  func divergence(epoch: Int, batch: Int, loss: Double) -> TrainingError {
    TrainingError("factorization-machines diverged at epoch \(epoch), mini-batch \(batch): the parameters stopped being finite (mini-batch loss \(loss)) with bias_lr \(hp.bias.lr), linear_lr \(hp.linear.lr), factors_lr \(hp.factors.lr). No model was written: lower the learning rates (or set clip_gradient).")
  }
}
