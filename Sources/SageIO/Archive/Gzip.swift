import CZlib
import Foundation

/// gzip (RFC 1952) through zlib — a well-kept C library, so no hand-written deflate here.
/// The header's modification time is zero, so the same bytes in give the same bytes out.
public enum Gzip {
  /// The gzip stream of `data` at zlib's default level.
  public static func compress(_ data: [UInt8]) throws -> [UInt8] {
    var stream = z_stream()
    // windowBits 15 + 16: a gzip wrapper instead of zlib's.
    var status = deflateInit2_(
      &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
      zlibVersion(), Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else { throw ArchiveError("zlib refused to start compressing (status \(status))") }
    defer { deflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(data.count))) + 64)
    var input = data
    let produced: Int = input.withUnsafeMutableBufferPointer { inBuffer in
      output.withUnsafeMutableBufferPointer { outBuffer in
        stream.next_in = inBuffer.baseAddress
        stream.avail_in = uInt(inBuffer.count)
        stream.next_out = outBuffer.baseAddress
        stream.avail_out = uInt(outBuffer.count)
        status = deflate(&stream, Z_FINISH)
        return outBuffer.count - Int(stream.avail_out)
      }
    }
    guard status == Z_STREAM_END else { throw ArchiveError("zlib could not finish compressing (status \(status))") }
    return Array(output[0..<produced])
  }

  /// The bytes inside the gzip stream `data`; at most `limit` bytes (a guard against gzip bombs).
  public static func decompress(_ data: [UInt8], limit: Int = 4 << 30) throws -> [UInt8] {
    guard data.count >= 18, data[0] == 0x1f, data[1] == 0x8b else {
      throw ArchiveError("is not gzip data: expected the bytes 1f 8b at the start")
    }
    var stream = z_stream()
    var status = inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else { throw ArchiveError("zlib refused to start decompressing (status \(status))") }
    defer { inflateEnd(&stream) }
    var result: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    var input = data
    try input.withUnsafeMutableBufferPointer { inBuffer in
      stream.next_in = inBuffer.baseAddress
      stream.avail_in = uInt(inBuffer.count)
      repeat {
        let produced = chunk.withUnsafeMutableBufferPointer { outBuffer -> Int in
          stream.next_out = outBuffer.baseAddress
          stream.avail_out = uInt(outBuffer.count)
          status = inflate(&stream, Z_NO_FLUSH)
          return outBuffer.count - Int(stream.avail_out)
        }
        guard status == Z_OK || status == Z_STREAM_END else {
          throw ArchiveError("is corrupt gzip data (zlib status \(status) after \(result.count) bytes)")
        }
        result += chunk[0..<produced]
        guard result.count <= limit else { throw ArchiveError("unpacks to more than \(limit) bytes") }
        if status == Z_OK && produced == 0 && stream.avail_in == 0 {
          throw ArchiveError("ends before the gzip stream does (truncated after \(result.count) bytes)")
        }
      } while status != Z_STREAM_END
    }
    return result
  }
}

/// A model archive that cannot be packed or unpacked, with what is wrong.
public struct ArchiveError: Error, CustomStringConvertible, Sendable {
  public let message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
