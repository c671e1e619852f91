import Foundation
import SageCore
import SageIO

/// k-means as SageMaker's `kmeans:1` runs it (spec §6): a streaming pass of web-scale mini-batch
/// k-means (Sculley 2010) over K = k × extra_center_factor weighted centers for `epochs` passes,
/// then a local, weighted Lloyd's that shrinks the K centers to k.
///
/// References: D. Sculley (2010), "Web-scale k-means clustering", WWW '10; D. Arthur,
/// S. Vassilvitskii (2007), "k-means++: the advantages of careful seeding", SODA '07.
public enum KMeans: Algorithm {
  public typealias Hyperparameters = KMeansHyperparameters
  public typealias Model = KMeansModel

  public static let name = "kmeans"
  public static let summary = "Web-scale mini-batch k-means with extra centers, reduced by a local Lloyd's."
  public static let channels: [ChannelName] = [.train, .test]
  public static let notes = [
    "Streaming: each mini-batch is assigned to the K = k × extra_center_factor centers as they stood before it, then every center moves to the weighted mean of its old position (weight W, decayed by half_life_time_size) and its new rows. Seeds come from the first mini-batch (or the first K rows, if the batch is smaller).",
    "Reduction: a weighted Lloyd's on the K centers (each weighted by the points it absorbed) gives the k final centers; the best of local_lloyd_num_trials trials wins. The log shows 'shrinking K centers into k' and each attempt's weighted msd, as SageMaker's does.",
    "Metrics: test:msd / test:ssd on the test channel, as SageMaker; sagesim also reports train:msd / train:ssd, measured exactly with the k final centers in one more pass over the training data (SageMaker's 'train msd' line is the reduction's weighted msd, also logged). When the train stream cannot be read again (standard input, a single FIFO), train metrics fall back to the reduction's figure.",
    "Per-epoch 'train msd' lines (epoch=N) are progressive: each row's squared distance to the K streaming centers just before they absorbed it.",
    "Distances: ‖x‖² − 2x·c + ‖c‖², the cross term by dgemm per block of rows (CSR × dense for sparse rows), blocks on both cores.",
    "Predictions: closest_cluster (0-based, a float) and distance_to_cluster (Euclidean, not squared).",
    "CSV: text/csv (label first, ignored) or text/csv;label_size=0 (no label column, SageMaker's way for k-means).",
  ]

  public static func train(
    _ hp: KMeansHyperparameters, on channels: Channels, seed: UInt64, log: inout TrainingLog
  ) throws -> KMeansModel {
    let k = hp.k!
    if case .file(_, .csv(labelSize: 1)) = channels.train.source {
      log.info("The first column is a label (text/csv, label_size=1): k-means ignores it. Give text/csv;label_size=0 for files without one.")
    }
    var rng = SeededRandom(seed: seed)
    let started = ContinuousClock.now
    let stream = try streamingPasses(hp, channels.train, rng: &rng, log: &log)
    let seconds = (ContinuousClock.now - started).seconds
    log.info("#throughput_metric: host=algo-1, train throughput=\(Int(Double(stream.rowsPerEpoch * hp.epochs) / max(seconds, 1e-9))) records/second")

    let (centers, reduction) = shrink(stream.state, hp, rng: &rng, log: &log)
    let model = KMeansModel(featureDim: hp.featureDim!, centers: (0..<k).map { centers.row($0) })

    // What a learner sees: exact train metrics and cluster sizes, then the test channel.
    let train: ClusterTally
    if canReadAgain(channels.train, pass: hp.epochs) {
      train = try tally(channels.train, model, hp)
    } else {
      log.info("The train stream cannot be read again: train metrics and cluster sizes are the reduction's weighted figures.")
      train = reduction
    }
    reportMetrics(train, channel: "train", hp, log: &log)
    reportClusters(train, model, log: &log)
    if let test = channels.test {
      let tested = try tally(test, model, hp)
      reportMetrics(tested, channel: "test", hp, log: &log)
    } else {
      log.info("Test data is not provided.")
    }
    return model
  }

  /// `epochs` passes of web-scale mini-batch k-means; seeds the K centers from the first rows.
  static func streamingPasses(
    _ hp: KMeansHyperparameters, _ train: DataChannel, rng: inout SeededRandom, log: inout TrainingLog
  ) throws -> (state: WebScaleKMeans, rowsPerEpoch: Int) {
    let k = hp.k!, requested = k * hp.requestedFactor
    var state: WebScaleKMeans?
    var pending = Matrix(rows: 0, columns: hp.featureDim!)
    var rowsPerEpoch = 0
    log.info("Per-epoch train msd is progressive: each row's squared distance to the streaming centers just before they absorb it.")
    for epoch in 0..<hp.epochs {
      var ssd = 0.0, rows = 0
      try forEachBatch(train, hp) { x in
        if state != nil {
          ssd += state!.update(x).sum
          rows += x.rows
          return
        }
        pending.appendRows(of: x.dense())
        if pending.rows >= requested {
          state = try seed(pending, count: requested, hp, rng: &rng, log: &log)
          ssd += absorb(pending, into: &state!, batch: hp.miniBatchSize)
          rows += pending.rows
        }
      }
      if state == nil {  // the whole first pass held fewer than K rows
        guard pending.rows >= k else {
          throw TrainingError("k = \(k) is larger than the number of training rows (\(pending.rows)): there cannot be more clusters than points")
        }
        state = try seed(pending, count: pending.rows, hp, rng: &rng, log: &log)
        ssd += absorb(pending, into: &state!, batch: hp.miniBatchSize)
        rows += pending.rows
      }
      if epoch == 0 {
        rowsPerEpoch = rows
        pending = Matrix(rows: 0, columns: 0)
      }
      log.qualityMetric(channel: "train", name: "msd", value: ssd / Double(max(rows, 1)), isLoss: true, epoch: epoch)
      log.info("#progress_metric: host=algo-1, completed \(100 * (epoch + 1) / hp.epochs) % of epochs")
    }
    return (state!, rowsPerEpoch)
  }

  /// Seeds `count` centers from the rows read so far (init_method), with weight 0 each.
  static func seed(
    _ rows: Matrix, count: Int, _ hp: KMeansHyperparameters, rng: inout SeededRandom, log: inout TrainingLog
  ) throws -> WebScaleKMeans {
    let k = hp.k!, requested = k * hp.requestedFactor
    if count < requested {
      let message = "extra_center_factor = \(hp.extraCenterFactor == .auto ? "auto (\(KMeansHyperparameters.autoExtraCenterFactor))" : String(hp.requestedFactor)) asks for \(requested) centers but the training data has \(rows.rows) rows: streaming with K = \(count) centers"
      if hp.extraCenterFactor == .auto { log.info(message) } else { log.warning(message) }
    }
    let chosen: [Int]
    switch hp.initMethod {
    case .random:
      chosen = Seeding.uniform(rows.rows, count: count, rng: &rng)
    case .kmeansPlusPlus:
      chosen = Seeding.kmeansPlusPlus(
        rows, weights: Array(repeating: 1, count: rows.rows), count: count, localTrials: 1, rng: &rng)
    }
    log.info("Initialized \(count) streaming centers (\(hp.initMethod.rawValue)) from the first \(rows.rows) rows")
    return WebScaleKMeans(seeds: Matrix(rowArrays: chosen.map { rows.row($0) }), halfLife: hp.halfLifeTimeSize)
  }

  /// Streams rows that were held back for seeding through the update, a mini-batch at a time.
  static func absorb(_ rows: Matrix, into state: inout WebScaleKMeans, batch: Int) -> Double {
    var ssd = 0.0
    for start in stride(from: 0, to: rows.rows, by: batch) {
      ssd += state.update(.dense(rows.rows(start..<min(start + batch, rows.rows)))).sum
    }
    return ssd
  }

  /// Shrinks the K weighted streaming centers to k by the local Lloyd's (or keeps them when K = k).
  static func shrink(
    _ state: WebScaleKMeans, _ hp: KMeansHyperparameters, rng: inout SeededRandom, log: inout TrainingLog
  ) -> (Matrix, ClusterTally) {
    let k = hp.k!
    let points = state.centers, weights = state.weights
    let centers: Matrix
    if points.rows > k {
      log.info("shrinking \(points.rows) centers into \(k)")
      let lloyd = LocalLloyd(
        k: k, initMethod: hp.localLloydInitMethod, maxIterations: hp.localLloydMaxIter, tolerance: hp.localLloydTol)
      let best = lloyd.run(points, weights: weights, trials: hp.trials, rng: &rng) { t, msd in
        log.info("local kmeans attempt #\(t). Current mean square distance \(fixed(msd))")
      }
      log.info("finished shrinking process. Mean Square Distance = \(fixed(best.msd))")
      centers = best.centers
    } else {
      log.info("K = k = \(k): no extra centers to shrink")
      centers = points
    }
    // The reduction's own tally: each final center's share of the streaming weight.
    let a = nearestCenters(.dense(points), CenterSet(centers))
    var tally = ClusterTally(k: k)
    for i in 0..<points.rows {
      tally.add(cluster: a.cluster[i], squaredDistance: a.squaredDistance[i], weight: weights[i])
    }
    return (centers, tally)
  }
}
