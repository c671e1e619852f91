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
  static func walkthrough(_ name: String) throws -> [String: String] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [root.appendingPathComponent("Examples/\(name)/run.sh").path]
    var environment = ProcessInfo.processInfo.environment
    environment["SAGESIM"] = buildFolder().appendingPathComponent("sagesim").path
    environment["OUT"] = temporaryDirectory()
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
}
