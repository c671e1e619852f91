import Foundation
import Testing

/// End-to-end: the built `sagesim` binary, its exit codes, output and error messages.
@Suite struct CommandLineTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let digits = root.appendingPathComponent("Datasets/digits/train.csv").path
  static let pcaHP = ["--hp", "feature_dim=64", "--hp", "mini_batch_size=200", "--hp", "num_components=3"]

  @Test func listsTheFiveAlgorithms() throws {
    let run = try sagesim(["algorithms"])
    #expect(run.status == 0)
    for name in ["pca", "kmeans", "linear-learner", "xgboost", "factorization-machines"] {
      #expect(run.stdout.contains(name))
    }
  }

  @Test func hyperparameterTableShowsEveryKnob() throws {
    let run = try sagesim(["hyperparameters", "pca"])
    #expect(run.status == 0)
    for knob in ["feature_dim", "mini_batch_size", "num_components", "algorithm_mode", "subtract_mean", "extra_components"] {
      #expect(run.stdout.contains(knob))
    }
    #expect(run.stdout.contains("ascending singular value, so the LARGEST component is LAST"))
  }

  @Test func trainPredictRoundTrip() throws {
    let dir = temporaryDirectory()
    let metrics = dir + "/metrics.json"
    let train = try sagesim(["train", "pca", "--train", Self.digits, "--model-dir", dir, "--metrics-json", metrics] + Self.pcaHP)
    #expect(train.status == 0, "\(train.stderr)")
    #expect(train.stdout.contains("explained_variance_ratio"))
    #expect(train.stdout.contains("Test data is not provided."))
    #expect(try String(contentsOfFile: metrics, encoding: .utf8) == "{}\n")
    let model = try String(contentsOfFile: dir + "/model.json", encoding: .utf8)
    #expect(model.contains("\"algorithm\" : \"pca\"") && model.contains("\"feature_dim\" : 64"))

    let input = dir + "/rows.csv"
    try "0,0,5,13,9,1,0,0,0,0,13,15,10,15,5,0,0,3,15,2,0,11,8,0,0,4,12,0,0,8,8,0,0,5,8,0,0,9,8,0,0,4,11,0,1,12,7,0,0,2,14,5,10,12,0,0,0,0,6,13,10,0,0,0\n"
      .write(toFile: input, atomically: true, encoding: .utf8)
    let json = try sagesim(["predict", "--model-dir", dir, "--input", input])
    #expect(json.status == 0, "\(json.stderr)")
    #expect(json.stdout.hasPrefix("{\"projections\":[{\"projection\":["))
    let csv = try sagesim(["predict", "--model-dir", dir, "--input", input, "--accept", "text/csv"])
    #expect(csv.stdout.split(separator: ",").count == 3)
  }

  struct ErrorCase: Sendable, CustomStringConvertible {
    let id: String
    let arguments: [String]
    let message: String
    var description: String { id }
  }

  static let errorCases: [ErrorCase] = [
    ErrorCase(id: "unknown algorithm", arguments: ["train", "kmeanz", "--train", digits, "--model-dir", "/tmp/x"],
              message: "Error: unknown algorithm 'kmeanz'; expected one of: pca, kmeans, linear-learner, xgboost, factorization-machines"),
    ErrorCase(id: "typo in hyperparameter", arguments: ["train", "pca", "--train", digits, "--model-dir", "/tmp/x", "--hp", "feature_dim=64", "--hp", "mini_batch_size=10", "--hp", "num_componets=3"],
              message: "Error: unknown hyperparameter 'num_componets' for pca; did you mean 'num_components'?\nhyperparameter 'num_components' of pca is required: give an integer in [1, ∞)"),
    ErrorCase(id: "hp without equals", arguments: ["train", "pca", "--train", digits, "--model-dir", "/tmp/x", "--hp", "feature_dim"],
              message: "Error: --hp expects name=value (e.g. --hp num_components=10); got 'feature_dim'"),
    ErrorCase(id: "bad content type", arguments: ["train", "pca", "--train", digits, "--model-dir", "/tmp/x", "--content-type", "text/tsv"] + pcaHP,
              message: "Error: 'text/tsv' is not an accepted content type; expected one of: text/csv, text/csv;label_size=0, text/csv;label_size=1, csv, text/libsvm, text/x-libsvm, libsvm, application/x-recordio-protobuf, recordio-protobuf"),
    ErrorCase(id: "channel pca lacks", arguments: ["train", "pca", "--train", digits, "--validation", digits, "--model-dir", "/tmp/x"] + pcaHP,
              message: "Error: pca takes the channels train, test; SageMaker's pca has no validation channel"),
    ErrorCase(id: "no model", arguments: ["predict", "--model-dir", "/nonexistent-model", "--input", digits],
              message: "Error: model directory '/nonexistent-model' holds no model.json: train a model into it with 'sagesim train ... --model-dir /nonexistent-model'"),
  ]

  @Test(arguments: errorCases) func refusesWithMessage(_ c: ErrorCase) throws {
    let run = try sagesim(c.arguments)
    #expect(run.status != 0)
    #expect(run.stderr.trimmingCharacters(in: .whitespacesAndNewlines) == c.message)
  }

  @Test func corruptModelIsAClearError() throws {
    let dir = temporaryDirectory()
    try "{\"algorithm\": \"pca\", \"format_version\": 1, \"feature_dim\": 2}".write(toFile: dir + "/model.json", atomically: true, encoding: .utf8)
    let run = try sagesim(["predict", "--model-dir", dir, "--input", Self.digits])
    #expect(run.status != 0)
    #expect(run.stderr.contains("model directory '\(dir)' model.json is corrupt: missing 'hyperparameters'")
            || run.stderr.contains("model.json is corrupt"))
  }

  @Test func labelColumnAtInferenceGetsAHint() throws {
    let dir = temporaryDirectory()
    _ = try sagesim(["train", "pca", "--train", Self.digits, "--model-dir", dir] + Self.pcaHP)
    let run = try sagesim(["predict", "--model-dir", dir, "--input", Self.digits])
    #expect(run.status != 0)
    #expect(run.stderr.contains("has 65 columns; the model takes 64 features. If the first column is a label, pass --content-type 'text/csv;label_size=1' to drop it."))
    let fixed = try sagesim(["predict", "--model-dir", dir, "--input", Self.digits, "--content-type", "text/csv;label_size=1", "--accept", "application/jsonlines"])
    #expect(fixed.status == 0)
    #expect(fixed.stdout.split(separator: "\n").count == 1438)
  }
}

struct Run {
  let status: Int32
  let stdout: String
  let stderr: String
}

/// Runs the built binary (it sits beside the test bundle in the build folder).
func sagesim(_ arguments: [String]) throws -> Run {
  let process = Process()
  process.executableURL = buildFolder().appendingPathComponent("sagesim")
  process.arguments = arguments
  let out = Pipe(), err = Pipe()
  process.standardOutput = out
  process.standardError = err
  try process.run()
  let stdout = out.fileHandleForReading.readDataToEndOfFile()
  let stderr = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
}

func buildFolder() -> URL {
  var url = Bundle.main.bundleURL
  while !FileManager.default.fileExists(atPath: url.appendingPathComponent("sagesim").path), url.path != "/" {
    url = url.deletingLastPathComponent()
  }
  return url
}

func temporaryDirectory() -> String {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("sagesim-cli-\(UUID().uuidString)")
  try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url.path
}

/// Each available algorithm's README carries the same table `sagesim hyperparameters ALGO --markdown`
/// prints, so the docs cannot drift from the declarations.
@Suite struct AlgorithmReadmeTests {
  @Test(arguments: [
    ("pca", "PCA"), ("kmeans", "KMeans"), ("linear-learner", "LinearLearner"), ("xgboost", "XGBoost"),
    ("factorization-machines", "FactorizationMachines"),
  ]) func readmeTableMatchesDeclarations(algorithm: String, folder: String) throws {
    let run = try sagesim(["hyperparameters", algorithm, "--markdown"])
    #expect(run.status == 0)
    let readme = try String(
      contentsOf: CommandLineTests.root.appendingPathComponent("Sources/SageSim/Algorithms/\(folder)/README.md"),
      encoding: .utf8)
    #expect(readme.contains(run.stdout), "regenerate the table with 'sagesim hyperparameters \(algorithm) --markdown'")
  }
}

@Suite struct EvaluateCommandTests {
  @Test func binaryReportWithConfusionTable() throws {
    let dir = temporaryDirectory()
    // Scores 0.9, 0.2, 0.6, 0.4 against labels 1, 0, 0, 1: at threshold 0.5 one of each class is
    // right (accuracy 0.5); of the 4 positive–negative pairs, 3 are ordered right (auc 0.75).
    try "0.9\n0.2\n0.6\n0.4\n".write(toFile: dir + "/p.txt", atomically: true, encoding: .utf8)
    try "1\n0\n0\n1\n".write(toFile: dir + "/l.txt", atomically: true, encoding: .utf8)
    let run = try sagesim(["evaluate", "--predictions", dir + "/p.txt", "--labels", dir + "/l.txt", "--task", "binary"])
    #expect(run.status == 0)
    #expect(run.stdout.contains("accuracy   0.5\n") && run.stdout.contains("auc        0.75\n"))
    #expect(run.stdout.hasSuffix(" actual  0    1    1\n         1    1    1\n"))
  }

  @Test func missingFileIsAnError() throws {
    let run = try sagesim(["evaluate", "--predictions", "/nonexistent/p.txt", "--labels", "/nonexistent/l.txt", "--task", "regression"])
    #expect(run.status != 0)
    #expect(run.stderr.contains("/nonexistent/p.txt: no such file"))
  }
}

@Suite struct ConvertCommandTests {
  /// CSV → RecordIO (dense and sparse) → CSV gives the digits file back byte for byte (small
  /// integers survive Float32), and PCA trains on the RecordIO file as on the CSV.
  @Test func csvRecordIOCSVRoundTrip() throws {
    let dir = temporaryDirectory()
    let source = CommandLineTests.root.appendingPathComponent("Datasets/digits/validation.csv").path
    for sparse in [false, true] {
      let pbr = dir + "/digits-\(sparse).pbr", back = dir + "/back-\(sparse).csv"
      let toRecordIO = try sagesim(["convert", "--input", source, "--content-type", "text/csv", "--output", pbr,
                                    "--accept", "application/x-recordio-protobuf"] + (sparse ? ["--sparse"] : []))
      #expect(toRecordIO.status == 0, "\(toRecordIO.stderr)")
      #expect(toRecordIO.stdout.contains("converted 359 rows"))
      let toCSV = try sagesim(["convert", "--input", pbr, "--content-type", "application/x-recordio-protobuf",
                               "--output", back, "--accept", "text/csv"])
      #expect(toCSV.status == 0)
      #expect(FileManager.default.contents(atPath: back) == FileManager.default.contents(atPath: source))
    }
    let model = dir + "/model"
    let train = try sagesim(["train", "pca", "--train", dir + "/digits-true.pbr", "--content-type", "application/x-recordio-protobuf",
                             "--model-dir", model] + CommandLineTests.pcaHP)
    #expect(train.status == 0, "\(train.stderr)")
    #expect(train.stdout.contains("Trained on 359 rows × 64 features"))
  }

  @Test func sparseFlagNeedsRecordIOOutput() throws {
    let run = try sagesim(["convert", "--input", "x", "--content-type", "text/csv", "--output", "y", "--accept", "text/libsvm", "--sparse"])
    #expect(run.status != 0)
    #expect(run.stderr.contains("Error: --sparse applies to application/x-recordio-protobuf output only; text/libsvm is written as it is"))
  }
}

@Suite struct PipeModeCommandTests {
  /// Randomized PCA makes 5 passes; in Pipe mode each comes from its own FIFO (train_0 … train_4),
  /// fed by a writer process, and the model equals the File-mode one.
  @Test func randomizedPCAStreamsOneFIFOPerPass() throws {
    let dir = temporaryDirectory()
    let hp = CommandLineTests.pcaHP + ["--hp", "algorithm_mode=randomized"]
    for pass in 0..<5 { #expect(mkfifo(dir + "/train_\(pass)", 0o600) == 0) }
    let feeder = Process()
    feeder.executableURL = URL(fileURLWithPath: "/bin/sh")
    feeder.arguments = ["-c", "for i in 0 1 2 3 4; do cat '\(CommandLineTests.digits)' > '\(dir)/train_'$i; done"]
    try feeder.run()
    let piped = try sagesim(["train", "pca", "--train", dir + "/train_0", "--input-mode", "Pipe", "--model-dir", dir + "/piped"] + hp)
    feeder.waitUntilExit()
    #expect(piped.status == 0, "\(piped.stderr)")
    let filed = try sagesim(["train", "pca", "--train", CommandLineTests.digits, "--model-dir", dir + "/filed"] + hp)
    #expect(filed.status == 0)
    #expect(FileManager.default.contents(atPath: dir + "/piped/model.json") == FileManager.default.contents(atPath: dir + "/filed/model.json"))
  }

  @Test func unknownInputModeIsRefused() throws {
    let run = try sagesim(["train", "pca", "--train", CommandLineTests.digits, "--input-mode", "Stream", "--model-dir", "/tmp/x"] + CommandLineTests.pcaHP)
    #expect(run.stderr.contains("Error: --input-mode must be File or Pipe (SageMaker's TrainingInputMode); got 'Stream'"))
  }
}
