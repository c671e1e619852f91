import SageCore

/// Every feature's bin edges in one flat array (XGBoost's `HistogramCuts`): feature f owns
/// `values[pointers[f]..<pointers[f+1]]`, ascending. A value x falls in the first bin whose edge
/// is greater than x, so "x < edge i" is "bin ≤ i": a split on edge i sends `x < split_condition`
/// left, as XGBoost's trees do. The last edge of a feature lies above its largest value.
struct HistogramCuts: Sendable {
  var values: [Float]
  var pointers: [Int]
  /// Each feature's smallest value (the split condition that sends every present value right).
  var minimums: [Float]

  var features: Int { pointers.count - 1 }
  func bins(_ f: Int) -> Int { pointers[f + 1] - pointers[f] }

  /// Weighted quantile edges of each column of `table`: at most `maxBin` bins per feature.
  ///
  /// The summary of a feature is its distinct values v_i with rank bounds rmin_i (weight below
  /// v_i), rmax_i (weight up to and including v_i) and wmin_i (v_i's own weight): the exact form of
  /// the weighted quantile summary of Chen & Guestrin (2016, §3.3 and appendix), which XGBoost's
  /// sketch approximates (for data of up to a few thousand rows it is exact there too). It is pruned
  /// to `maxBin + 1` entries by XGBoost's `WQSummary::SetPrune` rule (the entry whose mid-rank
  /// (rmin+rmax)/2 is nearest each target rank k·range/maxBin), and the edges are the kept values
  /// after the first, then max + (|max| + 1e-5), as in XGBoost's `AddCutPoint`.
  static func build(_ table: FeatureTable, maxBin: Int) -> HistogramCuts {
    let perFeature = Parallel.map(table.columns, chunks: table.columns) { range in
      range.map { f in featureCuts(table, f, maxBin: maxBin) }
    }.flatMap { $0 }
    var values: [Float] = [], pointers = [0], minimums: [Float] = []
    for (edges, minimum) in perFeature {
      values += edges
      pointers.append(values.count)
      minimums.append(minimum)
    }
    return HistogramCuts(values: values, pointers: pointers, minimums: minimums)
  }

  private static func featureCuts(_ table: FeatureTable, _ f: Int, maxBin: Int) -> ([Float], Float) {
    let n = table.rows, d = table.columns
    var pairs: [(value: Float, weight: Double)] = []
    pairs.reserveCapacity(n)
    table.values.withUnsafeBufferPointer { x in
      for i in 0..<n where !x[i * d + f].isNaN {
        pairs.append((x[i * d + f], table.weights?[i] ?? 1))
      }
    }
    guard !pairs.isEmpty else { return ([], 0) }
    pairs.sort { $0.value < $1.value }
    var distinct: [Float] = [], cumulative: [Double] = []
    var total = 0.0
    for p in pairs {
      total += p.weight
      if distinct.last == p.value { cumulative[cumulative.count - 1] = total } else {
        distinct.append(p.value)
        cumulative.append(total)
      }
    }
    return (edges(distinct, cumulative, maxBin: maxBin), distinct[0])
  }

  /// The edges of one feature from its exact summary (distinct values, cumulative weights).
  static func edges(_ distinct: [Float], _ cumulative: [Double], maxBin: Int) -> [Float] {
    let kept = prune(distinct, cumulative, maxSize: maxBin + 1)
    // XGBoost's AddCutPoint: at most max_bin − 1 kept values after the first, then the sentinel.
    var edges: [Float] = []
    for j in 1..<min(kept.count, maxBin) where edges.isEmpty || kept[j] > edges[edges.count - 1] {
      edges.append(kept[j])
    }
    let last = kept[kept.count - 1]
    edges.append(last + (abs(last) + 1e-5))
    return edges
  }

  /// `WQSummary::SetPrune` on an exact summary (ranks in 32-bit floats, as XGBoost's `RType`).
  static func prune(_ values: [Float], _ cumulative: [Double], maxSize: Int) -> [Float] {
    let n = values.count
    guard n > maxSize else { return values }
    let rmax = cumulative.map { Float($0) }
    let wmin = (0..<n).map { Float($0 == 0 ? cumulative[0] : cumulative[$0] - cumulative[$0 - 1]) }
    let rmin = (0..<n).map { rmax[$0] - wmin[$0] }
    let begin = rmax[0], range = rmin[n - 1] - rmax[0], m = maxSize - 1
    var kept = [values[0]]
    var i = 1, last = 0
    for k in 1..<m {
      let target = 2 * ((Float(k) * range) / Float(m) + begin)
      while i < n - 1 && target >= rmax[i + 1] + rmin[i + 1] { i += 1 }
      if i == n - 1 { break }
      let pick = target < (rmin[i] + wmin[i]) + (rmax[i + 1] - wmin[i + 1]) ? i : i + 1
      if pick != last {
        kept.append(values[pick])
        last = pick
      }
    }
    if last != n - 1 { kept.append(values[n - 1]) }
    return kept
  }

  /// The bin of `x` in feature f: the number of edges ≤ x (clamped to the last bin).
  func bin(_ x: Float, feature f: Int) -> Int {
    var lo = pointers[f], hi = pointers[f + 1]
    let end = hi
    while lo < hi {
      let mid = (lo + hi) / 2
      if values[mid] <= x { lo = mid + 1 } else { hi = mid }
    }
    return min(lo, end - 1) - pointers[f]
  }
}

/// One feature's exact weighted summary on one host: its distinct values, ascending, and the
/// weight of each. Hosts' summaries merge without loss (XGBoost's Rabit allreduce merges pruned
/// sketches; below a few thousand distinct values those are exact too), so the shared cuts are the
/// ones a single host would find in all the rows.
struct ValueWeights: Sendable {
  var values: [Float] = []
  var weights: [Double] = []

  /// Every feature's summary of `table`'s present (non-NaN) values.
  static func of(_ table: FeatureTable) -> [ValueWeights] {
    let n = table.rows, d = table.columns
    return (0..<d).map { f in
      var pairs: [(Float, Double)] = []
      table.values.withUnsafeBufferPointer { x in
        for i in 0..<n where !x[i * d + f].isNaN { pairs.append((x[i * d + f], table.weights?[i] ?? 1)) }
      }
      pairs.sort { $0.0 < $1.0 }
      var out = ValueWeights()
      for (v, w) in pairs {
        if out.values.last == v { out.weights[out.weights.count - 1] += w } else {
          out.values.append(v)
          out.weights.append(w)
        }
      }
      return out
    }
  }

  /// The union of two summaries: a sorted merge, weights of equal values added.
  func merged(with other: ValueWeights) -> ValueWeights {
    var out = ValueWeights()
    var i = 0, j = 0
    while i < values.count || j < other.values.count {
      if j == other.values.count || (i < values.count && values[i] < other.values[j]) {
        out.values.append(values[i]); out.weights.append(weights[i]); i += 1
      } else if i == values.count || other.values[j] < values[i] {
        out.values.append(other.values[j]); out.weights.append(other.weights[j]); j += 1
      } else {
        out.values.append(values[i]); out.weights.append(weights[i] + other.weights[j]); i += 1; j += 1
      }
    }
    return out
  }
}

extension HistogramCuts {
  /// The cuts from every feature's (merged) summary, as `build` finds them from one table.
  static func build(_ summaries: [ValueWeights], maxBin: Int) -> HistogramCuts {
    var values: [Float] = [], pointers = [0], minimums: [Float] = []
    for s in summaries {
      if !s.values.isEmpty {
        var total = 0.0
        values += edges(s.values, s.weights.map { total += $0; return total }, maxBin: maxBin)
      }
      pointers.append(values.count)
      minimums.append(s.values.first ?? 0)
    }
    return HistogramCuts(values: values, pointers: pointers, minimums: minimums)
  }
}

/// The training rows as bin indices (XGBoost's `GHistIndexMatrix`), row-major, one byte per cell
/// when every feature has fewer than 256 bins (the missing value takes one more slot), else two.
/// Histogram slot of cell (i, f) = `offsets[f] + bin`; slot `offsets[f] + bins(f)` is f's missing.
struct BinnedMatrix: Sendable {
  enum Storage: Sendable {
    case narrow([UInt8])
    case wide([UInt16])
  }
  let rows: Int
  let columns: Int
  let storage: Storage
  let offsets: [Int]
  let totalSlots: Int
  let cuts: HistogramCuts
  /// Where hosts 2, 3, … begin among the rows (empty: one host). A node's histogram is then the
  /// sum, in host order, of each host's histogram of its own rows (see `GradientHistogram`).
  var hostStarts: [Int32] = []

  init(_ table: FeatureTable, cuts: HistogramCuts) {
    rows = table.rows
    columns = table.columns
    self.cuts = cuts
    var offsets: [Int] = [], slot = 0
    for f in 0..<columns {
      offsets.append(slot)
      slot += cuts.bins(f) + 1
    }
    self.offsets = offsets
    totalSlots = slot
    let narrow = (0..<columns).allSatisfy { cuts.bins($0) < 256 }
    if narrow {
      storage = .narrow(Self.binned(table, cuts, as: UInt8.self))
    } else {
      storage = .wide(Self.binned(table, cuts, as: UInt16.self))
    }
  }

  private static func binned<B: FixedWidthInteger & UnsignedInteger>(
    _ table: FeatureTable, _ cuts: HistogramCuts, as: B.Type
  ) -> [B] {
    let d = table.columns
    let parts = Parallel.map(table.rows, chunks: 16) { range in
      var out = [B](repeating: 0, count: range.count * d)
      table.values.withUnsafeBufferPointer { x in
        for i in range {
          for f in 0..<d {
            let v = x[i * d + f]
            out[(i - range.lowerBound) * d + f] = B(v.isNaN ? cuts.bins(f) : cuts.bin(v, feature: f))
          }
        }
      }
      return out
    }
    return parts.flatMap { $0 }
  }
}
