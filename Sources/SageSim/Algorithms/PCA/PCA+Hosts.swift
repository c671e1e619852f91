import SageCore
import SageIO

/// PCA on several hosts, as SageMaker's "How PCA Works" describes it: the rows are split among the
/// workers, each worker summarises its share, and the summaries are unified into one solution
/// before the decomposition. Here each host thread makes the same summary a single-host job makes
/// of all the data (n, x̄ and the scatter; in randomized mode its sketch), the summaries are merged
/// in host order by the pairwise formula, and algo-1 solves the eigenproblem. Randomized mode's
/// power passes run on every host with the shared basis and their products are summed.
extension PCA: DistributedTraining {
  public static func train(
    _ hp: PCAHyperparameters, onHosts hosts: [Channels], seed: UInt64, log: inout TrainingLog
  ) throws -> PCAModel {
    let started = ContinuousClock.now
    let directions: PrincipalDirections
    switch hp.algorithmMode {
    case .regular:
      let parts = try HostWorkers.run(hosts.count, log: &log) { h, hostLog in
        var accumulator = CovarianceAccumulator(featureDim: hp.featureDim!, subtractMean: hp.subtractMean)
        try forEachDenseBatch(hosts[h].train, hp) { accumulator.add($0) }
        hostLog.info("#progress_metric: host=\(hostLog.host), completed 100 % of epochs (\(accumulator.moments.count) rows summarised: n, mean, scatter)")
        return accumulator.summary
      }
      let merged = parts.dropFirst().reduce(parts[0]) { $0.merged(with: $1) }
      logMerge(parts.map(\.count), log: &log)
      try checkEnoughRows(merged.count, hp)
      directions = try merged.principalDirections(hp.numComponents!)
    case .randomized:
      directions = try randomizedOnHosts(hp, hosts, seed: seed, log: &log)
    }
    return try finish(directions, hp, test: hosts[0].test, started: started, log: &log)
  }

  /// Each host sketches its rows with its own random signs (host 1 with the job's seed, so one
  /// host is the single-host job); the sketches merge, then every power pass runs on all hosts.
  static func randomizedOnHosts(
    _ hp: PCAHyperparameters, _ hosts: [Channels], seed: UInt64, log: inout TrainingLog
  ) throws -> PrincipalDirections {
    let parts = try HostWorkers.run(hosts.count, log: &log) { h, hostLog in
      let hostSeed = seed &+ UInt64(h) &* 0x9E37_79B9_7F4A_7C15
      var sketch = RandomizedSketch(featureDim: hp.featureDim!, width: hp.sketchWidth, subtractMean: hp.subtractMean, seed: hostSeed)
      try forEachDenseBatch(hosts[h].train, hp) { sketch.add($0) }
      hostLog.info("Sketched \(sketch.covariance.count) rows (width \(hp.sketchWidth))")
      return sketch.summary
    }
    let merged = parts.dropFirst().reduce(parts[0]) { $0.merged(with: $1) }
    logMerge(parts.map(\.count), log: &log)
    try checkEnoughRows(merged.count, hp)
    return try powerIterations(hp, merged) { basis, mean in
      let passes = try HostWorkers.run(hosts.count, log: &log) { h, _ in
        var power = PowerPass(basis: basis, mean: mean)
        try forEachDenseBatch(hosts[h].train, hp) { power.add($0) }
        return power
      }
      return passes.dropFirst().reduce(into: passes[0]) { $0.add($1) }
    }
  }

  static func logMerge(_ counts: [Int], log: inout TrainingLog) {
    let each = counts.enumerated().map { "algo-\($0.offset + 1): \($0.element)" }.joined(separator: ", ")
    log.info("Merged the summaries of \(counts.count) hosts in host order (rows \(each)); algo-1 solves the eigenproblem of the unified scatter")
  }
}
