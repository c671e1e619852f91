/// The kind of model whose predictions are evaluated.
public enum EvaluationTask: String, CaseIterable, Sendable {
  /// Real-valued predictions: mse, rmse, mae, r2.
  case regression
  /// Scores or probabilities of class 1 against 0/1 labels.
  case binary
  /// Class labels or per-class probabilities against labels 0…N−1.
  case multiclass
}

/// Metrics computed from a predictions file and a labels file.
///
/// **Labels file:** one label per non-blank line, the first comma-separated field, so a plain
/// one-number-per-line file and a SageMaker training CSV (label first, no header) both work.
///
/// **Predictions file**, in any of three shapes:
/// - SageMaker JSON, recognised by a first non-space `{`:
///   `{"predictions": [{"score": 0.7, "predicted_label": 1}, …]}`;
/// - JSON Lines, one `{"score": …, "predicted_label": …}` object per line;
/// - CSV or plain text, one prediction per line.
///
/// The i-th prediction pairs with the i-th label. What a prediction means depends on the task:
/// - **regression**: one number, the `score` (or `predicted_label` when there is no score).
/// - **binary**: one score, the probability of class 1 or any real score. Class 1 is predicted
///   when `score ≥ threshold`; a JSON `predicted_label` is used only when a record has no score.
///   Hard 0/1 predictions are used as given, so auc and logloss are then those of 0/1 scores.
///   `auc` is left out when the labels hold one class only, `logloss` when a score lies outside
///   [0, 1]; the report's notes say so.
/// - **multiclass**: either N class probabilities (a JSON `score` list, or N comma-separated
///   numbers), or one predicted class label (`predicted_label`, else the score). The predicted
///   class of a probability row is its arg max (ties go to the lower class). With labels only,
///   N = max(label, prediction) + 1, and `cross_entropy` and `top_k_accuracy` are left out, as
///   they need probabilities.
///
/// Every fault in a file is an ``EvaluationError`` naming the file, line and value.
public struct Evaluation {
  /// Reads both files and computes the metrics of `task`.
  ///
  /// - Parameters:
  ///   - task: regression, binary or multiclass.
  ///   - predictionsPath: the predictions file (JSON, JSON Lines or CSV).
  ///   - labelsPath: the labels file (label in the first field of each line).
  ///   - beta: β of the binary `f_beta`.
  ///   - threshold: binary scores ≥ this are predicted 1.
  ///   - topK: k of the multiclass `top_k_accuracy`.
  /// - Returns: the metrics in a fixed order, the confusion matrix for classification, and notes
  ///   on any metric left out.
  /// - Throws: ``EvaluationError`` for a missing, empty or malformed file or mismatched counts;
  ///   ``MetricError`` for a bad `beta`, `threshold` or `topK`.
  public static func run(
    task: EvaluationTask, predictionsPath: String, labelsPath: String,
    beta: Double = 1, threshold: Double = 0.5, topK: Int = 3
  ) throws -> EvaluationReport {
    let predictionsFile = try TextFile.load(predictionsPath)
    let labelsFile = try TextFile.load(labelsPath)
    let predictions = try PredictionsFile.read(predictionsFile)
    let labels = try readLabels(labelsFile)
    guard predictions.count == labels.count else {
      throw predictionsFile.error(
        "has \(counted(predictions.count, "prediction")) but \(labelsPath) has "
          + "\(counted(labels.count, "label")); they pair up in order"
      )
    }
    let pair = FilePair(predictions: predictionsFile, labels: labelsFile)
    switch task {
    case .regression:
      return try pair.regression(predictions, labels)
    case .binary:
      return try pair.binary(predictions, labels, threshold: threshold, beta: beta)
    case .multiclass:
      return try pair.multiclass(predictions, labels, topK: topK)
    }
  }

  /// One label per non-blank line: the first comma-separated field, as a finite number.
  static func readLabels(_ file: TextFile) throws(EvaluationError) -> [Label] {
    var labels: [Label] = []
    for (number, text) in file.lines {
      let field = TextFile.fields(text).first ?? text
      labels.append(
        Label(line: number, value: try file.number(field, line: number), text: String(field)))
    }
    guard !labels.isEmpty else { throw file.error("holds no labels") }
    return labels
  }

  struct Label {
    var line: Int
    var value: Double
    var text: String
  }
}
