import Foundation
import Numerics
import Testing

@testable import SageMetrics

/// Metrics from files: every task in every predictions format (CSV, JSON, JSON Lines).
@Suite struct EvaluationTests {
  // The regression example of RegressionMetricsTests: y = [3, −0.5, 2, 7], ŷ = [2.5, 0, 2, 8]
  // gives mse 0.375, rmse √0.375, mae 0.5, r2 1 − 1.5/29.1875. The labels file is a SageMaker
  // training CSV (label first, then features) with a blank line, which is skipped.
  static let regressionLabels = "3,1.5,2\n-0.5,0,1\n\n2,4,4\n7,0,0\n"
  static let regressionJSON =
    "{\"mse\": 0.375, \"rmse\": \(0.375.squareRoot()), \"mae\": 0.5, \"r2\": \(1 - 1.5 / 29.1875)}"

  @Test(arguments: [
    "2.5\n0\n2\n\n8\n",
    """
    {
      "predictions": [
        {"score": 2.5},
        {"score": 0},
        {"score": 2},
        {"score": 8}
      ]
    }
    """,
    "{\"score\": 2.5}\n{\"score\": 0}\n{\"score\": 2.0}\n{\"score\": 8e0}\n",
  ])
  func regressionInEachFormat(predictions: String) throws {
    let files = try TemporaryFiles()
    let report = try Evaluation.run(
      task: .regression, predictionsPath: try files.write("predictions", predictions),
      labelsPath: try files.write("labels.csv", Self.regressionLabels))
    #expect(report.metrics.map(\.name) == ["mse", "rmse", "mae", "r2"])
    #expect(report.json() == Self.regressionJSON)
    #expect(report.confusion == nil)
    #expect(report.notes.isEmpty)
  }

  // The binary example of BinaryMetricsTests: scores [0.1, 0.4, 0.35, 0.8, 0.4, 0.7], labels
  // [0, 0, 1, 1, 1, 0]: accuracy 1/2, precision 1/2, recall 1/3, f1 2/5, auc 5.5/9,
  // logloss −ln(0.018144)/6. In JSON each predicted_label is the opposite of the threshold's
  // answer, to show that the score, not predicted_label, decides.
  static let binaryLabels = "0\n0\n1\n1\n1\n0\n"

  @Test(arguments: [
    "0.1\n0.4\n0.35\n0.8\n0.4\n0.7\n",
    """
    {"predictions": [{"score": 0.1, "predicted_label": 1}, {"score": 0.4, "predicted_label": 1},
    {"score": 0.35, "predicted_label": 1}, {"score": 0.8, "predicted_label": 0},
    {"score": 0.4, "predicted_label": 1}, {"score": 0.7, "predicted_label": 0}]}
    """,
    (["0.1", "0.4", "0.35", "0.8", "0.4", "0.7"].map { "{\"score\":\($0)}" }).joined(
      separator: "\n"),
  ])
  func binaryInEachFormat(predictions: String) throws {
    let files = try TemporaryFiles()
    let report = try Evaluation.run(
      task: .binary, predictionsPath: try files.write("predictions", predictions),
      labelsPath: try files.write("labels", Self.binaryLabels), beta: 2)
    #expect(
      report.metrics.map(\.name)
        == ["accuracy", "precision", "recall", "f1", "f_beta", "auc", "logloss"])
    #expect(report["accuracy"] == 0.5)
    #expect(report["recall"] == 1.0 / 3)
    #expect(
      try #require(report["f_beta"]).isApproximatelyEqual(to: 5.0 / 14, relativeTolerance: 1e-15))
    #expect(try #require(report["auc"]).isApproximatelyEqual(to: 5.5 / 9, relativeTolerance: 1e-15))
    let logloss = -log(0.018144) / 6
    #expect(
      try #require(report["logloss"]).isApproximatelyEqual(to: logloss, relativeTolerance: 1e-12))
    #expect(report.confusion?.rows == [[2, 1], [2, 1]])
  }

  @Test func binaryFromPredictedLabelsOnly() throws {
    // No scores: the 0/1 labels [1, 0, 1, 0] are the scores, against truth [1, 1, 0, 0].
    // auc = 2/4 = 0.5 (see BinaryMetricsTests.hardLabelsAsScores). logloss clips p to
    // [1e-15, 1 − 1e-15]: the two right answers cost −ln(1 − 1e-15) ≈ 1e-15 each; the mistake
    // p = 0 for a 1 costs −ln(1e-15) = 34.538776…, and p = 1 for a 0 costs −ln(1 − (1 − 1e-15)),
    // where 1 − 1e-15 rounds to 1 − 9.992e-16 in binary, so ≈ 34.539890 (numpy does the same).
    let files = try TemporaryFiles()
    let lines = [1, 0, 1, 0].map { "{\"predicted_label\": \($0)}" }.joined(separator: "\n")
    let report = try Evaluation.run(
      task: .binary, predictionsPath: try files.write("p.jsonl", lines),
      labelsPath: try files.write("l.csv", "1\n1\n0\n0\n"))
    #expect(report["auc"] == 0.5)
    let logloss = (-log(1e-15) - log(1 - (1 - 1e-15)) - 2 * log(1 - 1e-15)) / 4
    #expect(
      try #require(report["logloss"]).isApproximatelyEqual(to: logloss, relativeTolerance: 1e-12))
  }

  @Test func binaryWithOneClassAndRawScoresSaysWhatIsLeftOut() throws {
    let files = try TemporaryFiles()
    let report = try Evaluation.run(
      task: .binary, predictionsPath: try files.write("p", "2.5\n-1\n"),
      labelsPath: try files.write("l", "1\n1\n"), threshold: 0)
    #expect(report.metrics.map(\.name) == ["accuracy", "precision", "recall", "f1", "f_beta"])
    #expect(
      report.notes == [
        "auc left out: every label is 1, and ROC AUC needs both classes",
        "logloss left out: some scores lie outside [0, 1], so they are not probabilities",
      ])
  }

  // The 3-class example of MulticlassMetricsTests: accuracy 5/8, macro precision and recall
  // 2/3, macro F1 28/45.
  static let multiclassLabels = "0\n0\n0\n1\n1\n2\n2\n2\n"

  @Test(arguments: [
    "0\n1\n1\n1\n1\n2\n0\n2\n",
    "{\"predictions\": ["
      + ([0, 1, 1, 1, 1, 2, 0, 2].map { "{\"predicted_label\": \($0)}" })
      .joined(separator: ", ") + "]}",
    [0, 1, 1, 1, 1, 2, 0, 2].map { "{\"predicted_label\": \($0).0}" }.joined(separator: "\n"),
  ])
  func multiclassFromLabelsInEachFormat(predictions: String) throws {
    let files = try TemporaryFiles()
    let report = try Evaluation.run(
      task: .multiclass, predictionsPath: try files.write("p", predictions),
      labelsPath: try files.write("l", Self.multiclassLabels))
    #expect(
      report.metrics.map(\.name) == ["accuracy", "macro_precision", "macro_recall", "macro_f1"])
    #expect(report["accuracy"] == 0.625)
    #expect(
      try #require(report["macro_f1"]).isApproximatelyEqual(to: 28.0 / 45, relativeTolerance: 1e-15)
    )
    #expect(report.confusion?.rows == [[1, 2, 0], [0, 2, 0], [1, 0, 2]])
    #expect(
      report.notes == [
        "cross_entropy and top_3_accuracy left out: they need class probabilities, "
          + "and the predictions are class labels"
      ])
  }

  // The probability rows of MulticlassMetricsTests, labels [0, 2, 1, 0]: accuracy 1/4,
  // top-2 accuracy 3/4, cross-entropy −ln(0.021)/4. Two JSON documents in one file, as a batch
  // transform writes one per mini-batch.
  @Test(arguments: [
    "0.7,0.2,0.1\n0.3,0.4,0.3\n0.5,0.5,0\n0.2,0.2,0.6\n",
    """
    {"predictions": [{"score": [0.7, 0.2, 0.1], "predicted_label": 0},
                     {"score": [0.3, 0.4, 0.3], "predicted_label": 1}]}
    {"predictions": [{"score": [0.5, 0.5, 0.0], "predicted_label": 0},
                     {"score": [0.2, 0.2, 0.6], "predicted_label": 2}]}
    """,
    "{\"score\": [0.7, 0.2, 0.1]}\n{\"score\": [0.3, 0.4, 0.3]}\n"
      + "{\"score\": [0.5, 0.5, 0]}\n{\"score\": [0.2, 0.2, 0.6]}",
  ])
  func multiclassFromProbabilitiesInEachFormat(predictions: String) throws {
    let files = try TemporaryFiles()
    let report = try Evaluation.run(
      task: .multiclass, predictionsPath: try files.write("p", predictions),
      labelsPath: try files.write("l", "0\n2\n1\n0\n"), topK: 2)
    #expect(
      report.metrics.map(\.name)
        == [
          "accuracy", "macro_precision", "macro_recall", "macro_f1", "cross_entropy",
          "top_2_accuracy",
        ])
    #expect(report["accuracy"] == 0.25)
    #expect(report["top_2_accuracy"] == 0.75)
    let crossEntropy = -log(0.021) / 4
    #expect(
      try #require(report["cross_entropy"]).isApproximatelyEqual(
        to: crossEntropy, relativeTolerance: 1e-12))
    #expect(report.notes.isEmpty)
  }

  @Test func renderShowsMetricsThenTable() throws {
    // Binary, threshold 0.5: scores [0.9, 0.2, 0.6, 0.4] vs labels [1, 0, 0, 1] predict
    // [1, 0, 1, 0]: tp 1, fp 1, fn 1, tn 1, so accuracy = precision = recall = f1 = 1/2.
    // auc: positives {0.9, 0.4} vs negatives {0.2, 0.6}: 0.9 beats both, 0.4 beats 0.2 → 3/4.
    // logloss = −(ln 0.9 + ln 0.8 + ln 0.4 + ln 0.4)/4 = −ln(0.1152)/4 = 2.161085…/4 = 0.540271…
    // Every count is 1 digit wide, so each table column is 4 + 1 = 5 characters.
    let files = try TemporaryFiles()
    let report = try Evaluation.run(
      task: .binary, predictionsPath: try files.write("p", "0.9\n0.2\n0.6\n0.4\n"),
      labelsPath: try files.write("l", "1\n0\n0\n1\n"))
    #expect(
      report.render() == """
        accuracy   0.5
        precision  0.5
        recall     0.5
        f1         0.5
        f_beta     0.5
        auc        0.75
        logloss    0.540271

                      predicted
                      0    1
         actual  0    1    1
                 1    1    1
        """)
  }
}
