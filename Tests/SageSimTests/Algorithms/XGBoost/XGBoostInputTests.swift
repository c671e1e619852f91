import Foundation
import SageCore
import SageIO
import Testing

@testable import SageSim

/// Item 7 of issue #5: libsvm (absent entries are missing values) and CSV with instance weights.
@Suite struct XGBoostInputTests {
  static func write(_ text: String, _ name: String) throws -> String {
    let path = temporaryDirectory() + "/" + name
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  static func train(_ path: String, _ type: ContentType, _ hp: [String: String]) throws -> XGBoostModel {
    var log = TrainingLog.silent
    return try XGBoost.train(
      try XGBoostHyperparameters.parse(hp), on: Channels(train: DataChannel(.train, path: path, contentType: type)),
      seed: 0, log: &log)
  }

  /// `csv_weights=1`: the column after the label is a weight. Weights (1, 1, 3, 1) make the root's
  /// cover 6 and the right leaf −G/(H+λ) = (3·5 + 5)/(4 + 1) = 4 (base_score 0, eta 1): the same
  /// as repeating the third row three times.
  @Test func csvWeights() throws {
    let weighted = try Self.write("1,1,1\n1,1,2\n5,3,3\n5,1,4\n", "w.csv")
    let repeated = try Self.write("1,1\n1,2\n5,3\n5,3\n5,3\n5,4\n", "r.csv")
    let hp = ["num_round": "1", "base_score": "0", "eta": "1", "max_depth": "1"]
    let a = try Self.train(weighted, .csv(labelSize: 1), hp.merging(["csv_weights": "1"]) { $1 })
    let b = try Self.train(repeated, .csv(labelSize: 1), hp)
    #expect(a.trees[0].sumHessian[0] == 6)
    #expect(abs(Double(a.trees[0].splitConditions[2]) - 4) < 1e-6)
    #expect(a.trees == b.trees)
  }

  /// Issue #7: Pipe mode trains the same trees as File mode, and the log says plainly that xgboost
  /// holds the whole data set in memory (unlike the streaming algorithms).
  @Test func pipeModeSaysTheDataIsHeldInMemory() throws {
    let path = try Self.write("1,1\n1,2\n5,3\n5,4\n", "pipe.csv")
    let hp = try XGBoostHyperparameters.parse(["num_round": "2", "max_depth": "1"])
    var pipeLog = TrainingLog.silent, fileLog = TrainingLog.silent
    let piped = try XGBoost.train(
      hp, on: Channels(train: DataChannel(.train, path: path, contentType: .csv(labelSize: 1), inputMode: .pipe)),
      seed: 0, log: &pipeLog)
    let filed = try XGBoost.train(
      hp, on: Channels(train: DataChannel(.train, path: path, contentType: .csv(labelSize: 1))), seed: 0, log: &fileLog)
    #expect(piped.trees == filed.trees)
    #expect(pipeLog.warnings.contains { $0.contains("xgboost needs the whole data set in memory") })
    #expect(fileLog.warnings.isEmpty)
  }

  /// libsvm: an absent index is a missing value (not 0), and learns its own direction.
  @Test func libsvmAbsentEntriesAreMissing() throws {
    let path = try Self.write("1 0:1\n1 0:2\n5 0:3\n5 0:4\n5\n5\n", "m.libsvm")
    let model = try Self.train(path, .libsvm, ["num_round": "1", "base_score": "0", "eta": "1", "max_depth": "1", "lambda": "0"])
    #expect(model.trees[0].defaultLeft[0] == false)
    #expect(model.trees[0].splitConditions[0] == 3)
    let p = try model.predict(.sparse(SparseMatrix(rows: 2, columns: 1, rowStart: [0, 0, 1], columnIndices: [0], values: [1])))
    #expect(p.rows[0][0].value == .number(5) && p.rows[1][0].value == .number(1))
  }
}
