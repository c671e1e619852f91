import SageCore

/// `colsample_bytree`, `colsample_bylevel` and `colsample_bynode`: each draws a fraction of the set
/// above it (all features → tree → level → node), so the ratios multiply. A draw keeps
/// max(1, ⌊ratio·count⌋) features, chosen by a seeded shuffle and listed in index order.
struct ColumnSampler: Sendable {
  let features: Int
  let byTree: Double
  let byLevel: Double
  let byNode: Double

  /// The tree's features and, once drawn, each level's.
  struct TreeColumns {
    var tree: [Int]
    var levels: [Int: [Int]] = [:]
  }

  func forTree(_ random: inout SeededRandom) -> TreeColumns {
    TreeColumns(tree: Self.draw(Array(0..<features), byTree, &random))
  }

  func forNode(depth: Int, _ columns: inout TreeColumns, _ random: inout SeededRandom) -> [Int] {
    let level: [Int]
    if let cached = columns.levels[depth] {
      level = cached
    } else {
      level = Self.draw(columns.tree, byLevel, &random)
      columns.levels[depth] = level
    }
    return Self.draw(level, byNode, &random)
  }

  static func draw(_ set: [Int], _ ratio: Double, _ random: inout SeededRandom) -> [Int] {
    guard ratio < 1, set.count > 1 else { return set }
    let n = max(1, Int(ratio * Double(set.count)))
    var shuffled = set
    random.shuffle(&shuffled)
    return Array(shuffled.prefix(n)).sorted()
  }
}
