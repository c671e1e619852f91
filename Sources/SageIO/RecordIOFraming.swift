import Foundation

/// MXNet/dmlc RecordIO framing, as SageMaker's `application/x-recordio-protobuf` uses it (spec §2.3):
///
///     record  := magic:uint32LE  lrecord:uint32LE  payload[len]  zero padding to a 4-byte boundary
///     magic   := 0xCED7230A
///     lrecord := (cflag << 29) | len
///
/// cflag 0 is a whole record; 1, 2, 3 are the start, middle and end of a payload that a dmlc writer
/// split where the magic word occurred in it — the reader joins the parts with the magic re-inserted.
/// sagesim writes as the SageMaker Python SDK does: cflag 0, never split.
public enum RecordIO {
  public static let magic: UInt32 = 0xCED7_230A
  static let lengthMask: UInt32 = (1 << 29) - 1

  /// Appends one framed record holding `payload` to `out`.
  public static func appendRecord(_ payload: [UInt8], to out: inout [UInt8]) {
    precondition(payload.count <= Int(lengthMask), "a RecordIO payload must be under 2^29 bytes")
    appendWord(magic, to: &out)
    appendWord(UInt32(payload.count), to: &out)
    out.append(contentsOf: payload)
    out.append(contentsOf: repeatElement(0, count: (4 - payload.count % 4) % 4))
  }

  static func appendWord(_ word: UInt32, to out: inout [UInt8]) {
    out.append(UInt8(word & 0xFF))
    out.append(UInt8((word >> 8) & 0xFF))
    out.append(UInt8((word >> 16) & 0xFF))
    out.append(UInt8(word >> 24))
  }
}

/// One payload read back, with where it started, for error messages.
public struct RecordIOPayload {
  public let bytes: [UInt8]
  /// 1-based number of the record in the file.
  public let recordNumber: Int
  /// Byte offset of the record's magic word.
  public let offset: Int
}

/// Reads framed payloads from a file, a named pipe or standard input, a chunk at a time.
public final class RecordIOReader {
  public let path: String
  private let input: BinaryInput
  private var recordNumber = 0

  public init(path: String) throws(DataError) {
    self.path = path
    input = try BinaryInput(path: path)
  }

  /// Reads the records in `bytes` (an HTTP request body), naming them `name` in errors.
  public init(bytes: [UInt8], name: String) {
    self.path = name
    input = BinaryInput(bytes: bytes)
  }

  /// The next payload, or nil at a clean end of input. A damaged frame is a `DataError` naming the
  /// record number and byte offset.
  public func next() throws(DataError) -> RecordIOPayload? {
    let start = input.offset
    guard let first = try readFrame(isFirst: true) else { return nil }
    recordNumber += 1
    var payload = first.bytes
    var flag = first.flag
    guard flag == 0 || flag == 1 else {
      throw fault(start, "starts with continuation flag \(flag): expected 0 (whole record) or 1 (first part)")
    }
    while flag == 1 || flag == 2 {
      guard let part = try readFrame(isFirst: false) else {
        throw fault(start, "is split into parts but the input ends before its last part")
      }
      guard part.flag == 2 || part.flag == 3 else {
        throw fault(start, "has a part with continuation flag \(part.flag): expected 2 (middle) or 3 (last)")
      }
      RecordIO.appendWord(RecordIO.magic, to: &payload)
      payload.append(contentsOf: part.bytes)
      flag = part.flag == 3 ? 0 : 2
    }
    return RecordIOPayload(bytes: payload, recordNumber: recordNumber, offset: start)
  }

  private func readFrame(isFirst: Bool) throws(DataError) -> (flag: UInt32, bytes: [UInt8])? {
    let start = input.offset
    let number = recordNumber + (isFirst ? 1 : 0)
    guard let header = try input.read(8, path: path) else { return nil }
    guard header.count == 8 else {
      throw fault(start, "is truncated: the input ends inside its 8-byte header", number: number)
    }
    let magic = word(header, 0), lrecord = word(header, 4)
    guard magic == RecordIO.magic else {
      throw fault(start, "has magic 0x\(String(magic, radix: 16, uppercase: true)), expected 0xCED7230A: not RecordIO, or the previous record's length is wrong", number: number)
    }
    let length = Int(lrecord & RecordIO.lengthMask)
    let padded = (length + 3) / 4 * 4
    let body = try input.read(padded, path: path) ?? []
    guard body.count >= length else {
      throw fault(start, "declares a \(length)-byte payload but only \(body.count) bytes remain", number: number)
    }
    return (lrecord >> 29, Array(body.prefix(length)))
  }

  private func word(_ bytes: [UInt8], _ at: Int) -> UInt32 {
    UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
  }

  func fault(_ offset: Int, _ problem: String, number: Int? = nil) -> DataError {
    DataError(file: path, problem: "record \(number ?? recordNumber) at byte \(offset) \(problem)")
  }
}

/// Sequential binary input through a reusable 4 MiB buffer (regular file, FIFO or stdin).
final class BinaryInput {
  private let descriptor: Int32
  private var buffer: [UInt8] = []
  private var position = 0
  private var atEnd = false
  private(set) var offset = 0

  init(path: String) throws(DataError) {
    let descriptor = path == "-" ? dup(0) : open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw DataError(file: path, problem: "cannot be opened: \(String(cString: strerror(errno)))")
    }
    self.descriptor = descriptor
  }

  /// Input already in memory: nothing is ever read from a descriptor.
  init(bytes: [UInt8]) {
    descriptor = -1
    buffer = bytes
    atEnd = true
  }

  deinit { if descriptor >= 0 { close(descriptor) } }

  /// Up to `count` bytes (fewer only at the end of input), or nil when nothing is left.
  func read(_ count: Int, path: String) throws(DataError) -> [UInt8]? {
    var out: [UInt8] = []
    out.reserveCapacity(count)
    while out.count < count {
      if position == buffer.count {
        if atEnd { break }
        try refill(path: path)
        if position == buffer.count { break }
      }
      let take = min(count - out.count, buffer.count - position)
      out.append(contentsOf: buffer[position..<(position + take)])
      position += take
    }
    offset += out.count
    return out.isEmpty && count > 0 ? nil : out
  }

  private func refill(path: String) throws(DataError) {
    let chunk = 1 << 22
    if buffer.count != chunk { buffer = [UInt8](repeating: 0, count: chunk) }
    var got = 0
    while got == 0 {
      got = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, chunk) }
      if got < 0 {
        if errno == EINTR { got = 0; continue }
        throw DataError(file: path, problem: "cannot be read: \(String(cString: strerror(errno)))")
      }
      if got == 0 { atEnd = true; break }
    }
    buffer.removeLast(chunk - got)
    position = 0
  }
}
