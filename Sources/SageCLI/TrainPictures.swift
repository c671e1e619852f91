import Foundation
import SageIO
import SageSim

/// The pictures `train --plots/--report` draws: the learning curve, then the model on its
/// validation rows (else test, else train).
struct TrainPictures {
  let entry: AlgorithmEntry
  let model: Data
  let preprocessing: Preprocessing
  let channels: Channels
  let log: TrainingLog
  let charts: ChartOptions

  func draw() throws {
    var figures: [ModelPictures.Figure] = []
    let steps = entry.name == "xgboost" ? "round" : "epoch"
    if let curve = LabCharts.learningCurve(history: log.history, keptStep: log.keptStep, title: "\(entry.name): learning curve", steps: steps) {
      if !charts.noChart { print("\n" + curve.terminal(charts.style), terminator: "") }
      figures.append(.init(name: "learning-curve.svg", svg: curve.svg(), caption: "Train and validation metric per \(steps); the dashed line marks the \(steps) whose model was kept (early stopping)."))
    }
    if let importance = ModelPictures.featureImportance(entry, model: model) { figures.append(importance) }
    let channel = channels.validation ?? channels.test ?? channels.train
    // The pictures predict raw rows: preprocessing is applied again inside, so read the raw file.
    if let batch = try rawBatch(channel), !batch.labels.isEmpty {
      figures += try ModelPictures.figures(entry, model: model, preprocessing: preprocessing, batch: batch, channel: channel.name.rawValue)
    }
    if let directory = charts.plots {
      for f in figures { print("wrote \(try ChartOptions.write(f.svg, name: f.name, in: directory))") }
    }
    if let directory = charts.report {
      let html = TrainReport.html(entry: entry, model: model, preprocessing: preprocessing, metrics: log.metrics, figures: figures)
      print("wrote \(try ChartOptions.write(html, name: "report.html", in: directory))")
    }
  }

  /// The channel's rows as in its file (the pictures predict raw rows; preprocessing is applied
  /// inside). Nil in Pipe mode, where a channel cannot be read again.
  private func rawBatch(_ channel: DataChannel) throws -> DataBatch? {
    guard channel.inputMode == .file, case .memory(let batch) = try channel.inMemory().source else { return nil }
    return batch
  }
}
