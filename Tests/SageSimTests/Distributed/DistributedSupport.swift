import Foundation
import SageCore
import SageIO

@testable import SageSim

/// The bundled digits training rows (1438 × 64, label first), read once.
let digitsTrain: DataBatch = try! readAll(
  path: dataset("digits/train.csv"), contentType: .csv(labelSize: 1), options: ReadOptions())

/// The largest |aᵢ − bᵢ| / max(|bᵢ|, floor) over two equally long vectors.
func largestRelativeGap(_ a: [Double], _ b: [Double], floor: Double = 1) -> Double {
  precondition(a.count == b.count)
  return zip(a, b).map { abs($0 - $1) / max(abs($1), floor) }.max() ?? 0
}

/// A DataBatch of the given dense rows and labels.
func batch(_ rows: Matrix, labels: [Double] = []) -> DataBatch {
  DataBatch(features: .dense(rows), labels: labels, lines: Array(1...max(rows.rows, 1)).prefix(rows.rows).map { $0 }, file: "memory")
}
