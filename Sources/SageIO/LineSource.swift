import Foundation

/// A file read one line at a time through a single reusable buffer.
///
/// The file is read in chunks of `chunkSize` bytes; a line that straddles two chunks is moved to
/// the front of the buffer before the next read, and a line longer than the buffer doubles it.
/// Memory is therefore one chunk or the longest line, never the file. Lines end at `\n`; a
/// `\r` before it is dropped, as is a UTF-8 byte-order mark at the start of the file, and the
/// last line needs no newline.
final class LineSource {
  /// The chunk size readers use unless a test asks for a smaller one.
  static let defaultChunkSize = 1 << 20
  /// Longer lines are refused rather than read into ever more memory.
  static let maxLineLength = 1 << 28

  let path: String
  /// The 1-based number of the line most recently returned (0 before the first).
  private(set) var lineNumber = 0
  private let descriptor: Int32
  private var buffer: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  private var lineStart = 0  // first byte not yet returned
  private var dataEnd = 0  // end of the bytes read so far
  private var searched = 0  // bytes after lineStart known to hold no newline
  private var atEndOfFile = false
  private var bufferOffset = 0  // where buffer[0] is in the file
  private let fileSize: Int?

  /// Opens `path`; a missing or unreadable file is a `DataError` naming the OS reason.
  init(path: String, chunkSize: Int = LineSource.defaultChunkSize) throws(DataError) {
    precondition(chunkSize > 0, "chunkSize must be positive")
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw DataError(file: path, problem: "cannot be opened: \(Self.reason(errno))")
    }
    var status = stat()
    let isRegular = fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    self.fileSize = isRegular ? Int(status.st_size) : nil
    self.path = path
    self.descriptor = descriptor
    self.capacity = chunkSize
    self.buffer = .allocate(capacity: chunkSize)
  }

  /// Lines of `bytes` already in memory (an HTTP request body), named `name` in errors.
  init(bytes: [UInt8], name: String) {
    path = name
    descriptor = -1
    capacity = max(1, bytes.count)
    let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
    bytes.withUnsafeBufferPointer { source in
      if let base = source.baseAddress { storage.update(from: base, count: source.count) }
    }
    buffer = storage
    dataEnd = bytes.count
    atEndOfFile = true
    fileSize = bytes.count
  }

  deinit {
    if descriptor >= 0 { close(descriptor) }
    buffer.deallocate()
  }

  /// Bytes consumed so far (returned lines and their line endings).
  var consumedBytes: Int { bufferOffset + lineStart }

  /// Bytes after the lines returned so far, or nil when the size is unknown (a pipe, say).
  var remainingBytes: Int? { fileSize.map { max(0, $0 - consumedBytes) } }

  /// The next line without its line ending, valid until the next call; nil at end of file.
  func nextLine() throws(DataError) -> UnsafeBufferPointer<UInt8>? {
    while true {
      let from = buffer + lineStart + searched
      if let found = memchr(from, Int32(UInt8(ascii: "\n")), dataEnd - lineStart - searched) {
        let newline = found.assumingMemoryBound(to: UInt8.self)
        return take(upTo: newline - buffer, resumingAt: newline - buffer + 1)
      }
      searched = dataEnd - lineStart
      if atEndOfFile {
        return lineStart < dataEnd ? take(upTo: dataEnd, resumingAt: dataEnd) : nil
      }
      try refill()
    }
  }

  /// Returns bytes `lineStart..<end` (minus a final `\r`) and moves on to `next`.
  private func take(upTo end: Int, resumingAt next: Int) -> UnsafeBufferPointer<UInt8> {
    var start = buffer + lineStart
    var stop = buffer + end
    if stop > start && (stop - 1).pointee == UInt8(ascii: "\r") { stop -= 1 }
    lineNumber += 1
    if lineNumber == 1 && stop - start >= 3 && start[0] == 0xEF && start[1] == 0xBB && start[2] == 0xBF {
      start += 3
    }
    lineStart = next
    searched = 0
    return UnsafeBufferPointer(start: start, count: stop - start)
  }

  /// Moves the unfinished line to the front (growing the buffer when it fills it) and reads more.
  private func refill() throws(DataError) {
    let pending = dataEnd - lineStart
    if pending > 0 && lineStart > 0 { memmove(buffer, buffer + lineStart, pending) }
    bufferOffset += lineStart
    lineStart = 0
    dataEnd = pending
    if pending == capacity {
      guard capacity < Self.maxLineLength else {
        throw DataError(
          file: path, line: lineNumber + 1,
          problem: "is longer than \(Self.maxLineLength >> 20) MiB: expected one row per line")
      }
      let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
      grown.update(from: buffer, count: pending)
      buffer.deallocate()
      buffer = grown
      capacity *= 2
    }
    while true {
      let count = read(descriptor, buffer + dataEnd, capacity - dataEnd)
      if count > 0 { dataEnd += count; return }
      if count == 0 { atEndOfFile = true; return }
      if errno != EINTR { throw DataError(file: path, problem: "cannot be read: \(Self.reason(errno))") }
    }
  }

  /// The OS's words for an `errno` value.
  static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
