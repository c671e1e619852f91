import Foundation
import Testing

/// The knob lab end to end: sweep, explain, preprocessing through predict, and the Examples/
/// walkthroughs, each run as a learner would run it and its lesson checked in numbers.
@Suite struct KnobLabTests {
  static let root = CommandLineTests.root
  static func data(_ name: String) -> String { root.appendingPathComponent("Datasets").appendingPathComponent(name).path }

  @Test func explainTellsTheWholeKnob() throws {
    let run = try sagesim(["explain", "linear-learner", "l1"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.hasPrefix("linear-learner l1\n\nL1 penalty"))
    #expect(run.stdout.contains("default:       auto\n"))
    #expect(run.stdout.contains("valid values:  'auto' or a number in [0, ∞)\n"))
    #expect(run.stdout.contains("Raising and lowering it: "))
    #expect(run.stdout.contains("See it at work: Examples/l1-vs-l2/README.md"))
    #expect(run.stdout.contains("Try it: sagesim sweep linear-learner --vary l1=1e-6:1:7:log"))
    let pre = try sagesim(["explain", "linear-learner", "polynomial_degree"])
    #expect(pre.stdout.contains("A sagesim preprocessing option, NOT a SageMaker hyperparameter: give it as --preprocess polynomial_degree=VALUE."))
    let typo = try sagesim(["explain", "linear-learner", "learning_rat"])
    #expect(typo.status != 0)
    #expect(typo.stderr.contains("linear-learner has no hyperparameter 'learning_rat'; did you mean 'learning_rate'?"))
  }

  @Test func sweepWritesTableChartSVGAndCSV() throws {
    let dir = temporaryDirectory()
    let run = try sagesim([
      "sweep", "linear-learner", "--vary", "polynomial_degree=1,3", "--train", Self.data("noisy_sine/train.csv"),
      "--holdout", Self.data("noisy_sine/validation.csv"), "--hp", "predictor_type=regressor", "--hp", "num_models=1",
      "--hp", "epochs=50", "--hp", "mini_batch_size=20", "--ascii", "--plots", dir, "--results", dir + "/r.csv", "--report", dir,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("2 trainings on"))
    #expect(run.stdout.contains("← best"))
    #expect(run.stdout.contains("best by holdout:mse (lowest): polynomial_degree=3"))
    #expect(run.stdout.contains("x: polynomial_degree   y: mse"))
    #expect(!run.stdout.contains("\u{1B}["))  // not a terminal: no colour
    let csv = try String(contentsOfFile: dir + "/r.csv", encoding: .utf8).split(separator: "\n")
    #expect(csv.count == 3 && csv[0].hasPrefix("polynomial_degree,train:mse,train:rmse"))
    for name in ["sweep-linear-learner-polynomial_degree.svg", "fits-linear-learner-polynomial_degree.svg", "learning-curve-linear-learner-best.svg"] {
      let svg = try String(contentsOfFile: dir + "/" + name, encoding: .utf8)
      #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""), "\(name)")
    }
    let html = try String(contentsOfFile: dir + "/report.html", encoding: .utf8)
    #expect(html.components(separatedBy: "<figure class=\"chart\">").count == 4)
  }

  @Test func preprocessingTravelsWithTheModel() throws {
    let dir = temporaryDirectory()
    let train = try sagesim([
      "train", "linear-learner", "--train", Self.data("noisy_sine/train.csv"), "--hp", "predictor_type=regressor",
      "--hp", "num_models=1", "--hp", "epochs=200", "--hp", "mini_batch_size=20", "--hp", "use_lr_scheduler=false",
      "--preprocess", "polynomial_degree=5", "--preprocess", "polynomial_basis=legendre", "--model-dir", dir,
    ])
    #expect(train.status == 0, "\(train.stderr)")
    #expect(train.stdout.contains("5 features after expansion"))
    let input = dir + "/x.csv"
    try "0.5\n-0.5\n".write(toFile: input, atomically: true, encoding: .utf8)
    let run = try sagesim(["predict", "--model-dir", dir, "--input", input, "--accept", "text/csv"])
    #expect(run.status == 0, "\(run.stderr)")
    // The fit follows sin(πx): about +1 at x = 0.5 and −1 at x = −0.5.
    let values = run.stdout.split(separator: "\n").compactMap { Double($0) }
    #expect(values.count == 2 && abs(values[0] - 1) < 0.3 && abs(values[1] + 1) < 0.3, "\(values)")
  }

  // MARK: - The walkthroughs

  /// Runs `Examples/<name>/run.sh` against the built binary and returns its `RESULT key=value` lines.
  static func walkthrough(_ name: String, environment extra: [String: String] = [:]) throws -> [String: String] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [root.appendingPathComponent("Examples/\(name)/run.sh").path]
    var environment = ProcessInfo.processInfo.environment
    environment["SAGESIM"] = buildFolder().appendingPathComponent("sagesim").path
    environment["OUT"] = temporaryDirectory()
    environment.merge(extra) { $1 }
    process.environment = environment
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(name): \(stderr)")
    var results: [String: String] = [:]
    for line in stdout.split(separator: "\n") where line.hasPrefix("RESULT ") {
      let pair = line.dropFirst(7).split(separator: "=", maxSplits: 1)
      if pair.count == 2 { results[String(pair[0])] = String(pair[1]) }
    }
    return results
  }

  static func numbers(_ text: String?) -> [Double] { (text ?? "").split(separator: ",").compactMap { Double($0) } }

  @Test func polynomialOverfittingMakesAU() throws {
    let r = try Self.walkthrough("polynomial-overfitting")
    for wd in ["wd0", "wd01"] {
      #expect(r["\(wd)_train_rises"] == "0")
      let best = try #require(Double(r["\(wd)_holdout_best"] ?? "")), first = try #require(Double(r["\(wd)_holdout_degree1"] ?? ""))
      let last = try #require(Double(r["\(wd)_holdout_degree15"] ?? "")), degree = try #require(Int(r["\(wd)_best_degree"] ?? ""))
      #expect((3...8).contains(degree) && first > 2.5 * best && last > 1.2 * best, "\(r)")
    }
    #expect(Double(r["wd0_holdout_degree15"]!)! > 5 * Double(r["wd0_holdout_best"]!)!)
  }

  @Test func wdRescuesDegreeFifteen() throws {
    let r = try Self.walkthrough("wd-rescue")
    let none = try #require(Double(r["holdout_wd0"] ?? "")), best = try #require(Double(r["holdout_best"] ?? ""))
    let most = try #require(Double(r["holdout_largest_wd"] ?? ""))
    #expect(none > 4 * best && most > best && r["best_wd"] != "0" && r["best_wd"] != "1", "\(r)")
    #expect(Double(r["train_largest_wd"]!)! > 10 * Double(r["train_wd0"]!)!)
  }

  @Test func l1MakesZerosAndL2DoesNot() throws {
    let r = try Self.walkthrough("l1-vs-l2")
    let l1 = Self.numbers(r["L1_zeros"]), l2 = Self.numbers(r["L2_zeros"])
    #expect(l1.count == 9 && l2.count == 9)
    #expect(l1.first == 0 && l1.last == 10 && zip(l1, l1.dropFirst()).allSatisfy { $0 <= $1 }, "\(l1)")
    #expect(l2.allSatisfy { $0 == 0 })
    #expect(Self.numbers(r["elastic_zeros"]).last == 10)
  }

  @Test func earlyStoppingKeepsTheBestEpoch() throws {
    let r = try Self.walkthrough("learning-curves")
    let steps = Self.numbers(r["steps_run"]), kept = Self.numbers(r["kept"])
    #expect(steps.count == 4 && zip(steps, steps.dropFirst()).allSatisfy { $0 < $1 } && steps.last == 40, "\(r)")
    #expect(Set(kept).count == 1 && kept[0] < steps[0])
  }

  @Test func positiveWeightTradesPrecisionForRecall() throws {
    let r = try Self.walkthrough("class-imbalance")
    let recall = Self.numbers(r["recall"]), precision = Self.numbers(r["precision"])
    #expect(recall.count == 5 && zip(recall, recall.dropFirst()).allSatisfy { $0 <= $1 } && recall.last! > recall.first!, "\(r)")
    #expect(zip(precision, precision.dropFirst()).allSatisfy { $0 >= $1 } && precision.first! > precision.last! + 0.1)
  }

  @Test func thresholdFollowsTheCriterion() throws {
    let r = try Self.walkthrough("threshold-selection")
    let recall = Self.numbers(r["recall"]), precision = Self.numbers(r["precision"])
    // accuracy, precision_at_target_recall (target 0.98), recall_at_target_precision (target 0.98).
    #expect(recall[1] >= 0.98 && recall[1] > recall[0] && precision[1] < precision[0], "\(r)")
    #expect(precision[2] >= 0.98)
  }

  static func decreasing(_ v: [Double]) -> Bool { zip(v, v.dropFirst()).allSatisfy { $0 > $1 } }
  static func increasing(_ v: [Double]) -> Bool { zip(v, v.dropFirst()).allSatisfy { $0 < $1 } }

  @Test func kmeansElbowBendsAtNine() throws {
    let r = try Self.walkthrough("kmeans-elbow")
    let k = Self.numbers(r["k"]), msd = Self.numbers(r["msd"])
    let elbow = try #require(Double(r["elbow"] ?? ""))
    #expect(k.count == 19 && msd.count == 19, "\(r)")
    // Full run (epochs=3, seed 1): msd 1092.8 at k=2, 679.7 at the elbow k=9, 550.6 at k=20
    // (547.9 at k=19: one more center need not lower it, the curve is flat there).
    #expect(elbow == 9, "\(r)")
    let e = k.firstIndex(of: elbow)!
    let before = (msd[0] - msd[e]) / Double(e), after = (msd[e] - msd.last!) / Double(k.count - 1 - e)
    #expect(before > 2.5 * after, "steep then flat: \(before) vs \(after) per k")
    #expect(Self.decreasing(Array(msd[...e])) && msd.last! < msd[e] && msd.last! < 0.55 * msd[0], "\(msd)")
  }

  @Test func extraCentersFindTheSmallClusters() throws {
    let r = try Self.walkthrough("kmeans-extra-centers", environment: ["SEEDS": "4", "INITS": "kmeans++", "FACTORS": "1 5 20", "TRIALS": "10"])
    let msd = Self.numbers(r["kmeans++_trials10_msd"]), found = Self.numbers(r["kmeans++_trials10_found"])
    // Full run (8 seeds): mean msd 39.3 → 18.8 → 8.4 and small clusters found 0.2 → 4.8 for factor 1, 5, 20.
    #expect(msd.count == 3 && Self.decreasing(msd) && msd[0] > 30 && msd[2] < 11, "\(r)")
    #expect(found.count == 3 && Self.increasing(found) && found[0] < 1 && found[2] >= 4, "\(r)")
  }

  @Test func deeperTreesOverfit() throws {
    let r = try Self.walkthrough("xgboost-overfitting", environment: ["TRAIN_ROWS": "1000", "VALIDATION_ROWS": "1000", "ROUNDS": "50"])
    // max_depth 1, 2, 3, 4, 6, 8, 12: train logloss falls at every step; validation is best at a
    // moderate depth (3 here, 2 in the full run) and clearly worse at 8 and 12.
    let train = Self.numbers(r["depth_train_logloss"]), valid = Self.numbers(r["depth_validation_logloss"])
    #expect(train.count == 7 && valid.count == 7 && Self.decreasing(train) && train.last! < 0.2 * train[0], "\(r)")
    let best = valid.indices.min { valid[$0] < valid[$1] }!
    #expect((1...3).contains(best) && valid[5] > 1.05 * valid[best] && valid[6] > 1.05 * valid[best], "\(valid)")
    // min_child_weight 20, 10, 5, 1, 0.1, 0 at depth 8: smaller leaves fit train better and validation worse.
    let wTrain = Self.numbers(r["weight_train_logloss"]), wValid = Self.numbers(r["weight_validation_logloss"])
    #expect(wTrain.count == 6 && Self.decreasing(wTrain), "\(r)")
    #expect(wValid.count == 6 && wValid.min() == wValid[0] && wValid[4] > 1.1 * wValid[0] && wValid[5] > 1.1 * wValid[0], "\(wValid)")
  }

  @Test func smallerEtaNeedsMoreRoundsAndEarlyStoppingPicksThem() throws {
    let r = try Self.walkthrough("xgboost-eta-early-stopping", environment: ["ROWS": "1000"])
    // eta 1.0, 0.5, 0.3, 0.1, 0.03 with num_round=2000 and early_stopping_rounds=20.
    let best = Self.numbers(r["best_round"]), ran = Self.numbers(r["rounds_run"]), loss = Self.numbers(r["validation_logloss"])
    #expect(best.count == 5 && ran.count == 5 && loss.count == 5, "\(r)")
    #expect(zip(best, ran).allSatisfy { $1 == $0 + 21 }, "each run stops 20 rounds after its best: \(r)")
    #expect(ran.allSatisfy { $0 < 2000 } && Self.increasing(best) && best[4] > 10 * max(best[1], 1), "\(r)")
    #expect(loss[4] < loss[0] && loss[3] < loss[0], "\(loss)")
  }

  @Test func scalePosWeightRaisesRecall() throws {
    let r = try Self.walkthrough("xgboost-scale-pos-weight", environment: ["ROWS": "3000"])
    // Weights 1, 3 and Σneg/Σpos (≈ 17): recall at 0.5 on the rare positives and the mean predicted
    // probability rise, precision falls. Full run: recall 0.009 → 0.103 → 0.497.
    let recall = Self.numbers(r["recall"]), precision = Self.numbers(r["precision"]), meanP = Self.numbers(r["mean_p"])
    #expect(recall.count == 3 && Self.increasing(recall) && recall[2] > 5 * recall[0], "\(r)")
    #expect(Self.increasing(meanP) && precision[2] < precision[0], "\(r)")
  }

  @Test func histMatchesExactUntilTheBinsGetFew() throws {
    let r = try Self.walkthrough("xgboost-hist-vs-exact", environment: ["TRAIN_ROWS": "4000", "VALIDATION_ROWS": "1000"])
    // exact, hist 256, 64, 16, 4: full run 0.772, 0.764, 0.782, 0.862, 1.85 validation RMSE.
    let rmse = Self.numbers(r["validation_rmse"])
    #expect(rmse.count == 5, "\(r)")
    #expect(abs(rmse[1] - rmse[0]) < 0.03 * rmse[0] && abs(rmse[2] - rmse[0]) < 0.03 * rmse[0], "\(rmse)")
    #expect(rmse[4] > 1.5 * rmse[0] && rmse[4] > rmse[3] && rmse[3] > rmse[1], "\(rmse)")
  }

  @Test func pcaExplainedVarianceAccumulates() throws {
    let r = try Self.walkthrough("pca-explained-variance")
    let ratio = Self.numbers(r["ratio"]), cumulative = Self.numbers(r["cumulative"])
    #expect(ratio.count == 30 && cumulative.count == 30, "\(r)")
    #expect(zip(ratio, ratio.dropFirst()).allSatisfy { $0 >= $1 } && Self.increasing(cumulative))
    // scikit-learn PCA on the same digits gives 0.7364 for the first ten (Datasets/README.md).
    let share = try #require(Double(r["share10"] ?? ""))
    #expect(abs(share - 0.736) < 0.001, "\(share)")
    #expect(r["components_for_90"] == "21")
    // Randomized mode matches regular on the leading components, less so on the last ones.
    let diff = Self.numbers(r["randomized_relative_difference"])
    #expect(diff.count == 10 && diff.prefix(3).allSatisfy { $0 < 1e-4 } && diff[9] > diff[0], "\(diff)")
  }

  @Test func moreFactorsOverfitThinRatings() throws {
    let r = try Self.walkthrough("fm-num-factors", environment: ["FACTORS": "2 64", "WDS": "0 0.01"])
    // Rows: bias only, linear only, num_factors 2, 64 (factors_wd 0.001). Full run: train 1.3321,
    // 1.1631, 1.1290, 1.0095 and test 1.3396, 1.2213, 1.2226, 1.2555 RMSE.
    let train = Self.numbers(r["factors_train"]), test = Self.numbers(r["factors_test"])
    #expect(train.count == 4 && test.count == 4, "\(r)")
    // The linear terms do most of the work...
    #expect(test[0] - test[1] > 0.1, "\(test)")
    // ...more factors fit the training ratings better and the test ratings worse.
    #expect(Self.decreasing(train) && test[3] > test[2] + 0.02 && test[3] > test[1], "\(r)")
    // factors_wd 0 against 0.01 at 64 factors: no decay overfits badly; 0.01 is back to linear-only.
    let wdTrain = Self.numbers(r["wd_train"]), wdTest = Self.numbers(r["wd_test"])
    #expect(wdTrain.count == 2 && wdTrain[0] < wdTrain[1] - 0.2 && wdTest[0] > wdTest[1] + 0.2, "\(r)")
    #expect(abs(wdTest[1] - test[1]) < 0.005, "\(r)")
  }
}
