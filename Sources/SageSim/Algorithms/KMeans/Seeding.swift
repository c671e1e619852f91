import SageCore

/// Ways to pick starting centers among weighted points (rows of `points`, weights ≥ 0).
enum Seeding {
  /// `count` distinct rows chosen uniformly at random (partial Fisher–Yates).
  static func uniform(_ n: Int, count: Int, rng: inout SeededRandom) -> [Int] {
    var order = Array(0..<n)
    for i in 0..<count {
      order.swapAt(i, i + rng.index(below: n - i))
    }
    return Array(order[0..<count])
  }

  /// `count` distinct rows, each draw with probability proportional to its weight among those not
  /// yet chosen (uniform among them once only zero weights are left).
  static func byWeight(_ weights: [Double], count: Int, rng: inout SeededRandom) -> [Int] {
    var remaining = weights
    var chosen: [Int] = []
    for _ in 0..<count {
      let i = draw(remaining, rng: &rng) ?? firstUnchosen(chosen, remaining.count, rng: &rng)
      chosen.append(i)
      remaining[i] = 0
    }
    return chosen
  }

  /// k-means++ (Arthur & Vassilvitskii 2007), weighted: the first center is drawn with probability
  /// ∝ wᵢ, each next one with probability ∝ wᵢ·D(xᵢ)², D = distance to the closest center chosen so
  /// far. With `localTrials` > 1 it is the greedy variant scikit-learn uses: that many candidates
  /// are drawn and the one that lowers Σ wᵢ·D(xᵢ)² most is kept. Rows are chosen at most once; when
  /// every remaining row coincides with a chosen one, the next is drawn by weight alone.
  static func kmeansPlusPlus(
    _ points: Matrix, weights: [Double], count: Int, localTrials: Int, rng: inout SeededRandom
  ) -> [Int] {
    let n = points.rows, d = points.columns
    var chosen: [Int] = []
    var isChosen = [Bool](repeating: false, count: n)
    var closest = [Double](repeating: .infinity, count: n)
    var bestDistance = [Double](repeating: 0, count: n)
    let first = draw(weights, rng: &rng) ?? rng.index(below: n)
    points.withUnsafeBufferPointer { p in
      let base = p.baseAddress!
      // D(xᵢ)² after adding center c, for every row; rows split over both cores when there is
      // enough work, summed in row order so the potential has the same bits either way.
      let chunks = n * d >= 1 << 15 ? 2 * Parallel.coreCount : 1
      func distances(to c: Int) -> (distance: [Double], potential: Double) {
        let current = closest
        let parts = Parallel.map(n, chunks: chunks) { range in
          range.map { i in min(current[i], squaredDistance(base + i * d, base + c * d, d)) }
        }
        let out = parts.count == 1 ? parts[0] : Array(parts.joined())
        var potential = 0.0
        for i in 0..<n { potential += weights[i] * out[i] }
        return (out, potential)
      }
      closest = distances(to: first).distance
      chosen.append(first)
      isChosen[first] = true
      while chosen.count < count {
        let mass = (0..<n).map { isChosen[$0] ? 0 : weights[$0] * closest[$0] }
        guard mass.contains(where: { $0 > 0 }) else {
          let rest = (0..<n).map { isChosen[$0] ? 0 : weights[$0] }
          let next = draw(rest, rng: &rng) ?? firstUnchosen(chosen, n, rng: &rng)
          closest = distances(to: next).distance
          chosen.append(next)
          isChosen[next] = true
          continue
        }
        var best = -1
        var bestPotential = Double.infinity
        for _ in 0..<max(1, localTrials) {
          guard let candidate = draw(mass, rng: &rng) else { break }
          let (distance, potential) = distances(to: candidate)
          if potential < bestPotential {
            bestPotential = potential
            best = candidate
            bestDistance = distance
          }
        }
        closest = bestDistance
        chosen.append(best)
        isChosen[best] = true
      }
    }
    return chosen
  }

  /// An index drawn with probability ∝ `mass`, or nil when the mass is all zero.
  static func draw(_ mass: [Double], rng: inout SeededRandom) -> Int? {
    let total = mass.reduce(0, +)
    guard total > 0, total.isFinite else { return nil }
    let target = rng.uniform() * total
    var running = 0.0
    var last = -1
    for (i, m) in mass.enumerated() where m > 0 {
      running += m
      last = i
      if running > target { return i }
    }
    return last  // rounding left the target at the very top
  }

  private static func firstUnchosen(_ chosen: [Int], _ n: Int, rng: inout SeededRandom) -> Int {
    let free = (0..<n).filter { !chosen.contains($0) }
    return free.isEmpty ? rng.index(below: n) : free[rng.index(below: free.count)]
  }
}
