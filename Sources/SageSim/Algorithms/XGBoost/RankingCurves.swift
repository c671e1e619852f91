import Foundation

/// Areas under the ROC and precision–recall curves as XGBoost computes them for binary labels:
/// scores sorted descending, tied scores taken as one step (a diagonal, i.e. the trapezoid), and
/// every row counted with its weight.
enum RankingCurves {
  /// (score, label, weight) sorted by score descending; ties broken by row index for determinism.
  private static func sorted(_ scores: [Double], _ labels: [Double], _ weights: [Double]?) -> [Int] {
    Array(0..<scores.count).sorted { a, b in
      scores[a] != scores[b] ? scores[a] > scores[b] : a < b
    }
  }

  /// ROC AUC = Σ over tie groups of ΔFP·(TP_prev + TP)/2, divided by P·N.
  static func auc(scores: [Double], labels: [Double], weights: [Double]?) -> Double {
    let order = sorted(scores, labels, weights)
    var tp = 0.0, fp = 0.0, area = 0.0
    var i = 0
    while i < order.count {
      let tp0 = tp, fp0 = fp
      let s = scores[order[i]]
      while i < order.count && scores[order[i]] == s {
        let r = order[i], w = weights?[r] ?? 1
        tp += labels[r] * w
        fp += (1 - labels[r]) * w
        i += 1
      }
      area += (fp - fp0) * (tp0 + tp) / 2
    }
    return tp > 0 && fp > 0 ? area / (tp * fp) : .nan
  }

  /// PR AUC with the Davis & Goadrich (2006) interpolation between tie groups, as XGBoost's
  /// `aucpr`: precision along a step is interpolated in (TP, FP) space, which integrates to a log.
  static func aucpr(scores: [Double], labels: [Double], weights: [Double]?) -> Double {
    let order = sorted(scores, labels, weights)
    var totalPositive = 0.0
    for r in 0..<labels.count { totalPositive += labels[r] * (weights?[r] ?? 1) }
    guard totalPositive > 0 else { return .nan }
    var tp = 0.0, fp = 0.0, area = 0.0
    var i = 0
    while i < order.count {
      let tp0 = tp, fp0 = fp
      let s = scores[order[i]]
      while i < order.count && scores[order[i]] == s {
        let r = order[i], w = weights?[r] ?? 1
        tp += labels[r] * w
        fp += (1 - labels[r]) * w
        i += 1
      }
      guard tp > tp0 else { continue }
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
}
