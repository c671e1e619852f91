import ArgumentParser
import Foundation
import SageIO
import SageServe

/// `sagesim serve`: a local endpoint with the SageMaker inference container's HTTP contract.
struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Serve a trained model over HTTP as a SageMaker endpoint container does: GET /ping, POST /invocations.",
    discussion: """
      Requests take the algorithm's SageMaker content types (text/csv without a label column, \
      application/json {"instances": [...]}, application/jsonlines, application/x-recordio-protobuf, \
      text/libsvm for xgboost) and answer in its Accept formats. One log line per request goes to \
      standard error. Ctrl-C (SIGINT) or SIGTERM stops the server after the requests in flight.
      """)

  @Option(help: "The directory a model was trained into.") var modelDir: String?
  @Option(help: "A model.tar.gz (as a training job writes to output/), unpacked into a temporary directory.")
  var modelTar: String?
  @Option(help: "The port to listen on (0: any free port).") var port = 8080
  @Option(help: "The address to listen on; 127.0.0.1 keeps the endpoint on this machine.") var host = "127.0.0.1"
  @Option(help: "Refuse request bodies larger than this many MB with 413 (SageMaker's real-time limit is 6).")
  var maxPayloadMb = 6.0

  func validate() throws {
    guard (modelDir == nil) != (modelTar == nil) else {
      throw ValidationError("give exactly one of --model-dir DIR or --model-tar FILE")
    }
    guard (0...65535).contains(port) else { throw ValidationError("--port must be 0...65535; got \(port)") }
    guard maxPayloadMb > 0, maxPayloadMb <= 1024 else {
      throw ValidationError("--max-payload-mb must be more than 0 and at most 1024; got \(maxPayloadMb)")
    }
  }

  func run() async throws {
    var unpacked: String?
    defer { if let unpacked { try? FileManager.default.removeItem(atPath: unpacked) } }
    let directory: String
    if let modelTar {
      let temporary = FileManager.default.temporaryDirectory
        .appendingPathComponent("sagesim-serve-\(ProcessInfo.processInfo.processIdentifier)").path
      try? FileManager.default.removeItem(atPath: temporary)
      do {
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        unpacked = temporary
        try ModelArchive.unpack(modelTar, into: temporary)
      } catch {
        throw CLIError("\(modelTar): cannot be unpacked as a model.tar.gz: \(error)")
      }
      directory = temporary
    } else {
      directory = modelDir!
    }
    let model = try ServedModel(directory: directory)
    let options = ServeOptions(host: host, port: port, maxPayloadBytes: Int(maxPayloadMb * 1_048_576))
    let source = modelTar ?? directory
    let contract = model.contract
    let app = InferenceServer.application(model: model, options: options) { bound in
      ServeOptions.standardError(
        "sagesim serve: \(model.algorithm) model from \(source) on http://\(options.host):\(bound) "
          + "(POST /invocations takes \(contract.requests.map(\.rawValue).joined(separator: ", ")); "
          + "answers \(contract.responses.map(\.rawValue).joined(separator: ", ")), default \(contract.defaultResponse.rawValue))")
    }
    try await app.runService()
    ServeOptions.standardError("sagesim serve: stopped")
  }
}
