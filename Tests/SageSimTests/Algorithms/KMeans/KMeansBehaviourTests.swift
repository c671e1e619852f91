import Foundation
import Numerics
import SageCore
import SageIO
import Testing

@testable import SageSim

/// What a learner sees, formats and modes, and bad input.
@Suite struct KMeansBehaviourTests {
  static let blobs = ["feature_dim": "8", "k": "25"]

  @Test func sameSeedSameModelBytes() throws {
    let entry = try AlgorithmRegistry.entry(named: "kmeans")
    func run(_ seed: UInt64) throws -> Data {
      var log = TrainingLog.silent
      return try entry.train(
        hyperparameters: Self.blobs.merging(["init_method": "kmeans++", "epochs": "2"]) { $1 },
        channels: Channels(train: kmeansFixture("blobs_train.csv")), seed: seed, log: &log)
    }
    #expect(try run(5) == run(5))
    #expect(try run(5) != run(6))
  }

  @Test func logShowsEpochsShrinkingSizesAndMetrics() throws {
    var log = TrainingLog.silent
    _ = try trainKMeans(
      ["feature_dim": "8", "k": "25", "epochs": "3", "eval_metrics": "[\"msd\", \"ssd\"]", "local_lloyd_num_trials": "4"],
      Channels(train: kmeansFixture("blobs_train.csv"), test: kmeansFixture("blobs_test.csv", .test)), log: &log)
    #expect(log.history.map(\.step) == [0, 1, 2] && log.history.allSatisfy { $0.name == "train:msd" })
    #expect(log.messages.contains("shrinking 250 centers into 25"))
    #expect(log.messages.filter { $0.hasPrefix("local kmeans attempt #") }.count == 4)
    #expect(log.messages.contains { $0.hasPrefix("#quality_metric: host=algo-1, test msd <loss>=") })
    #expect(log.messages.contains { $0.hasPrefix("#quality_metric: host=algo-1, test ssd <loss>=") })
    let msd = try #require(metric(log, "test:msd")), ssd = try #require(metric(log, "test:ssd"))
    #expect(ssd.isApproximatelyEqual(to: 500 * msd, relativeTolerance: 1e-12))
    #expect(metric(log, "train:msd") != nil && metric(log, "train:ssd") != nil)
    // The size table lists 25 clusters of 100 rows each (the blobs are well separated).
    let sizeRows = log.messages.filter { $0.range(of: #"^\d+ +100 +4%"#, options: .regularExpression) != nil }
    #expect(sizeRows.count == 25)
    #expect(log.warnings.isEmpty)
  }

  @Test func predictionsAreClosestClusterAndEuclideanDistance() throws {
    let model = KMeansModel(featureDim: 2, centers: [[0, 0], [10, 0]])
    let out = try model.predict(.dense(Matrix(rowArrays: [[3, 4], [10, 1]])))
    #expect(out.json() == "{\"predictions\":[{\"closest_cluster\":0.0,\"distance_to_cluster\":5.0},{\"closest_cluster\":1.0,\"distance_to_cluster\":1.0}]}\n")
    #expect(out.csv() == "0.0,5.0\n1.0,1.0\n")
    #expect(throws: TrainingError.self) { try model.predict(.dense(Matrix(rowArrays: [[1, 2, 3]]))) }
  }

  @Test func fewerDistinctPointsThanKWarns() throws {
    var log = TrainingLog.silent
    let rows: [[Double]] = [[0], [0], [0], [5], [5], [5]]
    _ = try trainKMeans(["feature_dim": "1", "k": "3"], Channels(train: memoryChannel(rows)), log: &log)
    #expect(log.warnings.contains { $0.contains("coincide") || $0.contains("empty") })
  }

  @Test func pipeModeTrainsTheSameModelAsFileMode() throws {
    let path = repositoryRoot.appendingPathComponent("Tests/Fixtures/kmeans/blobs_train.csv").path
    let hp = Self.blobs.merging(["epochs": "2", "mini_batch_size": "700"]) { $1 }
    let file = try trainKMeans(hp, Channels(train: DataChannel(.train, path: path, contentType: .csv(labelSize: 0))))
    let pipe = try trainKMeans(
      hp, Channels(train: DataChannel(.train, path: path, contentType: .csv(labelSize: 0), inputMode: .pipe)))
    #expect(file == pipe)
  }

  @Test func sparseRowsTrainTheModelDenseRowsTrain() throws {
    let dense = try readAll(path: dataset("digits/train.csv"), contentType: .csv(labelSize: 1), options: ReadOptions())
    let m = dense.features.dense()
    var sparse = SparseMatrix(columns: m.columns)
    for i in 0..<m.rows {
      let r = m.row(i), nz = r.indices.filter { r[$0] != 0 }
      sparse.appendRow(columns: nz.map { Int32($0) }, values: nz.map { r[$0] })
    }
    let hp = ["feature_dim": "64", "k": "10", "mini_batch_size": "400", "epochs": "2"]
    let a = try trainKMeans(hp, Channels(train: DataChannel(.train, batch: dense)))
    var copy = dense
    copy.features = .sparse(sparse)
    let b = try trainKMeans(hp, Channels(train: DataChannel(.train, batch: copy)))
    for (ca, cb) in zip(a.centers, b.centers) {
      for (x, y) in zip(ca, cb) { #expect(abs(x - y) <= 1e-9 * max(1, abs(x))) }
    }
  }

  @Test(arguments: [false, true]) func recordIOTrainsAsCSVDoes(sparse: Bool) throws {
    let batch = try readAll(path: dataset("digits/train.csv"), contentType: .csv(labelSize: 1), options: ReadOptions())
    let path = temporaryDirectory() + "/digits.pbr"
    let writer = try DataWriter(path: path, contentType: .recordIOProtobuf, sparse: sparse)
    try writer.write(batch)
    try writer.finish()
    let hp = ["feature_dim": "64", "k": "10"]
    let csv = try trainKMeans(hp, Channels(train: digitsChannel("digits/train.csv")))
    let pbr = try trainKMeans(hp, Channels(train: DataChannel(.train, path: path, contentType: .recordIOProtobuf)))
    // Pixel counts are integers, exact in float32: the same rows, so the same centers.
    for (ca, cb) in zip(csv.centers, pbr.centers) {
      for (x, y) in zip(ca, cb) { #expect(abs(x - y) <= 1e-9 * max(1, abs(x))) }
    }
  }

  @Test func trainMetricsNeedAStreamThatCanBeReadAgain() {
    #expect(KMeans.canReadAgain(memoryChannel([[1]]), pass: 3))
    #expect(KMeans.canReadAgain(kmeansFixture("blobs_train.csv"), pass: 1))
    let stdin = DataChannel(.train, path: "-", contentType: .csv(labelSize: 0), inputMode: .pipe)
    #expect(!KMeans.canReadAgain(stdin, pass: 1))
  }

  @Test func extraCentersAreCappedByTheRows() throws {
    var log = TrainingLog.silent
    let rows = (0..<12).map { [Double($0 % 4) * 10 + Double($0) * 0.01] }
    _ = try trainKMeans(["feature_dim": "1", "k": "4"], Channels(train: memoryChannel(rows)), log: &log)
    #expect(log.messages.contains("shrinking 12 centers into 4"))
  }
}

/// Bad input: each a clear error.
@Suite struct KMeansErrorTests {
  func write(_ text: String) -> String {
    let path = temporaryDirectory() + "/data.csv"
    _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    return path
  }

  func csv(_ path: String, _ name: ChannelName = .train) -> DataChannel {
    DataChannel(name, path: path, contentType: .csv(labelSize: 0))
  }

  @Test func kLargerThanTheRowsIsRefused() throws {
    let error = #expect(throws: TrainingError.self) {
      try trainKMeans(["feature_dim": "1", "k": "5"], Channels(train: memoryChannel([[1], [2], [3]])))
    }
    #expect(error?.message.contains("k = 5 is larger than the number of training rows (3)") == true)
  }

  @Test func kOfOneIsRefused() {
    let error = #expect(throws: HyperparameterError.self) {
      try KMeansHyperparameters.parse(["feature_dim": "2", "k": "1"])
    }
    #expect(error?.description == "hyperparameter 'k' of kmeans must be an integer in [2, ∞); got '1'")
  }

  @Test func nonNumericDataNamesFileAndLine() {
    let path = write("1,2\n3,abc\n")
    let error = #expect(throws: DataError.self) {
      try trainKMeans(["feature_dim": "2", "k": "2"], Channels(train: csv(path)))
    }
    #expect(error?.description.contains("\(path):2") == true)
  }

  @Test func raggedDataNamesFileAndLine() {
    let path = write("1,2\n3,4,5\n6,7\n")
    let error = #expect(throws: DataError.self) {
      try trainKMeans(["feature_dim": "2", "k": "2"], Channels(train: csv(path)))
    }
    #expect(error?.description.contains("\(path):2") == true)
  }

  @Test func featureDimMustMatchTheData() {
    let path = write("1,2,3\n4,5,6\n7,8,9\n")
    #expect(throws: DataError.self) {
      try trainKMeans(["feature_dim": "2", "k": "2"], Channels(train: csv(path)))
    }
  }

  @Test func aTestChannelOfAnotherWidthIsRefused() {
    let train = write("1,2\n3,4\n5,6\n")
    let test = write("1,2,3\n")
    let error = #expect(throws: DataError.self) {
      try trainKMeans(["feature_dim": "2", "k": "2"], Channels(train: csv(train), test: csv(test, .test)))
    }
    #expect(error?.description.contains(test) == true)
    let inMemory = #expect(throws: DataError.self) {
      try trainKMeans(
        ["feature_dim": "2", "k": "2"],
        Channels(train: csv(train), test: memoryChannel([[1, 2, 3]], name: .test)))
    }
    #expect(inMemory?.description.contains("feature_dim is 2 (the width of the training data)") == true)
  }

  @Test func evalMetricsParseAsSageMakerSendsThem() throws {
    #expect(try KMeansHyperparameters.parse(["feature_dim": "1", "k": "2", "eval_metrics": "[\"ssd\",\"msd\"]"]).evalMetrics == [.ssd, .msd])
    #expect(try KMeansHyperparameters.parse(["feature_dim": "1", "k": "2", "eval_metrics": "['msd']"]).evalMetrics == [.msd])
    #expect(throws: HyperparameterError.self) {
      try KMeansHyperparameters.parse(["feature_dim": "1", "k": "2", "eval_metrics": "[\"rmse\"]"])
    }
  }
}
