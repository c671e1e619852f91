import SageCore

/// Reads libsvm text: one row per line, `label[:weight] index:value index:value ...`.
///
/// Tokens are separated by spaces or tabs; indices are zero-based non-negative integers, and an
/// absent index is an absent entry of the sparse row. Indices may come in any order (each row is
/// sorted) but may not repeat. `#` starts a comment that runs to the end of the line; blank and
/// comment-only lines are skipped. `qid:` tokens (ranking data) are refused. A row with no
/// `label:weight` gets weight 1 when others in its batch have one; `weights` is nil for a batch
/// without any. `options.hasLabel` and `hasWeightColumn` are ignored: libsvm always has a label.
///
/// Batches are `.sparse` with `columns = options.featureDim` when it is given (larger indices
/// are errors), otherwise the largest index seen so far in the file + 1 — so the width can grow
/// from one batch to the next; `readAll` widens them all to the final width. Copies of a reader
/// share one position in the file; after an error every later `next` throws the same error.
public struct LibSVMReader: BatchReader {
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

extension LibSVMReader {
  /// One `index:value` entry of the row being read, with its token number and text for errors.
  private struct Entry {
    var index: Int32
    var value: Double
    var token: Int
    var text: Range<Int>
  }

  /// The rows of one batch as they are parsed.
  private struct Builder {
    var rowStart: [Int] = [0]
    var columnIndices: [Int32] = []
    var values: [Double] = []
    var labels: [Double] = []
    var weights: [Double?] = []
    var lines: [Int] = []
  }

  private final class State {
    let source: LineSource
    let options: ReadOptions
    let rules: FieldRules
    /// The largest index + 1 seen so far in the file.
    var width = 0
    var sawRow = false
    var failure: DataError?
    var finished = false
    /// The current row's entries, reused from row to row.
    var entries: [Entry] = []

    init(source: LineSource, options: ReadOptions) {
      self.source = source
      self.options = options
      rules = FieldRules(file: source.path, allowsMissing: options.allowsMissing)
    }

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
      while batch.lines.count < maxRows, var line = try source.nextLine() {
        if let hash = line.firstIndex(of: UInt8(ascii: "#")) {
          line = UnsafeBufferPointer(rebasing: line[..<hash])
        }
        if isBlank(line) { continue }
        try parseRow(line, into: &batch)
        sawRow = true
      }
      guard !batch.lines.isEmpty else {
        finished = true
        if !sawRow { throw DataError.emptyFile(source.path) }
        return nil
      }
      let matrix = SparseMatrix(
        rows: batch.lines.count, columns: options.featureDim ?? width, rowStart: batch.rowStart,
        columnIndices: batch.columnIndices, values: batch.values)
      let anyWeight = batch.weights.contains { $0 != nil }
      return DataBatch(
        features: .sparse(matrix), labels: batch.labels,
        weights: anyWeight ? batch.weights.map { $0 ?? 1 } : nil, lines: batch.lines, file: source.path)
    }

    /// Parses one non-blank line into `batch`, or throws for its first bad token.
    private func parseRow(
      _ line: UnsafeBufferPointer<UInt8>, into batch: inout Builder
    ) throws(DataError) {
      entries.removeAll(keepingCapacity: true)
      var token = 0
      var i = 0
      var sorted = true
      while let range = nextToken(line, from: &i) {
        token += 1
        let text = UnsafeBufferPointer(rebasing: line[range])
        if token == 1 {
          let (label, weight) = try parseLabel(text)
          batch.labels.append(label)
          batch.weights.append(weight)
          continue
        }
        let entry = try parseEntry(text, token: token, range: range)
        if let last = entries.last, entry.index <= last.index { sorted = false }
        entries.append(entry)
      }
      if !sorted { try sortEntries(line) }
      for entry in entries {
        batch.columnIndices.append(entry.index)
        batch.values.append(entry.value)
        width = max(width, Int(entry.index) + 1)
      }
      batch.rowStart.append(batch.columnIndices.count)
      batch.lines.append(source.lineNumber)
    }

    /// The first token, `label` or `label:weight`.
    private func parseLabel(_ text: UnsafeBufferPointer<UInt8>) throws(DataError) -> (Double, Double?) {
      guard let colon = text.firstIndex(of: UInt8(ascii: ":")) else {
        return (try number(text, role: .label, token: 1), nil)
      }
      let label = try number(before(colon, in: text), role: .label, token: 1)
      let weight = try number(after(colon, in: text), role: .weight, token: 1)
      return (label, weight)
    }

    /// An `index:value` token.
    private func parseEntry(
      _ text: UnsafeBufferPointer<UInt8>, token: Int, range: Range<Int>
    ) throws(DataError) -> Entry {
      guard let colon = text.firstIndex(of: UInt8(ascii: ":")) else {
        throw error(text, token: token, Message.notAPair)
      }
      if before(colon, in: text).elementsEqual("qid".utf8) {
        throw error(text, token: token, Message.queryID)
      }
      let index = try parseIndex(before(colon, in: text), token: token)
      let value = try number(after(colon, in: text), role: .feature, token: token)
      return Entry(index: index, value: value, token: token, text: range)
    }

    /// A feature index: digits only, below `featureDim` when given and below `Int32.max`.
    private func parseIndex(_ text: UnsafeBufferPointer<UInt8>, token: Int) throws(DataError) -> Int32 {
      if text.first == UInt8(ascii: "-") { throw error(text, token: token, Message.negativeIndex) }
      var index = 0
      for c in text {
        let d = c &- UInt8(ascii: "0")
        guard d < 10 else { throw error(text, token: token, Message.notAnIndex) }
        index = min(index * 10 + Int(d), Int(Int32.max))
      }
      if text.isEmpty { throw error(text, token: token, Message.notAnIndex) }
      if let dim = options.featureDim, index >= dim {
        throw error(text, token: token, Message.beyondFeatureDim(dim))
      }
      guard index < Int(Int32.max) else { throw error(text, token: token, Message.tooLarge) }
      return Int32(index)
    }

    /// Sorts the row's entries by index and refuses a repeated one, naming its second use.
    private func sortEntries(_ line: UnsafeBufferPointer<UInt8>) throws(DataError) {
      entries.sort { $0.index < $1.index }
      for k in entries.indices.dropFirst() where entries[k].index == entries[k - 1].index {
        let (a, b) = (entries[k - 1], entries[k])
        let (first, second) = a.token < b.token ? (a, b) : (b, a)
        throw error(
          UnsafeBufferPointer(rebasing: line[second.text]), token: second.token,
          Message.repeated(second.index, firstToken: first.token))
      }
    }

    /// A label, weight or feature value, under the missing-value rules.
    private func number(
      _ text: UnsafeBufferPointer<UInt8>, role: FieldRole, token: Int
    ) throws(DataError) -> Double {
      if let base = text.baseAddress, let (x, stop) = NumberParser.parsePrefix(base, base + text.count),
        stop == base + text.count
      {
        return x
      }
      return try rules.value(
        NumberParser.parse(text), text: text, role: role, line: source.lineNumber, column: token)
    }

    private func error(_ text: UnsafeBufferPointer<UInt8>, token: Int, _ problem: String) -> DataError {
      DataError(
        file: source.path, line: source.lineNumber, column: token, value: FieldRules.display(text),
        problem: problem)
    }
  }
}

/// The wording of libsvm token errors.
private enum Message {
  static let zeroBased = "expected a non-negative integer (indices are zero-based)"
  static let notAPair = "is not an index:value pair: expected a feature index, ':' and a value"
  static let queryID = "is a query id: ranking data (qid) is not supported"
  static let negativeIndex = "is a negative feature index: " + zeroBased
  static let notAnIndex = "is not a valid feature index: " + zeroBased
  static let tooLarge = "is too large: expected a feature index below \(Int32.max)"

  static func beyondFeatureDim(_ dim: Int) -> String {
    "is out of range: expected a feature index below feature_dim = \(dim) (indices are zero-based)"
  }

  static func repeated(_ index: Int32, firstToken: Int) -> String {
    "repeats feature index \(index): expected each index once per row (first at token \(firstToken))"
  }
}

/// The bytes of `text` before `colon`.
private func before(_ colon: Int, in text: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
  UnsafeBufferPointer(rebasing: text[..<colon])
}

/// The bytes of `text` after `colon`.
private func after(_ colon: Int, in text: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
  UnsafeBufferPointer(rebasing: text[(colon + 1)...])
}

/// The next run of bytes that are neither spaces nor tabs, starting the search at `i`.
private func nextToken(_ line: UnsafeBufferPointer<UInt8>, from i: inout Int) -> Range<Int>? {
  while i < line.count && NumberParser.isBlank(line[i]) { i += 1 }
  guard i < line.count else { return nil }
  let start = i
  while i < line.count && !NumberParser.isBlank(line[i]) { i += 1 }
  return start..<i
}
