import ArgumentParser
import SageIO

/// `sagesim convert`: streams a data file from one SageMaker content type to another.
struct ConvertCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "convert",
    abstract: "Convert data between text/csv, text/libsvm and application/x-recordio-protobuf (dense or sparse), streaming, with the label carried across.")

  @Option(help: "The file to read ('-' for standard input).") var input: String
  @Option(help: "Its content type: text/csv (label first), 'text/csv;label_size=0', text/libsvm or application/x-recordio-protobuf.")
  var contentType: String
  @Option(help: "The file to write ('-' for standard output).") var output: String
  @Option(help: "The content type to write: text/csv, text/libsvm or application/x-recordio-protobuf.")
  var accept: String
  @Flag(help: "RecordIO output: write sparse tensors (keys and shape), as write_spmatrix_to_sparse_tensor does.")
  var sparse = false
  @Option(help: "Rows per streamed batch.") var batchRows = 10_000

  func run() throws {
    let from = try ContentType(parsing: contentType)
    let to = try ContentType(parsing: accept)
    if sparse, to != .recordIOProtobuf {
      throw CLIError("--sparse applies to application/x-recordio-protobuf output only; \(to) is written as it is")
    }
    guard batchRows > 0 else { throw CLIError("--batch-rows must be at least 1; got \(batchRows)") }
    var options = ReadOptions()
    if case .csv(0) = from { options.hasLabel = false }
    if from == .recordIOProtobuf { options.hasLabel = false }  // carried across when present
    var reader = try openReader(path: input, contentType: from, options: options)
    let writer = try DataWriter(path: output, contentType: to, sparse: sparse)
    var rows = 0
    while let batch = try reader.next(maxRows: batchRows) {
      try writer.write(batch)
      rows += batch.rows
    }
    try writer.finish()
    if output != "-" { print("converted \(rows) rows from \(from) to \(to): \(output)") }
  }
}
