import Foundation
import SageIO
import SageServe
import Testing

/// `sagesim serve` over real HTTP on a loopback port: SageMaker's request and response shapes,
/// refusals as 4xx JSON, and a server that still answers /ping after them.
@Suite(.serialized) struct EndpointTests {
  @Test func xgboostAnswersCSVByDefaultAndJSONOnRequest() async throws {
    try await withServer(try Models.xgboost()) { port, log in
      let ping = try await fetch(port, "GET", "/ping")
      #expect(ping.status == 200)

      // x = 0.5 is left of the split, x = 2.5 right of it: leaves 0 and 10 (see Models.xgboost).
      let csv = try await post(port, "0.5,7\n2.5,7\n", contentType: "text/csv")
      #expect(csv.status == 200, "\(csv.text)")
      #expect(csv.headers["content-type"] == "text/csv")
      #expect(csv.text == "0.0\n10.0\n")

      let json = try await post(port, "2.5,7\n", contentType: "text/csv; label_size=0", accept: "application/json")
      #expect(json.status == 200)
      #expect(json.headers["content-type"] == "application/json")
      #expect(json.text == "{\"predictions\":[{\"score\":10.0}]}\n")

      // An empty CSV field is a missing value for xgboost (goes the default way), not an error.
      let missing = try await post(port, ",7\n", contentType: "text/csv")
      #expect(missing.status == 200, "\(missing.text)")

      // libsvm: the label token is read and ignored; index 0 is x.
      let libsvm = try await post(port, "0 0:3 1:7\n", contentType: "text/libsvm")
      #expect(libsvm.text == "10.0\n", "\(libsvm.text)")

      // One log line per request: method, path, status, bytes, latency.
      let lines = log.all
      #expect(lines.count == 5)
      #expect(lines.last?.contains("POST /invocations 200 5B") == true, "\(lines)")
      #expect(lines.first?.contains("GET /ping 200") == true)
      #expect(lines.allSatisfy { $0.hasSuffix("ms") })
    }
  }

  @Test func xgboostRecordIOProtobufRequest() async throws {
    let dir = temporaryDirectory()
    let path = dir + "/rows.rec"
    // Two rows written as the SDK's RecordSerializer writes them (no labels).
    let writer = try DataWriter(path: path, contentType: .recordIOProtobuf)
    try writer.write(
      DataBatch(features: .dense(.init(rows: 2, columns: 2, values: [3, 7, 1, 7])), labels: [], lines: [1, 2], file: path))
    try writer.finish()
    let body = Array(FileManager.default.contents(atPath: path)!)
    try await withServer(try Models.xgboost()) { port, _ in
      let answer = try await fetch(
        port, "POST", "/invocations", headers: ["Content-Type": "application/x-recordio-protobuf"], body: body)
      #expect(answer.status == 200, "\(answer.text)")
      #expect(answer.text == "10.0\n0.0\n")
    }
  }

  @Test func kmeansJSONJSONLinesCSVAndProtobuf() async throws {
    try await withServer(try Models.kmeans()) { port, _ in
      // Default Accept is JSON; distances are Euclidean: |(3,0)-(0,0)| = 3, |(3,4.5)-(3,4)| = 0.5.
      let dense = try await post(
        port, #"{"instances": [{"features": [3, 0]}, {"data": {"features": {"values": [3, 4.5]}}}]}"#,
        contentType: "application/json")
      #expect(dense.status == 200, "\(dense.text)")
      #expect(dense.headers["content-type"] == "application/json")
      #expect(
        dense.text
          == "{\"predictions\":[{\"closest_cluster\":0.0,\"distance_to_cluster\":3.0},{\"closest_cluster\":1.0,\"distance_to_cluster\":0.5}]}\n")

      // Sparse: keys [1] values [4] shape [2] is (0, 4): closest to (3,4) at 3.
      let sparse = try await post(
        port, #"{"instances": [{"data": {"features": {"keys": [1], "values": [4], "shape": [2]}}}]}"#,
        contentType: "application/json", accept: "application/jsonlines")
      #expect(sparse.text == "{\"closest_cluster\":1.0,\"distance_to_cluster\":3.0}\n", "\(sparse.text)")

      let lines = try await post(
        port, "{\"features\": [3, 0]}\n{\"features\": [0, 0.5]}\n", contentType: "application/jsonlines",
        accept: "text/csv")
      #expect(lines.text == "0.0,3.0\n0.0,0.5\n")

      // Accept with q-values: text/csv is preferred over JSON here.
      let negotiated = try await post(port, "3,0\n", contentType: "text/csv", accept: "application/json;q=0.5, text/csv")
      #expect(negotiated.headers["content-type"] == "text/csv")

      // Protobuf: one Record per row, outputs under label[...], features empty.
      let proto = try await post(port, "3,0\n3,4.5\n", contentType: "text/csv", accept: "application/x-recordio-protobuf")
      #expect(proto.status == 200)
      let reader = RecordIOReader(bytes: proto.body, name: "response")
      var count = 0
      while let record = try reader.next() {
        count += 1
        #expect(!record.bytes.isEmpty)
      }
      #expect(count == 2)
      let text = String(decoding: proto.body, as: UTF8.self)
      #expect(text.contains("closest_cluster") && text.contains("distance_to_cluster"))
    }
  }

  @Test func pcaAnswersProjectionsAndRefusesCSV() async throws {
    try await withServer(try Models.pca()) { port, _ in
      let json = try await post(port, "2,3,4\n1,1,1\n", contentType: "text/csv")
      #expect(json.status == 200, "\(json.text)")
      #expect(json.text == "{\"projections\":[{\"projection\":[1.0,2.0]},{\"projection\":[0.0,0.0]}]}\n")
      let lines = try await post(port, #"{"instances":[{"features":[2,3,4]}]}"#, contentType: "application/json", accept: "application/jsonlines")
      #expect(lines.text == "{\"projection\":[1.0,2.0]}\n")
      // SageMaker's PCA answers JSON, JSON Lines and protobuf only.
      let csv = try await post(port, "2,3,4\n", contentType: "text/csv", accept: "text/csv")
      #expect(csv.status == 406)
      #expect(csv.text.contains("application/json, application/jsonlines, application/x-recordio-protobuf"))
    }
  }

  struct BadRequest: Sendable, CustomStringConvertible {
    let id: String
    let body: String
    let contentType: String?
    var accept: String? = nil
    let status: Int
    let message: String
    var description: String { id }
  }

  static let badRequests: [BadRequest] = [
    BadRequest(id: "garbage CSV", body: "3,0\n3,abc\n", contentType: "text/csv", status: 400,
               message: "request body:2:2: 'abc' is not a number"),
    BadRequest(id: "ragged CSV", body: "3,0\n3,0,1\n", contentType: "text/csv", status: 400, message: "request body:2"),
    BadRequest(id: "wrong width", body: "1,2,3,4\n", contentType: "text/csv", status: 400,
               message: "request body:1: has 4 columns; the model takes 2 features"),
    BadRequest(id: "label column sent", body: "1,2,3\n", contentType: "text/csv", status: 400,
               message: "Inference CSV has no label column"),
    BadRequest(id: "empty body", body: "", contentType: "text/csv", status: 400, message: "request body is empty"),
    BadRequest(id: "bad JSON", body: #"{"instances": [{"features": [1, 2}]}"#, contentType: "application/json",
               status: 400, message: "request body:1: '}' is not valid JSON"),
    BadRequest(id: "JSON not instances", body: #"{"rows": [[1, 2]]}"#, contentType: "application/json",
               status: 400, message: "expected an object {\\\"instances\\\""),
    BadRequest(id: "JSON string feature", body: #"{"instances": [{"features": [1, "x"]}]}"#,
               contentType: "application/json", status: 400,
               message: "instances[0].features[1]: '\\\"x\\\"' is not a number"),
    BadRequest(id: "JSON wrong width", body: #"{"instances": [{"features": [1, 2, 3]}]}"#,
               contentType: "application/json", status: 400, message: "an instance has 3 features; the model takes 2"),
    BadRequest(id: "sparse key outside shape", body: #"{"instances": [{"data": {"features": {"keys": [5], "values": [1], "shape": [2]}}}]}"#,
               contentType: "application/json", status: 400, message: "key 5 is outside the row's shape [2]"),
    BadRequest(id: "unsupported content type", body: "3,0", contentType: "application/x-parquet", status: 415,
               message: "Content-Type 'application/x-parquet' is not supported by this model; it takes text/csv, application/json, application/jsonlines, application/x-recordio-protobuf"),
    BadRequest(id: "libsvm to kmeans", body: "0 0:1", contentType: "text/libsvm", status: 415, message: "is not supported"),
    BadRequest(id: "no content type", body: "3,0", contentType: nil, status: 415, message: "the request has no Content-Type"),
    BadRequest(id: "CSV with a label", body: "3,0", contentType: "text/csv;label_size=1", status: 415,
               message: "inference CSV has no label column"),
    BadRequest(id: "unsupported accept", body: "3,0", contentType: "text/csv", accept: "image/png", status: 406,
               message: "Accept 'image/png' asks for no format this model answers in"),
    BadRequest(id: "truncated protobuf", body: "\u{0A}\u{23}", contentType: "application/x-recordio-protobuf",
               status: 400, message: "record 1 at byte 0"),
  ]

  @Test func malformedRequestsGetJSONErrorsAndTheServerStaysUp() async throws {
    try await withServer(try Models.kmeans()) { port, log in
      for bad in Self.badRequests {
        let answer = try await post(port, bad.body, contentType: bad.contentType, accept: bad.accept)
        #expect(answer.status == bad.status, "\(bad.id): \(answer.text)")
        #expect(answer.headers["content-type"] == "application/json", "\(bad.id)")
        #expect(answer.text.hasPrefix("{\"error\":\""), "\(bad.id): \(answer.text)")
        #expect(answer.text.contains(bad.message), "\(bad.id): \(answer.text)")
      }
      let parameters = try await fetch(port, "GET", "/execution-parameters")
      #expect(parameters.status == 200)
      #expect(parameters.text.contains("\"BatchStrategy\":\"MULTI_RECORD\",\"MaxPayloadInMB\":6}"), "\(parameters.text)")
      let unknown = try await fetch(port, "GET", "/predict")
      #expect(unknown.status == 404)
      #expect(unknown.text.contains("GET /ping and POST /invocations"))
      let ping = try await fetch(port, "GET", "/ping")
      #expect(ping.status == 200)
      let good = try await post(port, "3,0\n", contentType: "text/csv")
      #expect(good.status == 200)
      #expect(log.all.contains { $0.contains("POST /invocations 415") })
    }
  }

  @Test func bodiesOverTheLimitGet413() async throws {
    try await withServer(try Models.kmeans(), maxPayloadBytes: 1000) { port, _ in
      let big = String(repeating: "3,0\n", count: 400)  // 1600 bytes
      let refused = try await post(port, big, contentType: "text/csv")
      #expect(refused.status == 413, "\(refused.text)")
      #expect(refused.text.contains("at most 1000 bytes"))
      // Without a Content-Length (chunked), the body is cut off at the limit while reading.
      let chunked = try await fetch(
        port, "POST", "/invocations",
        headers: ["Content-Type": "text/csv", "Transfer-Encoding": "chunked", "Content-Length": ""],
        body: Array("640\r\n\(big)\r\n0\r\n\r\n".utf8))
      #expect(chunked.status == 413 || chunked.status == 400, "\(chunked.status) \(chunked.text)")
      let ping = try await fetch(port, "GET", "/ping")
      #expect(ping.status == 200)
      let fits = try await post(port, String(repeating: "3,0\n", count: 100), contentType: "text/csv")
      #expect(fits.status == 200)
    }
  }

  @Test func concurrentRequestsAllAnswerCorrectly() async throws {
    try await withServer(try Models.kmeans()) { port, _ in
      try await withThrowingTaskGroup(of: String.self) { group in
        for _ in 0..<16 {
          group.addTask { try await post(port, "3,4.5\n", contentType: "text/csv", accept: "text/csv").text }
        }
        for try await answer in group { #expect(answer == "1.0,0.5\n") }
      }
    }
  }

  @Test func modelTarIsServedAfterUnpacking() async throws {
    let model = try Models.kmeans()
    let tar = temporaryDirectory() + "/model.tar.gz"
    try ModelArchive.pack(directory: model, to: tar)
    let unpacked = temporaryDirectory()
    try ModelArchive.unpack(tar, into: unpacked)
    try await withServer(unpacked) { port, _ in
      let answer = try await post(port, "3,0\n", contentType: "text/csv", accept: "text/csv")
      #expect(answer.text == "0.0,3.0\n")
    }
  }
}
