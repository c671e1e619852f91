import SageCore
import SageIO

/// Centers prepared for distance computations: C (K×d), Cᵀ (d×K) for the GEMM, and ‖cⱼ‖².
struct CenterSet: Sendable {
  let centers: Matrix
  let transposed: Matrix
  let squaredNorms: [Double]

  init(_ centers: Matrix) {
    self.centers = centers
    self.transposed = centers.transposed()
    self.squaredNorms = centers.squaredRowNorms()
  }

  var count: Int { centers.rows }
}

/// Each row's closest center and its squared distance.
struct Assignment: Sendable {
  var cluster: [Int]
  var squaredDistance: [Double]

  var sum: Double { squaredDistance.reduce(0, +) }
}

/// Closest centers through BLAS: ‖x − c‖² = ‖x‖² − 2x·c + ‖c‖², the cross term −2·X·Cᵀ computed by
/// one dgemm per block of rows (a CSR × dense product for sparse rows). The mini-batch is cut into
/// fixed blocks whose distance block (rows × K) stays in cache; the blocks run on both cores
/// (`Parallel.map`, BLAS at one thread inside) and come back in order, so the result does not
/// depend on timing. Ties go to the lower center index; a distance that rounds below 0 is 0.
func nearestCenters(_ x: Features, _ set: CenterSet) -> Assignment {
  let n = x.rows
  guard n > 0 else { return Assignment(cluster: [], squaredDistance: []) }
  let k = set.count
  let blockRows = max(8, min(4096, distanceBlockElements / max(k, 1)))
  let chunks = (n + blockRows - 1) / blockRows
  let parts: [Assignment]
  switch x {
  case .dense(let m):
    parts = Parallel.map(n, chunks: chunks) { denseBlock(m, $0, set) }
  case .sparse(let s):
    parts = Parallel.map(n, chunks: chunks) { sparseBlock(s, $0, set) }
  }
  if parts.count == 1 { return parts[0] }
  var out = Assignment(cluster: [], squaredDistance: [])
  out.cluster.reserveCapacity(n)
  out.squaredDistance.reserveCapacity(n)
  for part in parts {
    out.cluster.append(contentsOf: part.cluster)
    out.squaredDistance.append(contentsOf: part.squaredDistance)
  }
  return out
}

/// Doubles in one block of the distance matrix (512 KB: half of this machine's L2 per core).
let distanceBlockElements = 65_536

private func denseBlock(_ x: Matrix, _ range: Range<Int>, _ set: CenterSet) -> Assignment {
  let k = set.count, d = x.columns
  var cross = Matrix(rows: range.count, columns: k)
  Matrix.multiplyAdd(x, rows: range, set.transposed, into: &cross, alpha: -2, beta: 0)
  var cluster = [Int](repeating: 0, count: range.count)
  var distance = [Double](repeating: 0, count: range.count)
  x.withUnsafeBufferPointer { px in
    cross.withUnsafeBufferPointer { g in
      set.squaredNorms.withUnsafeBufferPointer { norms in
        for (r, i) in range.enumerated() {
          var xx = 0.0
          let row = px.baseAddress! + i * d
          for j in 0..<d { xx += row[j] * row[j] }
          let (best, value) = argmin(g.baseAddress! + r * k, norms, k)
          cluster[r] = best
          distance[r] = max(0, xx + value)
        }
      }
    }
  }
  return Assignment(cluster: cluster, squaredDistance: distance)
}

private func sparseBlock(_ x: SparseMatrix, _ range: Range<Int>, _ set: CenterSet) -> Assignment {
  let k = set.count
  var cluster = [Int](repeating: 0, count: range.count)
  var distance = [Double](repeating: 0, count: range.count)
  var acc = [Double](repeating: 0, count: k)
  set.transposed.withUnsafeBufferPointer { ct in
    x.rowStart.withUnsafeBufferPointer { starts in
      x.columnIndices.withUnsafeBufferPointer { cols in
        x.values.withUnsafeBufferPointer { vals in
          set.squaredNorms.withUnsafeBufferPointer { norms in
            acc.withUnsafeMutableBufferPointer { a in
              for (r, i) in range.enumerated() {
                for c in 0..<k { a[c] = 0 }
                var xx = 0.0
                for e in starts[i]..<starts[i + 1] {
                  let v = vals[e]
                  xx += v * v
                  let t = -2 * v
                  let column = ct.baseAddress! + Int(cols[e]) * k
                  for c in 0..<k { a[c] += t * column[c] }
                }
                let (best, value) = argmin(UnsafePointer(a.baseAddress!), norms, k)
                cluster[r] = best
                distance[r] = max(0, xx + value)
              }
            }
          }
        }
      }
    }
  }
  return Assignment(cluster: cluster, squaredDistance: distance)
}

/// The index j minimising g[j] + norms[j], and that value (first index on ties).
@inline(__always)
private func argmin(_ g: UnsafePointer<Double>, _ norms: UnsafeBufferPointer<Double>, _ k: Int) -> (Int, Double) {
  var best = 0
  var value = g[0] + norms[0]
  for j in 1..<k {
    let v = g[j] + norms[j]
    if v < value { value = v; best = j }
  }
  return (best, value)
}

/// ‖a − b‖² computed directly (no cancellation), for seeding and checks on few points.
@inline(__always)
func squaredDistance(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ d: Int) -> Double {
  var s = 0.0
  for j in 0..<d {
    let t = a[j] - b[j]
    s += t * t
  }
  return s
}
