import Numerics
import Testing

@testable import SageMetrics

@Suite struct RegressionMetricsTests {
  @Test func fourPredictionsWorkedByHand() throws {
    // y = [3, −0.5, 2, 7], ŷ = [2.5, 0, 2, 8] (scikit-learn's r2_score docstring example).
    // Residuals ŷ − y = [−0.5, 0.5, 0, 1]; squares [0.25, 0.25, 0, 1] sum to 1.5.
    // mse = 1.5/4 = 0.375; rmse = √0.375; mae = (0.5 + 0.5 + 0 + 1)/4 = 0.5.
    // ȳ = 11.5/4 = 2.875; SS_tot = 0.125² + 3.375² + 0.875² + 4.125²
    //   = 0.015625 + 11.390625 + 0.765625 + 17.015625 = 29.1875.
    // r2 = 1 − 1.5/29.1875 = 0.94860813704496788 (sklearn prints 0.948…).
    let m = try RegressionMetrics(predictions: [2.5, 0, 2, 8], labels: [3, -0.5, 2, 7])
    #expect(m.mse == 0.375)
    #expect(m.rmse.isApproximatelyEqual(to: 0.375.squareRoot(), relativeTolerance: 1e-15))
    #expect(m.mae == 0.5)
    #expect(m.r2.isApproximatelyEqual(to: 1 - 1.5 / 29.1875, relativeTolerance: 1e-15))
    #expect(m.r2.isApproximatelyEqual(to: 0.9486081370449679, relativeTolerance: 1e-15))
  }

  @Test func weightsScaleEachSample() throws {
    // y = [0, 1, 2], ŷ = [0, 2, 2], w = [1, 2, 1]; W = 4.
    // Residuals [0, 1, 0]: mse = 2·1²/4 = 0.5, mae = 2·1/4 = 0.5.
    // ȳ_w = (0 + 2·1 + 2)/4 = 1; SS_tot = 1·1² + 2·0² + 1·1² = 2; SS_res = 2; r2 = 1 − 2/2 = 0.
    let m = try RegressionMetrics(predictions: [0, 2, 2], labels: [0, 1, 2], weights: [1, 2, 1])
    #expect(m.mse == 0.5)
    #expect(m.mae == 0.5)
    #expect(m.r2 == 0)
    // An integer weight is the same as repeating the sample.
    let repeated = try RegressionMetrics(predictions: [0, 2, 2, 2], labels: [0, 1, 1, 2])
    #expect(repeated == m)
  }

  @Test func perfectPredictionsScoreOne() throws {
    let m = try RegressionMetrics(predictions: [1, 2, 4], labels: [1, 2, 4])
    #expect([m.mse, m.rmse, m.mae, m.r2] == [0, 0, 0, 1])
  }

  @Test func constantLabelsFollowSklearnForceFinite() throws {
    // SS_tot = 0: r2 is 1 for perfect predictions, 0 otherwise (never NaN or −∞).
    #expect(try RegressionMetrics(predictions: [2, 2, 2], labels: [2, 2, 2]).r2 == 1)
    // ŷ = [2, 2, 3]: mse = 1/3, r2 = 0.
    let m = try RegressionMetrics(predictions: [2, 2, 3], labels: [2, 2, 2])
    #expect(m.r2 == 0)
    #expect(m.mse == 1.0 / 3)
  }

  @Test func predictingTheMeanScoresZeroAndWorseIsNegative() throws {
    // y = [1, 3], ȳ = 2, SS_tot = 2. ŷ = [2, 2]: SS_res = 2, r2 = 0.
    #expect(try RegressionMetrics(predictions: [2, 2], labels: [1, 3]).r2 == 0)
    // ŷ = [3, 1]: SS_res = 4 + 4 = 8, r2 = 1 − 8/2 = −3.
    #expect(try RegressionMetrics(predictions: [3, 1], labels: [1, 3]).r2 == -3)
  }
}
