import Foundation
import Numerics
import SageCore
import SageIO
import Testing

@testable import SageSim

/// What the knobs do, bad input, determinism, and the shapes SageMaker returns.
@Suite struct LinearLearnerBehaviourTests {
  static let binaryTrain = LL.csv("breast_cancer/train.csv")
  static let binaryValidation = LL.csv("breast_cancer/validation.csv", channel: .validation)

  // MARK: Bad input

  struct BadInput: CustomStringConvertible, Sendable {
    let id: String
    let hp: [String: String]
    let labels: [Double]
    let message: String
    var description: String { id }
  }

  static let badInputs: [BadInput] = [
    BadInput(id: "binary label 2", hp: ["predictor_type": "binary_classifier"], labels: [0, 1, 2, 1],
             message: "memory.csv:3:1: '2' is not a valid label: expected 0 or 1 for a binary_classifier"),
    BadInput(id: "binary label -1", hp: ["predictor_type": "binary_classifier"], labels: [0, -1, 1, 1],
             message: "memory.csv:2:1: '-1' is not a valid label: expected 0 or 1 for a binary_classifier"),
    BadInput(id: "multiclass label 3", hp: ["predictor_type": "multiclass_classifier", "num_classes": "3"], labels: [0, 1, 2, 3],
             message: "memory.csv:4:1: '3' is not a valid label: expected an integer in 0…2 for a multiclass_classifier with num_classes=3"),
    BadInput(id: "multiclass label 1.5", hp: ["predictor_type": "multiclass_classifier", "num_classes": "3"], labels: [1.5, 1, 2, 0],
             message: "memory.csv:1:1: '1.5' is not a valid label: expected an integer in 0…2 for a multiclass_classifier with num_classes=3"),
  ]

  @Test(arguments: badInputs) func refusesBadLabels(_ c: BadInput) throws {
    let x = LL.gaussian(rows: 4, features: 2, seed: 1)
    #expect {
      _ = try LL.fit(c.hp, train: LL.channel(x, c.labels))
    } throws: { "\($0)" == c.message }
  }

  @Test func refusesBadLabelsInTheValidationChannelToo() throws {
    let x = LL.gaussian(rows: 4, features: 2, seed: 1)
    #expect {
      _ = try LL.fit(["predictor_type": "binary_classifier"], train: LL.channel(x, [0, 1, 0, 1]),
                     validation: LL.channel(x, [0, 1, 0, 7], name: .validation, file: "validation.csv"))
    } throws: { "\($0)" == "validation.csv:4:1: '7' is not a valid label: expected 0 or 1 for a binary_classifier" }
  }

  @Test func divergentLearningRateStopsWithAClearError() throws {
    #expect {
      _ = try LL.fit(["predictor_type": "regressor", "optimizer": "sgd", "learning_rate": "1000000", "num_models": "1",
                      "mini_batch_size": "50"], train: LL.csv("diabetes/train.csv"))
    } throws: { error in
      "\(error)" == "linear-learner diverged at epoch 3, mini-batch 0: model 0's training loss became inf (optimizer sgd, learning_rate 1000000.0). No model was written: lower learning_rate (or keep normalize_data on)."
    }
  }

  /// Two parallel models, the second given a divergent rate: it is dropped with a warning, the
  /// first trains on and is the one chosen.
  @Test func aDivergentParallelModelIsDroppedAndTheOthersTrainOn() throws {
    let hp = try LinearLearnerHyperparameters.parse(
      ["predictor_type": "regressor", "optimizer": "sgd", "mini_batch_size": "50", "epochs": "5", "num_models": "2"])
    let s = LinearLearnerSettings(hp)
    let train = LL.csv("diabetes/train.csv")
    let sample = try ScalerSample.read(train, hp, s)
    var random = SeededRandom(seed: 1)
    var variants = LinearLearnerSettings.variants(hp, optimizer: .sgd, count: 2, balancedWeight: 1, random: &random)
    variants[1].learningRate = 1e6
    var bank = ModelBank(d: 10, settings: s, hp: hp, scaler: sample.scaler, variants: variants, classWeights: [], random: &random)
    let job = TrainingJob(hp: hp, settings: s, channels: Channels(train: train), width: (10, "feature_dim"))
    var log = TrainingLog.silent
    try job.runEpochs(&bank, log: &log)
    #expect(bank.alive == [true, false])
    #expect(log.warnings.count == 1)
    #expect(log.warnings.first?.hasPrefix("Model 1 diverged at epoch ") == true)
    #expect(log.warnings.first?.hasSuffix("training loss became inf (optimizer sgd, learning_rate 1000000.0); it is dropped from the parallel models") == true)
    let model = try job.select(bank, log: &log)
    #expect(model.chosenModel == 0)
    #expect(model.weights.joined().allSatisfy { $0.isFinite })
  }

  struct BadHyperparameters: CustomStringConvertible, Sendable {
    let id: String
    let hp: [String: String]
    let message: String
    var description: String { id }
  }

  static let badHyperparameters: [BadHyperparameters] = [
    BadHyperparameters(id: "no predictor_type", hp: [:],
      message: "hyperparameter 'predictor_type' of linear-learner is required: give one of regressor, binary_classifier, multiclass_classifier"),
    BadHyperparameters(id: "multiclass without num_classes", hp: ["predictor_type": "multiclass_classifier"],
      message: "hyperparameter 'num_classes' of linear-learner is required: give an integer in [3, 1000000] when predictor_type is multiclass_classifier"),
    BadHyperparameters(id: "loss for another task", hp: ["predictor_type": "binary_classifier", "loss": "squared_loss"],
      message: "hyperparameters of linear-learner: loss 'squared_loss' does not apply to predictor_type 'binary_classifier'; expected one of auto, logistic, hinge_loss"),
    BadHyperparameters(id: "bad positive weight", hp: ["predictor_type": "binary_classifier", "positive_example_weight_mult": "-2"],
      message: "hyperparameter 'positive_example_weight_mult' of linear-learner must be 'auto', 'balanced' or a number in (0, ∞); got '-2'"),
    BadHyperparameters(id: "quantile out of range", hp: ["predictor_type": "regressor", "quantile": "1"],
      message: "hyperparameter 'quantile' of linear-learner must be a number in (0, 1); got '1'"),
    BadHyperparameters(id: "momentum 1", hp: ["predictor_type": "regressor", "momentum": "1"],
      message: "hyperparameter 'momentum' of linear-learner must be 'auto' or a number in [0, 1); got '1'"),
  ]

  @Test(arguments: badHyperparameters) func refusesBadHyperparameters(_ c: BadHyperparameters) {
    #expect { _ = try LinearLearnerHyperparameters.parse(c.hp) } throws: { "\($0)" == c.message }
  }

  @Test func refusesAValidationChannelOfAnotherWidth() throws {
    #expect {
      _ = try LL.fit(["predictor_type": "regressor"], train: LL.channel(LL.gaussian(rows: 5, features: 3, seed: 1), [1, 2, 3, 4, 5]),
                     validation: LL.channel(LL.gaussian(rows: 2, features: 4, seed: 1), [1, 2], name: .validation, file: "v.csv"))
    } throws: { "\($0)" == "v.csv:1: has 4 features per row; expected 3 (the width of the training data)" }
  }
}

/// Through the real CSV reader: a label error names the file and line, and a file channel trains
/// the same model as the same rows in memory.
@Suite struct LinearLearnerFileTests {
  @Test func badLabelInAFileNamesFileAndLine() throws {
    let path = temporaryDirectory() + "/train.csv"
    try "0,1.5,2\n1,0.5,1\n2,3,4\n0,1,1\n".write(toFile: path, atomically: true, encoding: .utf8)
    #expect {
      _ = try LL.fit(["predictor_type": "binary_classifier"], train: DataChannel(.train, path: path, contentType: .csv(labelSize: 1)))
    } throws: { "\($0)" == "\(path):3:1: '2' is not a valid label: expected 0 or 1 for a binary_classifier" }
  }

  @Test func fileChannelTrainsTheSameModelAsMemory() throws {
    let hp = ["predictor_type": "multiclass_classifier", "num_classes": "3", "num_models": "4", "mini_batch_size": "50"]
    let file = try LL.fit(hp, train: DataChannel(.train, path: dataset("wine/train.csv"), contentType: .csv(labelSize: 1))).model
    let memory = try LL.fit(hp, train: LL.csv("wine/train.csv")).model
    #expect(file == memory)
  }
}

@Suite struct LinearLearnerEmptyTests {
  @Test func anEmptyTrainChannelIsAClearError() throws {
    #expect {
      _ = try LL.fit(["predictor_type": "regressor"], train: DataChannel(.train, batch: DataBatch(features: .dense(Matrix(rows: 0, columns: 3)), labels: [], lines: [], file: "empty.csv")))
    } throws: { "\($0)" == "the train channel train (in memory) has no label column; linear-learner is supervised: give text/csv with the label first (label_size=1)" }
  }
}

@Suite struct LinearLearnerSparseTests {
  /// Sparse (CSR) batches are densified one mini-batch at a time: the same rows give the same model.
  @Test func sparseRowsTrainTheSameModelAsDense() throws {
    var x = LL.gaussian(rows: 300, features: 8, seed: 3)
    for i in x.indices { for j in x[i].indices where (i + j) % 3 == 0 { x[i][j] = 0 } }
    let y = x.map { $0[1] - 2 * $0[4] }
    var sparse = SparseMatrix(columns: 8)
    for row in x {
      let nz = row.indices.filter { row[$0] != 0 }
      sparse.appendRow(columns: nz.map { Int32($0) }, values: nz.map { row[$0] })
    }
    let hp = ["predictor_type": "regressor", "num_models": "3", "mini_batch_size": "64"]
    let fromSparse = try LL.fit(hp, train: DataChannel(.train, batch: DataBatch(features: .sparse(sparse), labels: y, lines: Array(1...300), file: "s.libsvm"))).model
    let fromDense = try LL.fit(hp, train: LL.channel(x, y)).model
    #expect(fromSparse == fromDense)
  }

  @Test func givenFeatureDimMustMatchTheData() throws {
    #expect {
      _ = try LL.fit(["predictor_type": "regressor", "feature_dim": "5"], train: LL.channel(LL.gaussian(rows: 4, features: 3, seed: 1), [1, 2, 3, 4]))
    } throws: { "\($0)" == "memory.csv:1: has 3 features per row; expected 5 (feature_dim)" }
  }
}
