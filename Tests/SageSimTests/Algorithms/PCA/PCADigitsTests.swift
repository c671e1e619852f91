import Foundation
import Numerics
import SageCore
import SageIO
import Testing

@testable import SageSim

/// PCA on the bundled digits training data (1438 × 64), against an exact SVD of the centred data
/// computed here (LAPACK dgesdd on the whole matrix: a different route from PCA's covariance
/// eigensolver) and against scikit-learn's figures.
@Suite struct PCADigitsTests {
  /// scikit-learn 1.9.1, recorded with:
  /// `python -c "import numpy as np; from sklearn.decomposition import PCA;
  ///  X=np.loadtxt('Datasets/digits/train.csv',delimiter=',')[:,1:];
  ///  print(PCA(n_components=10, svd_solver='full').fit(X).explained_variance_)"`
  static let sklearnExplainedVariance = [
    179.5329379, 161.5088686, 139.3780825, 101.1965201, 70.93326523, 59.03234329, 51.44408983,
    42.91019466, 39.70180696, 36.75842497,
  ]
  /// The same run's `explained_variance_ratio_`.
  static let sklearnRatio = [
    0.1498373512, 0.1347945471, 0.1163242964, 0.08445814288, 0.05920057176, 0.0492681179,
    0.04293499702, 0.03581264798, 0.0331349426, 0.03067840974,
  ]

  static let train = DataChannel(.train, path: dataset("digits/train.csv"), contentType: .csv(labelSize: 1))

  static func fit(_ extra: [String: String], seed: UInt64 = 0) throws -> PCAModel {
    var hp = ["feature_dim": "64", "mini_batch_size": "100", "num_components": "10"]
    hp.merge(extra) { $1 }
    var log = TrainingLog.silent
    return try PCA.train(PCAHyperparameters.parse(hp), on: Channels(train: train), seed: seed, log: &log)
  }

  /// Right singular vectors (rows of Vᵀ) and s²/(n−1) of the centred data, largest first.
  static func exactSVD() throws -> (directions: [[Double]], variance: [Double]) {
    var x = try readAll(path: dataset("digits/train.csv"), contentType: .csv(labelSize: 1), options: ReadOptions()).features.dense()
    let mean = x.columnSums().map { $0 / Double(x.rows) }
    x.subtractRowVector(mean)
    let (_, s, vt) = try x.singularValueDecomposition()
    return ((0..<10).map { vt.row($0) }, (0..<10).map { s[$0] * s[$0] / Double(x.rows - 1) })
  }

  /// Component j, largest first, from the model's ascending layout.
  static func component(_ model: PCAModel, _ j: Int) -> [Double] {
    let column = model.numComponents - 1 - j
    return model.v.map { $0[column] }
  }

  @Test func regularModeMatchesExactSVD() throws {
    let model = try Self.fit([:])
    let exact = try Self.exactSVD()
    for j in 0..<10 {
      let variance = model.explainedVariance[9 - j]
      #expect(absoluteCosine(Self.component(model, j), exact.directions[j]) >= 0.9999, "component \(j + 1)")
      #expect(variance.isApproximatelyEqual(to: exact.variance[j], relativeTolerance: 1e-4))
      #expect(variance.isApproximatelyEqual(to: Self.sklearnExplainedVariance[j], relativeTolerance: 1e-4))
      #expect(model.explainedVarianceRatio[9 - j].isApproximatelyEqual(to: Self.sklearnRatio[j], relativeTolerance: 1e-4))
    }
  }

  @Test func randomizedModeIsWithinOnePercent() throws {
    let model = try Self.fit(["algorithm_mode": "randomized"], seed: 3)
    let exact = try Self.exactSVD()
    for j in 0..<10 {
      #expect(absoluteCosine(Self.component(model, j), exact.directions[j]) >= 0.99, "component \(j + 1)")
      #expect(model.explainedVariance[9 - j].isApproximatelyEqual(to: exact.variance[j], relativeTolerance: 1e-2))
    }
  }

  @Test func miniBatchSizeDoesNotChangeTheComponents() throws {
    let small = try Self.fit(["mini_batch_size": "7"])
    let whole = try Self.fit(["mini_batch_size": "5000"])
    for (a, b) in zip(small.explainedVariance, whole.explainedVariance) {
      #expect(a.isApproximatelyEqual(to: b, relativeTolerance: 1e-10))
    }
  }

  @Test(arguments: ["regular", "randomized"]) func sameSeedSameModelBitForBit(mode: String) throws {
    let entry = try AlgorithmRegistry.entry(named: "pca")
    let hp = ["feature_dim": "64", "mini_batch_size": "100", "num_components": "5", "algorithm_mode": mode]
    var log = TrainingLog.silent
    let first = try entry.train(hyperparameters: hp, channels: Channels(train: Self.train), seed: 11, log: &log)
    let second = try entry.train(hyperparameters: hp, channels: Channels(train: Self.train), seed: 11, log: &log)
    #expect(first == second)
  }

  @Test func featureDimMustMatchTheData() throws {
    do {
      _ = try Self.fit(["feature_dim": "63"])
      Issue.record("expected an error")
    } catch let error as DataError {
      #expect(error.description.hasPrefix(dataset("digits/train.csv") + ":1:"))
      #expect(error.file == dataset("digits/train.csv") && error.line == 1)
    }
  }

  @Test func testChannelShareIsReported() throws {
    var log = TrainingLog.silent
    let hp = try PCAHyperparameters.parse(["feature_dim": "64", "mini_batch_size": "100", "num_components": "10"])
    let test = DataChannel(.test, path: dataset("digits/validation.csv"), contentType: .csv(labelSize: 1))
    _ = try PCA.train(hp, on: Channels(train: Self.train, test: test), seed: 0, log: &log)
    let line = try #require(log.messages.first { $0.hasPrefix("Test: the 10 components keep") })
    // About 73% of the training variance is in the top 10 (Σ of sklearn's ratios = 0.7354);
    // held-out digits look alike, so their share is close to that.
    let share = Double(line.split(separator: " ")[5].dropLast())!
    #expect(share > 65 && share < 80)
  }
}
