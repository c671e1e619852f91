import Foundation
import Numerics
import SageCore
import SageIO
import Testing

@testable import SageSim

@Suite struct PCAClosedFormTests {
  /// Four points (−1,0), (1,0), (0,−½), (0,½): mean 0, scatter diag(2, ½), so the components are
  /// e₁ (λ = 2) and e₂ (λ = ½); variances λ/(n−1) = 2/3 and 1/6; ratios 0.8 and 0.2; s = √2, √½.
  static let rows: [[Double]] = [[-1, 0], [1, 0], [0, -0.5], [0, 0.5]]

  func train(_ mode: String, extra: [String: String] = [:]) throws -> PCAModel {
    var log = TrainingLog.silent
    var hp = ["feature_dim": "2", "mini_batch_size": "3", "num_components": "2", "algorithm_mode": mode]
    hp.merge(extra) { $1 }
    return try PCA.train(PCAHyperparameters.parse(hp), on: Channels(train: memoryChannel(Self.rows)), seed: 1, log: &log)
  }

  @Test(arguments: ["regular", "randomized"]) func handWorkedComponents(mode: String) throws {
    let model = try train(mode)
    // Ascending order, as SageMaker stores them: the largest component is last.
    #expect(model.s[0].isApproximatelyEqual(to: 0.5.squareRoot(), relativeTolerance: 1e-12))
    #expect(model.s[1].isApproximatelyEqual(to: 2.0.squareRoot(), relativeTolerance: 1e-12))
    #expect(model.explainedVariance[1].isApproximatelyEqual(to: 2.0 / 3, relativeTolerance: 1e-12))
    #expect(model.explainedVarianceRatio[0].isApproximatelyEqual(to: 0.2, relativeTolerance: 1e-12))
    #expect(model.explainedVarianceRatio[1].isApproximatelyEqual(to: 0.8, relativeTolerance: 1e-12))
    // v column 1 = e₁, column 0 = e₂, signs fixed so the largest entry is positive.
    #expect(abs(model.v[0][1] - 1) < 1e-12 && abs(model.v[1][1]) < 1e-12)
    #expect(abs(model.v[1][0] - 1) < 1e-12 && abs(model.v[0][0]) < 1e-12)
  }

  @Test func projectionIsCentredRowTimesV() throws {
    let model = try train("regular")
    let out = try model.predict(.dense(Matrix(rowArrays: [[3, 4]])))
    // mean is 0, so the projection is (x·e₂, x·e₁) = (4, 3) in ascending order.
    #expect(out == Predictions(topKey: "projections", rows: [[(key: "projection", value: .vector([4, 3]))]]))
    #expect(out.json() == "{\"projections\":[{\"projection\":[4.0,3.0]}]}\n")
  }

  @Test func withoutMeanSubtractionTheMeanDirectionDominates() throws {
    // Shifted far along y: uncentred, the top direction points at the mean (0, 10).
    var log = TrainingLog.silent
    let shifted = Self.rows.map { [$0[0], $0[1] + 10] }
    let hp = try PCAHyperparameters.parse([
      "feature_dim": "2", "mini_batch_size": "4", "num_components": "1", "subtract_mean": "false",
    ])
    let model = try PCA.train(hp, on: Channels(train: memoryChannel(shifted)), seed: 0, log: &log)
    #expect(abs(model.v[1][0] - 1) < 1e-12)
    // Σxy = 0, so the top eigenvalue is s² = Σy² = 10² + 10² + 9.5² + 10.5² = 400.5
    #expect(model.s[0].isApproximatelyEqual(to: 400.5.squareRoot(), relativeTolerance: 1e-12))
  }

  @Test func tooFewRowsIsAnError() throws {
    var log = TrainingLog.silent
    let hp = try PCAHyperparameters.parse(["feature_dim": "2", "mini_batch_size": "4", "num_components": "1"])
    #expect(throws: TrainingError.self) {
      try PCA.train(hp, on: Channels(train: memoryChannel([[1, 2]])), seed: 0, log: &log)
    }
  }

  @Test func componentsBeyondFeatureDimAreRefused() {
    #expect(throws: HyperparameterError.self) {
      try PCAHyperparameters.parse(["feature_dim": "2", "mini_batch_size": "4", "num_components": "3"])
    }
  }
}
