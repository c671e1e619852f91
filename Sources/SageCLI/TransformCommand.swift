import ArgumentParser
import Foundation
import SageServe

/// `sagesim transform`: SageMaker batch transform over local files.
struct TransformCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "transform",
    abstract: "Run a batch transform job: predict every record of the input files and write <file>.out per file, as SageMaker's batch transform does.",
    discussion: """
      Records are split by --split-type, sent in requests of one record (SingleRecord) or as many \
      as fit in --max-payload (MultiRecord), and answered as the endpoint answers them. \
      --input-filter, --join-source Input and --output-filter associate predictions with input \
      records for CSV and JSON input, with SageMaker's JSONPath subset: $, $[1:], $[0,5:], $[-1], \
      $.features, $['id','SageMakerOutput'].
      """)

  @Option(help: "The directory a model was trained into.") var modelDir: String
  @Option(help: "An input file, or a directory whose files (recursively) are all transformed.") var input: String
  @Option(help: "The directory for the <file>.out files.") var output: String
  @Option(help: "The records' content type (text/csv, application/json, application/jsonlines, application/x-recordio-protobuf, text/libsvm).")
  var contentType = "text/csv"
  @Option(help: "Line, RecordIO or None (a whole file is one record).") var splitType = "Line"
  @Option(help: "SingleRecord or MultiRecord.") var strategy = "MultiRecord"
  @Option(help: "The largest request in MB (SageMaker's MaxPayloadInMB, 0 < MB <= 100).") var maxPayload = 6.0
  @Option(help: "The answers' format; the algorithm's SageMaker default when not given.") var accept: String?
  @Option(help: "Input: join each input record with its prediction; None: predictions only.") var joinSource = "None"
  @Option(help: "JSONPath selecting what of each record is sent to the model.") var inputFilter = "$"
  @Option(help: "JSONPath selecting what of each (joined) record is written.") var outputFilter = "$"
  @Option(help: "Line: one answer per line; None: answers concatenated.") var assembleWith = "Line"

  func run() throws {
    func pick<T: RawRepresentable & CaseIterable>(_ value: String, _ flag: String) throws -> T where T.RawValue == String {
      guard let v = T.allCases.first(where: { $0.rawValue.lowercased() == value.lowercased() }) else {
        throw CLIError("--\(flag) must be one of \(T.allCases.map(\.rawValue).joined(separator: ", ")); got '\(value)'")
      }
      return v
    }
    guard maxPayload > 0, maxPayload <= 100 else {
      throw CLIError("--max-payload must be more than 0 and at most 100 (MB, SageMaker's MaxPayloadInMB); got \(maxPayload)")
    }
    guard ["input", "none"].contains(joinSource.lowercased()) else {
      throw CLIError("--join-source must be Input or None; got '\(joinSource)'")
    }
    let job = BatchTransform(
      contentType: contentType, accept: accept, splitType: try pick(splitType, "split-type"),
      strategy: try pick(strategy, "strategy"), maxPayloadBytes: Int(maxPayload * 1_048_576),
      joinInput: joinSource.lowercased() == "input", inputFilter: try JSONPath(inputFilter),
      outputFilter: try JSONPath(outputFilter), assembleWith: try pick(assembleWith, "assemble-with"))
    let model = try ServedModel(directory: modelDir)
    let files = try inputFiles()
    var totalRecords = 0, totalRequests = 0
    for (path, relative) in files {
      guard let data = FileManager.default.contents(atPath: path) else {
        throw CLIError("\(path): cannot be read")
      }
      let result: (output: [UInt8], report: BatchTransform.FileReport)
      do {
        result = try job.transform(Array(data), name: path, model: model)
      } catch {
        throw CLIError("transform failed: \(error.message)")
      }
      let destination = URL(fileURLWithPath: output).appendingPathComponent(relative + ".out")
      do {
        try FileManager.default.createDirectory(
          at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(result.output).write(to: destination)
      } catch {
        throw CLIError("\(destination.path): cannot be written: \(error.localizedDescription)")
      }
      totalRecords += result.report.records
      totalRequests += result.report.requests
      print("\(relative) -> \(destination.path): \(result.report.records) records in \(result.report.requests) request(s)")
    }
    print("transformed \(files.count) file(s), \(totalRecords) records, \(totalRequests) request(s) (\(model.algorithm), \(strategy))")
  }

  /// The files to transform, with their paths relative to --input (a file: its own name).
  private func inputFiles() throws -> [(path: String, relative: String)] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
      throw CLIError("--input \(input): no such file or directory")
    }
    if !isDirectory.boolValue { return [(input, URL(fileURLWithPath: input).lastPathComponent)] }
    guard let walker = FileManager.default.enumerator(atPath: input) else {
      throw CLIError("--input \(input): cannot be listed")
    }
    var files: [(String, String)] = []
    while let relative = walker.nextObject() as? String {
      let path = URL(fileURLWithPath: input).appendingPathComponent(relative).path
      var dir: ObjCBool = false
      let hidden = relative.split(separator: "/").contains { $0.hasPrefix(".") }
      if FileManager.default.fileExists(atPath: path, isDirectory: &dir), !dir.boolValue, !hidden {
        files.append((path, relative))
      }
    }
    guard !files.isEmpty else { throw CLIError("--input \(input): the directory holds no files") }
    return files.sorted { $0.1 < $1.1 }
  }
}
