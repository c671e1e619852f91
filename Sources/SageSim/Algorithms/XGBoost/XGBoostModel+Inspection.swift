import Foundation

/// What a trained ensemble uses: XGBoost's feature importances and its text dump of a tree.
extension XGBoostModel {
  /// XGBoost's `get_score(importance_type=...)` kinds.
  public enum ImportanceType: String, CaseIterable, Sendable {
    case weight, gain, cover
    case totalGain = "total_gain", totalCover = "total_cover"
  }

  /// Importance of each feature that appears in a split, by `type`: weight = number of splits on
  /// it; total_gain / total_cover = sum of those splits' gain (loss_changes) / cover (sum_hessian);
  /// gain and cover = those sums divided by weight. Sorted by importance, largest first.
  public func importance(_ type: ImportanceType) -> [(feature: Int, value: Double)] {
    var count: [Int: Double] = [:], gain: [Int: Double] = [:], cover: [Int: Double] = [:]
    for tree in trees {
      for node in 0..<tree.nodeCount where !tree.isLeaf(node) {
        let f = Int(tree.splitIndices[node])
        count[f, default: 0] += 1
        gain[f, default: 0] += Double(tree.lossChanges[node])
        cover[f, default: 0] += Double(tree.sumHessian[node])
      }
    }
    let values: [Int: Double] = count.keys.reduce(into: [:]) { out, f in
      switch type {
      case .weight: out[f] = count[f]!
      case .gain: out[f] = gain[f]! / count[f]!
      case .cover: out[f] = cover[f]! / count[f]!
      case .totalGain: out[f] = gain[f]!
      case .totalCover: out[f] = cover[f]!
      }
    }
    return values.map { ($0.key, $0.value) }.sorted { $0.value > $1.value || ($0.value == $1.value && $0.feature < $1.feature) }
  }

  /// XGBoost's `get_dump(with_stats=True)` text for tree `index`: one line per node, indented by
  /// depth, `id:[f<j><<condition>] yes=…,no=…,missing=…,gain=…,cover=…` or `id:leaf=…,cover=…`.
  public func dump(tree index: Int) -> String {
    let tree = trees[index]
    var lines: [String] = []
    func visit(_ node: Int, _ depth: Int) {
      let indent = String(repeating: "\t", count: depth)
      if tree.isLeaf(node) {
        lines.append("\(indent)\(node):leaf=\(tree.splitConditions[node]),cover=\(tree.sumHessian[node])")
        return
      }
      let l = Int(tree.leftChildren[node]), r = Int(tree.rightChildren[node])
      let missing = tree.defaultLeft[node] ? l : r
      lines.append("\(indent)\(node):[f\(tree.splitIndices[node])<\(tree.splitConditions[node])] yes=\(l),no=\(r),missing=\(missing),gain=\(tree.lossChanges[node]),cover=\(tree.sumHessian[node])")
      visit(l, depth + 1)
      visit(r, depth + 1)
    }
    visit(0, 0)
    return lines.joined(separator: "\n") + "\n"
  }

  /// Reads the model of a sagesim model directory (or a directory or file holding an XGBoost-saved
  /// JSON model).
  public static func load(from directory: String) throws -> XGBoostModel {
    let (algorithm, json) = try ModelDirectory.read(from: directory)
    guard algorithm == XGBoost.name else {
      throw ModelError(directory: directory, problem: "holds a \(algorithm) model, not an xgboost model")
    }
    return try ModelDirectory.decode(XGBoostModel.self, algorithm: algorithm, from: json, directory: directory)
  }
}
