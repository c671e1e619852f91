import Foundation
import SageCore
import SageIO
import SageMetrics

/// The pictures of a trained model on labelled rows, chosen by what the model answers:
/// residuals for a regressor; confusion matrix, ROC and precision–recall curves (the chosen
/// threshold marked) for a binary classifier; a confusion matrix for multiclass; the scree plot
/// and the 2-D projection coloured by label for PCA; clusters drawn in the data's first two
/// principal directions for k-means.
public enum ModelPictures {
  public struct Figure: Sendable {
    public let name: String
    public let svg: String
    public let caption: String
    public init(name: String, svg: String, caption: String) {
      self.name = name
      self.svg = svg
      self.caption = caption
    }
  }

  public static func figures(_ entry: AlgorithmEntry, model: Data, preprocessing: Preprocessing, batch: DataBatch, channel: String) throws -> [Figure] {
    var p = try ModelScoring.predict(entry, model: model, preprocessing: preprocessing, batch: batch)
    let y = batch.labels
    // xgboost's binary objectives answer one number per row, as a regressor does (SageMaker's
    // xgboost container too): read it as a binary classifier's score, deciding at 0.5 for
    // probabilities (logistic, hinge's 0/1) and at 0 for logitraw margins.
    if p.kind == .regression, let threshold = binaryThreshold(entry, model: model) {
      p.kind = .binary
      p.predictedLabels = p.scores.map { $0 > threshold ? 1 : 0 }
    }
    switch p.kind {
    case .regression where y.count == p.scores.count:
      return [residuals(p.scores, y, entry: entry.name, channel: channel)]
    case .binary where y.count == p.scores.count:
      return binary(p, y, entry: entry.name, channel: channel)
    case .multiclass where y.count == p.predictedLabels.count:
      let k = max(p.vectors.first?.count ?? 0, Int(y.max() ?? 0) + 1)
      return [confusion(p.predictedLabels, y, classes: k, entry: entry.name, channel: channel)]
    case .projection:
      return try projection(p, y, model: model, entry: entry.name, channel: channel)
    case .clustering:
      return try clusters(p, batch.features.dense(), entry: entry.name, channel: channel)
    default:
      return []
    }
  }

  static func residuals(_ predicted: [Double], _ y: [Double], entry: String, channel: String) -> Figure {
    let points = zip(predicted, y).map { (x: $0, y: $1 - $0) }
    let lo = predicted.min() ?? 0, hi = predicted.max() ?? 1
    let chart = Chart(
      title: "\(entry): residuals on the \(channel) rows", xLabel: "predicted value", yLabel: "label − prediction",
      series: [Chart.Series(name: "rows", points: points, style: .points), Chart.Series(name: "zero", points: [(lo, 0), (hi, 0)], style: .line, colorIndex: 2)])
    return Figure(name: "residuals.svg", svg: chart.svg(), caption: "Residuals against the prediction: a funnel or a bend says the model misses structure; a band around zero is what a good fit leaves.")
  }

  static func confusion(_ predicted: [Double], _ y: [Double], classes k: Int, entry: String, channel: String) -> Figure {
    var counts = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
    for (p, t) in zip(predicted, y) where Int(t) < k && Int(p) < k && t >= 0 && p >= 0 { counts[Int(t)][Int(p)] += 1 }
    let labels = (0..<k).map(String.init)
    let map = HeatMap(title: "\(entry): confusion matrix (\(channel))", rowLabel: "true label", columnLabel: "predicted label", rows: labels, columns: labels, values: counts)
    return Figure(name: "confusion-matrix.svg", svg: map.svg(), caption: "Rows are true labels, columns predictions; the diagonal holds the right answers.")
  }

  /// ROC points (FPR, TPR) and precision–recall points, one per distinct score, highest first.
  public static func curves(scores: [Double], labels: [Double]) -> (roc: [(x: Double, y: Double)], pr: [(x: Double, y: Double)]) {
    let order = scores.indices.sorted { scores[$0] > scores[$1] }
    let positives = Double(labels.filter { $0 == 1 }.count), negatives = Double(labels.count) - positives
    var tp = 0.0, fp = 0.0
    var roc: [(x: Double, y: Double)] = [(0, 0)], pr: [(x: Double, y: Double)] = []
    var i = 0
    while i < order.count {
      var j = i
      while j < order.count && scores[order[j]] == scores[order[i]] {
        if labels[order[j]] == 1 { tp += 1 } else { fp += 1 }
        j += 1
      }
      roc.append((negatives > 0 ? fp / negatives : 0, positives > 0 ? tp / positives : 0))
      pr.append((positives > 0 ? tp / positives : 0, tp / (tp + fp)))
      i = j
    }
    return (roc, pr)
  }

  static func binary(_ p: ReadPredictions, _ y: [Double], entry: String, channel: String) -> [Figure] {
    let (roc, pr) = curves(scores: p.scores, labels: y)
    var tp = 0.0, fp = 0.0, fn = 0.0, tn = 0.0
    for (guess, t) in zip(p.predictedLabels, y) {
      if guess == 1 { if t == 1 { tp += 1 } else { fp += 1 } } else { if t == 1 { fn += 1 } else { tn += 1 } }
    }
    let fpr = fp + tn > 0 ? fp / (fp + tn) : 0, tpr = tp + fn > 0 ? tp / (tp + fn) : 0
    let precision = tp + fp > 0 ? tp / (tp + fp) : 0
    let auc = (try? BinaryMetrics(scores: p.scores, labels: y.map { Int($0) }))?.auc
    let rocChart = Chart(
      title: "\(entry): ROC curve (\(channel))\(auc.map { ", AUC \(axisLabel($0))" } ?? "")", xLabel: "false positive rate", yLabel: "true positive rate",
      series: [Chart.Series(name: "model", points: roc, style: .line), Chart.Series(name: "chance", points: [(0, 0), (1, 1)], style: .line, colorIndex: 9)],
      markers: [.point(x: fpr, y: tpr, label: "chosen threshold")], xDomain: 0...1, yDomain: 0...1)
    let prChart = Chart(
      title: "\(entry): precision–recall (\(channel))", xLabel: "recall", yLabel: "precision",
      series: [Chart.Series(name: "model", points: pr, style: .line)],
      markers: [.point(x: tpr, y: precision, label: "chosen threshold")], xDomain: 0...1, yDomain: 0...1)
    return [
      confusion(p.predictedLabels, y, classes: 2, entry: entry, channel: channel),
      Figure(name: "roc.svg", svg: rocChart.svg(), caption: "Each threshold's true and false positive rates; the ring is the threshold the model predicts with."),
      Figure(name: "precision-recall.svg", svg: prChart.svg(), caption: "Precision against recall over all thresholds; the ring is the model's threshold (binary_classifier_model_selection_criteria moves it)."),
    ]
  }

  static func projection(_ p: ReadPredictions, _ y: [Double], model: Data, entry: String, channel: String) throws -> [Figure] {
    var out: [Figure] = []
    struct Envelope: Decodable { struct Model: Decodable { let explained_variance_ratio: [Double]? }; let model: Model }
    if let ratios = (try? JSONDecoder().decode(Envelope.self, from: model))?.model.explained_variance_ratio {
      let largestFirst = Array(ratios.reversed())
      var total = 0.0
      let cumulative = largestFirst.map { total += $0; return total }
      let chart = Chart(
        title: "\(entry): scree plot", xLabel: "component (largest first)", yLabel: "share of variance",
        series: [Chart.Series(name: "explained variance ratio", points: largestFirst.enumerated().map { (Double($0 + 1), $1) }),
                 Chart.Series(name: "cumulative", points: cumulative.enumerated().map { (Double($0 + 1), $1) })], yDomain: 0...1)
      out.append(Figure(name: "scree.svg", svg: chart.svg(), caption: "Each component's share of the variance and the running total: the elbow suggests num_components."))
    }
    if let width = p.vectors.first?.count, width >= 2 {
      // Projections list components ascending, so the two largest are the last two.
      let xy = p.vectors.map { (x: $0[width - 1], y: $0[width - 2]) }
      out.append(Figure(name: "projection.svg", svg: colouredScatter(xy, groups: y.count == xy.count ? y : [], title: "\(entry): the \(channel) rows on the two largest components", xLabel: "component 1", yLabel: "component 2", groupName: "label").svg(), caption: "Rows projected on the two largest components, coloured by their label."))
    }
    return out
  }

  static func clusters(_ p: ReadPredictions, _ x: Matrix, entry: String, channel: String) throws -> [Figure] {
    let xy = try principalPlane(x)
    let chart = colouredScatter(xy, groups: p.predictedLabels, title: "\(entry): clusters in the data's first two principal directions (\(channel))", xLabel: "principal direction 1", yLabel: "principal direction 2", groupName: "cluster")
    return [Figure(name: "clusters.svg", svg: chart.svg(), caption: "Each row coloured by its closest center, drawn in the plane of largest variance.")]
  }

  /// The rows projected on the two leading eigenvectors of their covariance.
  public static func principalPlane(_ x: Matrix) throws -> [(x: Double, y: Double)] {
    let n = x.rows, d = x.columns
    guard n > 1, d >= 1 else { return [] }
    let means = x.columnSums().map { $0 / Double(n) }
    var centred = x
    for i in 0..<n { for j in 0..<d { centred[i, j] -= means[j] } }
    let covariance = Matrix.multiply(centred, centred, transposeA: true)
    let (_, vectors) = try covariance.symmetricEigen()
    let first = d - 1, second = max(d - 2, 0)
    return (0..<n).map { i in
      var a = 0.0, b = 0.0
      for j in 0..<d { a += centred[i, j] * vectors[j, first]; b += centred[i, j] * vectors[j, second] }
      return (a, d > 1 ? b : 0)
    }
  }

  static func colouredScatter(_ xy: [(x: Double, y: Double)], groups: [Double], title: String, xLabel: String, yLabel: String, groupName: String) -> Chart {
    guard groups.count == xy.count else {
      return Chart(title: title, xLabel: xLabel, yLabel: yLabel, series: [Chart.Series(name: "rows", points: xy, style: .points)])
    }
    let distinct = Array(Set(groups)).sorted()
    let series = distinct.prefix(20).map { g in
      Chart.Series(name: "\(groupName) \(axisLabel(g))", points: zip(xy, groups).filter { $0.1 == g }.map(\.0), style: .points)
    }
    return Chart(title: title, xLabel: xLabel, yLabel: yLabel, series: Array(series))
  }
}

extension ModelPictures {
  /// The threshold an xgboost model with a binary objective decides at; nil for every other model.
  static func binaryThreshold(_ entry: AlgorithmEntry, model: Data) -> Double? {
    guard entry.name == XGBoost.name,
          let trees = try? ModelDirectory.decode(XGBoostModel.self, algorithm: XGBoost.name, from: model, directory: "")
    else { return nil }
    switch trees.objective {
    case .binaryLogistic, .hinge: return 0.5
    case .logitRaw: return 0
    default: return nil
    }
  }

  /// xgboost's gain importance (the mean loss reduction of the splits on each feature, what
  /// `sagesim xgboost-inspect --importance gain` lists) as a bar chart, largest first, at most
  /// `top` features. Nil for other algorithms and for a model without splits.
  public static func featureImportance(_ entry: AlgorithmEntry, model: Data, top: Int = 20) -> Figure? {
    guard entry.name == XGBoost.name,
          let trees = try? ModelDirectory.decode(XGBoostModel.self, algorithm: XGBoost.name, from: model, directory: "")
    else { return nil }
    let gains = trees.importance(.gain)
    guard !gains.isEmpty else { return nil }
    let shown = gains.prefix(top)
    let more = gains.count > shown.count ? " (top \(shown.count) of \(gains.count))" : ""
    let chart = BarChart(
      title: "\(entry.name): feature importance (gain)\(more)", valueLabel: "mean gain per split", categoryLabel: "feature",
      bars: shown.map { (label: "f\($0.feature)", value: $0.value) })
    return Figure(
      name: "feature-importance.svg", svg: chart.svg(),
      caption: "Each feature's gain importance: the mean loss reduction of the splits made on it (features never split on are left out). `sagesim xgboost-inspect` lists the same numbers and the other importance types.")
  }
}
