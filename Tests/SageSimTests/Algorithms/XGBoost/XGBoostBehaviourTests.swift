import Foundation
import SageCore
import SageIO
import Testing

@testable import SageSim

/// Closed forms, hand-worked toys and the behaviours a learner relies on.
@Suite struct XGBoostBehaviourTests {
  static func batch(_ x: [[Double]], _ y: [Double], weights: [Double]? = nil) -> DataBatch {
    DataBatch(features: .dense(Matrix(rowArrays: x)), labels: y, weights: weights, lines: Array(1...y.count), file: "toy")
  }

  static func train(_ hp: [String: String], _ train: DataBatch, validation: DataBatch? = nil, seed: UInt64 = 0) throws
    -> (XGBoostModel, TrainingLog)
  {
    var log = TrainingLog.silent
    let channels = Channels(
      train: DataChannel(.train, batch: train), validation: validation.map { DataChannel(.validation, batch: $0) })
    let model = try XGBoost.train(try XGBoostHyperparameters.parse(hp), on: channels, seed: seed, log: &log)
    return (model, log)
  }

  /// Squared error, one round, base_score 0: the root's g_i = −y_i, h_i = 1. Rows x = 1, 2, 3, 4
  /// with y = 1, 1, 5, 5 split at x < 3: left G = −2, H = 2, right G = −10, H = 2. With λ = 1 the
  /// leaves are −G/(H+λ)·η = 2/3·0.5 and 10/3·0.5, the gain is 4/3 + 100/3 − 144/5 = 7.8667.
  @Test func singleSplitClosedForm() throws {
    let (model, _) = try Self.train(
      ["num_round": "1", "base_score": "0", "eta": "0.5", "max_depth": "1"],
      Self.batch([[1], [2], [3], [4]], [1, 1, 5, 5]))
    let tree = try #require(model.trees.first)
    #expect(tree.nodeCount == 3)
    #expect(tree.splitIndices[0] == 0 && tree.splitConditions[0] == 3)
    #expect(abs(Double(tree.splitConditions[1]) - 1.0 / 3) < 1e-7)
    #expect(abs(Double(tree.splitConditions[2]) - 5.0 / 3) < 1e-6)
    #expect(abs(Double(tree.lossChanges[0]) - (4.0 / 3 + 100.0 / 3 - 144.0 / 5)) < 1e-5)
    #expect(tree.sumHessian == [4, 2, 2])
    #expect(model.importance(.weight).map(\.value) == [1])
    #expect(model.importance(.totalCover).map(\.value) == [4])
    #expect(model.dump(tree: 0) == "0:[f0<3.0] yes=1,no=2,missing=2,gain=\(tree.lossChanges[0]),cover=4.0\n\t1:leaf=\(tree.splitConditions[1]),cover=2.0\n\t2:leaf=\(tree.splitConditions[2]),cover=2.0\n")
  }

  /// alpha = 1 soft-thresholds G: the right leaf becomes −(−10 + 1)/(2 + 1) = 3; gamma larger than
  /// the gain (7.87) forbids the split. max_delta_step 0.5 caps every weight at 0.5, and at the
  /// capped weights the split loses: score −(2Gw + (H+λ)w²) is 1.25 + 9.25 − 10.75 = −0.25, so
  /// the tree is one leaf of 0.5.
  @Test func regularisationKnobs() throws {
    let data = Self.batch([[1], [2], [3], [4]], [1, 1, 5, 5])
    let base = ["num_round": "1", "base_score": "0", "eta": "1", "max_depth": "1"]
    let (l1, _) = try Self.train(base.merging(["alpha": "1"]) { $1 }, data)
    #expect(abs(Double(l1.trees[0].splitConditions[2]) - 3) < 1e-6)
    let (pruned, _) = try Self.train(base.merging(["gamma": "8"]) { $1 }, data)
    #expect(pruned.trees[0].nodeCount == 1)
    let (capped, _) = try Self.train(base.merging(["max_delta_step": "0.5"]) { $1 }, data)
    #expect(capped.trees[0].nodeCount == 1 && capped.trees[0].splitConditions[0] == 0.5)
    let (heavy, _) = try Self.train(base.merging(["min_child_weight": "3"]) { $1 }, data)
    #expect(heavy.trees[0].nodeCount == 1)
  }

  /// Missing values learn their direction: rows with x missing have y = 5 like the large-x rows,
  /// so the split at x < 3 sends them right (default_left false), and prediction follows.
  @Test func missingValuesLearnDefaultDirection() throws {
    let (model, _) = try Self.train(
      ["num_round": "1", "base_score": "0", "eta": "1", "max_depth": "1", "lambda": "0"],
      Self.batch([[1], [2], [3], [4], [.nan], [.nan]], [1, 1, 5, 5, 5, 5]))
    #expect(model.trees[0].defaultLeft[0] == false)
    let p = try model.predict(.dense(Matrix(rowArrays: [[.nan], [1]])))
    #expect(p.rows[0][0].value == .number(5) && p.rows[1][0].value == .number(1))
  }

  /// Early stopping on the last metric of the validation channel keeps the best round's trees,
  /// records the kept step and reports that round's metrics.
  @Test func earlyStoppingKeepsBestRound() throws {
    let (model, log) = try Self.train(
      ["num_round": "200", "objective": "binary:logistic", "eta": "0.5", "max_depth": "6", "min_child_weight": "0",
       "eval_metric": "auc,logloss", "early_stopping_rounds": "5"],
      SyntheticData.binary(rows: 600, seed: 5), validation: SyntheticData.binary(rows: 300, seed: 6))
    let best = try #require(log.keptStep)
    #expect(model.trees.count == best + 1 && best < 150)
    let curve = log.history.filter { $0.name == "validation:logloss" }
    #expect(curve.count == best + 6)
    let minimum = curve.min { $0.value < $1.value }!
    #expect(minimum.step == best)
    #expect(log.metrics.first { $0.name == "validation:logloss" }?.value == minimum.value)
    #expect(model.attributes["best_iteration"] == "\(best)")
  }

  /// SageMaker's log line: `[i]#011train-<m>:<%.5f>#011validation-<m>:<%.5f>`.
  @Test func roundLogLines() throws {
    let (_, log) = try Self.train(
      ["num_round": "2", "eval_metric": "rmse,error@0.7", "objective": "reg:logistic"],
      Self.batch([[0], [1], [2], [3]], [0, 0, 1, 1]), validation: Self.batch([[0], [3]], [0, 1]))
    let lines = log.messages.filter { $0.hasPrefix("[") }
    #expect(lines.count == 2)
    #expect(lines[0].hasPrefix("[0]#011train-rmse:") && lines[0].contains("#011train-error@0.7:"))
    #expect(lines[0].contains("#011validation-rmse:") && lines[1].hasPrefix("[1]#011"))
    #expect(log.metrics.map(\.name) == ["train:rmse", "train:error@0.7", "validation:rmse", "validation:error@0.7"])
  }

  /// Same seed, same bytes, with every random knob on; another seed gives another model.
  @Test func sameSeedSameModel() throws {
    let hp = ["num_round": "4", "objective": "binary:logistic", "subsample": "0.7", "colsample_bytree": "0.8",
              "colsample_bylevel": "0.8", "colsample_bynode": "0.8"]
    let data = SyntheticData.binary(rows: 3000, seed: 9)
    let a = try Self.train(hp, data, seed: 1).0.xgboostJSON()
    let b = try Self.train(hp, data, seed: 1).0.xgboostJSON()
    let c = try Self.train(hp, data, seed: 2).0.xgboostJSON()
    #expect(a == b && a != c)
  }

  /// lossguide respects max_leaves; exact and hist agree on data with few distinct values (where
  /// every bin is one value, so both try the same thresholds).
  @Test func growPoliciesAndExact() throws {
    let data = SyntheticData.binary(rows: 1000, seed: 4)
    let (lossguide, _) = try Self.train(
      ["num_round": "3", "objective": "binary:logistic", "grow_policy": "lossguide", "max_leaves": "5", "max_depth": "0"], data)
    for tree in lossguide.trees { #expect((0..<tree.nodeCount).filter { tree.isLeaf($0) }.count == 5) }
    var rounded = Self.batch([[1], [2], [3], [4], [5], [6]], [1, 2, 2, 7, 8, 8])
    rounded.weights = [1, 2, 1, 1, 2, 1]
    let hp = ["num_round": "3", "max_depth": "2", "min_child_weight": "0"]
    let (hist, _) = try Self.train(hp.merging(["tree_method": "hist"]) { $1 }, rounded)
    let (exact, _) = try Self.train(hp.merging(["tree_method": "exact"]) { $1 }, rounded)
    let x = Features.dense(Matrix(rowArrays: [[1], [2.5], [4], [6]]))
    #expect(try hist.predict(x) == exact.predict(x))
  }

  /// Bad input: each a clear error naming what is wrong (item 11).
  @Test func refusals() throws {
    let binary = Self.batch([[0], [1]], [0, 2])
    #expect(throws: TrainingError.self) { try Self.train(["num_round": "1", "objective": "binary:logistic"], binary) }
    #expect(throws: TrainingError.self) { try Self.train(["num_round": "1", "objective": "count:poisson"], Self.batch([[0], [1]], [1, -1])) }
    #expect(throws: TrainingError.self) {
      try Self.train(["num_round": "1", "objective": "multi:softmax", "num_class": "3"], Self.batch([[0], [1]], [0, 3]))
    }
    do {
      _ = try Self.train(["num_round": "1", "objective": "binary:logistic"], binary)
    } catch let error as TrainingError {
      #expect(error.description == "train (in memory): row 2 has label 2, which is not valid: expected 0 or 1 for binary:logistic")
    }
    #expect(throws: TrainingError.self) {
      try Self.train(["num_round": "1", "early_stopping_rounds": "3"], Self.batch([[0], [1]], [0, 1]))
    }
  }

  static let hyperparameterErrors: [(String, [String: String], String)] = [
    ("num_class missing", ["num_round": "1", "objective": "multi:softprob"],
     "hyperparameter 'num_class' of xgboost is required: give an integer in [2, ∞) for objective multi:softprob (the number of classes; labels are 0 … num_class−1)"),
    ("unknown objective", ["num_round": "1", "objective": "reg:cubic"],
     "hyperparameter 'objective' of xgboost must be one of reg:squarederror, reg:linear, reg:logistic, reg:gamma, reg:tweedie, reg:pseudohubererror, reg:squaredlogerror, reg:absoluteerror, binary:logistic, binary:logitraw, binary:hinge, count:poisson, multi:softmax, multi:softprob, rank:pairwise, rank:ndcg, rank:map, survival:aft, survival:cox, aft_loss_distribution; got 'reg:cubic'"),
    ("unknown metric", ["num_round": "1", "eval_metric": "rmse,ndcg"],
     "hyperparameter 'eval_metric' of xgboost must be a comma-separated list of \(EvalMetric.simulatedNames); got 'rmse,ndcg'"),
    ("depthwise without depth", ["num_round": "1", "max_depth": "0"],
     "hyperparameters of xgboost: max_depth = 0 (no limit) needs grow_policy = lossguide with max_leaves > 0; a depthwise tree must stop at some depth"),
    ("eta out of range", ["num_round": "1", "learning_rate": "1.5"],
     "hyperparameter 'eta' of xgboost must be a number in [0, 1]; got '1.5'"),
    ("integer as float", ["num_round": "10.0"],
     "hyperparameter 'num_round' of xgboost must be an integer in [1, ∞); got '10.0'"),
    ("alias and name", ["num_round": "1", "eta": "0.1", "learning_rate": "0.2"],
     "hyperparameters of xgboost: 'eta' and 'learning_rate' name the same knob 'eta'; give it once"),
    ("typo", ["num_round": "1", "max_dept": "3"],
     "unknown hyperparameter 'max_dept' for xgboost; did you mean 'max_depth'?"),
  ]

  @Test(arguments: hyperparameterErrors.indices) func hyperparameterRefusals(_ i: Int) {
    let (id, given, message) = Self.hyperparameterErrors[i]
    do {
      _ = try XGBoostHyperparameters.parse(given)
      Issue.record("\(id): accepted")
    } catch {
      #expect(error.description == message, "\(id)")
    }
  }

  /// ROC AUC with a tie: scores (0.9, 0.5, 0.5, 0.1) for labels (1, 1, 0, 0): ΔFP·(TP₀+TP)/2 sums to
  /// 0·… + 1·(1+2)/2 + 1·2 = 3.5 over P·N = 4, so 0.875. XGBoost's rmse, logloss and error by hand.
  @Test func metricsByHand() {
    #expect(RankingCurves.auc(scores: [0.9, 0.5, 0.5, 0.1], labels: [1, 1, 0, 0], weights: nil) == 0.875)
    let input = MetricInput(labels: [1, 0], weights: nil, predictions: [0.8, 0.4], margins: [1.386, -0.405], classes: 1, tweediePower: 1.5)
    #expect(abs(EvalMetric.logloss.evaluate(input) - (-(log(0.8) + log(0.6)) / 2)) < 1e-12)
    #expect(EvalMetric(name: "error@0.3")!.evaluate(input) == 0.5)
    #expect(EvalMetric.error(threshold: 0.5, name: "error").evaluate(input) == 0)
    #expect(abs(EvalMetric.rmse.evaluate(input) - ((0.04 + 0.16) / 2).squareRoot()) < 1e-12)
  }

  /// PR AUC (Davis & Goadrich interpolation) and ROC AUC with a tie at 0.6, against xgboost 3.2.0:
  /// scores as base_margin logits, eta 0, one round — `xgb.train({'objective':'binary:logistic',
  /// 'eta':0,'eval_metric':['aucpr','auc']}, DMatrix(zeros((6,1)), label=y, base_margin=logit(s)), 1,
  /// evals=[(d,'t')])` printed `t-aucpr:0.74075 t-auc:0.72222` (ROC by hand: 6.5 of 9 pairs).
  @Test func aucprAgreesWithXGBoost() {
    let scores = [0.9, 0.8, 0.7, 0.6, 0.6, 0.3]
    let labels: [Double] = [1, 0, 1, 0, 1, 0]
    #expect(abs(RankingCurves.aucpr(scores: scores, labels: labels, weights: nil) - 0.74075) < 5e-6)
    #expect(abs(RankingCurves.auc(scores: scores, labels: labels, weights: nil) - 6.5 / 9) < 1e-15)
  }
}
