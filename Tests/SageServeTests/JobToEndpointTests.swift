import Foundation
import SageIO
import SageSim
import Testing

import SageServe

/// Issue #10's "done when": a job directory made as `job init` makes it trains, packs
/// `output/model.tar.gz`, and that archive is served by the endpoint with the same answers the
/// trained model gives locally.
@Suite(.serialized) struct JobToEndpointTests {
  private let datasets = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Datasets").path

  @Test func jobInitTrainPackAndServe() async throws {
    // job init: xgboost on the bundled autompg data, train and validation channels.
    let config = JobConfig(
      algorithm: "xgboost", seed: 3,
      hyperparameters: ["objective": "reg:squarederror", "num_round": "20", "max_depth": "4", "eta": "0.3"],
      channels: [
        try ChannelConfig(name: .train, contentType: "text/csv"),
        try ChannelConfig(name: .validation, contentType: "text/csv"),
      ],
      resources: ResourceConfig(instanceCount: 1))
    let job = JobDirectory(root: temporaryDirectory() + "/job")
    try JobLayout.initialize(
      job, config: config,
      sources: [.train: [datasets + "/autompg/train.csv"], .validation: [datasets + "/autompg/validation.csv"]])

    // job train: model/ written and packed.
    var log = TrainingLog.silent
    _ = try JobRunner.run(job, log: &log)
    #expect(log.metrics.contains { $0.name == "validation:rmse" })
    #expect(FileManager.default.fileExists(atPath: job.modelArchive))

    // The validation rows without their label, as an endpoint receives them.
    let lines = try String(contentsOfFile: datasets + "/autompg/validation.csv", encoding: .utf8)
      .split(separator: "\n").prefix(12)
    let body = lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).dropFirst().joined(separator: ",") }
      .joined(separator: "\n") + "\n"
    let rowsFile = temporaryDirectory() + "/rows.csv"
    try body.write(toFile: rowsFile, atomically: true, encoding: .utf8)

    // What the model in model/ predicts locally (sagesim predict's path).
    let (algorithm, json) = try ModelDirectory.read(from: job.modelDirectory)
    let features = try readAll(path: rowsFile, contentType: .csv(labelSize: 0), options: ReadOptions(hasLabel: false)).features
    let local = try AlgorithmRegistry.entry(named: algorithm)
      .predict(modelJSON: json, directory: job.modelDirectory, features: features)
    #expect(local.rows.count == 12)

    // serve --model-tar output/model.tar.gz: unpack, serve, ask over HTTP.
    let unpacked = temporaryDirectory() + "/served"
    try ModelArchive.unpack(job.modelArchive, into: unpacked)
    try await withServer(unpacked) { port, _ in
      #expect(try await fetch(port, "GET", "/ping").status == 200)
      let csv = try await post(port, body, contentType: "text/csv", accept: "text/csv")
      #expect(csv.status == 200)
      #expect(csv.text == local.csv())
      let jsonAnswer = try await post(port, body, contentType: "text/csv", accept: "application/json")
      #expect(jsonAnswer.text == local.json())
    }
  }
}
