import Foundation
import SageCore

/// Areas under the ROC and precision–recall curves as XGBoost computes them for binary labels:
/// scores sorted descending, tied scores taken as one step (a diagonal, i.e. the trapezoid), and
/// every row counted with its weight.
enum RankingCurves {
  typealias Entry = (score: Double, label: Double, weight: Double)

  /// (score, label, weight) by score descending. Large inputs are sorted as two halves on both
  /// cores and merged; the order inside a run of tied scores does not matter, since tied scores
  /// are always taken together as one step.
  static func sorted(_ scores: [Double], _ labels: [Double], _ weights: [Double]?) -> [Entry] {
    let n = scores.count
    let halves = Parallel.map(n, chunks: n >= 65_536 ? 2 : 1) { range -> [Entry] in
      var part: [Entry] = range.map { (scores[$0], labels[$0], weights?[$0] ?? 1) }
      part.sort { (a: Entry, b: Entry) in a.score > b.score }
      return part
    }
    guard halves.count == 2 else { return halves.first ?? [] }
    let a = halves[0], b = halves[1]
    var out: [Entry] = []
    out.reserveCapacity(n)
    var i = 0, j = 0
    while i < a.count && j < b.count {
      if a[i].score >= b[j].score { out.append(a[i]); i += 1 } else { out.append(b[j]); j += 1 }
    }
    out += a[i...]
    out += b[j...]
    return out
  }

  /// ROC AUC = Σ over tie groups of ΔFP·(TP_prev + TP)/2, divided by P·N.
  static func auc(scores: [Double], labels: [Double], weights: [Double]?) -> Double {
    let order = sorted(scores, labels, weights)
    var area = 0.0
    let (tp, fp) = forEachTieGroup(order) { tp0, fp0, tp, fp in area += (fp - fp0) * (tp0 + tp) / 2 }
    return tp > 0 && fp > 0 ? area / (tp * fp) : .nan
  }

  /// PR AUC with the Davis & Goadrich (2006) interpolation between tie groups, as XGBoost's
  /// `aucpr`: precision along a step is interpolated in (TP, FP) space, which integrates to a log.
  static func aucpr(scores: [Double], labels: [Double], weights: [Double]?) -> Double {
    let order = sorted(scores, labels, weights)
    var totalPositive = 0.0
    for r in 0..<labels.count { totalPositive += labels[r] * (weights?[r] ?? 1) }
    guard totalPositive > 0 else { return .nan }
    var area = 0.0
    forEachTieGroup(order) { tp0, fp0, tp, fp in
      guard tp > tp0 else { return }
      let h = (fp - fp0) / (tp - tp0)
      let a = 1 + h
      let b = (fp0 - h * tp0) / totalPositive
      if b != 0 {
        area += (tp / totalPositive - tp0 / totalPositive
          - b / a * (log(a * tp / totalPositive + b) - log(a * tp0 / totalPositive + b))) / a
      } else {
        area += (tp / totalPositive - tp0 / totalPositive) / a
      }
    }
    return area
  }

  /// Walks `order` (scores descending) one tie group at a time, calling `step` with the weighted
  /// true and false positives before and after the group; returns the totals.
  @discardableResult
  private static func forEachTieGroup(
    _ order: [Entry],
    _ step: (_ tp0: Double, _ fp0: Double, _ tp: Double, _ fp: Double) -> Void
  ) -> (tp: Double, fp: Double) {
    var tp = 0.0, fp = 0.0
    var i = 0
    while i < order.count {
      let tp0 = tp, fp0 = fp
      let s = order[i].score
      while i < order.count && order[i].score == s {
        tp += order[i].label * order[i].weight
        fp += (1 - order[i].label) * order[i].weight
        i += 1
      }
      step(tp0, fp0, tp, fp)
    }
    return (tp, fp)
  }
}
