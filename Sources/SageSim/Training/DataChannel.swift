import Foundation
import SageCore
import SageIO

/// The SageMaker channel names.
public enum ChannelName: String, Sendable, CaseIterable, Comparable {
  case train, validation, test
  public static func < (a: Self, b: Self) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// One channel's data: a file read in batches (bounded memory), several files read one after
/// another as one channel (a training job's `input/data/<channel>/`), or rows already in memory
/// (benchmarks, tests, and the programs that call the library directly).
public struct DataChannel: Sendable {
  public enum Source: Sendable {
    case file(path: String, contentType: ContentType)
    /// The files in the order given (a job sorts them by key); every batch comes from one file and
    /// names it. No files at all is an empty shard of a sharded channel: no batches.
    case files(paths: [String], contentType: ContentType)
    case memory(DataBatch)
  }

  /// SageMaker's `TrainingInputMode`.
  public enum InputMode: String, Sendable, CaseIterable {
    /// The whole file is on disk: an algorithm may read it as often as it likes.
    case file = "File"
    /// The data arrives as a stream, read once per pass in bounded memory. SageMaker delivers a
    /// new FIFO per channel and epoch (`train_0`, `train_1`, …): give the first, and pass p opens
    /// `…_p`. Standard input (`-`) or a single FIFO allows one pass only. A regular file in Pipe
    /// mode is streamed again for each pass, as if a fresh pipe delivered it.
    case pipe = "Pipe"
  }

  public let name: ChannelName
  public let source: Source
  public let inputMode: InputMode
  private let passes = PassCounter()

  public init(_ name: ChannelName, path: String, contentType: ContentType, inputMode: InputMode = .file) {
    self.name = name
    self.source = .file(path: path, contentType: contentType)
    self.inputMode = inputMode
  }

  /// A channel made of several files of one content type, read one after another. One path is
  /// the same as `init(_:path:contentType:inputMode:)`.
  public init(_ name: ChannelName, paths: [String], contentType: ContentType, inputMode: InputMode = .file) {
    self.name = name
    self.source = paths.count == 1
      ? .file(path: paths[0], contentType: contentType) : .files(paths: paths, contentType: contentType)
    self.inputMode = inputMode
  }

  public init(_ name: ChannelName, batch: DataBatch) {
    self.name = name
    self.source = .memory(batch)
    self.inputMode = .file
  }

  /// True when the first CSV column is a label (label_size=1) or the data is libsvm.
  public var hasLabel: Bool {
    switch source {
    case .file(_, .csv(let labelSize)), .files(_, .csv(let labelSize)): return labelSize > 0
    case .file, .files: return true
    case .memory(let batch): return !batch.labels.isEmpty
    }
  }

  /// A readable name for messages: the file path, or "<name> (in memory)".
  public var displayName: String {
    switch source {
    case .file(let path, _): return path
    case .files(let paths, _):
      guard let first = paths.first else { return "\(name.rawValue) (no files)" }
      return paths.count == 1 ? first : "\(first) and \(paths.count - 1) more file\(paths.count == 2 ? "" : "s")"
    case .memory: return "\(name.rawValue) (in memory)"
    }
  }

  /// The files this channel reads, in order (none for rows in memory).
  public var paths: [String] {
    switch source {
    case .file(let path, _): return [path]
    case .files(let paths, _): return paths
    case .memory: return []
    }
  }

  /// The content type of the channel's files (nil for rows in memory).
  public var contentType: ContentType? {
    switch source {
    case .file(_, let type), .files(_, let type): return type
    case .memory: return nil
    }
  }

  /// Calls `body` with consecutive batches of at most `maxRows` rows, in file order (for several
  /// files: all of the first, then all of the second, …; a batch never spans two files).
  public func forEachBatch(
    maxRows: Int, options: ReadOptions = ReadOptions(), _ body: (DataBatch) throws -> Void
  ) throws {
    switch source {
    case .file(let path, let contentType):
      var options = options
      if case .csv(let labelSize) = contentType { options.hasLabel = labelSize > 0 }
      let passPath = try self.path(forPass: passes.next(), of: path)
      var reader = try openReader(path: passPath, contentType: contentType, options: options)
      while let batch = try reader.next(maxRows: maxRows) { try body(batch) }
    case .files(let paths, let contentType):
      var options = options
      if case .csv(let labelSize) = contentType { options.hasLabel = labelSize > 0 }
      let pass = passes.next()
      for path in paths {
        var reader = try openReader(path: try self.path(forPass: pass, of: path), contentType: contentType, options: options)
        while let batch = try reader.next(maxRows: maxRows) { try body(batch) }
      }
    case .memory(let all):
      guard all.rows > 0 else { throw DataError(file: all.file, problem: "is empty: expected at least one row") }
      if all.rows <= maxRows { return try body(all) }
      var slice = all.rows(0..<0)
      for start in stride(from: 0, to: all.rows, by: maxRows) {
        slice.reuse(for: all, rows: start..<min(start + maxRows, all.rows))
        try body(slice)
      }
    }
  }
}

extension DataChannel {
  /// Where pass `pass` reads from (see `InputMode`).
  func path(forPass pass: Int, of path: String) throws -> String {
    let stdin = "/dev/stdin"
    if path == "-" {
      guard pass == 0 else { throw onePassOnly("standard input", pass) }
      return stdin
    }
    guard inputMode == .pipe, isFIFO(path) else { return path }
    if path.hasSuffix("_0") { return String(path.dropLast()) + String(pass) }
    guard pass == 0 else { throw onePassOnly("the FIFO \(path)", pass) }
    return path
  }

  private func onePassOnly(_ what: String, _ pass: Int) -> TrainingError {
    TrainingError(
      "the \(name.rawValue) channel streams from \(what), which delivers one pass, and this training needs pass \(pass + 1): give a file, or one FIFO per pass named like SageMaker's (\(name.rawValue)_0, \(name.rawValue)_1, …)")
  }

  private func isFIFO(_ path: String) -> Bool {
    var status = stat()
    return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFIFO
  }
}

/// Counts the passes made over a channel (shared by copies of the channel value).
final class PassCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var count = 0

  func next() -> Int {
    lock.lock()
    defer { lock.unlock() }
    count += 1
    return count - 1
  }
}

/// The channels of one training job.
public struct Channels: Sendable {
  public var train: DataChannel
  public var validation: DataChannel?
  public var test: DataChannel?

  public init(train: DataChannel, validation: DataChannel? = nil, test: DataChannel? = nil) {
    self.train = train
    self.validation = validation
    self.test = test
  }

  /// True when any channel streams in Pipe mode.
  public var usesPipeMode: Bool {
    [train, validation, test].contains { $0?.inputMode == .pipe }
  }

  /// The channels given, in SageMaker's order.
  public var given: [ChannelName] {
    [ChannelName.train] + (validation == nil ? [] : [.validation]) + (test == nil ? [] : [.test])
  }
}

extension DataBatch {
  /// Rows `range` of this batch.
  public func rows(_ range: Range<Int>) -> DataBatch {
    let features: Features
    switch self.features {
    case .dense(let m): features = .dense(m.rows(range))
    case .sparse(let s): features = .sparse(s.rows(range))
    }
    return DataBatch(
      features: features, labels: labels.isEmpty ? [] : Array(labels[range]),
      weights: weights.map { Array($0[range]) }, lines: Array(lines[range]), file: file)
  }
}

extension DataBatch {
  /// Becomes rows `range` of `source`, reusing this batch's dense storage where it can (the
  /// payload is taken out of the enum first, so it stays uniquely referenced and is not copied).
  mutating func reuse(for source: DataBatch, rows range: Range<Int>) {
    guard case .dense(let all) = source.features, case .dense(var mine) = features else {
      self = source.rows(range)
      return
    }
    features = .dense(Matrix(rows: 0, columns: 0))
    mine.copyRows(of: all, range)
    features = .dense(mine)
    labels = source.labels.isEmpty ? [] : Array(source.labels[range])
    weights = source.weights.map { Array($0[range]) }
    lines = Array(source.lines[range])
  }
}
