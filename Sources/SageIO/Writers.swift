import Foundation
import SageCore

/// Writes batches in one of SageMaker's content types, streaming to a file (or standard output for
/// "-"): `sagesim convert` and the tests use it.
///
/// - text/csv: label first when the batch has labels, then every feature (an absent sparse entry is
///   written as 0, SageMaker's reading of sparse data outside xgboost).
/// - text/libsvm: `label index:value ...`, zero-based, only the stored (or non-zero dense) entries.
/// - application/x-recordio-protobuf: one `Record` per row as the SageMaker Python SDK writes them
///   (`write_numpy_to_dense_tensor` / `write_spmatrix_to_sparse_tensor`), with Float32 tensors,
///   the only kind Linear Learner and factorization machines accept.
public final class DataWriter {
  public let path: String
  public let contentType: ContentType
  /// RecordIO only: write sparse tensors (keys + shape) instead of dense ones.
  public let sparse: Bool
  private let handle: FileHandle
  private var pending: [UInt8] = []

  public init(path: String, contentType: ContentType, sparse: Bool = false) throws(DataError) {
    self.path = path
    self.contentType = contentType
    self.sparse = sparse
    if path == "-" {
      handle = FileHandle.standardOutput
    } else {
      guard FileManager.default.createFile(atPath: path, contents: nil),
        let handle = FileHandle(forWritingAtPath: path)
      else { throw DataError(file: path, problem: "cannot be created for writing") }
      self.handle = handle
    }
  }

  /// Appends every row of `batch`.
  public func write(_ batch: DataBatch) throws(DataError) {
    for i in 0..<batch.rows {
      let label = batch.labels.isEmpty ? nil : batch.labels[i]
      let entries = rowEntries(batch.features, i)
      switch contentType {
      case .csv: appendCSV(label, entries, width: batch.features.columns)
      case .libsvm: appendLibSVM(label, entries)
      case .recordIOProtobuf: try appendRecord(label, entries, width: batch.features.columns)
      }
      if pending.count > 1 << 22 { try flush() }
    }
  }

  /// Writes what is buffered and closes the file.
  public func finish() throws(DataError) {
    try flush()
    if path != "-" { try? handle.close() }
  }

  private func flush() throws(DataError) {
    do { try handle.write(contentsOf: pending) } catch {
      throw DataError(file: path, problem: "cannot be written: \(error.localizedDescription)")
    }
    pending.removeAll(keepingCapacity: true)
  }

  /// Row i as (column, value) pairs: every column when dense, the stored entries when sparse.
  private func rowEntries(_ features: Features, _ i: Int) -> [(Int, Double)] {
    switch features {
    case .dense(let m): return (0..<m.columns).map { ($0, m[i, $0]) }
    case .sparse(let s):
      let row = s.row(i)
      return zip(row.columns, row.values).map { (Int($0), $1) }
    }
  }

  private func appendCSV(_ label: Double?, _ entries: [(Int, Double)], width: Int) {
    var fields = [Double](repeating: 0, count: width)
    for (j, v) in entries { fields[j] = v }
    let text = (label.map { [$0] } ?? []) + fields
    pending.append(contentsOf: Array((text.map(formatNumber).joined(separator: ",") + "\n").utf8))
  }

  private func appendLibSVM(_ label: Double?, _ entries: [(Int, Double)]) {
    var line = formatNumber(label ?? 0)
    for (j, v) in entries where v != 0 { line += " \(j):\(formatNumber(v))" }
    pending.append(contentsOf: Array((line + "\n").utf8))
  }

  private func appendRecord(_ label: Double?, _ entries: [(Int, Double)], width: Int) throws(DataError) {
    var record = Aialgs_Data_Record()
    var tensor = Aialgs_Data_Float32Tensor()
    if sparse {
      let stored = entries.filter { $0.1 != 0 }
      tensor.values = stored.map { Float($0.1) }
      tensor.keys = stored.map { UInt64($0.0) }
      tensor.shape = [UInt64(width)]
    } else {
      tensor.values = entries.map { Float($0.1) }
    }
    var features = Aialgs_Data_Value()
    features.float32Tensor = tensor
    record.features["values"] = features
    if let label {
      var value = Aialgs_Data_Value()
      var labelTensor = Aialgs_Data_Float32Tensor()
      labelTensor.values = [Float(label)]
      value.float32Tensor = labelTensor
      record.label["values"] = value
    }
    do {
      let bytes: [UInt8] = try record.serializedBytes()
      RecordIO.appendRecord(bytes, to: &pending)
    } catch {
      throw DataError(file: path, problem: "cannot encode a record: \(error)")
    }
  }
}

/// The shortest text that reads back as the same Double (`3`, `0.1`, `1e-05`).
func formatNumber(_ x: Double) -> String {
  x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
}
