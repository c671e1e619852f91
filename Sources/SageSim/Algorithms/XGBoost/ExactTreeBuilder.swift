import SageCore

/// `tree_method=exact`: the greedy algorithm of Chen & Guestrin (2016, Alg. 1 and 3). Each
/// feature's present values are sorted once; every level, each feature's sorted column is scanned
/// for all open nodes at once, trying a split between every two distinct values (condition the
/// midpoint, as XGBoost's ColMaker). The backward scan sends missing values left; the forward
/// scan, run for columns with missing values, sends them right. Depthwise growth only.
struct ExactTreeBuilder: TreeGrowing {
  let table: FeatureTable
  let parameters: TreeParameters
  let sampler: ColumnSampler
  /// Per feature, the rows with a present value, by ascending value.
  let sorted: [[Int32]]
  let hasMissing: [Bool]

  init(table: FeatureTable, parameters: TreeParameters, sampler: ColumnSampler) {
    self.table = table
    self.parameters = parameters
    self.sampler = sampler
    let d = table.columns
    let columns = Parallel.map(d, chunks: d) { range in
      range.map { f -> [Int32] in
        let present = (0..<table.rows).filter { !table.values[$0 * d + f].isNaN }.map { Int32($0) }
        return present.sorted { table.values[Int($0) * d + f] < table.values[Int($1) * d + f] || (table.values[Int($0) * d + f] == table.values[Int($1) * d + f] && $0 < $1) }
      }
    }.flatMap { $0 }
    sorted = columns
    hasMissing = columns.map { $0.count < table.rows }
  }

  func grow(rows: [Int32], g: [Double], h: [Double], random: inout SeededRandom) -> HistTreeBuilder.Result {
    var tree = RegressionTree()
    var position = [Int32](repeating: -1, count: table.rows)
    var total = (g: 0.0, h: 0.0)
    for r in rows { position[Int(r)] = 0; total.g += g[Int(r)]; total.h += h[Int(r)] }
    let p = parameters
    tree.addNode(parent: -1, weight: p.weight(total.g, total.h), hessian: total.h, leafValue: p.leafValue(total.g, total.h))
    var stats = [total]
    var open = [0]
    var columns = sampler.forTree(&random)
    var depth = 0
    while !open.isEmpty && (p.maxDepth == 0 || depth < p.maxDepth) {
      var allowed = [[Bool]](repeating: [], count: tree.nodeCount)
      for node in open {
        var mask = [Bool](repeating: false, count: table.columns)
        for f in sampler.forNode(depth: depth, &columns, &random) { mask[f] = true }
        allowed[node] = mask
      }
      let best = bestSplits(open: open, stats: stats, allowed: allowed, position: position, g: g, h: h)
      var next: [Int] = []
      for node in open {
        guard let s = best[node], s.isFound, s.gain > TreeParameters.minimumGain, s.gain >= p.gamma,
          p.maxLeaves == 0 || tree.nodeCount / 2 + 1 < p.maxLeaves
        else { continue }
        let l = tree.addNode(parent: node, weight: p.weight(s.left.g, s.left.h), hessian: s.left.h, leafValue: p.leafValue(s.left.g, s.left.h))
        let r = tree.addNode(parent: node, weight: p.weight(s.right.g, s.right.h), hessian: s.right.h, leafValue: p.leafValue(s.right.g, s.right.h))
        tree.split(node, feature: s.feature, condition: s.condition, defaultLeft: s.defaultLeft, gain: s.gain, children: (l, r))
        stats += [s.left, s.right]
        next += [l, r]
      }
      route(&position, tree: tree, rows: rows)
      open = next
      depth += 1
    }
    return Self.groupByLeaf(tree, position: position, rows: rows)
  }

  /// Moves every row of a node split this level to the child its value chooses.
  func route(_ position: inout [Int32], tree: RegressionTree, rows: [Int32]) {
    let d = table.columns
    for r in rows {
      let node = Int(position[Int(r)])
      guard !tree.isLeaf(node) else { continue }
      let v = table.values[Int(r) * d + Int(tree.splitIndices[node])]
      let left = v.isNaN ? tree.defaultLeft[node] : v < tree.splitConditions[node]
      position[Int(r)] = left ? tree.leftChildren[node] : tree.rightChildren[node]
    }
  }

  /// For each open node, the best split over its allowed features (features scanned in parallel,
  /// candidates reduced in feature order so ties go to the lowest feature).
  func bestSplits(open: [Int], stats: [(g: Double, h: Double)], allowed: [[Bool]], position: [Int32], g: [Double], h: [Double]) -> [SplitCandidate?] {
    let nodes = stats.count, d = table.columns
    let perFeature = Parallel.map(d, chunks: min(d, 8)) { range in
      range.map { f in scan(f, nodes: nodes, stats: stats, allowed: allowed, position: position, g: g, h: h) }
    }.flatMap { $0 }
    var best = [SplitCandidate?](repeating: nil, count: nodes)
    for candidates in perFeature {
      for node in open {
        let c = candidates[node]
        if c.isFound && c.gain > (best[node]?.gain ?? -.infinity) { best[node] = c }
      }
    }
    return best
  }

  func scan(_ f: Int, nodes: Int, stats: [(g: Double, h: Double)], allowed: [[Bool]], position: [Int32], g: [Double], h: [Double]) -> [SplitCandidate] {
    var best = [SplitCandidate](repeating: SplitCandidate(), count: nodes)
    let p = parameters, d = table.columns
    let parentScores = stats.map { Float(p.score($0.g, $0.h)) }
    for forward in (hasMissing[f] ? [false, true] : [false]) {
      var acc = [(g: Double, h: Double)](repeating: (0, 0), count: nodes)
      var last = [Float](repeating: .nan, count: nodes)
      let order = forward ? sorted[f] : sorted[f].reversed()
      func consider(_ node: Int, condition: Float) {
        // Forward: acc is the left side (missing right). Backward: acc is the right side (missing left).
        let side = acc[node], parent = stats[node]
        let (lg, lh) = forward ? side : (parent.g - side.g, parent.h - side.h)
        let (rg, rh) = (parent.g - lg, parent.h - lh)
        guard lh >= p.minChildWeight, rh >= p.minChildWeight, lh > 0, rh > 0 else { return }
        let gain = p.gain(left: (lg, lh), right: (rg, rh), parentScore: parentScores[node])
        if gain > best[node].gain {
          best[node] = SplitCandidate(gain: gain, feature: f, leftBins: 0, condition: condition, defaultLeft: !forward, left: (lg, lh), right: (rg, rh))
        }
      }
      for r32 in order {
        let r = Int(r32), node = Int(position[r])
        guard node >= 0, !allowed[node].isEmpty, allowed[node][f] else { continue }
        let v = table.values[r * d + f]
        if !last[node].isNaN && v != last[node] { consider(node, condition: (v + last[node]) * 0.5) }
        acc[node].g += g[r]
        acc[node].h += h[r]
        last[node] = v
      }
      for node in 0..<nodes where !last[node].isNaN {
        // All present values on one side, missing values on the other.
        let gap = abs(last[node]) + 1e-6
        consider(node, condition: forward ? last[node] + gap : last[node] - gap)
      }
    }
    return best
  }

  /// Rows grouped by the leaf they ended in, as the hist builder returns them.
  static func groupByLeaf(_ tree: RegressionTree, position: [Int32], rows: [Int32]) -> HistTreeBuilder.Result {
    var buckets = [[Int32]](repeating: [], count: tree.nodeCount)
    for r in rows { buckets[Int(position[Int(r)])].append(r) }
    var rowIndex: [Int32] = [], leaves: [(node: Int, range: Range<Int>)] = []
    for node in 0..<tree.nodeCount where tree.isLeaf(node) {
      leaves.append((node, rowIndex.count..<(rowIndex.count + buckets[node].count)))
      rowIndex += buckets[node]
    }
    return HistTreeBuilder.Result(tree: tree, rowIndex: rowIndex, leaves: leaves)
  }
}
