import Foundation
import SageCore
import SwiftProtobuf

/// `application/x-recordio-protobuf`: RecordIO frames around protobuf `Record`s (spec §2), read as
/// the first-party containers read them: features from `features["values"]`, the label from
/// `label["values"]`; a tensor with `keys` is a sparse row of width `shape[0]`, otherwise dense.
/// Float32, Float64 and Int32 tensors are all accepted (the SDK writes the numpy dtype's).
public struct RecordProtobufReader: BatchReader {
  public let file: String
  private let options: ReadOptions
  private let records: RecordIOReader
  private var width: Int?
  private var sawRecord = false

  public init(path: String, options: ReadOptions) throws(DataError) {
    if let d = options.featureDim, d < 1 {
      throw DataError(file: path, value: String(d), problem: "is not a valid feature_dim: expected an integer of at least 1")
    }
    file = path
    self.options = options
    records = try RecordIOReader(path: path)
    width = options.featureDim
  }

  public mutating func next(maxRows: Int) throws(DataError) -> DataBatch? {
    var rows: [DecodedRow] = []
    var numbers: [Int] = []
    while rows.count < maxRows, let payload = try records.next() {
      rows.append(try decode(payload))
      numbers.append(payload.recordNumber)
    }
    if rows.isEmpty {
      if !sawRecord { throw DataError(file: file, problem: "is empty: expected at least one record") }
      return nil
    }
    sawRecord = true
    return assemble(rows, numbers: numbers)
  }

  private mutating func decode(_ payload: RecordIOPayload) throws(DataError) -> DecodedRow {
    let record: Aialgs_Data_Record
    do {
      record = try Aialgs_Data_Record(serializedBytes: payload.bytes)
    } catch {
      throw records.fault(payload.offset, "is not a valid protobuf Record: \(error)", number: payload.recordNumber)
    }
    guard let features = record.features["values"] else {
      let keys = record.features.keys.sorted().map { "'\($0)'" }.joined(separator: ", ")
      throw records.fault(payload.offset, "has no features[\"values\"] tensor (its feature keys: \(keys.isEmpty ? "none" : keys))", number: payload.recordNumber)
    }
    var row = try tensorRow(features, payload)
    if let given = width, row.width != given {
      throw records.fault(payload.offset, "has \(row.width) features; \(options.featureDim == nil ? "earlier records have" : "feature_dim is") \(given)", number: payload.recordNumber)
    }
    width = row.width
    row.label = try label(record, payload)
    return row
  }

  private func label(_ record: Aialgs_Data_Record, _ payload: RecordIOPayload) throws(DataError) -> Double? {
    guard let value = record.label["values"] else {
      if options.hasLabel {
        throw records.fault(payload.offset, "has no label[\"values\"]: this channel needs a label on every record", number: payload.recordNumber)
      }
      return nil
    }
    let tensor = try tensorRow(value, payload)
    guard tensor.values.count == 1, tensor.indices == nil, let y = tensor.values.first, !y.isNaN else {
      throw records.fault(payload.offset, "has a label tensor of \(tensor.values.count) values: expected exactly one number", number: payload.recordNumber)
    }
    return y
  }
}

/// One record's features (dense, or sparse with sorted column indices) and label.
struct DecodedRow {
  var values: [Double]
  var indices: [Int32]?
  var width: Int
  var label: Double?
}

extension RecordProtobufReader {
  /// A tensor as a row: dense values, or (keys, values) with shape[0] as the width.
  func tensorRow(_ value: Aialgs_Data_Value, _ payload: RecordIOPayload) throws(DataError) -> DecodedRow {
    let (values, keys, shape): ([Double], [UInt64], [UInt64])
    switch value.value {
    case .float32Tensor(let t): (values, keys, shape) = (t.values.map(Double.init), t.keys, t.shape)
    case .float64Tensor(let t): (values, keys, shape) = (t.values, t.keys, t.shape)
    case .int32Tensor(let t): (values, keys, shape) = (t.values.map(Double.init), t.keys, t.shape)
    default:
      throw records.fault(payload.offset, "holds a tensor of no numeric type (bytes or empty): expected float32, float64 or int32 values", number: payload.recordNumber)
    }
    if let bad = values.first(where: { !$0.isFinite }), !(options.allowsMissing && bad.isNaN) {
      throw records.fault(payload.offset, "holds the value \(bad): expected finite numbers", number: payload.recordNumber)
    }
    if keys.isEmpty, values.isEmpty, shape.count == 1 {
      return try sparseRow(values, keys, shape, payload)  // a sparse row with no stored entries
    }
    if keys.isEmpty {
      if let extent = shape.first, shape.count == 1, Int(extent) != values.count {
        throw records.fault(payload.offset, "has a dense tensor of \(values.count) values but shape [\(extent)]", number: payload.recordNumber)
      }
      return DecodedRow(values: values, indices: nil, width: values.count, label: nil)
    }
    return try sparseRow(values, keys, shape, payload)
  }

  private func sparseRow(_ values: [Double], _ keys: [UInt64], _ shape: [UInt64], _ payload: RecordIOPayload) throws(DataError) -> DecodedRow {
    guard keys.count == values.count else {
      throw records.fault(payload.offset, "has a sparse tensor with \(keys.count) keys but \(values.count) values", number: payload.recordNumber)
    }
    guard shape.count == 1, let extent = shape.first, extent > 0, extent <= UInt64(Int32.max) else {
      throw records.fault(payload.offset, "has a sparse tensor with shape \(shape): expected one positive dimension (the feature count)", number: payload.recordNumber)
    }
    let order = keys.indices.sorted { keys[$0] < keys[$1] }
    var indices: [Int32] = [], sorted: [Double] = []
    for k in order {
      guard keys[k] < extent else {
        throw records.fault(payload.offset, "has key \(keys[k]) outside its shape [\(extent)]", number: payload.recordNumber)
      }
      if let last = indices.last, Int32(keys[k]) == last {
        throw records.fault(payload.offset, "repeats key \(keys[k])", number: payload.recordNumber)
      }
      indices.append(Int32(keys[k]))
      sorted.append(values[k])
    }
    return DecodedRow(values: sorted, indices: indices, width: Int(extent), label: nil)
  }

  /// Rows into one batch: dense when every row is dense, CSR otherwise.
  func assemble(_ rows: [DecodedRow], numbers: [Int]) -> DataBatch {
    let width = rows[0].width
    let labels = options.hasLabel || rows.allSatisfy({ $0.label != nil }) ? rows.compactMap(\.label) : []
    let features: Features
    if rows.allSatisfy({ $0.indices == nil }) {
      features = .dense(Matrix(rows: rows.count, columns: width, values: rows.flatMap(\.values)))
    } else {
      var sparse = SparseMatrix(columns: width)
      for row in rows {
        let indices = row.indices ?? (0..<Int32(row.width)).map { $0 }
        sparse.appendRow(columns: indices, values: row.values)
      }
      features = .sparse(sparse)
    }
    return DataBatch(features: features, labels: labels, lines: numbers, file: file)
  }
}
