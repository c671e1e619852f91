import Foundation
import SageCore
import SageIO

/// The streaming part of SageMaker's k-means: web-scale mini-batch k-means (Sculley 2010) over
/// K = k × extra_center_factor centers, each carrying a weight.
///
/// For a mini-batch, every row is assigned to its closest center as the centers were before the
/// batch (one GEMM per block of rows, `nearestCenters`). Then each center c moves to the weighted
/// mean of its old position and its new rows:
///
///     W'_c = γᵇ·W_c + Σ_{i→c} ωᵢ        c' = (γᵇ·W_c·c + Σ_{i→c} ωᵢ·xᵢ) / W'_c
///
/// where b is the batch size, γ = 2^(−1/half_life_time_size) (γ = 1 with no decay) and row i of the
/// batch weighs ωᵢ = γ^(b−1−i): every point's weight halves after half_life_time_size further points.
/// Without decay this is exactly Sculley's per-point update with learning rate 1/v_c applied to the
/// rows of the batch in turn (each center is the running mean of every row ever assigned to it).
struct WebScaleKMeans {
  var centers: Matrix
  var weights: [Double]
  let decay: Double

  init(seeds: Matrix, halfLife: Int) {
    centers = seeds
    weights = Array(repeating: 0, count: seeds.rows)
    decay = halfLife > 0 ? pow(0.5, 1 / Double(halfLife)) : 1
  }

  /// Assigns the batch and updates the centers; returns the rows' squared distances before the update.
  mutating func update(_ x: Features) -> Assignment {
    let statistics = batchStatistics(x)
    apply(statistics)
    return statistics.assignment
  }

  /// The batch's pull on the centers as they stand: each row assigned to its closest center, and
  /// per center the decayed row weights Σωᵢ and weighted row sums Σωᵢxᵢ (ωᵢ = γ^(b−1−i)).
  func batchStatistics(_ x: Features) -> BatchStatistics {
    let assignment = nearestCenters(x, CenterSet(centers))
    let b = x.rows, k = centers.rows, d = centers.columns
    var sums = [Double](repeating: 0, count: k * d)
    var batchWeight = [Double](repeating: 0, count: k)
    let rowWeights: [Double] =
      decay == 1 ? Array(repeating: 1, count: b) : (0..<b).map { pow(decay, Double(b - 1 - $0)) }
    sums.withUnsafeMutableBufferPointer { s in
      switch x {
      case .dense(let m):
        m.withUnsafeBufferPointer { p in
          for i in 0..<b {
            let c = assignment.cluster[i], w = rowWeights[i]
            batchWeight[c] += w
            let row = p.baseAddress! + i * d, sum = s.baseAddress! + c * d
            for j in 0..<d { sum[j] += w * row[j] }
          }
        }
      case .sparse(let m):
        for i in 0..<b {
          let c = assignment.cluster[i], w = rowWeights[i]
          batchWeight[c] += w
          for e in m.rowStart[i]..<m.rowStart[i + 1] {
            s[c * d + Int(m.columnIndices[e])] += w * m.values[e]
          }
        }
      }
    }
    return BatchStatistics(assignment: assignment, sums: sums, weights: batchWeight, rows: b)
  }

  /// Moves every center to the weighted mean of its old position (weight decayed by γᵇ) and the
  /// batch's rows.
  mutating func apply(_ batch: BatchStatistics) {
    let k = centers.rows, d = centers.columns
    let sums = batch.sums, batchWeight = batch.weights
    let old = decay == 1 ? 1 : pow(decay, Double(batch.rows))
    centers.withUnsafeMutableBufferPointer { cs in
      for c in 0..<k {
        let kept = weights[c] * old
        let total = kept + batchWeight[c]
        weights[c] = total
        guard batchWeight[c] > 0 else { continue }
        let a = kept / total, scale = 1 / total
        for j in 0..<d { cs[c * d + j] = a * cs[c * d + j] + scale * sums[c * d + j] }
      }
    }
  }
}

/// One mini-batch's assignment and per-center pull (k·d weighted sums, k weights).
struct BatchStatistics {
  var assignment: Assignment
  var sums: [Double]
  var weights: [Double]
  var rows: Int

  /// Several hosts' batches of one synchronous step as one batch, host by host in order: the
  /// sums and weights add, host h's scaled by γ^(rows after it) so that every row keeps the decay
  /// it would have at its place in the joint batch (γ = 1: plain sums).
  static func joint(_ parts: [BatchStatistics], decay: Double) -> BatchStatistics {
    var out = BatchStatistics(
      assignment: Assignment(cluster: [], squaredDistance: []), sums: Array(repeating: 0, count: parts[0].sums.count),
      weights: Array(repeating: 0, count: parts[0].weights.count), rows: 0)
    var after = parts.reduce(0) { $0 + $1.rows }
    for part in parts {
      after -= part.rows
      let scale = decay == 1 ? 1 : pow(decay, Double(after))
      for i in out.sums.indices { out.sums[i] += scale * part.sums[i] }
      for c in out.weights.indices { out.weights[c] += scale * part.weights[c] }
      out.assignment.cluster += part.assignment.cluster
      out.assignment.squaredDistance += part.assignment.squaredDistance
      out.rows += part.rows
    }
    return out
  }
}
