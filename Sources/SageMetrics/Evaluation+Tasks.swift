/// The two files of one evaluation, turning their rows into each task's metrics.
struct FilePair {
  let predictions: TextFile
  let labels: TextFile

  typealias Label = Evaluation.Label

  func regression(_ rows: [PredictionRecord], _ labels: [Label]) throws -> EvaluationReport {
    let values = try rows.map { try scalar($0, task: .regression) }
    let m = try RegressionMetrics(predictions: values, labels: labels.map(\.value))
    return EvaluationReport(
      task: .regression, metrics: [("mse", m.mse), ("rmse", m.rmse), ("mae", m.mae), ("r2", m.r2)])
  }

  func binary(
    _ rows: [PredictionRecord], _ labels: [Label], threshold: Double, beta: Double
  ) throws -> EvaluationReport {
    let scores = try rows.map { try scalar($0, task: .binary) }
    let classes = try labels.map { label throws(EvaluationError) in
      guard label.value == 0 || label.value == 1 else {
        throw self.labels.error(
          line: label.line, value: label.text, "is not a binary label (expected 0 or 1)")
      }
      return Int(label.value)
    }
    let m = try BinaryMetrics(scores: scores, labels: classes, threshold: threshold, beta: beta)
    var report = EvaluationReport(
      task: .binary,
      metrics: [
        ("accuracy", m.accuracy), ("precision", m.precision), ("recall", m.recall), ("f1", m.f1),
        ("f_beta", m.fBeta),
      ],
      confusion: m.confusion)
    report.add(
      "auc", m.auc,
      else: "auc left out: every label is \(classes[0]), and ROC AUC needs both classes")
    report.add(
      "logloss", m.logloss,
      else: "logloss left out: some scores lie outside [0, 1], so they are not probabilities")
    return report
  }

  func multiclass(_ rows: [PredictionRecord], _ labels: [Label], topK: Int) throws
    -> EvaluationReport
  {
    let m: MulticlassMetrics
    if let first = rows.first, first.isList {
      let width = first.scores.count
      for row in rows where !row.isList || row.scores.count != width {
        throw predictions.error(
          line: row.line, value: row.scoreText ?? row.predictedLabel?.text,
          "has \(counted(row.scores.count, "value")), but the first prediction "
            + "(line \(first.line)) has \(width) (one probability per class)"
        )
      }
      let classes = try labels.map { label throws(EvaluationError) in
        try classIndex(
          label.value, label.text, label.line, in: self.labels, below: width,
          ", one per column of \(predictions.path)")
      }
      m = try MulticlassMetrics(probabilities: rows.map(\.scores), labels: classes, topK: topK)
    } else {
      let predicted = try rows.map(predictedClass)
      let classes = try labels.map { label throws(EvaluationError) in
        try classIndex(
          label.value, label.text, label.line, in: self.labels, below: ConfusionMatrix.maxClassCount
        )
      }
      m = try MulticlassMetrics(predictedLabels: predicted, labels: classes)
    }
    return Self.report(m, topK: topK)
  }

  private static func report(_ m: MulticlassMetrics, topK: Int) -> EvaluationReport {
    var report = EvaluationReport(
      task: .multiclass,
      metrics: [
        ("accuracy", m.accuracy), ("macro_precision", m.macroPrecision),
        ("macro_recall", m.macroRecall), ("macro_f1", m.macroF1),
      ],
      confusion: m.confusion)
    let topName = "top_\(topK)_accuracy"
    guard let topKAccuracy = m.topKAccuracy else {
      report.notes.append(
        "cross_entropy and \(topName) left out: they need class probabilities, "
          + "and the predictions are class labels"
      )
      return report
    }
    report.add(
      "cross_entropy", m.crossEntropy,
      else:
        "cross_entropy left out: some class scores lie outside [0, 1], "
        + "so they are not probabilities"
    )
    report.metrics.append((topName, topKAccuracy))
    return report
  }

  /// The one number of a regression or binary prediction: its score, else its predicted label.
  private func scalar(_ row: PredictionRecord, task: EvaluationTask) throws(EvaluationError)
    -> Double
  {
    if !row.isList, let score = row.scores.first { return score }
    if row.scoreText == nil, let label = row.predictedLabel { return label.value }
    throw predictions.error(
      line: row.line, value: row.scoreText,
      "has \(counted(row.scores.count, "value")); \(task.rawValue) predictions need one number each"
    )
  }

  /// A multiclass prediction without probabilities: its predicted label, else its one score.
  private func predictedClass(_ row: PredictionRecord) throws(EvaluationError) -> Int {
    if let label = row.predictedLabel {
      return try classIndex(
        label.value, label.text, row.line, in: predictions, below: ConfusionMatrix.maxClassCount)
    }
    guard !row.isList, let score = row.scores.first else {
      throw predictions.error(
        line: row.line, value: row.scoreText,
        "has \(counted(row.scores.count, "value")), but the first prediction has 1 (a class label)")
    }
    return try classIndex(
      score, row.scoreText ?? "", row.line, in: predictions, below: ConfusionMatrix.maxClassCount)
  }

  /// `value` as a class index in `0..<limit`, or an error quoting `text` at `line` of `file`.
  private func classIndex(
    _ value: Double, _ text: String, _ line: Int, in file: TextFile, below limit: Int,
    _ why: String = ""
  ) throws(EvaluationError) -> Int {
    guard value >= 0, value < Double(limit), value.rounded() == value else {
      throw file.error(
        line: line, value: text,
        "is not a class label (expected an integer from 0 to \(limit - 1)\(why))")
    }
    return Int(value)
  }
}
