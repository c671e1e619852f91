import Foundation
import SageCore
import SageIO

@testable import SageSim

/// The repository root, found from this file's path (tests run from any directory).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

/// A bundled data set file, e.g. `dataset("digits/train.csv")`.
func dataset(_ name: String) -> String {
  repositoryRoot.appendingPathComponent("Datasets").appendingPathComponent(name).path
}

/// An in-memory channel of unlabelled dense rows.
func memoryChannel(_ rows: [[Double]], name: ChannelName = .train) -> DataChannel {
  let m = Matrix(rowArrays: rows)
  return DataChannel(name, batch: DataBatch(features: .dense(m), labels: [], lines: Array(0..<rows.count).map { $0 + 1 }, file: "memory"))
}

/// A fresh temporary directory.
func temporaryDirectory() -> String {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("sagesim-tests-\(UUID().uuidString)")
  try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url.path
}

/// |cos θ| between two vectors: 1 when they are parallel, whatever their signs.
func absoluteCosine(_ a: [Double], _ b: [Double]) -> Double {
  let dot = zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
  let na = a.reduce(0) { $0 + $1 * $1 }.squareRoot(), nb = b.reduce(0) { $0 + $1 * $1 }.squareRoot()
  return abs(dot) / (na * nb)
}
