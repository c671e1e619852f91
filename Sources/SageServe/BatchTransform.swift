import Foundation
import SageIO
import SageSim

/// A batch transform job: SageMaker's `CreateTransformJob` run locally over files.
///
/// Each input file is split into records (`SplitType`), filtered (`InputFilter`), packed into
/// requests (`BatchStrategy`, `MaxPayloadInMB`), answered by the model exactly as the endpoint
/// answers them, then joined with the input (`JoinSource`), filtered again (`OutputFilter`) and
/// assembled (`AssembleWith`) into `<file>.out`.
public struct BatchTransform: Sendable {
  public enum SplitType: String, Sendable, CaseIterable { case line = "Line", recordIO = "RecordIO", none = "None" }
  public enum Strategy: String, Sendable, CaseIterable { case singleRecord = "SingleRecord", multiRecord = "MultiRecord" }
  public enum Assembly: String, Sendable, CaseIterable { case line = "Line", none = "None" }

  public var contentType: String
  public var accept: String?
  public var splitType: SplitType
  public var strategy: Strategy
  /// `MaxPayloadInMB` in bytes: no request (and so no record) may be larger.
  public var maxPayloadBytes: Int
  public var joinInput: Bool
  public var inputFilter: JSONPath
  public var outputFilter: JSONPath
  public var assembleWith: Assembly

  public init(
    contentType: String, accept: String?, splitType: SplitType, strategy: Strategy, maxPayloadBytes: Int,
    joinInput: Bool = false, inputFilter: JSONPath, outputFilter: JSONPath, assembleWith: Assembly
  ) {
    self.contentType = contentType
    self.accept = accept
    self.splitType = splitType
    self.strategy = strategy
    self.maxPayloadBytes = maxPayloadBytes
    self.joinInput = joinInput
    self.inputFilter = inputFilter
    self.outputFilter = outputFilter
    self.assembleWith = assembleWith
  }

  /// What one input file gave: its records and the requests they were sent in.
  public struct FileReport: Sendable, Equatable {
    public var records: Int
    public var requests: Int
    public init(records: Int, requests: Int) {
      self.records = records
      self.requests = requests
    }
  }

  /// One record of the input, with its 1-based number and (for Line) its line in the file.
  struct Record {
    var bytes: [UInt8]
    var number: Int
    var line: Int?
  }

  /// Transforms the bytes of one input file named `name`; returns the `.out` file's bytes.
  public func transform(_ input: [UInt8], name: String, model: ServedModel) throws(InferenceError)
    -> (output: [UInt8], report: FileReport)
  {
    let request = try RequestFormat.parse(contentType, accepted: model.contract.requests)
    let response = try ResponseFormat.negotiate(
      accept, offered: model.contract.responses, default: model.contract.defaultResponse)
    let processing = joinInput || !inputFilter.isIdentity || !outputFilter.isIdentity
    if processing {
      try checkProcessing(request: request, response: response)
    }
    let records = try split(input, name: name)
    guard !records.isEmpty else { return ([], FileReport(records: 0, requests: 0)) }
    let filtered = try records.map { record throws(InferenceError) -> Record in
      var r = record
      r.bytes = try filter(record, with: inputFilter, request: request, name: name)
      return r
    }
    var output: [UInt8] = []
    var requests = 0
    for batch in try pack(filtered, name: name) {
      requests += 1
      let first = batch.first!.number, last = batch.last!.number
      let label = first == last ? "\(name) record \(first)" : "\(name) records \(first)-\(last) (one request)"
      let body = joinBodies(batch.map(\.bytes))
      let predictions = try model.predict(try model.features(body: body, format: request, name: label))
      if !processing {
        var answer = try ResponseEncoder.encode(predictions, as: response)
        if assembleWith == .line, answer.last != UInt8(ascii: "\n") { answer.append(UInt8(ascii: "\n")) }
        output += answer
        continue
      }
      // Joining and output filters work record by record: one prediction row per record, or
      // every row for a record that is a whole document (SplitType None).
      let perRecord = splitType == .none ? [predictions.rows] : predictions.rows.map { [$0] }
      guard perRecord.count == batch.count else {
        throw .badRequest("\(label): \(batch.count) records gave \(predictions.rows.count) predictions; cannot join them one to one")
      }
      for (record, rows) in zip(batch, perRecord) {
        let original = records[record.number - 1]
        let place = "\(name) record \(record.number)"
        let answer = Predictions(topKey: predictions.topKey, rows: rows)
        var joined = try outputValue(answer, response: response, rowsAreOne: splitType != .none)
        if joinInput {
          let source = try value(of: original.bytes, request: request, place: place)
          joined = join(source, joined, request: request)
        }
        let selected = try outputFilter.apply(to: joined, place: place)
        output += Array((request == .csv ? selected.csvText : selected.text).utf8)
        if assembleWith == .line { output.append(UInt8(ascii: "\n")) }
      }
    }
    return (output, FileReport(records: records.count, requests: requests))
  }

  /// Joins and filters read records as JSON; SageMaker allows them on CSV and JSON only, and a
  /// joined record must be in the input's format.
  private func checkProcessing(request: RequestFormat, response: ResponseFormat) throws(InferenceError) {
    switch request {
    case .csv:
      if joinInput || !outputFilter.isIdentity, response != .csv {
        throw .badRequest("joining or filtering CSV records needs --accept text/csv (the output is appended to each CSV row); this model answers \(response.rawValue) here")
      }
    case .json, .jsonLines:
      if joinInput || !outputFilter.isIdentity, response == .csv || response == .recordIO {
        throw .badRequest("joining or filtering JSON records needs --accept application/json or application/jsonlines")
      }
    case .recordIO, .libsvm:
      throw .badRequest("--join-source, --input-filter and --output-filter apply to CSV and JSON input only (as in SageMaker); the content type is \(request.rawValue)")
    }
    if request == .json, splitType == .recordIO {
      throw .badRequest("JSON input is split by Line (JSON Lines) or None (one document per file), not RecordIO")
    }
  }

  // MARK: Records and requests

  func split(_ input: [UInt8], name: String) throws(InferenceError) -> [Record] {
    switch splitType {
    case .none:
      return input.contains(where: { !isSpace($0) }) ? [Record(bytes: input, number: 1, line: 1)] : []
    case .line:
      var records: [Record] = []
      var lineNumber = 0
      for var line in input.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
        lineNumber += 1
        if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
        if !line.contains(where: { !isSpace($0) }) { continue }
        records.append(Record(bytes: Array(line), number: records.count + 1, line: lineNumber))
      }
      return records
    case .recordIO:
      let reader = RecordIOReader(bytes: input, name: name)
      var records: [Record] = []
      do {
        while let payload = try reader.next() {
          var framed: [UInt8] = []
          RecordIO.appendRecord(payload.bytes, to: &framed)
          records.append(Record(bytes: framed, number: payload.recordNumber, line: nil))
        }
      } catch {
        throw .badRequest(error.description)
      }
      return records
    }
  }

  private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

  /// Records concatenated into one request body: lines end in a newline, RecordIO frames follow
  /// each other.
  private func joinBodies(_ bodies: [[UInt8]]) -> [UInt8] {
    if splitType != .line { return bodies.flatMap { $0 } }
    var out: [UInt8] = []
    for b in bodies { out += b; out.append(UInt8(ascii: "\n")) }
    return out
  }

  /// SingleRecord: one record per request. MultiRecord: as many records as fit in the payload.
  private func pack(_ records: [Record], name: String) throws(InferenceError) -> [[Record]] {
    var batches: [[Record]] = []
    var current: [Record] = []
    var size = 0
    for record in records {
      let cost = record.bytes.count + (splitType == .line ? 1 : 0)
      guard cost <= maxPayloadBytes else {
        let place = record.line.map { "\(name):\($0)" } ?? "\(name) record \(record.number)"
        throw InferenceError(
          status: 413,
          "\(place): the record is \(cost) bytes, over --max-payload \(maxPayloadBytes) bytes: raise --max-payload (SageMaker allows up to 100 MB) or split the record")
      }
      if strategy == .singleRecord || size + cost > maxPayloadBytes, !current.isEmpty {
        batches.append(current)
        current = []
        size = 0
      }
      current.append(record)
      size += cost
    }
    if !current.isEmpty { batches.append(current) }
    return batches
  }

  // MARK: Filters and joins

  /// The record read as JSON: a CSV line is the array of its fields, JSON is parsed.
  private func value(of bytes: [UInt8], request: RequestFormat, place: String) throws(InferenceError) -> JSONValue {
    if request == .csv {
      let text = String(decoding: bytes, as: UTF8.self)
      return .array(text.split(separator: ",", omittingEmptySubsequences: false).map {
        .string($0.trimmingCharacters(in: .whitespaces))
      })
    }
    return try JSONValue.parse(bytes, name: place)
  }

  private func filter(_ record: Record, with path: JSONPath, request: RequestFormat, name: String)
    throws(InferenceError) -> [UInt8]
  {
    if path.isIdentity { return record.bytes }
    let place = record.line.map { "\(name):\($0)" } ?? "\(name) record \(record.number)"
    let selected = try path.apply(to: try value(of: record.bytes, request: request, place: place), place: place)
    return Array((request == .csv ? selected.csvText : selected.text).utf8)
  }

  /// A record's answer as a JSON value: the CSV row's fields, the per-row object (JSON Lines),
  /// or the `{"predictions": [...]}` object a request for that record alone gets (JSON).
  private func outputValue(_ answer: Predictions, response: ResponseFormat, rowsAreOne: Bool) throws(InferenceError) -> JSONValue {
    switch response {
    case .csv:
      let fields = answer.csv().split(whereSeparator: { $0 == "," || $0 == "\n" }).map { JSONValue.string(String($0)) }
      return .array(fields)
    case .jsonLines where rowsAreOne:
      return try JSONValue.parse(Array(answer.jsonLines().utf8), name: "response")
    case .jsonLines:
      let lines = answer.jsonLines().split(separator: "\n")
      var values: [JSONValue] = []
      for line in lines { values.append(try JSONValue.parse(Array(line.utf8), name: "response")) }
      return .array(values)
    case .json:
      return try JSONValue.parse(Array(answer.json().utf8), name: "response")
    case .recordIO:
      throw .badRequest("RecordIO answers cannot be joined or filtered")
    }
  }

  /// CSV: the output fields appended to the row. JSON: an object gains `SageMakerOutput`; any
  /// other value is wrapped as `{"SageMakerInput": ..., "SageMakerOutput": ...}`.
  private func join(_ input: JSONValue, _ output: JSONValue, request: RequestFormat) -> JSONValue {
    if request == .csv, case .array(let fields) = input {
      if case .array(let out) = output { return .array(fields + out) }
      return .array(fields + [output])
    }
    if case .object(var members) = input {
      members.append(JSONMember(key: "SageMakerOutput", value: output))
      return .object(members)
    }
    return .object([JSONMember(key: "SageMakerInput", value: input), JSONMember(key: "SageMakerOutput", value: output)])
  }
}
