import Foundation
import SageCore
import SageIO

/// Principal component analysis as SageMaker's `pca:1` runs it: statistics accumulated over
/// mini-batches in bounded memory, then one small dense eigenproblem (spec §5).
public enum PCA: Algorithm {
  public typealias Hyperparameters = PCAHyperparameters
  public typealias Model = PCAModel

  public static let name = "pca"
  public static let summary =
    "Principal component analysis: the directions of largest variance, for compression and visualisation."
  public static let channels: [ChannelName] = [.train, .test]
  public static let notes = [
    "Order: model.json's v and s, and every projection, list components in SageMaker's order, ascending singular value, so the LARGEST component is LAST. The training log lists them largest first.",
    "Projection: (x − mean)·v when subtract_mean is true, x·v otherwise.",
    "randomized mode: one sketch pass, then \(powerIterationPasses) passes of power iteration over the data (sagesim's range finder; the last also gives the small eigenproblem). Each pass re-reads the training file.",
    "CSV: text/csv (label first, ignored by PCA) or text/csv;label_size=0 (no label column).",
  ]

  /// Passes of Y = C·Q after the sketch in randomized mode (the last one also yields QᵀCQ).
  static let powerIterationPasses = 4

  public static func train(
    _ hp: PCAHyperparameters, on channels: Channels, seed: UInt64, log: inout TrainingLog
  ) throws -> PCAModel {
    if case .file(_, .csv(labelSize: 1)) = channels.train.source {
      log.info("The first column is a label (text/csv, label_size=1): PCA ignores it. Give text/csv;label_size=0 for files without one.")
    }
    let started = ContinuousClock.now
    let directions =
      hp.algorithmMode == .regular
      ? try regular(hp, channels.train) : try randomized(hp, channels.train, seed: seed, log: &log)
    return try finish(directions, hp, test: channels.test, started: started, log: &log)
  }

  /// The model from its directions, the throughput and variance table, and the test figure.
  static func finish(
    _ directions: PrincipalDirections, _ hp: PCAHyperparameters, test: DataChannel?, started: ContinuousClock.Instant,
    log: inout TrainingLog
  ) throws -> PCAModel {
    let seconds = (ContinuousClock.now - started).seconds
    log.info("#progress_metric: host=\(log.host), completed 100 % of epochs")
    log.info("#throughput_metric: host=\(log.host), train throughput=\(Int(Double(directions.count) / max(seconds, 1e-9))) records/second")
    let model = makeModel(directions, hp)
    report(model, log: &log)
    if let test {
      try reportTest(model, test, batchSize: hp.miniBatchSize!, log: &log)
    } else {
      log.info("Test data is not provided.")
    }
    return model
  }

  /// One pass: C accumulated batch by batch, then its top eigenpairs (dsyevd).
  static func regular(_ hp: PCAHyperparameters, _ train: DataChannel) throws -> PrincipalDirections {
    var accumulator = CovarianceAccumulator(featureDim: hp.featureDim!, subtractMean: hp.subtractMean)
    try forEachDenseBatch(train, hp) { accumulator.add($0) }
    try checkEnoughRows(accumulator.moments.count, hp)
    return try accumulator.summary.principalDirections(hp.numComponents!)
  }

  /// Sketch pass, then power passes Y = C·Q (orthonormalized between passes), then the
  /// Rayleigh–Ritz step: eigenpairs of QᵀCQ (ℓ×ℓ) give directions Q·W.
  static func randomized(
    _ hp: PCAHyperparameters, _ train: DataChannel, seed: UInt64, log: inout TrainingLog
  ) throws -> PrincipalDirections {
    let width = hp.sketchWidth
    if hp.extraComponents == -1 {
      log.info("extra_components = -1 (auto) resolves to max(10, num_components) = \(max(10, hp.numComponents!)); sketch width ℓ = \(width)")
    }
    var sketch = RandomizedSketch(featureDim: hp.featureDim!, width: width, subtractMean: hp.subtractMean, seed: seed)
    try forEachDenseBatch(train, hp) { sketch.add($0) }
    let summary = sketch.summary
    try checkEnoughRows(summary.count, hp)
    return try powerIterations(hp, summary) { basis, mean in
      var power = PowerPass(basis: basis, mean: mean)
      try forEachDenseBatch(train, hp) { power.add($0) }
      return power
    }
  }

  /// The power passes from the sketch's basis, each pass run by `pass(basis, mean)` (over one
  /// host's rows, or every host's, summed), then the Ritz step.
  static func powerIterations(
    _ hp: PCAHyperparameters, _ summary: SketchSummary, pass: (Matrix, [Double]?) throws -> PowerPass
  ) throws -> PrincipalDirections {
    var basis = try summary.startingBasis()
    var ritz = Matrix(rows: 0, columns: 0)
    for round in 1...powerIterationPasses {
      let power = try pass(basis, hp.subtractMean ? summary.mean : nil)
      if round < powerIterationPasses {
        basis = try power.result.orthonormalColumns()
      } else {
        ritz = Matrix.multiply(basis, power.result, transposeA: true)  // QᵀCQ
      }
    }
    return try ritzDirections(ritz, basis: basis, summary: summary, k: hp.numComponents!)
  }

  /// Top-k eigenpairs of the symmetrized Ritz matrix M = QᵀCQ, mapped back to directions Q·w.
  static func ritzDirections(_ m: Matrix, basis: Matrix, summary moments: SketchSummary, k: Int) throws
    -> PrincipalDirections
  {
    var symmetric = m
    for i in 0..<m.rows { for j in 0..<i { symmetric[i, j] = 0.5 * (m[i, j] + m[j, i]); symmetric[j, i] = symmetric[i, j] } }
    let (values, vectors) = try symmetric.symmetricEigen()
    let l = m.rows
    let top = vectors.columns((l - k)..<l)
    var directions = Matrix.multiply(basis, top)
    directions = directions.columns(Array((0..<k).reversed()))
    return PrincipalDirections(
      scatterValues: (0..<k).map { max(values[l - 1 - $0], 0) }, directions: directions,
      totalScatter: moments.totalScatter, mean: moments.mean, count: moments.count)
  }
}

extension Matrix {
  /// The listed columns, in the order listed.
  func columns(_ indices: [Int]) -> Matrix {
    var out = Matrix(rows: rows, columns: indices.count)
    for i in 0..<rows { for (k, j) in indices.enumerated() { out[i, k] = self[i, j] } }
    return out
  }
}

extension Duration {
  var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
