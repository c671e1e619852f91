import Foundation

/// `model.tar.gz` as SageMaker packs a training job's `/opt/ml/model` directory: a gzip'd tar of
/// the directory's contents (paths relative to it), which `tar -xzf` opens and an endpoint unpacks.
/// Entries are sorted by path and carry zero times, so the same model gives the same archive bytes.
public enum ModelArchive {
  /// Packs the files and folders under `directory` into the gzip'd tar `archivePath`.
  public static func pack(directory: String, to archivePath: String) throws {
    let root = URL(fileURLWithPath: directory).standardizedFileURL
    guard let walker = FileManager.default.enumerator(atPath: root.path) else {
      throw ArchiveError("\(directory): cannot read the model directory to pack it")
    }
    var entries: [Tar.Entry] = []
    for case let relative as String in walker {
      let path = root.appendingPathComponent(relative).path
      var isDirectory: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
      if isDirectory.boolValue {
        entries.append(Tar.Entry(path: relative, isDirectory: true))
      } else {
        guard let data = FileManager.default.contents(atPath: path) else {
          throw ArchiveError("\(path): cannot read this file to pack it")
        }
        entries.append(Tar.Entry(path: relative, bytes: [UInt8](data)))
      }
    }
    entries.sort { $0.path < $1.path }
    let packed = try Gzip.compress(try Tar.archive(entries))
    guard FileManager.default.createFile(atPath: archivePath, contents: Data(packed)) else {
      throw ArchiveError("\(archivePath): cannot write the model archive")
    }
  }

  /// Unpacks the gzip'd tar `archivePath` into `directory` (created if missing).
  public static func unpack(_ archivePath: String, into directory: String) throws {
    guard let data = FileManager.default.contents(atPath: archivePath) else {
      throw ArchiveError("\(archivePath): cannot read the model archive (missing or unreadable)")
    }
    let entries: [Tar.Entry]
    do {
      entries = try Tar.entries(of: try Gzip.decompress([UInt8](data)))
    } catch let error as ArchiveError {
      throw ArchiveError("\(archivePath): \(error.message)")
    }
    let root = URL(fileURLWithPath: directory)
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    for entry in entries {
      let target = root.appendingPathComponent(entry.path)
      if entry.isDirectory {
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
      } else {
        try FileManager.default.createDirectory(
          at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: target.path, contents: Data(entry.bytes)) else {
          throw ArchiveError("\(target.path): cannot write this file from \(archivePath)")
        }
      }
    }
  }
}
