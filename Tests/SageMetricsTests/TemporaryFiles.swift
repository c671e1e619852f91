import Foundation

/// A fresh directory for one test's files, removed when the value goes away.
final class TemporaryFiles {
  let directory: String

  init() throws {
    directory = NSTemporaryDirectory() + "sagemetrics-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: directory) }

  /// The path `name` would have here (the file need not exist).
  func path(_ name: String) -> String { directory + "/" + name }

  /// Writes `contents` to `name` and returns its path.
  @discardableResult
  func write(_ name: String, _ contents: String) throws -> String {
    try contents.write(toFile: path(name), atomically: true, encoding: .utf8)
    return path(name)
  }
}
