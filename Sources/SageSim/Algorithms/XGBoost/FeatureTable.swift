import SageCore
import SageIO

/// A whole channel in memory as XGBoost's DMatrix holds it: features as 32-bit floats (XGBoost
/// compares `Float(x) < split_condition`), NaN for a missing value (an empty CSV field, `nan`, or
/// an entry absent from a libsvm row), plus labels and optional instance weights.
struct FeatureTable: Sendable {
  var rows: Int
  var columns: Int
  /// rows × columns, row-major.
  var values: [Float]
  var labels: [Double]
  var weights: [Double]?

  /// Feature rows of a batch: dense NaN stays missing, absent sparse entries become missing.
  init(features: Features, columns: Int? = nil) {
    let width = max(columns ?? 0, features.columns)
    rows = features.rows
    self.columns = width
    labels = []
    weights = nil
    values = [Float](repeating: .nan, count: rows * width)
    Self.copy(features, into: &values, rowOffset: 0, width: width)
  }

  private init(rows: Int, columns: Int, values: [Float], labels: [Double], weights: [Double]?) {
    self.rows = rows
    self.columns = columns
    self.values = values
    self.labels = labels
    self.weights = weights
  }

  static func copy(_ features: Features, into values: inout [Float], rowOffset: Int, width: Int) {
    switch features {
    case .dense(let m):
      m.withUnsafeBufferPointer { src in
        for i in 0..<m.rows {
          for j in 0..<m.columns { values[(rowOffset + i) * width + j] = Float(src[i * m.columns + j]) }
        }
      }
    case .sparse(let s):
      for i in 0..<s.rows {
        for e in s.rowStart[i]..<s.rowStart[i + 1] {
          values[(rowOffset + i) * width + Int(s.columnIndices[e])] = Float(s.values[e])
        }
      }
    }
  }

  /// Reads every batch of `channel` (one pass: XGBoost bins the training set once, so it is held
  /// in memory; a Pipe-mode channel is read through its first FIFO only).
  static func read(_ channel: DataChannel, csvWeights: Bool, minColumns: Int = 0) throws -> FeatureTable {
    var batches: [DataBatch] = []
    let options = ReadOptions(hasLabel: true, hasWeightColumn: csvWeights, allowsMissing: true)
    try channel.forEachBatch(maxRows: 65_536, options: options) { batches.append($0) }
    let width = batches.map(\.features.columns).max().map { max($0, minColumns) } ?? minColumns
    let rows = batches.reduce(0) { $0 + $1.rows }
    var values = [Float](repeating: .nan, count: rows * width)
    var labels: [Double] = []
    labels.reserveCapacity(rows)
    var weights: [Double]? = batches.contains { $0.weights != nil } ? [] : nil
    var offset = 0
    for batch in batches {
      copy(batch.features, into: &values, rowOffset: offset, width: width)
      guard batch.labels.count == batch.rows else {
        throw TrainingError("\(channel.displayName): xgboost needs a label in every row (the first CSV column, or the libsvm label)")
      }
      labels += batch.labels
      if weights != nil { weights! += batch.weights ?? [Double](repeating: 1, count: batch.rows) }
      for (i, w) in (batch.weights ?? []).enumerated() where !(w >= 0 && w.isFinite) {
        throw DataError(file: batch.file, line: batch.lines[i], column: 2, value: "\(w)", problem: "is not a valid instance weight: expected a finite number ≥ 0")
      }
      offset += batch.rows
    }
    return FeatureTable(rows: rows, columns: width, values: values, labels: labels, weights: weights)
  }

  /// Checks every label against the objective's domain, naming the file and line on failure.
  static func checkLabels(_ channel: DataChannel, _ table: FeatureTable, _ objective: ObjectiveFunction) throws {
    for (i, y) in table.labels.enumerated() {
      if let expected = objective.labelProblem(y) {
        throw TrainingError("\(channel.displayName): row \(i + 1) has label \(formatReal(y)), which is not valid: expected \(expected)")
      }
    }
  }

  /// The hosts' tables laid end to end (host order), all `width` columns wide; weights default to 1
  /// for a host that gave none when another did.
  static func joined(_ tables: [FeatureTable]) -> FeatureTable {
    let width = tables.map(\.columns).max() ?? 0
    var values: [Float] = [], labels: [Double] = []
    let weighted = tables.contains { $0.weights != nil }
    var weights: [Double] = []
    for t in tables {
      for i in 0..<t.rows {
        values += t.values[(i * t.columns)..<((i + 1) * t.columns)]
        values += [Float](repeating: .nan, count: width - t.columns)
      }
      labels += t.labels
      if weighted { weights += t.weights ?? [Double](repeating: 1, count: t.rows) }
    }
    return FeatureTable(rows: labels.count, columns: width, values: values, labels: labels, weights: weighted ? weights : nil)
  }
}
