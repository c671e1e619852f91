import Foundation
import SageCore
import SageIO

/// The affine map training works in: x̃ⱼ = (xⱼ − μⱼ)/σⱼ and ỹ = (y − μ_y)/σ_y, with statistics from
/// the first `num_point_for_scaler` training rows (μ = 0 when not unbiasing, σ = 1 when not
/// normalising, and σ = 1 for a constant column).
struct Scaler: Codable, Sendable, Equatable {
  var featureMean: [Double]
  var featureScale: [Double]
  var labelMean: Double
  var labelScale: Double

  static func identity(_ d: Int) -> Scaler {
    Scaler(featureMean: Array(repeating: 0, count: d), featureScale: Array(repeating: 1, count: d), labelMean: 0, labelScale: 1)
  }
}

/// What the first read of the training data learns: the scaler, the width, and the class counts.
struct ScalerSample {
  var scaler: Scaler
  var featureDim: Int
  var rows: Int
  /// Rows per class (binary: [negatives, positives]; multiclass: K counts; regression: empty).
  var classCounts: [Int]

  /// Reads rows until `num_point_for_scaler` are seen, checking widths and labels, and computes
  /// mean and population standard deviation of each feature (and of the label) in two passes over
  /// the sample held in memory.
  static func read(_ channel: DataChannel, _ hp: LinearLearnerHyperparameters, _ s: LinearLearnerSettings) throws -> ScalerSample {
    var sample: Matrix?
    var labels: [Double] = []
    let limit = hp.numPointForScaler
    let given: Int? = if case .value(let d) = hp.featureDim { d } else { nil }
    let width = given.map { (value: $0, source: "feature_dim") }
    try forEachLabelledBatch(channel, s, width: width, maxRows: min(hp.miniBatchSize, limit), stopAfter: limit) { x, y, _ in
      let take = min(x.rows, limit - labels.count)
      let part = take == x.rows ? x : x.rows(0..<take)
      if sample == nil { sample = part } else { sample?.appendRows(of: part) }
      labels.append(contentsOf: y.prefix(take))
      return labels.count < limit
    }
    guard let x = sample, x.rows > 0 else {
      throw TrainingError("the train channel \(channel.displayName) holds no rows; linear-learner needs at least one")
    }
    let d = x.columns, n = Double(x.rows)
    var scaler = Scaler.identity(d)
    let mean = x.columnSums().map { $0 / n }
    if s.unbiasData || s.normalizeData {
      var squares = [Double](repeating: 0, count: d)
      x.withUnsafeBufferPointer { p in
        for i in 0..<x.rows { for j in 0..<d { let r = p[i * d + j] - mean[j]; squares[j] += r * r } }
      }
      if s.unbiasData { scaler.featureMean = mean }
      if s.normalizeData {
        // σ about the mean; without unbiasing, scaling still uses the spread, not the raw magnitude.
        scaler.featureScale = squares.map { let sd = ($0 / n).squareRoot(); return sd > 1e-12 ? sd : 1 }
      }
    }
    let labelMean = labels.reduce(0, +) / n
    if s.unbiasLabel { scaler.labelMean = labelMean }
    if s.normalizeLabel {
      let sd = (labels.reduce(0) { $0 + ($1 - labelMean) * ($1 - labelMean) } / n).squareRoot()
      scaler.labelScale = sd > 1e-12 ? sd : 1
    }
    var counts: [Int] = []
    if s.type != .regressor {
      counts = Array(repeating: 0, count: s.type == .binaryClassifier ? 2 : s.outputs)
      for y in labels { counts[Int(y)] += 1 }
    }
    return ScalerSample(scaler: scaler, featureDim: d, rows: x.rows, classCounts: counts)
  }

  /// Negatives per positive: the `balanced` weight of positive rows (1 when a class is absent).
  var balancedPositiveWeight: Double {
    guard classCounts.count == 2, classCounts[0] > 0, classCounts[1] > 0 else { return 1 }
    return Double(classCounts[0]) / Double(classCounts[1])
  }

  /// n/(K·n_c) per class (`balance_multiclass_weights`); 1 for a class absent from the sample.
  var balancedClassWeights: [Double] {
    let n = Double(classCounts.reduce(0, +)), k = Double(classCounts.count)
    return classCounts.map { $0 > 0 ? n / (k * Double($0)) : 1 }
  }
}

/// Streams a labelled channel as dense batches of the right width with checked labels.
/// `body` returns false to stop early. Sparse batches are densified one mini-batch at a time.
/// `width` is the width every row must have and where it comes from (`feature_dim`, or the
/// training data); nil takes it from the first batch.
func forEachLabelledBatch(
  _ channel: DataChannel, _ s: LinearLearnerSettings, width: (value: Int, source: String)?,
  maxRows: Int, stopAfter: Int = .max, _ body: (Matrix, [Double], DataBatch) throws -> Bool
) throws {
  guard channel.hasLabel else {
    throw TrainingError("the \(channel.name.rawValue) channel \(channel.displayName) has no label column; linear-learner is supervised: give text/csv with the label first (label_size=1)")
  }
  var expected = width ?? (value: -1, source: "the first row's width")
  var seen = 0
  struct Stop: Error {}
  do {
    try channel.forEachBatch(maxRows: maxRows, options: ReadOptions(featureDim: width?.value)) { batch in
      guard batch.rows > 0 else { return }  // an empty in-memory channel yields one empty batch
      let w = batch.features.columns
      if expected.value >= 0 && w != expected.value {
        throw DataError(file: batch.file, line: batch.lines.first, problem: "has \(w) features per row; expected \(expected.value) (\(expected.source))")
      }
      expected.value = w
      try checkLabels(batch, s)
      seen += batch.rows
      if try !body(batch.features.dense(), batch.labels, batch) || seen >= stopAfter { throw Stop() }
    }
  } catch is Stop {}
}

/// Binary labels must be 0 or 1, multiclass labels whole numbers in 0 … K−1, regression labels
/// finite.
func checkLabels(_ batch: DataBatch, _ s: LinearLearnerSettings) throws {
  for (i, y) in batch.labels.enumerated() {
    switch s.type {
    case .regressor:
      if !y.isFinite { throw batch.labelError(row: i, expected: "a finite number for a regressor") }
    case .binaryClassifier:
      if y != 0 && y != 1 { throw batch.labelError(row: i, expected: "0 or 1 for a binary_classifier") }
    case .multiclassClassifier:
      if !(y >= 0 && y < Double(s.outputs) && y == y.rounded()) {
        throw batch.labelError(row: i, expected: "an integer in 0…\(s.outputs - 1) for a multiclass_classifier with num_classes=\(s.outputs)")
      }
    }
  }
}
