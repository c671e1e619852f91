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

/// The rows a single host must read to make the moves of `hosts` sharded hosts (host h holding the
/// h-th consecutive block) with mini-batch `b`: step t of every host, hosts in order. Each host's
/// block must be a whole number of mini-batches.
func interleaved(_ all: DataBatch, hosts: Int, batch b: Int) -> DataBatch {
  let perHost = all.rows / hosts
  precondition(perHost * hosts == all.rows && perHost % b == 0)
  var x = Matrix(rows: 0, columns: all.features.columns)
  var labels: [Double] = []
  for t in 0..<(perHost / b) {
    for h in 0..<hosts {
      let part = all.rows((h * perHost + t * b)..<(h * perHost + t * b + b))
      x.appendRows(of: part.features.dense())
      labels += part.labels
    }
  }
  return batch(x, labels: labels)
}

/// n rows of d uniform features in [−1, 1] with y = Σⱼ (j+1)·(−1)ʲ·xⱼ + 0.1·noise, or its sign as a
/// 0/1 class when `binary`.
func linearRows(_ n: Int, _ d: Int, binary: Bool = false, seed: UInt64 = 11) -> DataBatch {
  var random = SeededRandom(seed: seed)
  var x = Matrix(rows: n, columns: d)
  var y: [Double] = []
  for i in 0..<n {
    var t = 0.0
    for j in 0..<d {
      x[i, j] = random.uniform(-1, 1)
      t += Double(j + 1) * (j % 2 == 0 ? 1 : -1) * x[i, j]
    }
    t += 0.1 * random.normal()
    y.append(binary ? (t > 0 ? 1 : 0) : t)
  }
  return batch(x, labels: y)
}
