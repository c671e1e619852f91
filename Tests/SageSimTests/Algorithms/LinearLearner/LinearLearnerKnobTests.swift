import Foundation
import Numerics
import SageCore
import SageIO
import Testing

@testable import SageSim

/// Each knob changes what it says it changes; same seed, same model; SageMaker's shapes and names.
@Suite struct LinearLearnerKnobTests {
  static let train = LL.csv("breast_cancer/train.csv")
  static let validation = LL.csv("breast_cancer/validation.csv", channel: .validation)

  @Test func sameSeedSameModelBitForBit() throws {
    let hp = ["predictor_type": "binary_classifier", "num_models": "8", "epochs": "5", "mini_batch_size": "64"]
    let a = try LL.fit(hp, train: Self.train, validation: Self.validation, seed: 9).model
    let b = try LL.fit(hp, train: Self.train, validation: Self.validation, seed: 9).model
    #expect(a == b)
    let c = try LL.fit(hp, train: Self.train, validation: Self.validation, seed: 10).model
    #expect(a.weights != c.weights)
  }

  /// Six scores, labels by descending score 1 1 0 1 0 0. Cuts after the top i rows:
  /// i = 2: TP 2, FP 0 → accuracy 5/6, precision 1, recall 2/3; i = 4: TP 3, FP 1 → accuracy 5/6,
  /// precision 3/4, recall 1. Accuracy ties, the first (higher) cut wins: between 0.8 and 0.6.
  @Test func thresholdSelectionByHand() {
    let scores = [0.9, 0.8, 0.6, 0.55, 0.3, 0.1], labels: [Double] = [1, 1, 0, 1, 0, 0]
    let accuracy = ThresholdSelection.choose(.accuracy, scores: scores, labels: labels)
    #expect(accuracy.threshold.isApproximatelyEqual(to: 0.7) && accuracy.value.isApproximatelyEqual(to: 5 / 6))
    // F1 at i = 2: 2·1·(2/3)/(5/3) = 0.8; at i = 4: 2·0.75/1.75 = 0.857… → the cut between 0.55 and 0.3.
    let f1 = ThresholdSelection.choose(.fBeta(1), scores: scores, labels: labels)
    #expect(f1.threshold.isApproximatelyEqual(to: 0.425) && f1.value.isApproximatelyEqual(to: 6 / 7))
    // Recall ≥ 0.9 first holds at i = 4 (precision 3/4).
    let atRecall = ThresholdSelection.choose(.precisionAtTargetRecall(0.9), scores: scores, labels: labels)
    #expect(atRecall.threshold.isApproximatelyEqual(to: 0.425) && atRecall.value.isApproximatelyEqual(to: 0.75))
    // Precision ≥ 0.9 holds for i ≤ 2; the best recall there is 2/3.
    let atPrecision = ThresholdSelection.choose(.recallAtTargetPrecision(0.9), scores: scores, labels: labels)
    #expect(atPrecision.threshold.isApproximatelyEqual(to: 0.7) && atPrecision.value.isApproximatelyEqual(to: 2 / 3))
  }

  @Test func theChosenThresholdIsStoredAndUsedByPredict() throws {
    let fit = try LL.fit(["predictor_type": "binary_classifier", "binary_classifier_model_selection_criteria": "precision_at_target_recall",
                          "target_recall": "0.99", "num_models": "1"], train: Self.train, validation: Self.validation)
    let t = try #require(fit.model.threshold)
    #expect(t != 0.5)
    let x = Matrix(rowArrays: [[Double]](repeating: [Double](repeating: 0, count: 30), count: 1))
    let p = try fit.model.predict(.dense(x))
    guard case .number(let score) = p.rows[0][0].value, case .number(let label) = p.rows[0][1].value else {
      Issue.record("binary rows are score and predicted_label"); return
    }
    #expect(label == (score >= t ? 1 : 0))
    #expect(p.rows[0].map(\.key) == ["score", "predicted_label"])
    // Recall on validation at the calibrated threshold is at least the target there.
    #expect(try #require(LL.metric(fit.log, "validation:recall")) >= 0.99)
  }

  @Test func responseShapes() throws {
    let x = Matrix(rowArrays: [[5.1, 3.5, 1.4, 0.2]])
    let iris = try LL.fit(["predictor_type": "multiclass_classifier", "num_classes": "3", "num_models": "2"], train: LL.csv("iris/train.csv")).model
    let p = try iris.predict(.dense(x))
    guard case .vector(let probabilities) = p.rows[0][0].value else { Issue.record("multiclass score is a vector"); return }
    #expect(probabilities.count == 3 && abs(probabilities.reduce(0, +) - 1) < 1e-12)
    #expect(p.rows[0][1].value == .number(0))  // a setosa
    #expect(p.json().hasPrefix("{\"predictions\":[{\"score\":["))
    let reg = try LL.fit(["predictor_type": "regressor", "num_models": "2"], train: LL.csv("diabetes/train.csv")).model
    let r = try reg.predict(.dense(Matrix(rowArrays: [[50, 1, 25, 90, 190, 115, 50, 4, 4.6, 90]])))
    #expect(r.rows[0].map(\.key) == ["score"])
  }

  @Test func modelZeroUsesExactlyTheGivenValuesAndTheChoiceIsReported() throws {
    let hp = try LinearLearnerHyperparameters.parse(["predictor_type": "regressor", "learning_rate": "0.05", "wd": "0.001"])
    var random = SeededRandom(seed: 3)
    let v = LinearLearnerSettings.variants(hp, optimizer: .adam, count: 32, balancedWeight: 1, random: &random)
    #expect(v.count == 32)
    #expect(v[0] == ModelVariant(learningRate: 0.05, wd: 0.001, l1: 0, lrSchedulerStep: 100, lrSchedulerFactor: 0.99,
                                 lrSchedulerMinimumLr: 1e-5, positiveWeight: 1))
    // Given values vary within a factor √10; a given-or-auto zero l1 is sampled only when auto.
    #expect(v.dropFirst().allSatisfy { $0.learningRate >= 0.05 / 10.0.squareRoot() && $0.learningRate <= 0.05 * 10.0.squareRoot() })
    #expect(v.dropFirst().allSatisfy { $0.l1 > 0 })
    let fixedL1 = try LinearLearnerHyperparameters.parse(["predictor_type": "regressor", "l1": "0"])
    #expect(LinearLearnerSettings.variants(fixedL1, optimizer: .adam, count: 4, balancedWeight: 1, random: &random).allSatisfy { $0.l1 == 0 })
    let fit = try LL.fit(["predictor_type": "regressor", "num_models": "6"], train: LL.csv("diabetes/train.csv"),
                         validation: LL.csv("diabetes/validation.csv", channel: .validation))
    #expect(fit.log.messages.contains { $0.hasPrefix("Best model found for hyperparameters: {\"model\": \(fit.model.chosenModel), \"optimizer\": \"adam\"") })
  }

  @Test func metricNamesAsSageMakerEmitsThem() throws {
    let fit = try LL.fit(["predictor_type": "binary_classifier", "num_models": "2", "f_beta": "2"], train: Self.train,
                         validation: Self.validation, test: LL.csv("breast_cancer/validation.csv", channel: .test))
    let names = Set(fit.log.metrics.map(\.name))
    for channel in ["validation", "test"] {
      for metric in ["objective_loss", "binary_classification_accuracy", "binary_f_beta", "precision", "recall", "roc_auc_score"] {
        #expect(names.contains("\(channel):\(metric)"), "\(channel):\(metric)")
      }
    }
    #expect(fit.log.messages.contains { $0.hasPrefix("#quality_metric: host=algo-1, test binary_f_2.000 <score>=") })
    #expect(fit.log.messages.contains { $0.hasPrefix("#quality_metric: host=algo-1, epoch=0, train binary_classification_cross_entropy_objective <loss>=") })
    let reg = try LL.fit(["predictor_type": "regressor", "num_models": "2"], train: LL.csv("diabetes/train.csv"),
                         test: LL.csv("diabetes/validation.csv", channel: .test))
    for metric in ["objective_loss", "mse", "rmse", "absolute_loss"] { #expect(reg.log.metrics.contains { $0.name == "test:\(metric)" }) }
    let rmse = try #require(LL.metric(reg.log, "test:rmse")), mse = try #require(LL.metric(reg.log, "test:mse"))
    #expect(rmse.isApproximatelyEqual(to: mse.squareRoot()))
  }

  @Test func earlyStoppingEndsTrainingOnAFlatValidationLoss() throws {
    let fit = try LL.fit(["predictor_type": "binary_classifier", "num_models": "1", "epochs": "50", "early_stopping_patience": "2",
                          "early_stopping_tolerance": "0.5"], train: Self.train, validation: Self.validation)
    #expect(fit.log.messages.contains { $0.hasPrefix("Early stopping at epoch 2:") })
    #expect(!fit.log.messages.contains { $0.hasPrefix("#quality_metric: host=algo-1, epoch=3,") })
  }

  /// Quantile loss at τ: about τ of the training labels lie below the fit.
  @Test(arguments: [0.1, 0.9]) func quantileLossFitsTheQuantile(tau: Double) throws {
    let x = LL.gaussian(rows: 2000, features: 3, seed: 4)
    var r = SeededRandom(seed: 5)
    let y = x.map { $0[0] + 2 * r.normal() }
    let model = try LL.fit(["predictor_type": "regressor", "loss": "quantile_loss", "quantile": String(tau), "num_models": "1",
                            "mini_batch_size": "100", "epochs": "30", "wd": "0"], train: LL.channel(x, y)).model
    let z = model.margins(Matrix(rowArrays: x))
    let below = zip(0..<y.count, y).filter { $1 < z[$0, 0] }.count
    #expect(abs(Double(below) / Double(y.count) - tau) < 0.03, "share below \(Double(below) / Double(y.count))")
  }

  @Test func balancedPositiveWeightIsNegativesPerPositive() throws {
    let hp = try LinearLearnerHyperparameters.parse(["predictor_type": "binary_classifier", "positive_example_weight_mult": "balanced"])
    let sample = try ScalerSample.read(Self.train, hp, LinearLearnerSettings(hp))
    // breast_cancer/train.csv: 293 benign (0), 162 malignant (1).
    #expect(sample.classCounts == [293, 162])
    var random = SeededRandom(seed: 1)
    let v = LinearLearnerSettings.variants(hp, optimizer: .adam, count: 1, balancedWeight: sample.balancedPositiveWeight, random: &random)
    #expect(v[0].positiveWeight.isApproximatelyEqual(to: 293.0 / 162))
    // Weighting positives up raises recall.
    let plain = try LL.fit(["predictor_type": "binary_classifier", "num_models": "1", "binary_classifier_model_selection_criteria": "loss_function"], train: Self.train, validation: Self.validation)
    let heavy = try LL.fit(["predictor_type": "binary_classifier", "num_models": "1", "binary_classifier_model_selection_criteria": "loss_function", "positive_example_weight_mult": "20"], train: Self.train, validation: Self.validation)
    #expect(try #require(LL.metric(heavy.log, "validation:recall")) >= (try #require(LL.metric(plain.log, "validation:recall"))))
    #expect(try #require(LL.metric(heavy.log, "validation:precision")) < (try #require(LL.metric(plain.log, "validation:precision"))))
  }

  @Test func scalingIsFoldedIntoTheModel() throws {
    // A regressor on raw features equals the same fit evaluated through the training-space bank.
    let hp = try LinearLearnerHyperparameters.parse(["predictor_type": "regressor", "num_models": "1"])
    let s = LinearLearnerSettings(hp)
    let train = LL.csv("diabetes/train.csv")
    let sample = try ScalerSample.read(train, hp, s)
    #expect(sample.scaler.labelMean.isApproximatelyEqual(to: (try #require(QualityRows.labels("diabetes/train.csv"))).mean))
    var random = SeededRandom(seed: 1)
    let variants = LinearLearnerSettings.variants(hp, optimizer: .adam, count: 1, balancedWeight: 1, random: &random)
    let bank = ModelBank(d: 10, settings: s, hp: hp, scaler: sample.scaler, variants: variants, classWeights: [], random: &random)
    let x = Matrix(rowArrays: [[50, 1, 25, 90, 190, 115, 50, 4, 4.6, 90]])
    let (w, b) = bank.exported(model: 0)
    let raw = zip(x.row(0), w).reduce(b[0]) { $0 + $1.0 * $1.1[0] }
    let scaled = bank.scores(x)[0, 0] * sample.scaler.labelScale + sample.scaler.labelMean
    #expect(raw.isApproximatelyEqual(to: scaled, relativeTolerance: 1e-12))
  }
}

enum QualityRows {
  static func labels(_ name: String) -> (mean: Double, count: Int)? {
    let (_, y) = LinearLearnerQualityTests.rows(name)
    return y.isEmpty ? nil : (y.reduce(0, +) / Double(y.count), y.count)
  }
}

/// Initialisation, class weights and the model file.
@Suite struct LinearLearnerInitTests {
  /// With scaling off, a learning rate of 1e-300 leaves the initial weights as they were drawn.
  static func untrained(_ extra: [String: String]) throws -> LinearLearnerModel {
    var hp = ["predictor_type": "regressor", "num_models": "1", "epochs": "1", "learning_rate": "1e-300",
              "normalize_data": "false", "normalize_label": "false", "unbias_data": "false", "unbias_label": "false", "wd": "0"]
    hp.merge(extra) { $1 }
    let x = LL.gaussian(rows: 20, features: 400, seed: 2)
    return try LL.fit(hp, train: LL.channel(x, x.map { $0[0] })).model
  }

  @Test func uniformInitStaysWithinInitScale() throws {
    let w = try Self.untrained(["init_method": "uniform", "init_scale": "0.3", "init_bias": "2.5"])
    let values = w.weights.map { $0[0] }
    #expect(values.allSatisfy { abs($0) <= 0.3 } && values.contains { abs($0) > 0.25 })
    #expect(w.bias[0].isApproximatelyEqual(to: 2.5))
  }

  @Test func normalInitHasInitSigma() throws {
    let values = try Self.untrained(["init_method": "normal", "init_sigma": "0.5"]).weights.map { $0[0] }
    let sd = (values.reduce(0) { $0 + $1 * $1 } / Double(values.count)).squareRoot()
    #expect(abs(sd - 0.5) < 0.05, "sample sd \(sd)")
  }

  @Test func useBiasFalseKeepsTheBiasAtZero() throws {
    #expect(try Self.untrained(["use_bias": "false", "init_bias": "2.5", "learning_rate": "0.1"]).bias == [0])
  }

  /// iris/train.csv holds 40, 37 and 43 rows of the three classes: weights n/(K·n_c).
  @Test func balancedMulticlassWeights() throws {
    let hp = try LinearLearnerHyperparameters.parse(["predictor_type": "multiclass_classifier", "num_classes": "3", "balance_multiclass_weights": "true"])
    let sample = try ScalerSample.read(LL.csv("iris/train.csv"), hp, LinearLearnerSettings(hp))
    #expect(sample.classCounts == [40, 37, 43])
    let w = sample.balancedClassWeights
    for (c, n) in [40.0, 37, 43].enumerated() { #expect(w[c].isApproximatelyEqual(to: 120 / (3 * n))) }
  }

  @Test func modelJSONRoundTripPredictsTheSame() throws {
    let fit = try LL.fit(["predictor_type": "binary_classifier", "num_models": "2"], train: LL.csv("breast_cancer/train.csv"))
    let json = try ModelDirectory.encode(fit.model, algorithm: "linear-learner", hyperparameters: [:])
    let back = try ModelDirectory.decode(LinearLearnerModel.self, algorithm: "linear-learner", from: json, directory: "memory")
    #expect(back == fit.model)
    let text = String(decoding: json, as: UTF8.self)
    #expect(text.contains("\"threshold\"") && text.contains("\"chosen_hyperparameters\""))
  }
}

@Suite struct LinearLearnerLossChoiceTests {
  /// y = 2x + noise with 5% of labels replaced by +200: squared loss is dragged toward the
  /// outliers, absolute and Huber loss are not.
  @Test func robustLossesResistOutliers() throws {
    let x = LL.gaussian(rows: 2000, features: 1, seed: 8)
    var r = SeededRandom(seed: 9)
    let y = x.enumerated().map { i, row in i % 20 == 0 ? 200 : 2 * row[0] + 0.1 * r.normal() }
    func slope(_ loss: String) throws -> Double {
      let hp = ["predictor_type": "regressor", "loss": loss, "num_models": "1", "mini_batch_size": "50", "epochs": "20",
                "normalize_label": "false", "unbias_label": "false", "wd": "0", "learning_rate": "0.05", "huber_delta": "1"]
      return try LL.fit(hp, train: LL.channel(x, y)).model.weights[0][0]
    }
    #expect(abs(try slope("absolute_loss") - 2) < 0.1)
    #expect(abs(try slope("huber_loss") - 2) < 0.1)
    let squared = try LL.fit(["predictor_type": "regressor", "num_models": "1", "wd": "0"], train: LL.channel(x, y)).model
    #expect(abs(squared.bias[0] - 10) < 2)  // the mean of the labels is pulled to ≈ 0.05·200 = 10
  }

  /// hinge_loss: the score is the margin z, and predicted_label = [z ≥ threshold], threshold 0
  /// under loss_function.
  @Test func hingeLossScoresAreMargins() throws {
    let fit = try LL.fit(["predictor_type": "binary_classifier", "loss": "hinge_loss", "num_models": "1",
                          "binary_classifier_model_selection_criteria": "loss_function"],
                         train: LL.csv("breast_cancer/train.csv"), validation: LL.csv("breast_cancer/validation.csv", channel: .validation))
    #expect(fit.model.threshold == 0)
    let x = Matrix(rowArrays: [[Double]](repeating: [Double](repeating: 0, count: 30), count: 1))
    let p = try fit.model.predict(.dense(x))
    #expect(p.rows[0][0].value == .number(fit.model.bias[0]))
    #expect(try #require(LL.metric(fit.log, "validation:binary_classification_accuracy")) > 0.9)
    #expect(fit.log.metrics.contains { $0.name == "validation:objective_loss" })
    #expect(fit.log.messages.contains { $0.hasPrefix("#quality_metric: host=algo-1, validation hinge_loss_objective <loss>=") })
  }
}
