import Foundation
import SageCore

/// Reads SageMaker CSV: no header row, one row per line, fields separated by commas.
///
/// With `options.hasLabel` the first field is the label; with `options.hasWeightColumn` the
/// next one is the instance weight; every other field is a feature. Every row must have as many
/// fields as the first row, or `featureDim` plus the label and weight columns when it is given.
/// Lines may end in `\n` or `\r\n`, the last one needs no newline, blank lines (nothing but
/// spaces and tabs) are skipped, and spaces and tabs around a field are ignored. Quoting is not
/// supported: SageMaker CSV is numbers only.
///
/// Batches are `.dense` matrices of at most `maxRows` rows; the file is read in fixed-size chunks,
/// so memory is bounded by the batch, not the file. Copies of a reader share one position in the
/// file. After an error every later `next` throws the same error.
public struct CSVReader: BatchReader {
  private let state: State

  public var file: String { state.source.path }

  /// Opens `path`; a missing or unreadable file throws a `DataError` naming the OS reason.
  public init(path: String, options: ReadOptions) throws(DataError) {
    try self.init(path: path, options: options, chunkSize: LineSource.defaultChunkSize)
  }

  /// As `init(path:options:)`, reading `chunkSize` bytes at a time (small in tests).
  init(path: String, options: ReadOptions, chunkSize: Int) throws(DataError) {
    try options.validate(path: path)
    state = State(source: try LineSource(path: path, chunkSize: chunkSize), options: options)
  }

  /// Reads the rows in `bytes` (an HTTP request body), naming them `name` in errors.
  public init(bytes: [UInt8], name: String, options: ReadOptions) throws(DataError) {
    try options.validate(path: name)
    state = State(source: LineSource(bytes: bytes, name: name), options: options)
  }

  /// The next up-to-`maxRows` rows, nil after the last; an empty file throws on the first call.
  public mutating func next(maxRows: Int) throws(DataError) -> DataBatch? {
    precondition(maxRows > 0, "maxRows must be positive")
    return try state.next(maxRows: maxRows)
  }
}

extension CSVReader {
  /// The rows of one batch as they are parsed.
  private struct Builder {
    var features: [Double] = []
    var labels: [Double] = []
    var weights: [Double] = []
    var lines: [Int] = []
  }

  /// Everything that changes as the file is read, shared by copies of the reader.
  private final class State {
    let source: LineSource
    let options: ReadOptions
    let rules: FieldRules
    /// Label and weight columns before the features.
    let leading: Int
    /// The number of fields every row must have, once known.
    var fieldCount: Int?
    /// The line of the first row, once read.
    var firstRowLine: Int?
    var failure: DataError?
    var finished = false
    /// The fields of the row being parsed, grown while the first row fixes the width.
    var row: UnsafeMutablePointer<Double>
    var rowCapacity: Int

    init(source: LineSource, options: ReadOptions) {
      self.source = source
      self.options = options
      rules = FieldRules(file: source.path, allowsMissing: options.allowsMissing)
      let leading = (options.hasLabel ? 1 : 0) + (options.hasWeightColumn ? 1 : 0)
      let count = options.featureDim.map { $0 + leading }
      self.leading = leading
      fieldCount = count
      rowCapacity = max(64, count ?? 0)
      row = .allocate(capacity: rowCapacity)
    }

    deinit { row.deallocate() }

    func next(maxRows: Int) throws(DataError) -> DataBatch? {
      if let failure { throw failure }
      if finished { return nil }
      do {
        return try readBatch(maxRows: maxRows)
      } catch {
        failure = error
        throw error
      }
    }

    private func readBatch(maxRows: Int) throws(DataError) -> DataBatch? {
      var batch = Builder()
      while batch.lines.count < maxRows, let line = try source.nextLine() {
        if isBlank(line) { continue }
        try parseRow(line, into: &batch)
        if batch.lines.count == 1 { reserve(&batch, maxRows: maxRows) }
      }
      guard !batch.lines.isEmpty, let fieldCount else {
        finished = true
        if firstRowLine == nil { throw DataError.emptyFile(source.path) }
        return nil
      }
      let matrix = Matrix(rows: batch.lines.count, columns: fieldCount - leading, values: batch.features)
      return DataBatch(
        features: .dense(matrix), labels: batch.labels,
        weights: options.hasWeightColumn ? batch.weights : nil, lines: batch.lines, file: source.path)
    }

    /// Reserves room for the rows this batch will probably hold, estimated from the bytes per
    /// line so far and the bytes left, so that large batches are not copied as they grow.
    /// A value takes at least two bytes of text (a digit and a separator), which caps the
    /// reservation at four times the bytes left even when the first line is unusually short.
    private func reserve(_ batch: inout Builder, maxRows: Int) {
      guard let fieldCount, let remaining = source.remainingBytes else { return }
      let width = fieldCount - leading
      let linesLeft = Double(remaining) * Double(source.lineNumber) / Double(max(1, source.consumedBytes))
      let estimate = min(maxRows, Int(min(linesLeft * 1.01, 1e12)) + 64)
      let rows = min(estimate, remaining / 2 / max(1, width) + 1)
      batch.features.reserveCapacity(rows * width)
      adviseHugePages(&batch.features, capacity: rows * width)
      batch.lines.reserveCapacity(rows)
      if options.hasLabel { batch.labels.reserveCapacity(rows) }
      if options.hasWeightColumn { batch.weights.reserveCapacity(rows) }
    }

    /// Parses one non-blank line into `batch`, or throws for its first bad field.
    private func parseRow(_ line: UnsafeBufferPointer<UInt8>, into batch: inout Builder) throws(DataError) {
      guard let base = line.baseAddress else { return }
      let end = base + line.count
      let expected = fieldCount ?? Int.max
      var p = base
      var field = 0
      while true {
        if field == expected { throw tooManyFields(after: p, end: end) }
        if field == rowCapacity { growRow() }
        let value: Double
        if let (x, stop) = NumberParser.parsePrefix(p, end), stop == end || stop.pointee == comma {
          value = x
          p = stop
        } else {
          let stop = fieldEnd(p, end)
          value = try slowField(UnsafeBufferPointer(start: p, count: stop - p), index: field)
          p = stop
        }
        row[field] = value
        field &+= 1
        if p == end { break }
        p += 1
      }
      try checkFieldCount(field)
      if options.hasLabel { batch.labels.append(row[0]) }
      if options.hasWeightColumn { batch.weights.append(row[leading - 1]) }
      batch.features.append(contentsOf: UnsafeBufferPointer(start: row + leading, count: field - leading))
      batch.lines.append(source.lineNumber)
    }

    /// Doubles the row scratch space (only while the first row is read without `featureDim`).
    private func growRow() {
      let grown = UnsafeMutablePointer<Double>.allocate(capacity: rowCapacity * 2)
      grown.update(from: row, count: rowCapacity)
      row.deallocate()
      row = grown
      rowCapacity *= 2
    }

    /// A field the fast path could not take: blanks around it, `strtod`-only syntax, or an error.
    private func slowField(_ text: UnsafeBufferPointer<UInt8>, index: Int) throws(DataError) -> Double {
      let role: FieldRole =
        index >= leading ? .feature : (index == 0 && options.hasLabel ? .label : .weight)
      return try rules.value(
        NumberParser.parse(text), text: text, role: role, line: source.lineNumber,
        column: index + 1, headerHint: firstRowLine == nil)
    }

    /// Checks a finished row's width; the first row fixes it when `featureDim` did not.
    private func checkFieldCount(_ found: Int) throws(DataError) {
      if let fieldCount {
        if found != fieldCount { throw raggedRow(found: found) }
      } else if found <= leading {
        let parts = (options.hasLabel ? ["label"] : []) + (options.hasWeightColumn ? ["weight"] : [])
        throw DataError(
          file: source.path, line: source.lineNumber,
          problem: "row has \(fields(found)), expected at least \(leading + 1) ("
            + (parts + ["at least one feature"]).joined(separator: " + ") + ")")
      } else {
        fieldCount = found
      }
      if firstRowLine == nil { firstRowLine = source.lineNumber }
    }

    /// The error for a row with more fields than expected, counting them all.
    private func tooManyFields(after p: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>) -> DataError {
      var found = (fieldCount ?? 0) + 1
      var q = p
      while q < end {
        if q.pointee == comma { found += 1 }
        q += 1
      }
      return raggedRow(found: found)
    }

    /// The error for a row whose width differs from the expected one.
    private func raggedRow(found: Int) -> DataError {
      let expected = fieldCount ?? 0
      var why: String
      if let dim = options.featureDim {
        let parts = (options.hasLabel ? ["label"] : []) + (options.hasWeightColumn ? ["weight"] : [])
        why = "(" + (parts + ["\(dim) features from feature_dim"]).joined(separator: " + ") + ")"
      } else {
        why = "like the first row (line \(firstRowLine ?? 1))"
      }
      return DataError(
        file: source.path, line: source.lineNumber,
        problem: "row has \(fields(found)), expected \(expected) \(why)")
    }

    private func fields(_ n: Int) -> String { n == 1 ? "1 field" : "\(n) fields" }
  }
}

private let comma = UInt8(ascii: ",")

/// The end of the field starting at `p`: the next comma, or the end of the line.
@inline(__always)
private func fieldEnd(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> UnsafePointer<UInt8> {
  var q = p
  while q < end && q.pointee != comma { q += 1 }
  return q
}

/// True for a line of nothing but spaces and tabs (or nothing at all).
func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
  for c in line where !NumberParser.isBlank(c) { return false }
  return true
}

/// Asks Linux to back a large, still untouched array reservation with huge pages, which cuts
/// the page faults of filling it by up to 512 times (a third of the time for small-integer CSV).
/// Only page-table policy changes: no memory is read or written, so it is a hint and nothing
/// more; arrays under 8 MiB and other systems are left alone.
private func adviseHugePages(_ array: inout [Double], capacity: Int) {
  #if os(Linux)
  let bytes = capacity * MemoryLayout<Double>.stride
  guard bytes >= 8 << 20, array.capacity >= capacity else { return }
  array.withUnsafeMutableBufferPointer { buffer in
    guard let base = buffer.baseAddress else { return }
    let page = Int(getpagesize())
    let start = (Int(bitPattern: base) + page - 1) / page * page
    let end = (Int(bitPattern: base) + bytes) / page * page
    guard end > start, let address = UnsafeMutableRawPointer(bitPattern: start) else { return }
    _ = madvise(address, end - start, MADV_HUGEPAGE)
  }
  #endif
}
