import Foundation
import SageCore
import SageIO
import Testing

@testable import SageSim

/// Item 8 of issue #5: the validation metrics of sagesim's hist boosting against real XGBoost's
/// with the same hyperparameters (`tree_method=hist`, `max_bin=256`, `base_score=0.5`, seed 0,
/// `nthread=2`), within 0.5 % relative. The reference figures are the 'quality' section of
/// Tests/Fixtures/xgboost/expected.json, written by
/// `/tmp/refvenv/bin/python Tests/Fixtures/xgboost/make_fixtures.py` (xgboost 3.2.0); at the time
/// of writing they were:
///   autompg        rmse 2.3587088, mae 1.6643882         (reg:squarederror, eta 0.1, depth 4, 60 rounds)
///   breast_cancer  logloss 0.1798763, auc 0.9790625      (binary:logistic, eta 0.1, depth 4, 60 rounds)
///   iris           merror 0.1666667, mlogloss 0.5857047  (multi:softprob, eta 0.1, depth 3, 30 rounds)
///   wine           merror 0.0555556, mlogloss 0.1501665  (multi:softmax, eta 0.1, depth 3, 30 rounds)
///   synthetic_binary logloss 0.5706082, auc 0.7722350    (20,000 × 28 rows of SyntheticData.binary
///                  seed 1, validated on 5,000 of seed 2; eta 0.1, depth 4, 100 rounds)
/// On the synthetic rows XGBoost's quantile sketch is approximate (it prunes to 2,048 entries
/// before 257) while sagesim's summary is exact, so bin edges differ slightly: sagesim is within
/// 0.45 % (logloss 0.56813, auc 0.77488). A harder-overfitting setting (eta 0.3, depth 6, 50 rounds)
/// is too sensitive to compare at 0.5 %: xgboost itself moves 0.8 % in logloss (0.58908 → 0.59390)
/// between max_bin 256 and 255.
///   breast_cancer_lossguide logloss 0.1914758, auc 0.980625 (lossguide, max_leaves 8, max_depth 0)
@Suite struct XGBoostQualityTests {
  struct Case: Sendable, CustomStringConvertible {
    let name: String
    let data: String?
    let hyperparameters: [String: String]
    var description: String { name }
  }

  static let cases = [
    Case(name: "autompg", data: "autompg", hyperparameters: [
      "objective": "reg:squarederror", "eta": "0.1", "max_depth": "4", "num_round": "60", "eval_metric": "rmse,mae"]),
    Case(name: "breast_cancer", data: "breast_cancer", hyperparameters: [
      "objective": "binary:logistic", "eta": "0.1", "max_depth": "4", "num_round": "60", "eval_metric": "logloss,auc"]),
    Case(name: "iris", data: "iris", hyperparameters: [
      "objective": "multi:softprob", "num_class": "3", "eta": "0.1", "max_depth": "3", "num_round": "30", "eval_metric": "merror,mlogloss"]),
    Case(name: "wine", data: "wine", hyperparameters: [
      "objective": "multi:softmax", "num_class": "3", "eta": "0.1", "max_depth": "3", "num_round": "30", "eval_metric": "merror,mlogloss"]),
    Case(name: "synthetic_binary", data: nil, hyperparameters: [
      "objective": "binary:logistic", "eta": "0.1", "max_depth": "4", "num_round": "100", "eval_metric": "logloss,auc"]),
    Case(name: "breast_cancer_lossguide", data: "breast_cancer", hyperparameters: [
      "objective": "binary:logistic", "eta": "0.1", "max_depth": "0", "grow_policy": "lossguide", "max_leaves": "8",
      "num_round": "60", "eval_metric": "logloss,auc"]),
  ]

  static func channels(_ c: Case) -> Channels {
    guard let data = c.data else {
      return Channels(
        train: DataChannel(.train, batch: SyntheticData.binary(rows: 20_000, seed: 1)),
        validation: DataChannel(.validation, batch: SyntheticData.binary(rows: 5_000, seed: 2)))
    }
    return Channels(
      train: DataChannel(.train, path: dataset("\(data)/train.csv"), contentType: .csv(labelSize: 1)),
      validation: DataChannel(.validation, path: dataset("\(data)/validation.csv"), contentType: .csv(labelSize: 1)))
  }

  @Test(arguments: cases) func validationMetricsMatchXGBoost(_ c: Case) throws {
    let reference = try #require(XGBoostInterchangeTests.expected.quality[c.name])
    var log = TrainingLog.silent
    let hp = try XGBoostHyperparameters.parse(c.hyperparameters.merging(["base_score": "0.5"]) { a, _ in a })
    _ = try XGBoost.train(hp, on: Self.channels(c), seed: 0, log: &log)
    for (metric, expected) in reference {
      let ours = try #require(log.metrics.first { $0.name == "validation:\(metric)" }?.value)
      let relative = abs(ours - expected) / max(abs(expected), 1e-12)
      #expect(relative <= 0.005, "\(c.name) \(metric): sagesim \(ours), xgboost \(expected)")
    }
  }

  /// The generated 1,000,000 × 28 binary problem at the performance anchors' settings
  /// (max_depth 6, eta 0.3, 100 rounds, 256 bins): the rows of `SyntheticData.binary` seed 1,
  /// validated on 100,000 rows of seed 2, exactly as the benchmark makes them. xgboost 3.2.0 reached
  /// validation auc 0.7904327800923003 with
  /// `cd Benchmarks && .build/release/sagesim-bench xgboost-data binary 1000000 1 out/xgb_binary_1000000_train.f64 &&
  ///  .build/release/sagesim-bench xgboost-data binary 100000 2 out/xgb_binary_100000_valid.f64 &&
  ///  .venv/bin/python xgboost_bench.py --worker binary xgboost out/xgb_binary_1000000_train.f64 out/xgb_binary_100000_valid.f64`
  /// (tree_method hist, nthread 2, base_score 0.5, seed 0). sagesim reached 0.79290 in the benchmark.
  /// About 15 s of a release test run.
  @Test func millionRowBinaryProblemMatchesXGBoost() throws {
    let channels = Channels(
      train: DataChannel(.train, batch: SyntheticData.binary(rows: 1_000_000, seed: 1)),
      validation: DataChannel(.validation, batch: SyntheticData.binary(rows: 100_000, seed: 2)))
    let hp = try XGBoostHyperparameters.parse([
      "objective": "binary:logistic", "eta": "0.3", "max_depth": "6", "num_round": "100", "max_bin": "256",
      "base_score": "0.5", "eval_metric": "auc",
    ])
    var log = TrainingLog.silent
    _ = try XGBoost.train(hp, on: channels, seed: 0, log: &log)
    let ours = try #require(log.metrics.first { $0.name == "validation:auc" }?.value)
    let xgboost = 0.7904327800923003
    #expect(abs(ours - xgboost) / xgboost <= 0.005, "sagesim auc \(ours), xgboost \(xgboost)")
  }
}
