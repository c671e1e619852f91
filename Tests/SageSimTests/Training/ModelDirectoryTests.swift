import Foundation
import Testing

@testable import SageSim

@Suite struct ModelDirectoryTests {
  static let model = PCAModel(
    featureDim: 2, subtractMean: true, mean: [0.5, -1], v: [[0, 1], [1, 0]], s: [1, 2],
    explainedVariance: [0.25, 1], explainedVarianceRatio: [0.2, 0.8], rowsSeen: 5)

  @Test func writeThenReadRoundTrips() throws {
    let dir = temporaryDirectory()
    let json = try ModelDirectory.encode(Self.model, algorithm: "pca", hyperparameters: ["num_components": "2"])
    try ModelDirectory.write(json, to: dir)
    let (algorithm, data) = try ModelDirectory.read(from: dir)
    #expect(algorithm == "pca")
    #expect(try ModelDirectory.decode(PCAModel.self, algorithm: "pca", from: data, directory: dir) == Self.model)
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.contains("\"feature_dim\" : 2") && text.contains("\"format_version\" : 1"))
  }

  @Test func anotherAlgorithmsModelIsRefused() throws {
    let json = try ModelDirectory.encode(Self.model, algorithm: "kmeans", hyperparameters: [:])
    #expect {
      try ModelDirectory.decode(PCAModel.self, algorithm: "pca", from: json, directory: "m")
    } throws: { error in
      "\(error)" == "model directory 'm' holds a kmeans model, not a pca model"
    }
  }

  @Test func corruptModelIsRefused() throws {
    let dir = temporaryDirectory()
    let envelope = "{\"algorithm\": \"pca\", \"format_version\": 1, \"sagesim_version\": \"0.1.0\", \"feature_dim\": 2, \"hyperparameters\": {}, \"model\": {\"feature_dim\": 2}}"
    try Data(envelope.utf8).write(to: URL(fileURLWithPath: dir + "/model.json"))
    let (_, data) = try ModelDirectory.read(from: dir)
    #expect {
      try ModelDirectory.decode(PCAModel.self, algorithm: "pca", from: data, directory: dir)
    } throws: { error in
      "\(error)".hasPrefix("model directory '\(dir)' model.json is corrupt: missing 'model.")
    }
  }

  @Test func notJSONIsRefused() throws {
    let dir = temporaryDirectory()
    try Data("PK\u{3}\u{4} not json".utf8).write(to: URL(fileURLWithPath: dir + "/model.json"))
    #expect {
      try ModelDirectory.read(from: dir)
    } throws: { error in
      "\(error)" == "model directory '\(dir)' model.json is not a sagesim model (corrupt JSON or no 'algorithm' and 'format_version')"
    }
  }

  @Test func newerFormatIsRefused() throws {
    let dir = temporaryDirectory()
    try Data("{\"algorithm\": \"pca\", \"format_version\": 7}".utf8).write(to: URL(fileURLWithPath: dir + "/model.json"))
    #expect {
      try ModelDirectory.read(from: dir)
    } throws: { error in
      "\(error)" == "model directory '\(dir)' model.json has format_version 7; this sagesim reads 1"
    }
  }
}

@Suite struct PredictionsAndLogTests {
  static let predictions = Predictions(rows: [
    [(key: "closest_cluster", value: .number(1)), (key: "distance_to_cluster", value: .number(0.25))],
    [(key: "closest_cluster", value: .number(0)), (key: "distance_to_cluster", value: .number(3))],
  ])

  @Test func jsonShape() {
    #expect(Self.predictions.json() == "{\"predictions\":[{\"closest_cluster\":1.0,\"distance_to_cluster\":0.25},{\"closest_cluster\":0.0,\"distance_to_cluster\":3.0}]}\n")
  }

  @Test func jsonLinesAndCSV() {
    #expect(Self.predictions.jsonLines() == "{\"closest_cluster\":1.0,\"distance_to_cluster\":0.25}\n{\"closest_cluster\":0.0,\"distance_to_cluster\":3.0}\n")
    #expect(Self.predictions.csv() == "1.0,0.25\n0.0,3.0\n")
    let vectors = Predictions(topKey: "projections", rows: [[(key: "projection", value: .vector([1.5, -2]))]])
    #expect(vectors.csv() == "1.5,-2.0\n")
    #expect(vectors.json() == "{\"projections\":[{\"projection\":[1.5,-2.0]}]}\n")
  }

  @Test func qualityMetricLinesAndFinalMetrics() {
    var log = TrainingLog.silent
    log.qualityMetric(channel: "train", name: "msd", value: 2.5, isLoss: true, epoch: 0)
    log.qualityMetric(channel: "test", name: "msd", value: 1.25, isLoss: true)
    log.qualityMetric(channel: "test", name: "binary_classification_accuracy", value: 0.75, isLoss: false)
    #expect(log.messages == [
      "#quality_metric: host=algo-1, epoch=0, train msd <loss>=2.5",
      "#quality_metric: host=algo-1, test msd <loss>=1.25",
      "#quality_metric: host=algo-1, test binary_classification_accuracy <score>=0.75",
    ])
    #expect(log.metrics.map(\.name) == ["test:msd", "test:binary_classification_accuracy"])
  }
}
