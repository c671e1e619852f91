import Foundation
import Numerics
import SageCore
import SageIO
import Testing

@testable import SageSim

/// Training: one Adam step worked by hand, determinism, File vs Pipe vs RecordIO, learning curves.
@Suite struct FMTrainingTests {
  /// One row x = (1, 1), y = 1, d = 2, k = 2, every parameter constant: w₀ = 0, wᵢ = 0, v = 0.1.
  /// ŷ = ⟨v₀, v₁⟩ = 0.02, r = ŷ − y = −0.98 (squared loss ½r²), one mini-batch of one row.
  /// Adam's first step with g′ = g + λθ: m = (1−β₁)g′, v = (1−β₂)g′², η̂ = η√(1−β₂)/(1−β₁), so
  /// θ ← θ − η·a·sign(g′)/(a + ε) with a = √(1−β₂)|g′|.
  @Test func oneAdamStepByHand() throws {
    let hp = [
      "feature_dim": "2", "num_factors": "2", "predictor_type": "regressor", "mini_batch_size": "1",
      "bias_init_method": "constant", "bias_init_value": "0", "linear_init_method": "constant", "linear_init_value": "0",
      "factors_init_method": "constant", "factors_init_value": "0.1",
      "bias_lr": "0.1", "linear_lr": "0.01", "factors_lr": "0.001", "bias_wd": "0", "linear_wd": "0", "factors_wd": "0.5",
    ]
    let (model, _) = try FM.fit(hp, train: FM.sparse([[(0, 1), (1, 1)]], [1], d: 2))
    func moved(_ rate: Double, _ g: Double) -> Double {
      let a = (1 - 0.999).squareRoot() * abs(g)
      return -rate * a / (a + 1e-8) * (g > 0 ? 1 : -1)
    }
    let r = 0.02 - 1.0
    #expect(model.w0.isApproximatelyEqual(to: moved(0.1, r), relativeTolerance: 1e-14))
    #expect(model.w[0].isApproximatelyEqual(to: moved(0.01, r), relativeTolerance: 1e-14))
    // ∂ŷ/∂v_{0,f} = x₀(s_f − v_{0,f}x₀) = 0.2 − 0.1 = 0.1; g′ = −0.98·0.1 + 0.5·0.1 = −0.048.
    let gv = r * 0.1 + 0.5 * 0.1
    for e in 0..<4 { #expect(model.v[e].isApproximatelyEqual(to: 0.1 + moved(0.001, gv), relativeTolerance: 1e-14)) }
  }

  @Test func sameSeedSameBytes() throws {
    var hp = FM.rank8
    hp["predictor_type"] = "regressor"
    hp["epochs"] = "2"
    let parsed = try FactorizationMachinesHyperparameters.parse(hp)
    func bytes(_ seed: UInt64) throws -> Data {
      let model = try FM.fit(hp, train: FM.libsvm(FM.fixture("train.libsvm")), seed: seed).model
      return try ModelDirectory.encode(model, algorithm: FactorizationMachines.name, hyperparameters: parsed.sageMakerValues)
    }
    let a = try bytes(7)
    #expect(a == (try bytes(7)))
    #expect(a != (try bytes(8)))
  }

  /// The same file read in File mode, in Pipe mode (streamed once per epoch) and as sparse
  /// RecordIO-protobuf gives the same model (Float32 records hold these one-hot values exactly;
  /// the labels are rounded to Float32, so RecordIO is compared on the 0/1 binary file).
  @Test func fileModePipeModeAndRecordIOAgree() throws {
    var hp = FM.rank8
    hp["predictor_type"] = "binary_classifier"
    hp["epochs"] = "2"
    let path = FM.fixture("train-binary.libsvm")
    let file = try FM.fit(hp, train: FM.libsvm(path)).model
    let pipe = try FM.fit(hp, train: FM.libsvm(path, mode: .pipe)).model
    #expect(file == pipe)
    let recordio = temporaryDirectory() + "/train.rec"
    let writer = try DataWriter(path: recordio, contentType: .recordIOProtobuf, sparse: true)
    try writer.write(readAll(path: path, contentType: .libsvm, options: ReadOptions(featureDim: 1000)))
    try writer.finish()
    let fromRecords = try FM.fit(hp, train: DataChannel(.train, path: recordio, contentType: .recordIOProtobuf, inputMode: .pipe)).model
    #expect(fromRecords == file)
  }

  @Test func learningCurveIsInTheHistory() throws {
    var hp = FM.rank8
    hp["predictor_type"] = "regressor"
    hp["epochs"] = "5"
    let (_, log) = try FM.fit(hp, train: FM.libsvm(FM.fixture("train.libsvm")), test: FM.libsvm(FM.fixture("test.libsvm"), .test))
    let curve = log.history.filter { $0.name == "train:rmse" }
    #expect(curve.map(\.step) == [0, 1, 2, 3, 4])
    // Training error falls epoch after epoch on this data (Adam at 0.01, 24,000 rows).
    #expect(zip(curve, curve.dropFirst()).allSatisfy { $0.value > $1.value })
    #expect(FM.metric(log, "test:rmse") != nil)
    #expect(log.messages.contains { $0.hasPrefix("#test_score (algo-1) : ('rmse', ") })
  }

  @Test func classifierReportsSageMakersThreeTestMetrics() throws {
    var hp = FM.rank8
    hp["predictor_type"] = "binary_classifier"
    hp["epochs"] = "1"
    let (model, log) = try FM.fit(hp, train: FM.libsvm(FM.fixture("train-binary.libsvm")), test: FM.libsvm(FM.fixture("test-binary.libsvm"), .test))
    let test = try readAll(path: FM.fixture("test-binary.libsvm"), contentType: .libsvm, options: ReadOptions(featureDim: 1000))
    let z = model.margins(test.features.compressedRows())
    let accuracy = Double(zip(z, test.labels).filter { ($0 >= 0 ? 1.0 : 0.0) == $1 }.count) / Double(z.count)
    let entropy = zip(z, test.labels).map { ScalarLoss.logistic.value($0, $1) }.reduce(0, +) / Double(z.count)
    #expect(FM.metric(log, "test:binary_classification_accuracy") == accuracy)
    #expect(FM.metric(log, "test:binary_classification_cross_entropy")!.isApproximatelyEqual(to: entropy, relativeTolerance: 1e-12))
    #expect(FM.metric(log, "test:binary_f_beta") == FMJob.f1(zip(z, test.labels).map { ($0, $1) }))
  }
}
