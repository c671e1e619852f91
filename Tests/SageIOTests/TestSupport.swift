import Foundation

@testable import SageIO

/// Test data files in a private temporary directory, each with a unique name.
enum TestFiles {
  static let directory: String = {
    let path = NSTemporaryDirectory() + "sagesim-io-tests-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }()

  /// Writes `content` byte for byte to a new file and returns its path.
  static func write(_ content: String, name: String = "data.csv") -> String {
    let path = directory + "/\(UUID().uuidString)-\(name)"
    _ = FileManager.default.createFile(atPath: path, contents: Data(content.utf8))
    return path
  }
}

/// SplitMix64, so that randomized tests see the same inputs on every run.
struct TestRandom {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

/// Reads every batch of `reader`, `maxRows` at a time.
func batches(_ reader: some BatchReader, maxRows: Int) throws(DataError) -> [DataBatch] {
  var reader = reader
  var out: [DataBatch] = []
  while let batch = try reader.next(maxRows: maxRows) { out.append(batch) }
  return out
}

/// The error `body` throws, or nil.
func dataError(_ body: () throws(DataError) -> Void) -> DataError? {
  do {
    try body()
    return nil
  } catch {
    return error
  }
}
