import SageCore

/// Per-node gradient histograms: for every histogram slot (feature bin, or a feature's missing
/// slot) the sums of g and h over the node's rows, interleaved `[g₀, h₀, g₁, h₁, …]`.
///
/// Built on both cores: the node's rows are cut into a fixed number of chunks that depends only on
/// the row count (`chunkCount`), each chunk fills its own histogram, and the partial histograms
/// are added in chunk order, so the sums have the same bits on any machine.
enum GradientHistogram {
  /// Rows per chunk; a node smaller than this is histogrammed on one core.
  static let rowsPerChunk = 16_384
  static let maxChunks = 8

  static func chunkCount(_ rows: Int) -> Int { max(1, min(maxChunks, rows / rowsPerChunk)) }

  static func build(
    _ m: BinnedMatrix, rows: UnsafeBufferPointer<Int32>, g: UnsafeBufferPointer<Double>, h: UnsafeBufferPointer<Double>
  ) -> [Double] {
    guard !m.hostStarts.isEmpty else { return buildOnOneHost(m, rows: rows, g: g, h: h) }
    // Several hosts, as Rabit's allreduce: each host histograms the node's rows it holds (a
    // node's rows stay ascending, so they split at the hosts' first rows), concurrently, and the
    // histograms are added in host order — every host then sees the same sums.
    var bounds = [0]
    for start in m.hostStarts {
      var lo = bounds[bounds.count - 1], hi = rows.count
      while lo < hi { let mid = (lo + hi) / 2; if rows[mid] < start { lo = mid + 1 } else { hi = mid } }
      bounds.append(lo)
    }
    bounds.append(rows.count)
    let parts = Parallel.map(bounds.count - 1, chunks: bounds.count - 1) { hosts in
      hosts.map { i in buildOnOneHost(m, rows: UnsafeBufferPointer(rebasing: rows[bounds[i]..<bounds[i + 1]]), g: g, h: h) }
    }.flatMap { $0 }
    var total = parts[0]
    for part in parts.dropFirst() { for s in total.indices { total[s] += part[s] } }
    return total
  }

  /// The histogram of `rows` on one host: fixed row chunks, added in chunk order.
  static func buildOnOneHost(
    _ m: BinnedMatrix, rows: UnsafeBufferPointer<Int32>, g: UnsafeBufferPointer<Double>, h: UnsafeBufferPointer<Double>
  ) -> [Double] {
    let slots = m.totalSlots
    let partials = Parallel.map(rows.count, chunks: chunkCount(rows.count)) { range in
      var hist = [Double](repeating: 0, count: 2 * slots)
      hist.withUnsafeMutableBufferPointer { out in
        switch m.storage {
        case .narrow(let bins): bins.withUnsafeBufferPointer { accumulate($0, m, rows, range, g, h, out) }
        case .wide(let bins): bins.withUnsafeBufferPointer { accumulate($0, m, rows, range, g, h, out) }
        }
      }
      return hist
    }
    guard var total = partials.first else { return [Double](repeating: 0, count: 2 * slots) }
    for part in partials.dropFirst() {
      total.withUnsafeMutableBufferPointer { t in
        part.withUnsafeBufferPointer { p in for s in 0..<t.count { t[s] += p[s] } }
      }
    }
    return total
  }

  /// hist[offset_f + bin(i, f)] += (g_i, h_i) for every row i of the chunk and every feature f.
  @inline(__always)
  private static func accumulate<B: FixedWidthInteger & UnsignedInteger>(
    _ bins: UnsafeBufferPointer<B>, _ m: BinnedMatrix, _ rows: UnsafeBufferPointer<Int32>, _ range: Range<Int>,
    _ g: UnsafeBufferPointer<Double>, _ h: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>
  ) {
    let d = m.columns
    m.offsets.withUnsafeBufferPointer { offsets in
      for k in range {
        let r = Int(rows[k])
        let gr = g[r], hr = h[r]
        let base = r * d
        for f in 0..<d {
          let slot = 2 * (offsets[f] + Int(bins[base + f]))
          out[slot] += gr
          out[slot + 1] += hr
        }
      }
    }
  }

  /// parent − child, in place in `parent` (the sibling-subtraction trick: only the smaller child
  /// is histogrammed from its rows).
  static func subtract(_ child: [Double], from parent: inout [Double]) {
    parent.withUnsafeMutableBufferPointer { p in
      child.withUnsafeBufferPointer { c in for s in 0..<p.count { p[s] -= c[s] } }
    }
  }
}

extension BinnedMatrix {
  /// Splits `rows` (a node's segment) stably into the rows going left, then those going right.
  /// Returns the number going left. Large segments are split in fixed chunks on both cores.
  func partition(
    _ rows: UnsafeMutableBufferPointer<Int32>, feature f: Int, leftBins: Int, defaultLeft: Bool
  ) -> Int {
    let missing = cuts.bins(f)
    let parts = Parallel.map(rows.count, chunks: max(1, min(8, rows.count / 65_536))) { range -> ([Int32], [Int32]) in
      var left: [Int32] = [], right: [Int32] = []
      left.reserveCapacity(range.count)
      right.reserveCapacity(range.count)
      func route<B: FixedWidthInteger>(_ bins: UnsafeBufferPointer<B>) {
        for k in range {
          let r = rows[k]
          let b = Int(bins[Int(r) * columns + f])
          if b == missing ? defaultLeft : b < leftBins { left.append(r) } else { right.append(r) }
        }
      }
      switch storage {
      case .narrow(let bins): bins.withUnsafeBufferPointer { route($0) }
      case .wide(let bins): bins.withUnsafeBufferPointer { route($0) }
      }
      return (left, right)
    }
    var k = 0
    for part in parts { for r in part.0 { rows[k] = r; k += 1 } }
    let leftCount = k
    for part in parts { for r in part.1 { rows[k] = r; k += 1 } }
    return leftCount
  }
}
