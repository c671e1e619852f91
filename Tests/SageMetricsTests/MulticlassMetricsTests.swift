import Foundation
import Numerics
import Testing

@testable import SageMetrics

@Suite struct MulticlassMetricsTests {
  //   labels    = [0, 0, 0, 1, 1, 2, 2, 2]
  //   predicted = [0, 1, 1, 1, 1, 2, 0, 2]
  // Confusion (rows = true, columns = predicted):
  //   0: [1, 2, 0]   support 3
  //   1: [0, 2, 0]   support 2
  //   2: [1, 0, 2]   support 3
  //   predicted:  2  4  2
  static let labels = [0, 0, 0, 1, 1, 2, 2, 2]
  static let predicted = [0, 1, 1, 1, 1, 2, 0, 2]

  @Test func threeClassesWorkedByHand() throws {
    // accuracy = (1 + 2 + 2)/8 = 5/8.
    // precision: 1/2, 2/4, 2/2 → macro (0.5 + 0.5 + 1)/3 = 2/3.
    // recall:    1/3, 2/2, 2/3 → macro (1/3 + 1 + 2/3)/3 = 2/3.
    // f1 = 2tp/(2tp + fp + fn): 2/(2 + 1 + 2) = 2/5, 4/(4 + 2 + 0) = 2/3, 4/(4 + 0 + 1) = 4/5
    //   → macro (6/15 + 10/15 + 12/15)/3 = 28/45, not the F1 of macro P and R (which is 2/3).
    let m = try MulticlassMetrics(predictedLabels: Self.predicted, labels: Self.labels)
    #expect(m.classCount == 3)
    #expect(m.confusion.rows == [[1, 2, 0], [0, 2, 0], [1, 0, 2]])
    #expect(m.accuracy == 0.625)
    #expect(m.precision == [0.5, 0.5, 1])
    let recall: [Double] = [1.0 / 3, 1, 2.0 / 3]
    #expect(m.recall == recall)
    #expect(m.macroPrecision.isApproximatelyEqual(to: 2.0 / 3, relativeTolerance: 1e-15))
    #expect(m.macroRecall.isApproximatelyEqual(to: 2.0 / 3, relativeTolerance: 1e-15))
    #expect(m.macroF1.isApproximatelyEqual(to: 28.0 / 45, relativeTolerance: 1e-15))
    #expect(m.crossEntropy == nil && m.topKAccuracy == nil)
  }

  @Test func classWithoutSupportStillCounts() throws {
    // classCount 4 adds class 3 with no samples and no predictions: its precision, recall and
    // F1 are 0 (zero_division=0) and the macro means divide by 4, as sklearn with labels=range(4).
    // macro precision = 2/4, recall = 2/4, f1 = (28/15)/4 = 7/15.
    let m = try MulticlassMetrics(
      predictedLabels: Self.predicted, labels: Self.labels, classCount: 4)
    #expect(m.macroPrecision == 0.5)
    #expect(m.macroRecall.isApproximatelyEqual(to: 0.5, relativeTolerance: 1e-15))
    #expect(m.macroF1.isApproximatelyEqual(to: 7.0 / 15, relativeTolerance: 1e-15))
  }

  @Test func classCountComesFromLabelsAndPredictions() throws {
    // The largest label is 1 but a prediction is 2, so N = 3.
    let m = try MulticlassMetrics(predictedLabels: [0, 2], labels: [0, 1])
    #expect(m.classCount == 3)
    #expect(m.confusion.rows == [[1, 0, 0], [0, 0, 1], [0, 0, 0]])
  }

  // Four probability rows over 3 classes:
  //   row              label  arg max  p_true  classes ranked above the label
  //   [0.7, 0.2, 0.1]  0      0        0.7     none                      → rank 0
  //   [0.3, 0.4, 0.3]  2      1        0.3     1 (0.4), 0 (tie, lower)   → rank 2
  //   [0.5, 0.5, 0.0]  1      0 (tie)  0.5     0 (tie, lower)            → rank 1
  //   [0.2, 0.2, 0.6]  0      2        0.2     2 (0.6)                   → rank 1
  static let rows = [[0.7, 0.2, 0.1], [0.3, 0.4, 0.3], [0.5, 0.5, 0.0], [0.2, 0.2, 0.6]]
  static let rowLabels = [0, 2, 1, 0]

  @Test func probabilitiesWorkedByHand() throws {
    // accuracy (top 1) = 1/4; top 2 = rank < 2 for rows 0, 2, 3 = 3/4.
    // cross-entropy = −(ln 0.7 + ln 0.3 + ln 0.5 + ln 0.2)/4 = −ln(0.021)/4 ≈ 0.965807.
    let m = try MulticlassMetrics(probabilities: Self.rows, labels: Self.rowLabels, topK: 2)
    #expect(m.accuracy == 0.25)
    #expect(m.confusion.rows == [[1, 0, 1], [1, 0, 0], [0, 1, 0]])
    #expect(m.topK == 2)
    #expect(m.topKAccuracy == 0.75)
    let expected = -log(0.7 * 0.3 * 0.5 * 0.2) / 4
    #expect(
      try #require(m.crossEntropy).isApproximatelyEqual(to: expected, relativeTolerance: 1e-12))
  }

  @Test func topKTiesGoToTheLowerClass() throws {
    // Top 1 equals accuracy; with k = 3 = N every sample is a hit.
    #expect(
      try MulticlassMetrics(probabilities: Self.rows, labels: Self.rowLabels, topK: 1)
        .topKAccuracy == 0.25)
    #expect(
      try MulticlassMetrics(probabilities: Self.rows, labels: Self.rowLabels, topK: 3)
        .topKAccuracy == 1)
    // A three-way tie: class 0 is first, 1 second, 2 third.
    #expect(MulticlassMetrics.rank(of: 0, in: [0.3, 0.3, 0.3]) == 0)
    #expect(MulticlassMetrics.rank(of: 2, in: [0.3, 0.3, 0.3]) == 2)
    #expect(MulticlassMetrics.argMax([0.2, 0.4, 0.4]) == 1)
  }

  @Test func zeroProbabilityForTheTrueClassIsClipped() throws {
    // p_true = 0 → −ln(1e-15) = 34.538776…; p_true = 1 → −ln(1 − 1e-15) ≈ 1e-15.
    let m = try MulticlassMetrics(probabilities: [[1, 0], [1, 0]], labels: [1, 0])
    let expected = (-log(1e-15) - log(1 - 1e-15)) / 2
    #expect(
      try #require(m.crossEntropy).isApproximatelyEqual(to: expected, relativeTolerance: 1e-12))
  }

  @Test func perfectPredictionsAndScoresOutsideZeroOne() throws {
    // Raw class scores rank fine (accuracy 1, top-1 1) but are no probabilities: no cross-entropy.
    let m = try MulticlassMetrics(probabilities: [[2, -1], [-3, 4]], labels: [0, 1], topK: 1)
    let scores: [Double?] = [
      m.accuracy, m.macroPrecision, m.macroRecall, m.macroF1, m.topKAccuracy,
    ]
    #expect(scores == [1, 1, 1, 1, 1])
    #expect(m.crossEntropy == nil)
  }

  @Test func allOneClass() throws {
    // Every label and prediction is 1 of N = 2: class 0 counts 0s in the macro means.
    let m = try MulticlassMetrics(predictedLabels: [1, 1, 1], labels: [1, 1, 1])
    #expect(m.accuracy == 1)
    #expect(m.f1 == [0, 1])
    #expect(m.macroF1 == 0.5)
  }
}

@Suite struct ClusteringMetricsTests {
  @Test func sumAndMeanOfSquaredDistances() throws {
    // d = [1, 4, 0.5, 2.5]: ssd = 8, msd = 8/4 = 2.
    let m = try ClusteringMetrics(squaredDistances: [1, 4, 0.5, 2.5])
    #expect(m.ssd == 8)
    #expect(m.msd == 2)
  }

  @Test func pointsOnTheirCentersScoreZero() throws {
    let m = try ClusteringMetrics(squaredDistances: [0, 0])
    #expect(m.ssd == 0 && m.msd == 0)
  }
}
