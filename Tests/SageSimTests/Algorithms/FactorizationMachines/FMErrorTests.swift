import Foundation
import SageCore
import SageIO
import Testing

@testable import SageSim

/// Bad input stops training with a message naming the place, the value and the expectation.
@Suite struct FMErrorTests {
  static let base = ["feature_dim": "3", "num_factors": "2", "predictor_type": "regressor"]

  func message(_ hp: [String: String], _ train: DataChannel) -> String {
    do {
      _ = try FM.fit(hp, train: train)
      return "no error"
    } catch { return "\(error)" }
  }

  @Test func featureIndexAtOrAboveFeatureDim() throws {
    let path = temporaryDirectory() + "/bad.libsvm"
    try "1 0:1 2:1\n2 1:1 3:1\n".write(toFile: path, atomically: true, encoding: .utf8)
    let text = message(Self.base, FM.libsvm(path))
    #expect(text.contains("bad.libsvm:2"), "\(text)")
    #expect(text.contains("3"), "\(text)")
    // In memory (no reader to catch it), the training job checks each index itself.
    let memory = message(Self.base, FM.sparse([[(0, 1)], [(5, 1)]], [1, 2], d: 6))
    #expect(memory.contains("has 6 features per row; expected feature_dim = 3"), "\(memory)")
  }

  @Test func classifierLabelsMustBeZeroOrOne() {
    var hp = Self.base
    hp["predictor_type"] = "binary_classifier"
    let text = message(hp, FM.sparse([[(0, 1)], [(1, 1)]], [1, 2], d: 3))
    #expect(text.contains("memory.libsvm:2:1: '2' is not a valid label: expected 0 or 1 for a binary_classifier"), "\(text)")
  }

  @Test func divergingLearningRateStopsWithoutAModel() {
    var hp = Self.base
    for term in ["bias", "linear", "factors"] { hp["\(term)_lr"] = "1e300" }
    hp["factors_init_sigma"] = "1"
    let rows: [[(Int, Double)]] = (0..<50).map { [($0 % 3, 1e3), (($0 + 1) % 3, -1e3)] }
    let text = message(hp, FM.sparse(rows, rows.map { _ in 1e6 }, d: 3))
    #expect(text.hasPrefix("factorization-machines diverged at epoch 0, mini-batch 0"), "\(text)")
    #expect(text.contains("No model was written"), "\(text)")
  }

  @Test func initMethodsNeedTheirValue() {
    var hp = Self.base
    hp["factors_init_method"] = "uniform"
    hp["bias_init_method"] = "constant"
    #expect(throws: HyperparameterError.self) { try FactorizationMachinesHyperparameters.parse(hp) }
    let text = (try? FactorizationMachinesHyperparameters.parse(hp)).map { _ in "" } ?? {
      do { _ = try FactorizationMachinesHyperparameters.parse(hp); return "" } catch { return "\(error)" }
    }()
    #expect(text.contains("factors_init_scale"), "\(text)")
    #expect(text.contains("bias_init_value"), "\(text)")
  }

  @Test func requiredKnobs() {
    do {
      _ = try FactorizationMachinesHyperparameters.parse([:])
      Issue.record("parsed without the required knobs")
    } catch {
      for name in ["feature_dim", "num_factors", "predictor_type"] { #expect("\(error)".contains(name)) }
    }
  }
}
