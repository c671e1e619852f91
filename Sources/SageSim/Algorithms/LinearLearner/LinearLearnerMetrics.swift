import Foundation
import SageCore

/// One final figure: the name SageMaker logs, the tuning-metric name it maps to, and its value.
struct MetricValue: Equatable {
  var logName: String
  var metricName: String
  var value: Double
  var isLoss: Bool
}

/// The figures SageMaker's linear learner reports on a channel (spec §4.3), from the final
/// model's margins z (n × K, raw units) and the labels.
enum LinearLearnerMetrics {
  /// The logged name of the objective: `binary_classification_cross_entropy_objective`,
  /// `multiclass_cross_entropy_objective`, or `<loss>_objective` (regression: UNCONFIRMED name).
  static func objectiveName(_ s: LinearLearnerSettings) -> String {
    switch s.lossName {
    case "logistic": return "binary_classification_cross_entropy_objective"
    case "softmax_loss": return "multiclass_cross_entropy_objective"
    default: return "\(s.lossName)_objective"
    }
  }

  static func compute(
    margins z: Matrix, labels y: [Double], model: LinearLearnerModel, objective: Double,
    settings s: LinearLearnerSettings, hp: LinearLearnerHyperparameters
  ) -> [MetricValue] {
    var out = [MetricValue(logName: objectiveName(s), metricName: "objective_loss", value: objective, isLoss: true)]
    func add(_ name: String, _ value: Double, loss: Bool = false, as metric: String? = nil) {
      out.append(MetricValue(logName: name, metricName: metric ?? name, value: value, isLoss: loss))
    }
    let n = Double(max(y.count, 1))
    switch s.type {
    case .regressor:
      var squared = 0.0, absolute = 0.0
      for i in y.indices { let r = z[i, 0] - y[i]; squared += r * r; absolute += abs(r) }
      add("mse", squared / n, loss: true)
      add("rmse", (squared / n).squareRoot(), loss: true)
      add("absolute_loss", absolute / n, loss: true)
    case .binaryClassifier:
      let scores = (0..<z.rows).map { model.binaryScore(z[$0, 0]) }
      let t = model.threshold ?? 0.5
      var tp = 0.0, fp = 0.0, fn = 0.0, right = 0.0
      for i in y.indices {
        let predicted = scores[i] >= t
        if predicted == (y[i] == 1) { right += 1 }
        if predicted && y[i] == 1 { tp += 1 } else if predicted { fp += 1 } else if y[i] == 1 { fn += 1 }
      }
      let precision = tp + fp > 0 ? tp / (tp + fp) : 0, recall = tp + fn > 0 ? tp / (tp + fn) : 0
      add("binary_classification_accuracy", right / n)
      add("binary_f_" + String(format: "%.3f", hp.fBeta), ThresholdSelection.fScore(precision: precision, recall: recall, beta: hp.fBeta), as: "binary_f_beta")
      add("precision", precision)
      add("recall", recall)
      if let auc = rocAUC(scores: scores, labels: y) { add("roc_auc_score", auc) }
    case .multiclassClassifier:
      out += multiclass(z, y, k: s.outputs, topK: hp.accuracyTopK, beta: hp.fBeta)
    }
    return out
  }

  /// Accuracy, top-k accuracy, DCG (mean 1/log₂(1 + rank of the true class)), macro precision,
  /// recall and F_β over all K classes, balanced accuracy (= macro recall) and log loss.
  static func multiclass(_ z: Matrix, _ y: [Double], k: Int, topK: Int, beta: Double) -> [MetricValue] {
    let n = Double(max(y.count, 1))
    var right = 0.0, topRight = 0.0, dcg = 0.0, logLoss = 0.0
    var tp = [Double](repeating: 0, count: k), predicted = tp, actual = tp
    for i in y.indices {
      let p = SoftmaxLoss.probabilities(z.row(i))
      let label = Int(y[i]), guess = argmax(p)
      let rank = 1 + p.indices.filter { p[$0] > p[label] || (p[$0] == p[label] && $0 < label) }.count
      if guess == label { right += 1; tp[label] += 1 }
      if rank <= topK { topRight += 1 }
      dcg += 1 / log2(1 + Double(rank))
      logLoss -= log(min(max(p[label], 1e-15), 1))
      predicted[guess] += 1
      actual[label] += 1
    }
    let precisions = (0..<k).map { predicted[$0] > 0 ? tp[$0] / predicted[$0] : 0 }
    let recalls = (0..<k).map { actual[$0] > 0 ? tp[$0] / actual[$0] : 0 }
    let fs = (0..<k).map { ThresholdSelection.fScore(precision: precisions[$0], recall: recalls[$0], beta: beta) }
    let mean = { (v: [Double]) in v.reduce(0, +) / Double(k) }
    let f = String(format: "%.3f", beta)
    return [
      MetricValue(logName: "multiclass_accuracy", metricName: "multiclass_accuracy", value: right / n, isLoss: false),
      MetricValue(logName: "multiclass_top_k_accuracy_\(topK)", metricName: "multiclass_top_k_accuracy", value: topRight / n, isLoss: false),
      MetricValue(logName: "dcg", metricName: "dcg", value: dcg / n, isLoss: false),
      MetricValue(logName: "macro_recall", metricName: "macro_recall", value: mean(recalls), isLoss: false),
      MetricValue(logName: "macro_precision", metricName: "macro_precision", value: mean(precisions), isLoss: false),
      MetricValue(logName: "macro_f_" + f, metricName: "macro_f_beta", value: mean(fs), isLoss: false),
      MetricValue(logName: "multiclass_balanced_accuracy", metricName: "multiclass_balanced_accuracy", value: mean(recalls), isLoss: false),
      MetricValue(logName: "multiclass_log_loss", metricName: "multiclass_log_loss", value: logLoss / n, isLoss: true),
    ]
  }

  /// ROC AUC as the Mann–Whitney statistic: the share of (positive, negative) pairs ranked the
  /// right way, ties counting ½ (average ranks). Nil when a class is absent.
  static func rocAUC(scores: [Double], labels: [Double]) -> Double? {
    let order = scores.indices.sorted { scores[$0] < scores[$1] }
    var rankSumPositive = 0.0, positives = 0.0
    var i = 0
    while i < order.count {
      var j = i
      while j + 1 < order.count && scores[order[j + 1]] == scores[order[i]] { j += 1 }
      let averageRank = Double(i + j) / 2 + 1
      for t in i...j where labels[order[t]] == 1 { rankSumPositive += averageRank; positives += 1 }
      i = j + 1
    }
    let negatives = Double(scores.count) - positives
    guard positives > 0, negatives > 0 else { return nil }
    return (rankSumPositive - positives * (positives + 1) / 2) / (positives * negatives)
  }
}
