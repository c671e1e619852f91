import SageCore

/// A reader for `path` in the given content type.
///
/// For CSV, `label_size=0` overrides `options.hasLabel` (no label column); `label_size=1` keeps
/// `options.hasLabel` as given, so inference data without labels can still be read as `text/csv`.
/// RecordIO-protobuf reads `features["values"]` and `label["values"]` of each record.
/// A missing or unreadable file throws a `DataError` naming the path and the OS reason.
public func openReader(path: String, contentType: ContentType, options: ReadOptions) throws(DataError)
  -> any BatchReader
{
  switch contentType {
  case .csv(let labelSize):
    var csvOptions = options
    if labelSize == 0 { csvOptions.hasLabel = false }
    return try CSVReader(path: path, options: csvOptions)
  case .libsvm:
    return try LibSVMReader(path: path, options: options)
  case .recordIOProtobuf:
    return try RecordProtobufReader(path: path, options: options)
  }
}

/// A reader over `bytes` already in memory (an HTTP request body), as `openReader(path:...)`;
/// errors name the bytes `name` (e.g. "request body").
public func openReader(bytes: [UInt8], name: String, contentType: ContentType, options: ReadOptions)
  throws(DataError) -> any BatchReader
{
  switch contentType {
  case .csv(let labelSize):
    var csvOptions = options
    if labelSize == 0 { csvOptions.hasLabel = false }
    return try CSVReader(bytes: bytes, name: name, options: csvOptions)
  case .libsvm:
    return try LibSVMReader(bytes: bytes, name: name, options: options)
  case .recordIOProtobuf:
    return try RecordProtobufReader(bytes: bytes, name: name, options: options)
  }
}

/// Every row of `bytes` as one batch, as `readAll(path:...)`.
public func readAll(bytes: [UInt8], name: String, contentType: ContentType, options: ReadOptions)
  throws(DataError) -> DataBatch
{
  var reader = try openReader(bytes: bytes, name: name, contentType: contentType, options: options)
  var all = BatchAccumulator()
  while let batch = try reader.next(maxRows: readAllBatchRows) { all.append(batch) }
  return all.result(file: reader.file)
}

/// Every row of `path` as one batch, in file order.
///
/// Sparse batches are widened to the final column count (the largest index in the whole file + 1,
/// or `featureDim`). When only some libsvm rows carry a weight, the others get weight 1.
/// Errors are those of `openReader` and of the reader's `next`, an empty file included.
public func readAll(path: String, contentType: ContentType, options: ReadOptions) throws(DataError)
  -> DataBatch
{
  var reader = try openReader(path: path, contentType: contentType, options: options)
  var all = BatchAccumulator()
  while let batch = try reader.next(maxRows: readAllBatchRows) { all.append(batch) }
  return all.result(file: reader.file)
}

/// Rows per batch inside `readAll`: unlimited, so that the readers build the result in place
/// instead of having every value copied once more into the concatenation.
let readAllBatchRows = Int.max

/// Concatenates batches, dense or sparse, into one.
struct BatchAccumulator {
  private var dense: Matrix?
  private var sparseColumns = 0
  private var rowStart: [Int] = [0]
  private var columnIndices: [Int32] = []
  private var sparseValues: [Double] = []
  private var labels: [Double] = []
  private var weights: [Double]?
  private var lines: [Int] = []

  mutating func append(_ batch: DataBatch) {
    switch batch.features {
    case .dense(let m):
      if dense == nil { dense = m } else { dense?.appendRows(of: m) }
    case .sparse(let s):
      let offset = columnIndices.count
      rowStart.append(contentsOf: s.rowStart.dropFirst().map { $0 + offset })
      columnIndices.append(contentsOf: s.columnIndices)
      sparseValues.append(contentsOf: s.values)
      sparseColumns = max(sparseColumns, s.columns)
    }
    if let w = batch.weights {
      if weights == nil { weights = Array(repeating: 1, count: lines.count) }
      weights?.append(contentsOf: w)
    } else if weights != nil {
      weights?.append(contentsOf: repeatElement(1, count: batch.rows))
    }
    labels.append(contentsOf: batch.labels)
    lines.append(contentsOf: batch.lines)
  }

  func result(file: String) -> DataBatch {
    let features: Features
    if let dense {
      features = .dense(dense)
    } else {
      features = .sparse(
        SparseMatrix(
          rows: lines.count, columns: sparseColumns, rowStart: rowStart,
          columnIndices: columnIndices, values: sparseValues))
    }
    return DataBatch(features: features, labels: labels, weights: weights, lines: lines, file: file)
  }
}
