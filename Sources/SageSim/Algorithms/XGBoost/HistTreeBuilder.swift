import SageCore

/// Grows one tree by the `hist` method (XGBoost's `quantile_histmaker`): per-node gradient
/// histograms over the binned training rows, the best split of each node from a bin scan, and
/// expansion level by level (`depthwise`) or best-gain-first (`lossguide`).
struct HistTreeBuilder {
  let matrix: BinnedMatrix
  let parameters: TreeParameters
  let lossguide: Bool
  let sampler: ColumnSampler

  /// A node that may still be split: its rows (a segment of `rowIndex`), gradient sums,
  /// histogram (empty when it cannot be split) and best split.
  struct OpenNode {
    var id: Int
    var range: Range<Int>
    var depth: Int
    var total: (g: Double, h: Double)
    var histogram: [Double]
    var split = SplitCandidate()
  }

  /// The grown tree, and for each leaf the rows (in `rowIndex`) that reached it.
  struct Result {
    var tree: RegressionTree
    var rowIndex: [Int32]
    var leaves: [(node: Int, range: Range<Int>)]
  }

  func grow(rows: [Int32], g: [Double], h: [Double], random: inout SeededRandom) -> Result {
    var rowIndex = rows
    var tree = RegressionTree()
    var leaves: [(node: Int, range: Range<Int>)] = []
    var columns = sampler.forTree(&random)
    let evaluator = SplitEvaluator(parameters: parameters, cuts: matrix.cuts, offsets: matrix.offsets)
    g.withUnsafeBufferPointer { g in
      h.withUnsafeBufferPointer { h in
        var root = OpenNode(id: 0, range: 0..<rowIndex.count, depth: 0, total: (0, 0), histogram: [])
        root.total = Self.sums(rowIndex, g, h)
        tree.addNode(parent: -1, weight: parameters.weight(root.total.g, root.total.h), hessian: root.total.h,
                     leafValue: parameters.leafValue(root.total.g, root.total.h))
        if canSplit(depth: 0) {
          root.histogram = rowIndex.withUnsafeBufferPointer { GradientHistogram.build(matrix, rows: $0, g: g, h: h) }
        }
        var open = [root]
        evaluate(&open, evaluator, &columns, &random)
        var leafCount = 1
        while !open.isEmpty {
          let pick = lossguide ? Self.bestIndex(open) : 0
          var node = open.remove(at: pick)
          guard isValid(node.split, depth: node.depth, leaves: leafCount) else {
            leaves.append((node.id, node.range))
            continue
          }
          leafCount += 1
          var children = expand(&node, &tree, &rowIndex, g, h)
          evaluate(&children, evaluator, &columns, &random)
          open += children
        }
      }
    }
    return Result(tree: tree, rowIndex: rowIndex, leaves: leaves)
  }

  /// Depthwise takes the open nodes in id order (a level at a time, since children get larger
  /// ids); lossguide takes the largest gain, ties to the smaller id.
  static func bestIndex(_ open: [OpenNode]) -> Int {
    var best = 0
    for i in 1..<open.count {
      let a = open[i].split.gain, b = open[best].split.gain
      if a > b || (a == b && open[i].id < open[best].id) { best = i }
    }
    return best
  }

  func canSplit(depth: Int) -> Bool { parameters.maxDepth == 0 || depth < parameters.maxDepth }

  /// XGBoost's `ExpandEntry::IsValid`: a real gain above γ, both children non-empty, and the
  /// depth and leaf limits not reached.
  func isValid(_ s: SplitCandidate, depth: Int, leaves: Int) -> Bool {
    guard s.isFound, s.gain > TreeParameters.minimumGain, s.gain >= parameters.gamma else { return false }
    guard s.left.h > 0, s.right.h > 0, canSplit(depth: depth) else { return false }
    return parameters.maxLeaves == 0 || leaves < parameters.maxLeaves
  }

  /// Best splits of nodes whose histograms were built, on the columns sampled for their level and node.
  func evaluate(_ nodes: inout [OpenNode], _ evaluator: SplitEvaluator, _ columns: inout ColumnSampler.TreeColumns, _ random: inout SeededRandom) {
    for i in nodes.indices where !nodes[i].histogram.isEmpty {
      let features = sampler.forNode(depth: nodes[i].depth, &columns, &random)
      nodes[i].split = nodes[i].histogram.withUnsafeBufferPointer {
        evaluator.best(histogram: $0, total: nodes[i].total, features: features)
      }
    }
  }

  /// Splits `node`: partitions its rows, adds both children to the tree, and gives them
  /// histograms (the smaller built from its rows, the larger by subtraction from the parent).
  func expand(
    _ node: inout OpenNode, _ tree: inout RegressionTree, _ rowIndex: inout [Int32],
    _ g: UnsafeBufferPointer<Double>, _ h: UnsafeBufferPointer<Double>
  ) -> [OpenNode] {
    let s = node.split
    let leftCount = rowIndex.withUnsafeMutableBufferPointer { all in
      matrix.partition(
        UnsafeMutableBufferPointer(rebasing: all[node.range]), feature: s.feature, leftBins: s.leftBins,
        defaultLeft: s.defaultLeft)
    }
    let mid = node.range.lowerBound + leftCount
    let p = parameters
    let l = tree.addNode(parent: node.id, weight: p.weight(s.left.g, s.left.h), hessian: s.left.h,
                         leafValue: p.leafValue(s.left.g, s.left.h))
    let r = tree.addNode(parent: node.id, weight: p.weight(s.right.g, s.right.h), hessian: s.right.h,
                         leafValue: p.leafValue(s.right.g, s.right.h))
    tree.split(node.id, feature: s.feature, condition: s.condition, defaultLeft: s.defaultLeft, gain: s.gain, children: (l, r))
    var left = OpenNode(id: l, range: node.range.lowerBound..<mid, depth: node.depth + 1, total: s.left, histogram: [])
    var right = OpenNode(id: r, range: mid..<node.range.upperBound, depth: node.depth + 1, total: s.right, histogram: [])
    if canSplit(depth: node.depth + 1) {
      let leftSmaller = left.range.count <= right.range.count
      let small = leftSmaller ? left.range : right.range
      let built = rowIndex.withUnsafeBufferPointer {
        GradientHistogram.build(matrix, rows: UnsafeBufferPointer(rebasing: $0[small]), g: g, h: h)
      }
      GradientHistogram.subtract(built, from: &node.histogram)
      if leftSmaller {
        left.histogram = built
        right.histogram = node.histogram
      } else {
        right.histogram = built
        left.histogram = node.histogram
      }
    }
    node.histogram = []
    return [left, right]
  }

  /// (Σg, Σh) over `rows`, in row order.
  static func sums(_ rows: [Int32], _ g: UnsafeBufferPointer<Double>, _ h: UnsafeBufferPointer<Double>) -> (g: Double, h: Double) {
    var sg = 0.0, sh = 0.0
    for r in rows {
      sg += g[Int(r)]
      sh += h[Int(r)]
    }
    return (sg, sh)
  }
}
