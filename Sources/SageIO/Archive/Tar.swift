/// POSIX ustar archives (the format `tar` writes and reads): 512-byte headers, file data padded
/// to 512 bytes, two zero blocks at the end. Only regular files and directories.
public enum Tar {
  public struct Entry: Equatable, Sendable {
    /// The path inside the archive, `/`-separated, relative; directories end without `/`.
    public var path: String
    public var isDirectory: Bool
    public var bytes: [UInt8]
    public init(path: String, isDirectory: Bool = false, bytes: [UInt8] = []) {
      self.path = path
      self.isDirectory = isDirectory
      self.bytes = bytes
    }
  }

  static let block = 512

  /// The archive of `entries`, in the order given; modification times are zero (reproducible).
  public static func archive(_ entries: [Entry]) throws -> [UInt8] {
    var out: [UInt8] = []
    for entry in entries {
      out += try header(for: entry)
      out += entry.bytes
      out += [UInt8](repeating: 0, count: (block - entry.bytes.count % block) % block)
    }
    return out + [UInt8](repeating: 0, count: 2 * block)
  }

  /// The regular files and directories of `archive`; refuses links, absolute paths and `..`.
  public static func entries(of archive: [UInt8]) throws -> [Entry] {
    var entries: [Entry] = []
    var offset = 0
    var longName: String?  // GNU tar's 'L' entry: the next entry's full name
    while offset + block <= archive.count {
      let header = Array(archive[offset..<offset + block])
      if header.allSatisfy({ $0 == 0 }) { return entries }
      try checkChecksum(header, at: offset)
      let size = try octal(header[124..<136], field: "size", at: offset)
      let headerName = string(header[345..<500]).isEmpty ? string(header[0..<100]) : string(header[345..<500]) + "/" + string(header[0..<100])
      let name = longName ?? headerName
      longName = nil
      let type = header[156]
      let start = offset + block
      guard start + size <= archive.count else {
        throw ArchiveError("is truncated: the entry '\(name)' needs \(size) bytes, the archive ends first")
      }
      let path = try safePath(name)
      switch type {
      case UInt8(ascii: "0"), 0:
        guard !path.isEmpty else { throw ArchiveError("holds a file without a name at byte \(offset)") }
        entries.append(Entry(path: path, bytes: Array(archive[start..<start + size])))
      case UInt8(ascii: "5"): if !path.isEmpty { entries.append(Entry(path: path, isDirectory: true)) }
      case UInt8(ascii: "L"): longName = string(archive[start..<start + size])
      case UInt8(ascii: "x"), UInt8(ascii: "g"): break  // pax headers: metadata only
      default:
        throw ArchiveError("holds '\(name)' of tar type '\(Character(UnicodeScalar(type)))'; a model archive holds only files and directories")
      }
      offset = start + size + (block - size % block) % block
    }
    throw ArchiveError("ends without the two zero blocks that close a tar archive")
  }

  // MARK: Header fields

  private static func header(for entry: Entry) throws -> [UInt8] {
    var h = [UInt8](repeating: 0, count: block)
    let (prefix, name) = try split(entry.path + (entry.isDirectory ? "/" : ""))
    put(name, into: &h, at: 0, width: 100)
    put(entry.isDirectory ? "0000755" : "0000644", into: &h, at: 100, width: 8)
    put("0000000", into: &h, at: 108, width: 8)
    put("0000000", into: &h, at: 116, width: 8)
    put(octalString(entry.bytes.count, digits: 11), into: &h, at: 124, width: 12)
    put("00000000000", into: &h, at: 136, width: 12)
    h[156] = entry.isDirectory ? UInt8(ascii: "5") : UInt8(ascii: "0")
    put("ustar", into: &h, at: 257, width: 6)
    put("00", into: &h, at: 263, width: 2)
    put("root", into: &h, at: 265, width: 32)
    put("root", into: &h, at: 297, width: 32)
    put(prefix, into: &h, at: 345, width: 155)
    // Checksum: the byte sum with the checksum field read as eight spaces.
    for i in 148..<156 { h[i] = UInt8(ascii: " ") }
    let sum = h.reduce(0) { $0 + Int($1) }
    put(octalString(sum, digits: 6), into: &h, at: 148, width: 7)
    h[155] = UInt8(ascii: " ")
    return h
  }

  /// ustar keeps up to 100 bytes of name and 155 of prefix, split at a `/`.
  private static func split(_ path: String) throws -> (prefix: String, name: String) {
    let bytes = Array(path.utf8)
    if bytes.count <= 100 { return ("", path) }
    for cut in stride(from: bytes.count - 1, through: 0, by: -1) where bytes[cut] == UInt8(ascii: "/") {
      if cut <= 155 && bytes.count - cut - 1 <= 100 && cut > 0 {
        return (String(decoding: bytes[..<cut], as: UTF8.self), String(decoding: bytes[(cut + 1)...], as: UTF8.self))
      }
    }
    throw ArchiveError("cannot hold the path '\(path)' in a ustar header (name ≤ 100 bytes, prefix ≤ 155)")
  }

  private static func checkChecksum(_ h: [UInt8], at offset: Int) throws {
    let stored = try octal(h[148..<156], field: "checksum", at: offset)
    var copy = h
    for i in 148..<156 { copy[i] = UInt8(ascii: " ") }
    let sum = copy.reduce(0) { $0 + Int($1) }
    guard sum == stored else {
      throw ArchiveError("has a damaged header at byte \(offset): checksum \(stored), computed \(sum)")
    }
  }

  private static func octal(_ field: ArraySlice<UInt8>, field name: String, at offset: Int) throws -> Int {
    let text = string(field).trimmingSpaces
    guard !text.isEmpty, let value = Int(text, radix: 8) else {
      throw ArchiveError("has a header at byte \(offset) whose \(name) field '\(text)' is not an octal number")
    }
    return value
  }

  /// The entry's path relative to the archive's root ("" for the root itself, `./`).
  private static func safePath(_ name: String) throws -> String {
    let parts = name.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
    guard !name.hasPrefix("/"), !parts.contains("..") else {
      throw ArchiveError("holds the path '\(name)', which would unpack outside the model directory")
    }
    return parts.joined(separator: "/")
  }

  private static func string(_ field: ArraySlice<UInt8>) -> String {
    String(decoding: field.prefix { $0 != 0 }, as: UTF8.self)
  }

  private static func octalString(_ value: Int, digits: Int) -> String {
    let text = String(value, radix: 8)
    return String(repeating: "0", count: max(0, digits - text.count)) + text
  }

  private static func put(_ text: String, into h: inout [UInt8], at offset: Int, width: Int) {
    for (i, byte) in text.utf8.prefix(width).enumerated() { h[offset + i] = byte }
  }
}

extension String {
  fileprivate var trimmingSpaces: String {
    String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
  }
}
