import SageCore
import SageIO

/// The steps around PCA's numerical core: reading, checking, assembling and reporting.
extension PCA {
  /// Streams the channel in `mini_batch_size` batches as dense rows of exactly `feature_dim`.
  static func forEachDenseBatch(
    _ channel: DataChannel, _ hp: PCAHyperparameters, _ body: (Matrix) throws -> Void
  ) throws {
    let d = hp.featureDim!
    // Labels are not needed (a CSV label column is still recognised and skipped).
    let options = ReadOptions(hasLabel: false, featureDim: d)
    try channel.forEachBatch(maxRows: hp.miniBatchSize!, options: options) { batch in
      guard batch.features.columns == d else {
        throw DataError(
          file: batch.file, line: batch.lines.first,
          problem: "has \(batch.features.columns) features per row; feature_dim is \(d)")
      }
      try body(batch.features.dense())
    }
  }

  static func checkEnoughRows(_ count: Int, _ hp: PCAHyperparameters) throws {
    guard count >= 2 else {
      throw TrainingError("PCA needs at least 2 training rows to measure variance; the train channel has \(count)")
    }
  }

  /// Puts directions into SageMaker's layout: signs fixed, then ascending singular value.
  static func makeModel(_ found: PrincipalDirections, _ hp: PCAHyperparameters) -> PCAModel {
    var directions = found.directions
    directions.fixColumnSigns()
    let k = found.scatterValues.count
    let ascending = Array((0..<k).reversed())
    let values = ascending.map { found.scatterValues[$0] }
    let ordered = directions.columns(ascending)
    let n = Double(found.count)
    return PCAModel(
      featureDim: hp.featureDim!, subtractMean: hp.subtractMean, mean: found.mean,
      v: (0..<ordered.rows).map { ordered.row($0) }, s: values.map { $0.squareRoot() },
      explainedVariance: values.map { $0 / (n - 1) },
      explainedVarianceRatio: values.map { found.totalScatter > 0 ? $0 / found.totalScatter : 0 },
      rowsSeen: found.count)
  }

  /// The explained-variance table, largest component first.
  static func report(_ model: PCAModel, log: inout TrainingLog) {
    log.info("Trained on \(model.rowsSeen) rows × \(model.featureDim) features; components, largest first (model.json and projections list them ascending, largest LAST):")
    log.info("component  singular_value  explained_variance  explained_variance_ratio  cumulative_ratio")
    var cumulative = 0.0
    for (rank, j) in (0..<model.numComponents).reversed().enumerated() {
      cumulative += model.explainedVarianceRatio[j]
      let row = [
        String(rank + 1).padding(9), fixed(model.s[j]).padding(14), fixed(model.explainedVariance[j]).padding(18),
        fixed(model.explainedVarianceRatio[j]).padding(24), fixed(cumulative),
      ]
      log.info(row.joined(separator: "  "))
    }
  }

  /// Share of the test channel's variance (about the training mean) that the components keep:
  /// Σ‖projection‖² / Σ‖x − mean‖². A sagesim figure: SageMaker's PCA reports no test metric.
  static func reportTest(_ model: PCAModel, _ test: DataChannel, batchSize: Int, log: inout TrainingLog) throws {
    var kept = 0.0, total = 0.0, rows = 0
    var hp = PCAHyperparameters()
    hp.featureDim = model.featureDim
    hp.miniBatchSize = batchSize
    try forEachDenseBatch(test, hp) { x in
      kept += model.project(x).values.reduce(0) { $0 + $1 * $1 }
      var centred = x
      if model.subtractMean { centred.subtractRowVector(model.mean) }
      total += centred.values.reduce(0) { $0 + $1 * $1 }
      rows += x.rows
    }
    let share = total > 0 ? kept / total : 0
    log.info("Test: the \(model.numComponents) components keep \(fixed(100 * share))% of the variance of \(rows) test rows (a sagesim figure; SageMaker's PCA reports no test metric)")
  }
}
