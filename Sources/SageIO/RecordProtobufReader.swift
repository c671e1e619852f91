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

  /// Reads the records in `bytes` (an HTTP request body), naming them `name` in errors.
  public init(bytes: [UInt8], name: String, options: ReadOptions) throws(DataError) {
    if let d = options.featureDim, d < 1 {
      throw DataError(file: name, value: String(d), problem: "is not a valid feature_dim: expected an integer of at least 1")
    }
    file = name
    self.options = options
    records = RecordIOReader(bytes: bytes, name: name)
    width = options.featureDim
  }

  public mutating func next(maxRows: Int) throws(DataError) -> DataBatch? {
    var builder = BatchBuilder()
    while builder.numbers.count < maxRows, let payload = try records.next() {
      builder.append(try decode(payload), number: payload.recordNumber)
    }
    if builder.numbers.isEmpty {
      if !sawRecord { throw DataError(file: file, problem: "is empty: expected at least one record") }
      return nil
    }
    sawRecord = true
    return builder.batch(file: file, keepLabels: options.hasLabel)
  }

  private mutating func decode(_ payload: RecordIOPayload) throws(DataError) -> DecodedRow {
    if let fast = RecordFastDecoder.decode(payload.bytes) {
      var row = try checkedRow(fast.features.values, fast.features.keys, fast.features.shape, payload)
      try checkWidth(row, payload)
      var labelRow: DecodedRow?
      if let l = fast.label { labelRow = try checkedRow(l.values, l.keys, l.shape, payload) }
      row.label = try label(labelRow, payload)
      return row
    }
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
    try checkWidth(row, payload)
    var labelRow: DecodedRow?
    if let value = record.label["values"] { labelRow = try tensorRow(value, payload) }
    row.label = try label(labelRow, payload)
    return row
  }

  private mutating func checkWidth(_ row: DecodedRow, _ payload: RecordIOPayload) throws(DataError) {
    if let given = width, row.width != given {
      throw records.fault(payload.offset, "has \(row.width) features; \(options.featureDim == nil ? "earlier records have" : "feature_dim is") \(given)", number: payload.recordNumber)
    }
    width = row.width
  }

  private func label(_ tensor: DecodedRow?, _ payload: RecordIOPayload) throws(DataError) -> Double? {
    guard let tensor else {
      if options.hasLabel {
        throw records.fault(payload.offset, "has no label[\"values\"]: this channel needs a label on every record", number: payload.recordNumber)
      }
      return nil
    }
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
    return try checkedRow(values, keys, shape, payload)
  }

  /// Checks a tensor's values, keys and shape, and returns it as a dense or sparse row.
  func checkedRow(_ values: [Double], _ keys: [UInt64], _ shape: [UInt64], _ payload: RecordIOPayload) throws(DataError) -> DecodedRow {
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

}

/// Rows gathered into one batch as they are decoded: dense values appended in place while every
/// row is dense, switching to CSR at the first sparse row.
struct BatchBuilder {
  private var dense: [Double] = []
  private var sparse: SparseMatrix?
  private var width = 0
  private var labels: [Double] = []
  private var allLabelled = true
  private(set) var numbers: [Int] = []

  mutating func append(_ row: DecodedRow, number: Int) {
    if numbers.isEmpty { width = row.width }
    if sparse == nil, row.indices != nil { sparse = denseSoFarAsSparse() }
    if var s = sparse {
      sparse = nil  // keep the storage uniquely referenced while appending
      s.appendRow(columns: row.indices ?? (0..<Int32(row.width)).map { $0 }, values: row.values)
      sparse = s
    } else {
      dense.append(contentsOf: row.values)
    }
    if let y = row.label { labels.append(y) } else { allLabelled = false }
    numbers.append(number)
  }

  private func denseSoFarAsSparse() -> SparseMatrix {
    var s = SparseMatrix(columns: width)
    let all = (0..<Int32(width)).map { $0 }
    for i in 0..<numbers.count { s.appendRow(columns: all, values: Array(dense[(i * width)..<((i + 1) * width)])) }
    return s
  }

  /// The batch; labels are kept when the channel needs them or every record has one.
  func batch(file: String, keepLabels: Bool) -> DataBatch {
    let features: Features =
      sparse.map { .sparse($0) } ?? .dense(Matrix(rows: numbers.count, columns: width, values: dense))
    return DataBatch(features: features, labels: keepLabels || allLabelled ? labels : [], lines: numbers, file: file)
  }
}
