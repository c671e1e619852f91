import Foundation
import SageServe
import Testing

/// JSONPath filters, joins and request packing of batch transform, against hand-worked files.
@Suite struct TransformTests {
  func job(
    _ contentType: String = "text/csv", accept: String? = nil, split: BatchTransform.SplitType = .line,
    strategy: BatchTransform.Strategy = .multiRecord, maxPayload: Int = 6 << 20, join: Bool = false,
    inputFilter: String = "$", outputFilter: String = "$", assemble: BatchTransform.Assembly = .line
  ) throws(InferenceError) -> BatchTransform {
    BatchTransform(
      contentType: contentType, accept: accept, splitType: split, strategy: strategy, maxPayloadBytes: maxPayload,
      joinInput: join, inputFilter: try JSONPath(inputFilter), outputFilter: try JSONPath(outputFilter),
      assembleWith: assemble)
  }

  func run(_ job: BatchTransform, _ input: String, model: ServedModel) throws(InferenceError)
    -> (String, BatchTransform.FileReport)
  {
    let result = try job.transform(Array(input.utf8), name: "in.csv", model: model)
    return (String(decoding: result.output, as: UTF8.self), result.report)
  }

  // MARK: JSONPath

  @Test func jsonPathSelectsAsSageMakerDocuments() throws {
    let row = JSONValue.array((0..<7).map { .number(String($0)) })
    func pick(_ path: String) throws -> String { try JSONPath(path).apply(to: row, place: "r").text }
    #expect(try pick("$") == "[0,1,2,3,4,5,6]")
    #expect(try pick("$[1:]") == "[1,2,3,4,5,6]")
    #expect(try pick("$[0,5:]") == "[0,5,6]")
    #expect(try pick("$[-1]") == "6")
    #expect(try pick("$[-2:]") == "[5,6]")
    #expect(try pick("$[1:3]") == "[1,2]")
    #expect(try pick("$[0,2]") == "[0,2]")
    #expect(try pick("$[*]") == "[0,1,2,3,4,5,6]")
    #expect(try pick("$[10:]") == "[]")

    let object = try JSONValue.parse(Array(#"{"id": 7, "features": [1.50, 2], "SageMakerOutput": {"score": 1}}"#.utf8), name: "r")
    #expect(try JSONPath("$.features").apply(to: object, place: "r").text == "[1.50,2]")
    #expect(try JSONPath("$.features[0]").apply(to: object, place: "r").text == "1.50")
    #expect(try JSONPath("$['id','SageMakerOutput']").apply(to: object, place: "r").text == #"{"id":7,"SageMakerOutput":{"score":1}}"#)
    #expect(try JSONPath("$.SageMakerOutput.score").apply(to: object, place: "r").text == "1")
  }

  @Test func jsonPathRefusesWhatItCannotDo() throws {
    for (path, message) in [
      ("features", "'f' at character 1 is not supported: expected '$' first"),
      ("$..features", "expected a member name after '.'"),
      ("$[?(@.x)]", "integers, slices a:b or quoted names"),
      ("$[0:5:2]", "a slice a:b without a step"),
      ("$[1", "expected ']'"),
    ] {
      #expect(throws: InferenceError.self, "\(path)") { try JSONPath(path) }
      do { _ = try JSONPath(path) } catch { #expect(error.message.contains(message), "\(path): \(error.message)") }
    }
    let row = JSONValue.array([.number("1")])
    do {
      _ = try JSONPath("$[3]").apply(to: row, place: "in.csv:4")
      Issue.record("an index outside the record must fail")
    } catch {
      #expect(error.message == "in.csv:4: the filter $[3] asks for index 3, outside the record's 1 fields")
    }
  }

  // MARK: CSV with the k-means model (centers (0,0) and (3,4))

  /// Input rows: id, x, y. Worked by hand: (3,0) → cluster 0 at 3; (3,4.5) → 1 at 0.5;
  /// (0,0.5) → 0 at 0.5; (6,8) → 1 at 5.
  static let idRows = "101,3,0\n102,3,4.5\n\n103,0,0.5\n104,6,8\n"

  @Test func csvJoinWithInputAndOutputFilters() throws {
    let model = try ServedModel(directory: try Models.kmeans())
    // Drop the id for the model, join the whole input row, keep the id and the two outputs.
    let joined = try run(
      try job(accept: "text/csv", join: true, inputFilter: "$[1:]", outputFilter: "$[0,-2:]"), Self.idRows, model: model)
    #expect(joined.0 == "101,0.0,3.0\n102,1.0,0.5\n103,0.0,0.5\n104,1.0,5.0\n")
    #expect(joined.1 == .init(records: 4, requests: 1))

    // Without an output filter: input row then output row.
    let all = try run(try job(accept: "text/csv", join: true, inputFilter: "$[1:]"), Self.idRows, model: model)
    #expect(all.0.split(separator: "\n").first == "101,3,0,0.0,3.0")

    // $[-1]: only the last field (the distance) of each joined row.
    let last = try run(try job(accept: "text/csv", join: true, inputFilter: "$[1:]", outputFilter: "$[-1]"), Self.idRows, model: model)
    #expect(last.0 == "3.0\n0.5\n0.5\n5.0\n")
  }

  @Test func withoutProcessingEachResponseIsWrittenAsIs() throws {
    let model = try ServedModel(directory: try Models.kmeans())
    let rows = "3,0\n3,4.5\n0,0.5\n6,8\n"
    // MultiRecord within 6 MB: one request, one JSON response.
    let multi = try run(try job(), rows, model: model)
    #expect(multi.1.requests == 1)
    #expect(multi.0.hasPrefix("{\"predictions\":[{\"closest_cluster\":0.0,\"distance_to_cluster\":3.0},"))
    #expect(multi.0.split(separator: "\n").count == 1)
    // SingleRecord: one request and one response per record.
    let single = try run(try job(accept: "application/jsonlines", strategy: .singleRecord), rows, model: model)
    #expect(single.1 == .init(records: 4, requests: 4))
    #expect(single.0 == """
      {"closest_cluster":0.0,"distance_to_cluster":3.0}
      {"closest_cluster":1.0,"distance_to_cluster":0.5}
      {"closest_cluster":0.0,"distance_to_cluster":0.5}
      {"closest_cluster":1.0,"distance_to_cluster":5.0}

      """)
    // MultiRecord with a 10-byte payload: "3,0\n" + "3,4.5\n" is exactly 10 bytes; "0,0.5\n"
    // would make 16, so it starts the second request with "6,8\n": requests [1,2], [3,4].
    let packed = try run(try job(accept: "text/csv", maxPayload: 10), rows, model: model)
    #expect(packed.1.requests == 2)
    #expect(packed.0 == "0.0,3.0\n1.0,0.5\n0.0,0.5\n1.0,5.0\n")
  }

  @Test func aRecordOverTheMaxPayloadIsNamed() throws {
    let model = try ServedModel(directory: try Models.kmeans())
    do {
      _ = try run(try job(maxPayload: 8), "3,0\n3,4.5000\n", model: model)
      Issue.record("a record larger than the payload must fail")
    } catch {
      #expect(error.status == 413)
      #expect(error.message.hasPrefix("in.csv:2: the record is 9 bytes, over --max-payload 8 bytes"), "\(error.message)")
    }
  }

  @Test func badRecordsAreNamedByFileAndRecord() throws {
    let model = try ServedModel(directory: try Models.kmeans())
    do {
      _ = try run(try job(strategy: .singleRecord), "3,0\n3,x\n", model: model)
      Issue.record("a bad record must fail")
    } catch {
      #expect(error.message == "in.csv record 2:1:2: 'x' is not a number (SageMaker CSV has no header row)" || error.message.hasPrefix("in.csv record 2:1:2: 'x'"), "\(error.message)")
    }
    #expect(throws: InferenceError.self) {
      try run(try job(accept: "application/json", join: true), "3,0\n", model: model)
    }
  }

  // MARK: JSON Lines with the PCA model (mean (1,1,1), V = e1, e2)

  @Test func jsonLinesJoinAddsSageMakerOutput() throws {
    let model = try ServedModel(directory: try Models.pca())
    let input = """
      {"id": "a", "features": [2, 3, 4]}
      {"id": "b", "features": [1, 1, 1]}
      """
    let joined = try run(
      try job("application/jsonlines", accept: "application/jsonlines", join: true, outputFilter: "$['id','SageMakerOutput']"),
      input, model: model)
    #expect(joined.0 == """
      {"id":"a","SageMakerOutput":{"projection":[1.0,2.0]}}
      {"id":"b","SageMakerOutput":{"projection":[0.0,0.0]}}

      """)
    // JSON Lines records that are not objects are wrapped: SageMakerInput / SageMakerOutput.
    let wrapped = try run(
      try job("application/jsonlines", accept: "application/json", join: true, inputFilter: "$[0]"),
      "[{\"features\": [2, 3, 4]}, 9]\n", model: model)
    #expect(wrapped.0 == #"{"SageMakerInput":[{"features":[2,3,4]},9],"SageMakerOutput":{"projections":[{"projection":[1.0,2.0]}]}}"# + "\n")
  }

  @Test func wholeJSONDocumentSplitNone() throws {
    let model = try ServedModel(directory: try Models.pca())
    let document = #"{"batch": 3, "instances": [{"features": [2, 3, 4]}, {"features": [1, 1, 2]}]}"#
    let joined = try run(try job("application/json", split: .none, join: true), document, model: model)
    #expect(joined.0 == #"{"batch":3,"instances":[{"features":[2,3,4]},{"features":[1,1,2]}],"SageMakerOutput":{"projections":[{"projection":[1.0,2.0]},{"projection":[0.0,0.0]}]}}"# + "\n")
  }
}
