import Foundation
import Numerics
import Testing

@testable import SageMetrics

@Suite struct BinaryMetricsTests {
  // Six samples with one tied score across the classes:
  //   index   0    1    2     3    4    5
  //   score   0.1  0.4  0.35  0.8  0.4  0.7
  //   label   0    0    1     1    1    0
  static let scores = [0.1, 0.4, 0.35, 0.8, 0.4, 0.7]
  static let labels = [0, 0, 1, 1, 1, 0]

  @Test func aucCountsPairsWithTiesAsHalf() throws {
    // Positives {0.35, 0.8, 0.4} against negatives {0.1, 0.4, 0.7}, 3·3 = 9 pairs:
    //   0.35 beats 0.1 only                 → 1
    //   0.8  beats all three                → 3
    //   0.4  beats 0.1, ties 0.4 (½)        → 1.5
    // AUC = 5.5/9. Via ranks: sorted 0.1(1) 0.35(2) 0.4,0.4(3.5 each) 0.7(5) 0.8(6);
    // R₁ = 2 + 3.5 + 6 = 11.5, AUC = (11.5 − 3·4/2)/(3·3) = 5.5/9.
    let m = try BinaryMetrics(scores: Self.scores, labels: Self.labels)
    #expect(try #require(m.auc).isApproximatelyEqual(to: 5.5 / 9, relativeTolerance: 1e-15))
  }

  @Test func thresholdCountsAndScores() throws {
    // Predicted 1 when score ≥ 0.5: [0, 0, 0, 1, 0, 1].
    // tp = 1 (index 3), fp = 1 (5), fn = 2 (2, 4), tn = 2 (0, 1).
    // accuracy = 3/6; precision = 1/2; recall = 1/3; f1 = 2·1/(2·1 + 2 + 1) = 2/5.
    // f_β for β = 2: 5·1/(5·1 + 4·2 + 1) = 5/14.
    let m = try BinaryMetrics(scores: Self.scores, labels: Self.labels, beta: 2)
    #expect(m.confusion.rows == [[2, 1], [2, 1]])
    #expect(m.accuracy == 0.5)
    #expect(m.precision == 0.5)
    #expect(m.recall == 1.0 / 3)
    #expect(m.f1.isApproximatelyEqual(to: 0.4, relativeTolerance: 1e-15))
    #expect(m.fBeta.isApproximatelyEqual(to: 5.0 / 14, relativeTolerance: 1e-15))
  }

  @Test func loglossWorkedByHand() throws {
    // Probability given to the true class: 1 − 0.1, 1 − 0.4, 0.35, 0.8, 0.4, 1 − 0.7.
    // Product 0.9·0.6·0.35·0.8·0.4·0.3 = 0.018144, so logloss = −ln(0.018144)/6 ≈ 0.668235.
    let m = try BinaryMetrics(scores: Self.scores, labels: Self.labels)
    let expected = -log(0.018144) / 6
    #expect(try #require(m.logloss).isApproximatelyEqual(to: expected, relativeTolerance: 1e-12))
  }

  @Test func scoreEqualToThresholdIsPositive() throws {
    let m = try BinaryMetrics(scores: [0.5, 0.49], labels: [1, 0])
    #expect(m.confusion.rows == [[1, 0], [0, 1]])
    #expect(m.accuracy == 1)
  }

  @Test func perfectPredictions() throws {
    // Hard 0/1 scores, all right: auc 1; logloss only from the clip,
    // −ln(1 − 1e-15) ≈ 1e-15 (1 − 1e-15 rounds to 1 − 9.99e-16 in binary, hence the tolerance).
    let m = try BinaryMetrics(scores: [0, 1, 1, 0], labels: [0, 1, 1, 0])
    let scores: [Double] = [m.accuracy, m.precision, m.recall, m.f1, m.fBeta, try #require(m.auc)]
    #expect(scores == [1, 1, 1, 1, 1, 1])
    #expect(try #require(m.logloss).isApproximatelyEqual(to: 1e-15, relativeTolerance: 1e-2))
  }

  @Test func confidentMistakeIsClippedAt1eMinus15() throws {
    // p = 0 for a positive: −ln(1e-15) = 34.538776…; the other sample costs ~1e-15.
    let m = try BinaryMetrics(scores: [0, 0], labels: [1, 0])
    let expected = (-log(1e-15) - log(1 - 1e-15)) / 2
    #expect(try #require(m.logloss).isApproximatelyEqual(to: expected, relativeTolerance: 1e-12))
  }

  @Test func noPredictedPositivesGivesZeroPrecision() throws {
    // Every score below 0.5: tp = fp = 0, so precision = 0/0 → 0 (zero_division=0), recall = 0/2,
    // f1 = 0/(0 + 2 + 0) = 0. The ranking is still perfect: auc = 1.
    let m = try BinaryMetrics(scores: [0.1, 0.2, 0.3, 0.4], labels: [0, 0, 1, 1])
    #expect(m.precision == 0)
    #expect(m.recall == 0)
    #expect(m.f1 == 0)
    #expect(m.auc == 1)
  }

  @Test func allOneClassHasNoAUC() throws {
    // Only negatives: no (positive, negative) pair to rank, so auc is nil. Predicting all 0 is
    // right: accuracy 1, and tp = fp = fn = 0 makes precision, recall and f1 0.
    let m = try BinaryMetrics(scores: [0.2, 0.1, 0.3], labels: [0, 0, 0])
    #expect(m.auc == nil)
    #expect(m.accuracy == 1)
    #expect([m.precision, m.recall, m.f1] == [0, 0, 0])
    #expect(try BinaryMetrics(scores: [0.9], labels: [1]).auc == nil)
  }

  @Test func allScoresTiedGiveHalfAUC() throws {
    // Every pair ties: AUC = (2·2·½)/(2·2) = 0.5.
    let m = try BinaryMetrics(scores: [0.3, 0.3, 0.3, 0.3], labels: [0, 1, 1, 0])
    #expect(m.auc == 0.5)
  }

  @Test func rawScoresGiveAUCButNoLogloss() throws {
    // Margins, not probabilities: ranking works (perfect here), logloss is not defined.
    let m = try BinaryMetrics(scores: [-2.5, 1.5, 3], labels: [0, 1, 1], threshold: 0)
    #expect(m.auc == 1)
    #expect(m.logloss == nil)
    #expect(m.accuracy == 1)
  }

  @Test func hardLabelsAsScores() throws {
    // Scores [1, 0, 1, 0] for labels [1, 1, 0, 0]: pairs (pos, neg) = 4;
    // pos 1 vs neg 1: tie ½; pos 1 vs neg 0: 1; pos 0 vs neg 1: 0; pos 0 vs neg 0: ½ → 2/4.
    let m = try BinaryMetrics(scores: [1, 0, 1, 0], labels: [1, 1, 0, 0])
    #expect(m.auc == 0.5)
    #expect(m.accuracy == 0.5)
  }
}
