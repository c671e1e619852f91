import Foundation
import SageCore
import SageIO
import Testing

@testable import SageSim

/// The sweep engine, the regularization comparison and the polynomial lesson on real trainings.
@Suite struct LabTrainingTests {
  static let sineTrain = DataChannel(.train, path: dataset("noisy_sine/train.csv"), contentType: .csv(labelSize: 1))
  static let sineHoldout = DataChannel(.test, path: dataset("noisy_sine/validation.csv"), contentType: .csv(labelSize: 1))
  static let polynomialHP = [
    "predictor_type": "regressor", "num_models": "1", "mini_batch_size": "20", "epochs": "300",
    "learning_rate": "0.1", "use_lr_scheduler": "false",
  ]

  /// y = 3·x1 − 2·x2 + 0·x3 + 0.5·x4 + noise, 200 rows.
  static func linearRows(seed: UInt64) -> DataBatch {
    var random = SeededRandom(seed: seed)
    var rows: [[Double]] = [], labels: [Double] = []
    for _ in 0..<200 {
      let x = (0..<4).map { _ in random.uniform(-1, 1) }
      rows.append(x)
      labels.append(3 * x[0] - 2 * x[1] + 0.5 * x[3] + 0.1 * random.uniform(-1, 1))
    }
    return DataBatch(features: .dense(Matrix(rowArrays: rows)), labels: labels, lines: Array(1...200), file: "toy")
  }

  @Test func sweepTrialsMatchSeparateTrainingsBitForBit() throws {
    let entry = try AlgorithmRegistry.entry(named: "linear-learner")
    let hp = ["predictor_type": "regressor", "num_models": "2", "epochs": "3", "mini_batch_size": "50"]
    let channels = Channels(train: DataChannel(.train, batch: Self.linearRows(seed: 1)))
    let sweep = try Sweep(entry: entry, hyperparameters: hp, axes: [SweepAxis(name: "wd", values: ["0", "0.1", "1"])], seed: 7)
    let result = try sweep.run(channels: channels)
    #expect(result.trials.map(\.values) == [["0"], ["0.1"], ["1"]])
    for t in result.trials {
      var log = TrainingLog.silent
      var alone = hp
      alone["wd"] = t.values[0]
      let model = try entry.train(hyperparameters: alone, channels: channels, seed: 7, log: &log)
      #expect(t.model == model)  // run concurrently with the others, yet the same bytes
    }
    // Train rows are scored by prediction: rmse² = mse.
    let rmse = try #require(result.trials[0].metric("train:rmse")), mse = try #require(result.trials[0].metric("train:mse"))
    #expect(abs(rmse * rmse - mse) < 1e-12)
    #expect(try result.rankingMetric() == "train:mse")
  }

  @Test func keptStepIsTheBestValidationEpoch() throws {
    var log = TrainingLog.silent
    let hp = try LinearLearnerHyperparameters.parse([
      "predictor_type": "regressor", "num_models": "1", "epochs": "40", "mini_batch_size": "20",
      "learning_rate": "0.3", "early_stopping_patience": "40", "use_lr_scheduler": "false",
    ])
    let train = Self.linearRows(seed: 2), validation = Self.linearRows(seed: 3)
    _ = try LinearLearner.train(hp, on: Channels(train: DataChannel(.train, batch: train), validation: DataChannel(.validation, batch: validation)), seed: 0, log: &log)
    let curve = log.history.filter { $0.name.hasPrefix("validation:") }
    #expect(curve.count == 40)
    #expect(log.history.filter { $0.name.hasPrefix("train:") }.count == 40)
    let best = try #require(curve.min { $0.value < $1.value })
    #expect(log.keptStep == best.step)
  }

  @Test func l1MakesExactZerosAndL2DoesNot() throws {
    let comparison = try RegularizationComparison(
      hyperparameters: ["predictor_type": "regressor", "epochs": "20", "mini_batch_size": "50"],
      penalties: [1e-4, 0.03, 10], regimes: [.l1, .l2])
    let points = try comparison.run(channels: Channels(train: DataChannel(.train, batch: Self.linearRows(seed: 4))))
    let l1 = points.filter { $0.regime == .l1 }, l2 = points.filter { $0.regime == .l2 }
    // Tiny L1: nothing thresholded. Moderate L1 (0.03 in normalised units): only x3, whose true
    // weight is 0, lands exactly on zero. L1 = 10 exceeds every gradient: all four are zero.
    #expect(l1.map(\.zeros) == [0, 1, 4])
    #expect(l1[1].weights[2] == 0 && l1[1].weights[0] != 0)
    // L2 shrinks but never reaches zero, even at 10.
    #expect(l2.map(\.zeros) == [0, 0, 0])
    #expect(l2[2].l2Norm < l2[0].l2Norm / 2)
    // Norms by hand from the weights.
    let w = l1[0].weights
    #expect(abs(l1[0].l1Norm - w.map(abs).reduce(0, +)) < 1e-12)
    #expect(abs(l1[0].l2Norm - w.map { $0 * $0 }.reduce(0, +).squareRoot()) < 1e-12)
    // w ≈ (3, −2, 0, 0.5) at the smallest penalty.
    #expect(abs(w[0] - 3) < 0.1 && abs(w[1] + 2) < 0.1 && abs(w[3] - 0.5) < 0.1)
  }

  /// The lesson of Examples/polynomial-overfitting, asserted: train error never rises with degree;
  /// held-out error falls, bottoms at a middle degree and climbs again (a U), with and without wd,
  /// and wd = 0.1 tames degree 15.
  @Test func polynomialDegreeMakesAU() throws {
    let entry = try AlgorithmRegistry.entry(named: "linear-learner")
    var results: [String: SweepResult] = [:]
    for wd in ["0", "0.1"] {
      var hp = Self.polynomialHP
      hp["wd"] = wd
      let sweep = try Sweep(entry: entry, hyperparameters: hp, preprocessing: ["polynomial_basis": "legendre"],
                            axes: [try SweepAxis.parse("polynomial_degree=1:15:15", integer: true)], seed: 0)
      results[wd] = try sweep.run(channels: Channels(train: Self.sineTrain), holdout: Self.sineHoldout)
    }
    for (wd, result) in results {
      let train = result.trials.map { $0.metric("train:mse")! }, held = result.trials.map { $0.metric("holdout:mse")! }
      for (a, b) in zip(train, train.dropFirst()) { #expect(b <= a * (1 + 1e-6), "wd=\(wd): train mse rose from \(a) to \(b)") }
      let best = try #require(result.best(by: "holdout:mse"))
      #expect((2...7).contains(best), "wd=\(wd): best degree \(best + 1)")
      #expect(held[0] > 2.5 * held[best] && held[14] > 1.2 * held[best], "wd=\(wd): \(held)")
    }
    // The least-squares fit on the same Legendre columns (numpy 2.4.6: legvander(u(x), d), lstsq,
    // u = 2(x − min)/(max − min) − 1 from the train rows): train mse for degrees 1…12. 300 Adam
    // epochs reach it to 6 digits (degrees 13–15 stop slightly short: 0.00870 vs 0.00839 at 15).
    let leastSquares = [0.332978, 0.332709, 0.057579, 0.056913, 0.050801, 0.041597, 0.040651, 0.037241, 0.032182, 0.027053, 0.023535, 0.021388]
    for (degree, reference) in leastSquares.enumerated() {
      let ours = results["0"]!.trials[degree].metric("train:mse")!
      #expect(abs(ours - reference) < 2e-6, "degree \(degree + 1): \(ours) vs least squares \(reference)")
    }
    let plain = results["0"]!.trials[14].metric("holdout:mse")!, decayed = results["0.1"]!.trials[14].metric("holdout:mse")!
    #expect(plain > 4 * decayed)
    #expect(results["0"]!.trials[14].metric("holdout:mse")! > 5 * results["0"]!.trials.map { $0.metric("holdout:mse")! }.min()!)
  }

  @Test func rocAndPrecisionRecallByHand() {
    // Scores 0.9, 0.8, 0.7, 0.6 with labels 1, 0, 1, 0 (2 positives, 2 negatives).
    let (roc, pr) = ModelPictures.curves(scores: [0.9, 0.8, 0.7, 0.6], labels: [1, 0, 1, 0])
    #expect(roc.map(\.x) == [0, 0, 0.5, 0.5, 1] && roc.map(\.y) == [0, 0.5, 0.5, 1, 1])
    #expect(pr.map(\.x) == [0.5, 0.5, 1, 1] && pr.map(\.y) == [1, 0.5, 2.0 / 3, 0.5])
  }

  @Test func predictionsAreReadByShape() {
    let binary = ReadPredictions(Predictions(rows: [[("score", .number(0.8)), ("predicted_label", .number(1))]]))
    #expect(binary.kind == .binary && binary.scores == [0.8] && binary.predictedLabels == [1])
    let multi = ReadPredictions(Predictions(rows: [[("score", .vector([0.2, 0.7, 0.1])), ("predicted_label", .number(1))]]))
    #expect(multi.kind == .multiclass && multi.scores == [0.7])
    let kmeans = ReadPredictions(Predictions(rows: [[("closest_cluster", .number(2)), ("distance_to_cluster", .number(3))]]))
    #expect(kmeans.kind == .clustering)
    // msd = mean of squared distances: (9 + 1)/2 = 5.
    let two = ReadPredictions(Predictions(rows: [[("closest_cluster", .number(0)), ("distance_to_cluster", .number(3))], [("closest_cluster", .number(1)), ("distance_to_cluster", .number(1))]]))
    #expect((try? ModelScoring.metrics(two, labels: [], prefix: "test")) == [NamedValue(name: "test:msd", value: 5)])
  }
}

@Suite struct PrincipalPlaneTests {
  @Test func pointsOnALineProjectOntoItsDirection() throws {
    // Rows (t, 2t) for t = −1, 0, 1: the leading direction is (1, 2)/√5, so the first coordinate
    // is ±t·√5 and the second 0.
    let xy = try ModelPictures.principalPlane(Matrix(rowArrays: [[-1, -2], [0, 0], [1, 2]]))
    #expect(xy.count == 3)
    #expect(abs(abs(xy[0].x) - 5.0.squareRoot()) < 1e-12 && abs(xy[1].x) < 1e-12 && abs(xy[0].x + xy[2].x) < 1e-12)
    #expect(xy.allSatisfy { abs($0.y) < 1e-12 })
  }
}

@Suite struct SweepAnyAlgorithmTests {
  /// PCA logs no metric; the sweep scores its projections: variance kept / total variance.
  /// scikit-learn 1.9.1: PCA(10).fit(train.csv[:, 1:]).explained_variance_ratio_.cumsum()[[0, 9]]
  /// = 0.14983735, 0.73644402.
  @Test func pcaSweepScoresExplainedVariance() throws {
    let entry = try AlgorithmRegistry.entry(named: "pca")
    let sweep = try Sweep(entry: entry, hyperparameters: ["feature_dim": "64", "mini_batch_size": "500"],
                          axes: [SweepAxis(name: "num_components", values: ["1", "10"])], seed: 0)
    let result = try sweep.run(channels: Channels(train: DataChannel(.train, path: dataset("digits/train.csv"), contentType: .csv(labelSize: 1))))
    let shares = result.trials.map { $0.metric("train:explained_variance_ratio") ?? .nan }
    #expect(abs(shares[0] - 0.14983735) < 1e-7 && abs(shares[1] - 0.73644402) < 1e-7, "\(shares)")
    #expect(try result.rankingMetric() == "train:explained_variance_ratio")
    #expect(result.best(by: "train:explained_variance_ratio") == 1)
  }

  @Test func categoricalSweepIsDrawnAsCells() throws {
    let trials = ["a", "b"].enumerated().map { i, v in
      SweepTrial(values: [v], metrics: [NamedValue(name: "validation:mse", value: Double(2 - i)), NamedValue(name: "train:mse", value: 0.5)],
                 history: [], keptStep: nil, model: nil, preprocessing: nil, warnings: [], seconds: 0, error: nil)
    }
    let result = SweepResult(axes: [SweepAxis(name: "loss", values: ["a", "b"])], trials: trials)
    #expect(LabCharts.sweepCurve(result, metric: "validation:mse", algorithm: "x") == nil)
    let map = try #require(LabCharts.sweepGrid(result, metric: "validation:mse", algorithm: "x"))
    #expect(map.rows == ["validation:mse", "train:mse"] && map.columns == ["a", "b"] && map.values == [[2, 1], [0.5, 0.5]])
    #expect(map.highlight?.column == 1)
  }
}
