import Foundation
import SageCore
import SageIO
import Testing

@testable import SageSim

/// Item 5 of issue #5: models saved by real XGBoost predict the same here, and sagesim's own
/// models survive the XGBoost JSON round trip. The fixtures were made by
/// `/tmp/refvenv/bin/python Tests/Fixtures/xgboost/make_fixtures.py` (xgboost 3.2.0, numpy 2.4.6,
/// scikit-learn 1.9.1, Python 3.11; versions also in expected.json): models saved with
/// `Booster.save_model("<name>.json")` and `Booster.predict` on each model's input, which includes
/// missing values (empty CSV fields) for the binary objectives.
@Suite struct XGBoostInterchangeTests {
  static let fixtures = repositoryRoot.appendingPathComponent("Tests/Fixtures/xgboost")

  struct Expected: Decodable {
    struct Case: Decodable {
      let name: String
      let input: String
      let predictions: [Double]
      let width: Int
    }
    let models: [Case]
    let quality: [String: [String: Double]]
  }

  static let expected: Expected = {
    let data = FileManager.default.contents(atPath: fixtures.appendingPathComponent("expected.json").path) ?? Data()
    return (try? JSONDecoder().decode(Expected.self, from: data)) ?? Expected(models: [], quality: [:])
  }()

  static var names: [String] { expected.models.map(\.name) }

  static func features(_ c: Expected.Case) throws -> Features {
    let path = fixtures.appendingPathComponent(c.input).path
    let hasLabel = !c.input.hasSuffix("missing.csv")
    return try readAll(path: path, contentType: .csv(labelSize: hasLabel ? 1 : 0),
                       options: ReadOptions(hasLabel: hasLabel, allowsMissing: true)).features
  }

  static func loadModel(_ name: String) throws -> XGBoostModel {
    let data = try Data(contentsOf: fixtures.appendingPathComponent("models/\(name).json"))
    return try JSONDecoder().decode(XGBoostModel.self, from: data)
  }

  static func scores(_ p: Predictions) -> [Double] {
    p.rows.flatMap { row -> [Double] in
      switch row[0].value {
      case .number(let x): return [x]
      case .vector(let v): return v
      }
    }
  }

  @Test func fixturesArePresent() {
    #expect(Self.expected.models.count == 12)
  }

  /// XGBoost's predictions on the fixture inputs, within 1e-5 (XGBoost sums leaves in 32-bit floats).
  @Test(arguments: names) func xgboostModelPredictsTheSame(name: String) throws {
    let c = try #require(Self.expected.models.first { $0.name == name })
    let model = try Self.loadModel(name)
    let ours = Self.scores(try model.predict(try Self.features(c)))
    #expect(ours.count == c.predictions.count)
    let worst = zip(ours, c.predictions).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? .infinity
    #expect(worst <= 1e-5, "\(name): worst difference \(worst)")
  }

  /// Written by sagesim as XGBoost text, read back: the same trees and predictions; every real
  /// number carries a decimal point or exponent (XGBoost's parser refuses `0` where a float goes).
  @Test(arguments: names) func writtenModelReadsBack(name: String) throws {
    let model = try Self.loadModel(name)
    let text = model.xgboostJSON()
    let again = try JSONDecoder().decode(XGBoostModel.self, from: Data(text.utf8))
    #expect(again.trees == model.trees)
    #expect(again.baseScore == model.baseScore && again.objective == model.objective)
    for key in ["base_weights", "loss_changes", "split_conditions", "sum_hessian"] {
      for part in text.components(separatedBy: "\"\(key)\":[").dropFirst() {
        let elements = part.prefix { $0 != "]" }.split(separator: ",")
        #expect(elements.allSatisfy { $0.contains(".") || $0.contains("e") }, "\(key) has an integer-looking element")
      }
    }
  }

  /// The model directory holds xgboost-model.json next to model.json, and a directory holding only
  /// an XGBoost-saved model predicts through the registry (what `sagesim predict` does).
  @Test func modelDirectoryInterchange() throws {
    let dir = temporaryDirectory()
    let batch = SyntheticData.binary(rows: 300, seed: 3)
    var log = TrainingLog.silent
    let json = try AlgorithmRegistry.entry(named: "xgboost").train(
      hyperparameters: ["num_round": "5", "objective": "binary:logistic", "max_depth": "3"],
      channels: Channels(train: DataChannel(.train, batch: batch)), seed: 0, log: &log)
    try ModelDirectory.write(json, to: dir)
    let written = try Data(contentsOf: URL(fileURLWithPath: dir).appendingPathComponent("xgboost-model.json"))
    let model = try JSONDecoder().decode(XGBoostModel.self, from: written)
    #expect(model.trees.count == 5 && model.featureDim == 28)

    let saved = temporaryDirectory()
    try FileManager.default.copyItem(
      at: Self.fixtures.appendingPathComponent("models/softprob.json"),
      to: URL(fileURLWithPath: saved).appendingPathComponent("xgboost-model.json"))
    let (algorithm, wrapped) = try ModelDirectory.read(from: saved)
    #expect(algorithm == "xgboost")
    let c = try #require(Self.expected.models.first { $0.name == "softprob" })
    let p = try AlgorithmRegistry.entry(named: "xgboost").predict(modelJSON: wrapped, directory: saved, features: try Self.features(c))
    #expect(zip(Self.scores(p), c.predictions).allSatisfy { abs($0 - $1) <= 1e-5 })
  }
}
