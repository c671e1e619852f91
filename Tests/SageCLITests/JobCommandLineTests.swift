import Foundation
import Testing

/// End-to-end: `sagesim job init` lays out an /opt/ml-style directory from bundled data,
/// `sagesim job train` trains from it, and the packed model.tar.gz predicts as model/ does.
@Suite struct JobCommandLineTests {
  static let autompg = CommandLineTests.root.appendingPathComponent("Datasets/autompg").path
  static let hp = ["--hp", "objective=reg:squarederror", "--hp", "num_round=15", "--hp", "max_depth=3"]

  @Test func initTrainPackPredict() throws {
    let root = temporaryDirectory() + "/job"
    let initRun = try sagesim(
      ["job", "init", "xgboost", "--root", root, "--train", Self.autompg + "/train.csv",
       "--validation", Self.autompg + "/validation.csv", "--seed", "3"] + Self.hp)
    #expect(initRun.status == 0, "\(initRun.stderr)")
    #expect(initRun.stdout.contains("\(root)/input/data/train/ (1 file: train.csv)"))
    #expect(FileManager.default.fileExists(atPath: root + "/input/data/validation/validation.csv"))

    let train = try sagesim(["job", "train", "--root", root])
    #expect(train.status == 0, "\(train.stderr)")
    #expect(train.stdout.contains("validation-rmse"))
    #expect(!FileManager.default.fileExists(atPath: root + "/output/failure"))
    let metrics = try String(contentsOfFile: root + "/output/metrics.json", encoding: .utf8)
    #expect(metrics.contains("\"MetricName\" : \"validation:rmse\""))

    // GNU tar opens the archive; the model it holds predicts exactly as model/ does.
    let unpacked = temporaryDirectory()
    let tar = Process()
    tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    tar.arguments = ["tar", "-xzf", root + "/output/model.tar.gz", "-C", unpacked]
    try tar.run()
    tar.waitUntilExit()
    #expect(tar.terminationStatus == 0)
    let rows = ["--input", Self.autompg + "/validation.csv", "--content-type", "text/csv;label_size=1", "--accept", "text/csv"]
    let fromDirectory = try sagesim(["predict", "--model-dir", root + "/model"] + rows)
    let fromArchive = try sagesim(["predict", "--model-dir", unpacked] + rows)
    #expect(fromDirectory.status == 0 && fromArchive.status == 0, "\(fromArchive.stderr)")
    #expect(fromDirectory.stdout.split(separator: "\n").count == 78)
    #expect(fromArchive.stdout == fromDirectory.stdout)

    // Training again from the same directory gives the same archive, byte for byte.
    let archive = try Data(contentsOf: URL(fileURLWithPath: root + "/output/model.tar.gz"))
    #expect(try sagesim(["job", "train", "--root", root]).status == 0)
    #expect(try Data(contentsOf: URL(fileURLWithPath: root + "/output/model.tar.gz")) == archive)
  }

  @Test func aFailingJobWritesOutputFailureAndExitsNonZero() throws {
    let root = temporaryDirectory() + "/job"
    let initRun = try sagesim(
      ["job", "init", "xgboost", "--root", root, "--train", Self.autompg + "/train.csv",
       "--hp", "objective=reg:squarederror", "--hp", "num_round=0"])
    #expect(initRun.status == 0, "\(initRun.stderr)")
    let run = try sagesim(["job", "train", "--root", root])
    #expect(run.status != 0)
    let failure = try String(contentsOfFile: root + "/output/failure", encoding: .utf8)
    #expect(failure.hasPrefix("ClientError: "))
    #expect(failure.contains("num_round"))
    #expect(run.stderr.contains("Failure reason written to \(root)/output/failure"))
    #expect(run.stderr.contains("Error: " + failure.dropFirst("ClientError: ".count).trimmingCharacters(in: .newlines)))
    #expect(!FileManager.default.fileExists(atPath: root + "/output/model.tar.gz"))

    // A malformed config file: the failure names the file and the key.
    try #"{"train": {"ContentType": "text/csv", "TrainingInputMode": "Fast", "S3DistributionType": "FullyReplicated", "RecordWrapperType": "None"}}"#
      .write(toFile: root + "/input/config/inputdataconfig.json", atomically: true, encoding: .utf8)
    let malformed = try sagesim(["job", "train", "--root", root])
    #expect(malformed.status != 0)
    #expect(try String(contentsOfFile: root + "/output/failure", encoding: .utf8)
      == "ClientError: \(root)/input/config/inputdataconfig.json: channel 'train' has TrainingInputMode 'Fast'; expected File or Pipe\n")
  }

  @Test func initRefusals() throws {
    let root = temporaryDirectory() + "/job"
    let unknown = try sagesim(["job", "init", "xgbost", "--root", root, "--train", Self.autompg + "/train.csv"])
    #expect(unknown.status != 0 && unknown.stderr.contains("unknown algorithm 'xgbost'"))
    let missing = try sagesim(["job", "init", "xgboost", "--root", root, "--train", "/no/such.csv"])
    #expect(missing.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
      == "Error: /no/such.csv: no such file or folder (given for the train channel)")
    let pca = try sagesim(["job", "init", "pca", "--root", root, "--train", Self.autompg + "/train.csv", "--validation", Self.autompg + "/validation.csv"])
    #expect(pca.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
      == "Error: pca takes the channels train, test; SageMaker's pca has no validation channel")
    let mode = try sagesim(["job", "init", "xgboost", "--root", root, "--train", Self.autompg + "/train.csv", "--distribution", "Sharded"])
    #expect(mode.stderr.contains("--distribution must be FullyReplicated or ShardedByS3Key"))
    #expect(!FileManager.default.fileExists(atPath: root + "/input"))
    let noJob = try sagesim(["job", "train", "--root", root + "/nowhere"])
    #expect(noJob.status != 0 && noJob.stderr.contains("no such job directory"))
    #expect(!FileManager.default.fileExists(atPath: root + "/nowhere"))
  }
}
