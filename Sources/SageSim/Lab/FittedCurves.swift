import SageCore
import SageIO

extension LabCharts {
  /// For a sweep over one-feature regression data: the training points, the held-out points, and
  /// each model's prediction along the x range, so a learner sees a fit bend to chase the noise.
  /// At most `limit` trials are drawn, spread evenly over the sweep (the best always among them).
  public static func fittedCurves(
    _ result: SweepResult, entry: AlgorithmEntry, train: DataBatch, holdout: DataBatch?, metric: String?, limit: Int = 6
  ) throws -> Chart? {
    guard train.features.columns == 1, !train.labels.isEmpty else { return nil }
    let x = train.features.dense().column(0)
    guard let lo = x.min(), let hi = x.max(), hi > lo else { return nil }
    let gridX = (0...200).map { lo + (hi - lo) * Double($0) / 200 }
    let grid = DataBatch(features: .dense(Matrix(rows: gridX.count, columns: 1, values: gridX)), labels: [], lines: Array(1...gridX.count), file: "grid")
    var chosen = Set(stride(from: 0, to: result.trials.count, by: max(1, (result.trials.count + limit - 2) / max(limit - 1, 1))))
    chosen.insert(result.trials.count - 1)
    if let metric, let best = result.best(by: metric) { chosen.insert(best) }
    var series: [Chart.Series] = [Chart.Series(name: "train rows", points: zip(x, train.labels).map { ($0, $1) }, style: .points, colorIndex: 9)]
    if let holdout, holdout.features.columns == 1 {
      series.append(Chart.Series(name: "held-out rows", points: zip(holdout.features.dense().column(0), holdout.labels).map { ($0, $1) }, style: .points, colorIndex: 8))
    }
    for (n, i) in chosen.sorted().enumerated() {
      let t = result.trials[i]
      guard let model = t.model, let pre = t.preprocessing else { continue }
      let p = try ModelScoring.predict(entry, model: model, preprocessing: pre, batch: grid)
      guard p.kind == .regression else { return nil }
      let name = zip(result.axes, t.values).map { "\($0.name)=\($1)" }.joined(separator: ", ")
      series.append(Chart.Series(name: name, points: zip(gridX, p.scores).map { ($0, $1) }, style: .line, colorIndex: n))
    }
    let ys = train.labels + (holdout?.labels ?? [])
    let span = (ys.max() ?? 1) - (ys.min() ?? 0)
    return Chart(
      title: "\(entry.name): fitted curves over the data", xLabel: "x", yLabel: "y", series: series,
      yDomain: ((ys.min() ?? 0) - 0.25 * span)...((ys.max() ?? 1) + 0.25 * span))
  }
}
