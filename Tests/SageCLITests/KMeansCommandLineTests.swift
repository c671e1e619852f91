import Foundation
import Testing

/// `sagesim train kmeans` and `sagesim predict` end to end on the bundled digits.
@Suite struct KMeansCommandLineTests {
  static let validation = CommandLineTests.root.appendingPathComponent("Datasets/digits/validation.csv").path

  @Test func trainThenPredictJSONAndCSV() throws {
    let dir = temporaryDirectory()
    let metrics = dir + "/metrics.json"
    let train = try sagesim([
      "train", "kmeans", "--train", CommandLineTests.digits, "--test", Self.validation, "--model-dir", dir,
      "--metrics-json", metrics, "--hp", "feature_dim=64", "--hp", "k=10", "--hp", "eval_metrics=[\"msd\",\"ssd\"]",
    ])
    #expect(train.status == 0, "\(train.stderr)")
    #expect(train.stdout.contains("shrinking 100 centers into 10"))
    #expect(train.stdout.contains("#quality_metric: host=algo-1, epoch=0, train msd <loss>="))
    #expect(train.stdout.contains("#quality_metric: host=algo-1, test msd <loss>="))
    #expect(train.stdout.contains("Cluster sizes on the training data (1438 rows)"))
    let written = try String(contentsOfFile: metrics, encoding: .utf8)
    #expect(written.contains("\"test:msd\"") && written.contains("\"test:ssd\"") && written.contains("\"train:msd\""))

    let json = try sagesim([
      "predict", "--model-dir", dir, "--input", Self.validation, "--content-type", "text/csv;label_size=1",
    ])
    #expect(json.status == 0, "\(json.stderr)")
    #expect(json.stdout.hasPrefix("{\"predictions\":[{\"closest_cluster\":"))
    #expect(json.stdout.contains(",\"distance_to_cluster\":"))
    let csv = try sagesim([
      "predict", "--model-dir", dir, "--input", Self.validation, "--content-type", "text/csv;label_size=1",
      "--accept", "text/csv",
    ])
    let lines = csv.stdout.split(separator: "\n")
    #expect(lines.count == 359 && lines.allSatisfy { $0.split(separator: ",").count == 2 })
  }

  @Test func kOfOneIsRefusedBeforeTraining() throws {
    let run = try sagesim([
      "train", "kmeans", "--train", CommandLineTests.digits, "--model-dir", temporaryDirectory(),
      "--hp", "feature_dim=64", "--hp", "k=1",
    ])
    #expect(run.status != 0)
    #expect(run.stderr.contains("hyperparameter 'k' of kmeans must be an integer in [2, ∞); got '1'"))
  }
}
