import Foundation
import SageCore
import SageIO

/// SageMaker's `factorization-machines:1`: a second-order factorization machine (Rendle 2010)
/// trained by mini-batch Adam with a learning rate, weight decay and initialiser per term
/// (bias, linear, factors), for regression or binary classification on sparse data (spec §7).
public enum FactorizationMachines: Algorithm {
  public typealias Hyperparameters = FactorizationMachinesHyperparameters
  public typealias Model = FactorizationMachinesModel

  public static let name = "factorization-machines"
  public static let summary = "Second-order factorization machines for sparse click and rating data."
  public static let channels: [ChannelName] = [.train, .test]
  public static let notes = [
    "Model: ŷ = w₀ + Σ wᵢxᵢ + Σᵢ<ⱼ ⟨vᵢ,vⱼ⟩xᵢxⱼ, the pairwise sum computed as ½Σ_f[(Σᵢ v_{i,f}xᵢ)² − Σᵢ v_{i,f}²xᵢ²] in O(k·nnz) per row.",
    "Optimizer: Adam (β₁ 0.9, β₂ 0.999) with each term's own rate and weight decay, lazy on sparse rows (a feature absent from a mini-batch is not updated). SageMaker does not name its optimizer: Adam is sagesim's choice (see the README).",
    "Training reads the train channel in file order, mini_batch_size rows per step (shuffle your data first). SageMaker trains on RecordIO-protobuf only; sagesim also takes libsvm and CSV.",
    "Metrics: test rmse (regressor); test binary_classification_accuracy, binary_classification_cross_entropy and binary_f_beta (F1 at 0.5) (binary_classifier). Per epoch, the train metric is measured on each mini-batch before its step.",
    "Responses: regressor {\"score\": ŷ}; binary {\"score\": σ(ŷ), \"predicted_label\": 0|1}.",
  ]

  public static func train(
    _ hp: FactorizationMachinesHyperparameters, on channels: Channels, seed: UInt64, log: inout TrainingLog
  ) throws -> FactorizationMachinesModel {
    let job = try FMJob(hp)
    var random = SeededRandom(seed: seed)
    let trainer = FMTrainer(initial: job.initialModel(&random), loss: job.loss, optimizer: job.optimizer)
    let started = ContinuousClock.now
    var rowsSeen = 0
    for epoch in 0..<hp.epochs {
      var total = FMStepResult(), batchIndex = 0
      try job.forEachBatch(channels.train) { x, y in
        let part = trainer.step(x, y)
        if !trainer.isFinite || !part.loss.isFinite {
          throw job.divergence(epoch: epoch, batch: batchIndex, loss: part.loss / Double(max(part.rows, 1)))
        }
        total.add(part)
        batchIndex += 1
      }
      rowsSeen += total.rows
      job.logTrain(total, epoch: epoch, log: &log)
      log.info("#progress_metric: host=algo-1, completed \(Int(100 * Double(epoch + 1) / Double(hp.epochs))) % of epochs")
    }
    return try finish(job, trainer, test: channels.test, rowsSeen: rowsSeen, started: started, log: &log)
  }

  /// The throughput line, the model from the trainer's parameters, and the test metrics.
  static func finish(
    _ job: FMJob, _ trainer: FMTrainer, test: DataChannel?, rowsSeen: Int, started: ContinuousClock.Instant,
    log: inout TrainingLog
  ) throws -> FactorizationMachinesModel {
    let seconds = (ContinuousClock.now - started).seconds
    log.info("#throughput_metric: host=algo-1, train throughput=\(fixed(Double(rowsSeen) / max(seconds, 1e-9))) records/second")
    let model = FactorizationMachinesModel(
      featureDim: job.d, numFactors: job.k, predictorType: job.type, w0: trainer.w0, w: trainer.w, v: trainer.v)
    if let test {
      var total = FMStepResult(), scores: [(Double, Double)] = []
      try job.forEachBatch(test) { x, y in
        let z = model.margins(x)
        total.add(job.measure(z, y))
        if job.type == .binaryClassifier { for (zi, yi) in zip(z, y) { scores.append((zi, yi)) } }
      }
      job.logTest(total, f1: FMJob.f1(scores), log: &log)
    } else {
      log.info("Test data is not provided.")
    }
    return model
  }
}

extension FMStepResult {
  mutating func add(_ p: FMStepResult) {
    loss += p.loss
    squaredError += p.squaredError
    correct += p.correct
    rows += p.rows
  }
}
