import Foundation
import Numerics
import SageCore
import SageIO
import Testing

@testable import SageSim

/// rescale_grad, clip_gradient and eps on the one-row toy of `FMTrainingTests.oneAdamStepByHand`
/// (x = (1, 1), y = 1, w₀ = wᵢ = 0, v = 0.1, so ŷ = 0.02 and r = −0.98).
@Suite struct FMOptimizerKnobTests {
  /// Adam's first step moves θ by −η·a·sign(g)/(a + ε), a = √(1−β₂)|g| (η̂ = η√(1−β₂)/(1−β₁)).
  static func moved(_ rate: Double, _ g: Double, eps: Double) -> Double {
    let a = (1 - 0.999).squareRoot() * abs(g)
    return -rate * a / (a + eps) * (g > 0 ? 1 : -1)
  }

  @Test func rescaleThenDecayThenClipThenEps() throws {
    let hp = [
      "feature_dim": "2", "num_factors": "2", "predictor_type": "regressor", "mini_batch_size": "1",
      "bias_init_method": "constant", "bias_init_value": "0", "linear_init_method": "constant", "linear_init_value": "0",
      "factors_init_method": "constant", "factors_init_value": "0.1",
      "bias_lr": "0.1", "linear_lr": "0.01", "factors_lr": "0.001", "bias_wd": "0", "linear_wd": "0", "factors_wd": "0.5",
      "rescale_grad": "0.5", "clip_gradient": "0.03", "eps": "0.001",
    ]
    let (model, _) = try FM.fit(hp, train: FM.sparse([[(0, 1), (1, 1)]], [1], d: 2))
    // Bias and linear: g = 0.5·(−0.98) = −0.49, clipped to −0.03.
    #expect(model.w0.isApproximatelyEqual(to: Self.moved(0.1, -0.03, eps: 0.001), relativeTolerance: 1e-14))
    #expect(model.w[1].isApproximatelyEqual(to: Self.moved(0.01, -0.03, eps: 0.001), relativeTolerance: 1e-14))
    // Factors: g = 0.5·(−0.98·0.1) + 0.5·0.1 = +0.001 (inside the clip): the decay now wins and
    // the factors shrink, where without rescale_grad (g = −0.048) they grew.
    for e in 0..<4 {
      #expect(model.v[e].isApproximatelyEqual(to: 0.1 + Self.moved(0.001, 0.001, eps: 0.001), relativeTolerance: 1e-13))
      #expect(model.v[e] < 0.1)
    }
  }

  /// A feature absent from a mini-batch is not updated (lazy updates, weight decay included).
  @Test func absentFeaturesKeepTheirValues() throws {
    let hp = [
      "feature_dim": "3", "num_factors": "2", "predictor_type": "regressor", "mini_batch_size": "1", "epochs": "3",
      "linear_init_method": "constant", "linear_init_value": "0.7", "factors_init_sigma": "0.5",
      "linear_wd": "0.1", "factors_wd": "0.1",
    ]
    let parsed = try FactorizationMachinesHyperparameters.parse(hp)
    var random = SeededRandom(seed: 4)
    let start = try FMJob(parsed).initialModel(&random)
    let (model, _) = try FM.fit(hp, train: FM.sparse([[(0, 1)], [(1, 2)]], [1, 2], d: 3), seed: 4)
    #expect(model.w[2] == 0.7)
    #expect(Array(model.v[4..<6]) == Array(start.v[4..<6]))
    #expect(model.w[0] != 0.7 && model.w[1] != 0.7)
  }
}
