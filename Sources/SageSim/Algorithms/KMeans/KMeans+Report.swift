import Foundation
import SageCore
import SageIO

/// Rows and squared distances per cluster, from a pass over a channel (or the reduction's weights).
struct ClusterTally {
  var rows: [Double]
  var ssd: [Double]

  init(k: Int) {
    rows = Array(repeating: 0, count: k)
    ssd = Array(repeating: 0, count: k)
  }

  mutating func add(cluster: Int, squaredDistance: Double, weight: Double = 1) {
    rows[cluster] += weight
    ssd[cluster] += weight * squaredDistance
  }

  var totalRows: Double { rows.reduce(0, +) }
  var totalSSD: Double { ssd.reduce(0, +) }
  var msd: Double { totalRows > 0 ? totalSSD / totalRows : 0 }
}

extension KMeans {
  /// Streams the channel in `mini_batch_size` batches of exactly `feature_dim` features.
  static func forEachBatch(
    _ channel: DataChannel, _ hp: KMeansHyperparameters, _ body: (Features) throws -> Void
  ) throws {
    let d = hp.featureDim!
    let options = ReadOptions(hasLabel: false, featureDim: d)
    try channel.forEachBatch(maxRows: hp.miniBatchSize, options: options) { batch in
      guard batch.features.columns == d else {
        let what = channel.name == .train ? "" : " (the width of the training data)"
        throw DataError(
          file: batch.file, line: batch.lines.first,
          problem: "has \(batch.features.columns) features per row; feature_dim is \(d)\(what)")
      }
      try body(batch.features)
    }
  }

  /// One pass over `channel` with the final centers.
  static func tally(_ channel: DataChannel, _ model: KMeansModel, _ hp: KMeansHyperparameters) throws -> ClusterTally {
    let set = model.centerSet
    var tally = ClusterTally(k: model.k)
    try forEachBatch(channel, hp) { x in
      let a = nearestCenters(x, set)
      for i in 0..<x.rows { tally.add(cluster: a.cluster[i], squaredDistance: a.squaredDistance[i]) }
    }
    return tally
  }

  /// Whether pass `pass` of the channel can be opened (a file, or SageMaker's FIFO per pass).
  static func canReadAgain(_ channel: DataChannel, pass: Int) -> Bool {
    guard case .file(let path, _) = channel.source else { return true }
    guard let next = try? channel.path(forPass: pass, of: path) else { return false }
    return FileManager.default.fileExists(atPath: next)
  }

  /// `#quality_metric` lines for the metrics `eval_metrics` asks for.
  static func reportMetrics(_ tally: ClusterTally, channel: String, _ hp: KMeansHyperparameters, log: inout TrainingLog) {
    for metric in hp.evalMetrics {
      let value = metric == .msd ? tally.msd : tally.totalSSD
      log.qualityMetric(channel: channel, name: metric.rawValue, value: value, isLoss: true)
    }
  }

  /// The cluster-size table, and warnings for empty and coinciding centers.
  static func reportClusters(_ tally: ClusterTally, _ model: KMeansModel, log: inout TrainingLog) {
    let total = max(tally.totalRows, 1)
    log.info("Cluster sizes on the training data (\(Int(tally.totalRows.rounded())) rows):")
    log.info("cluster  rows      share     msd")
    for c in 0..<model.k {
      let rows = tally.rows[c]
      let msd = rows > 0 ? tally.ssd[c] / rows : 0
      log.info([String(c).padding(7), fixed(rows).padding(8), (fixed(100 * rows / total, digits: 3) + "%").padding(8), fixed(msd)].joined(separator: "  "))
    }
    let empty = (0..<model.k).filter { tally.rows[$0] == 0 }
    if !empty.isEmpty {
      log.warning("\(empty.count) of \(model.k) centers are empty (no training row is closest to them): \(empty.map(String.init).joined(separator: ", ")). The data may hold fewer than k distinct groups; try a smaller k.")
    }
    for (i, j) in coincidingPairs(model.centers) {
      log.warning("centers \(i) and \(j) coincide: the model has fewer than k distinct clusters; try a smaller k or more extra centers.")
    }
  }

  /// Pairs of centers at the same place (within rounding: ‖cᵢ − cⱼ‖² ≤ 1e−12·(‖cᵢ‖² + ‖cⱼ‖²)).
  static func coincidingPairs(_ centers: [[Double]]) -> [(Int, Int)] {
    var pairs: [(Int, Int)] = []
    for i in centers.indices {
      for j in (i + 1)..<centers.count {
        let gap = zip(centers[i], centers[j]).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        let scale = (centers[i] + centers[j]).reduce(0) { $0 + $1 * $1 }
        if gap <= 1e-12 * scale { pairs.append((i, j)) }
      }
    }
    return pairs
  }
}
