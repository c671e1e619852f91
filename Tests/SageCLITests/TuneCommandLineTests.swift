import Foundation
import Testing

/// `sagesim tune` as a learner runs it: the live table, results.json, the best model (which
/// `predict` accepts), the pictures, a warm start, and each bad input refused with its value named.
@Suite struct TuneCommandLineTests {
  static func data(_ name: String) -> String { CommandLineTests.root.appendingPathComponent("Datasets").appendingPathComponent(name).path }
  static let common = [
    "tune", "xgboost", "--train", data("autompg/train.csv"), "--validation", data("autompg/validation.csv"),
    "--objective", "validation:rmse", "--hp", "num_round=10",
  ]

  @Test func tuneWritesResultsBestModelAndPictures() throws {
    let dir = temporaryDirectory()
    let run = try sagesim(Self.common + [
      "--range", "eta=continuous:0.05:0.5", "--range", "max_depth=integer:1:4", "--strategy", "Bayesian",
      "--max-jobs", "6", "--max-parallel-jobs", "2", "--seed", "2", "--output", dir,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("tuning xgboost: Bayesian over eta ∈ [0.05, 0.5] Logarithmic, max_depth ∈ [1, 4] Linear; 6 trials, 2 at once; objective Minimize validation:rmse"))
    #expect(run.stdout.contains("trial      eta        max_depth  validation:rmse  status"))
    #expect(run.stdout.components(separatedBy: "Completed").count == 7)
    #expect(run.stdout.contains("best trial: "))
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/results.json"))) as! [String: Any]
    let trials = json["trials"] as! [[String: Any]]
    #expect(trials.count == 6)
    #expect((trials[0]["metrics"] as! [String: Double])["validation:rmse"] != nil)
    #expect(json["totalTrainingSteps"] as? Int == 60)
    #expect((json["fixedHyperparameters"] as! [String: String])["_tuning_objective_metric"] == "validation:rmse")
    for name in ["plots/objective-by-trial.svg", "plots/objective-vs-eta.svg", "plots/objective-vs-max_depth.svg"] {
      #expect(try String(contentsOfFile: dir + "/" + name, encoding: .utf8).hasPrefix("<svg"), "\(name)")
    }
    #expect(try String(contentsOfFile: dir + "/report.html", encoding: .utf8).components(separatedBy: "<figure class=\"chart\">").count == 4)
    let predicted = try sagesim(["predict", "--model-dir", dir + "/best-model", "--input", Self.data("autompg/validation.csv"), "--content-type", "text/csv;label_size=1"])
    #expect(predicted.status == 0, "\(predicted.stderr)")

    // A warm start from that job: its six trials teach the new one.
    let child = temporaryDirectory()
    let warm = try sagesim(Self.common + [
      "--range", "eta=continuous:0.05:0.5", "--range", "max_depth=integer:1:4", "--max-jobs", "2",
      "--warm-start", dir, "--output", child,
    ])
    #expect(warm.status == 0, "\(warm.stderr)")
    #expect(warm.stdout.contains("warm start (IdenticalDataAndAlgorithm): 6 earlier trials from \(dir)"))
  }

  @Test(arguments: [
    (["--range", "eta=continuous:0.5:0.1", "--max-jobs", "2"], "--range eta: the range is inverted (LO 0.5 > HI 0.1)"),
    (["--range", "eta=continuous:0.2:0.2", "--max-jobs", "2"], "--range eta: the range 0.2:0.2 is empty"),
    (["--range", "alpha=continuous:0:1:Logarithmic", "--max-jobs", "2"], "Logarithmic scaling needs LO > 0 (the logarithm of 0 does not exist)"),
    (["--range", "gama=continuous:0:1", "--max-jobs", "2"], "xgboost has no hyperparameter 'gama'; did you mean 'gamma'?"),
    (["--range", "num_round=integer:5:20", "--max-jobs", "2"], "num_round is both fixed (--hp num_round=10) and tuned"),
    (["--range", "eta=continuous:0.1:0.5", "--max-jobs", "2", "--max-parallel-jobs", "3"], "--max-parallel-jobs 3 is more than --max-jobs 2"),
    (["--range", "eta=continuous:0.1:0.5", "--max-jobs", "2", "--strategy", "Annealing"], "--strategy must be one of Random, Grid, Bayesian, Hyperband; got 'Annealing'"),
  ])
  func badInputIsRefused(extra: [String], message: String) throws {
    let run = try sagesim(Self.common + extra + ["--output", temporaryDirectory()])
    #expect(run.status != 0)
    #expect(run.stderr.contains(message), "\(run.stderr)")
  }

  @Test func unknownObjectiveListsTheValidOnes() throws {
    let args = ["tune", "kmeans", "--train", Self.data("digits/train.csv"), "--objective", "test:rmse", "--hp", "k=3",
                "--range", "epochs=integer:1:3", "--max-jobs", "2", "--output", temporaryDirectory()]
    let run = try sagesim(args)
    #expect(run.status != 0)
    #expect(run.stderr.contains("--objective test:rmse: not an objective metric of kmeans; valid: test:msd (Minimize), test:ssd (Minimize)"), "\(run.stderr)")
  }
}
