import Foundation
import SageCore
import SageIO

/// XGBoost on several hosts, as SageMaker's runs it on Rabit: each host reads its own rows and
/// sketches every feature; the sketches are merged (allreduce) into cuts shared by all hosts;
/// then for every node each host histograms the gradients of the node's rows it holds, and the
/// histograms are summed (allreduce), so every host evaluates the same splits and grows the same
/// tree. Gradients and row partitions are per row, so the only exchanges are the sketch merge and
/// the histogram sums — here the hosts' tables are laid end to end in host order and each node's
/// histogram is the host-ordered sum of the per-host histograms, built concurrently.
///
/// Sharding therefore changes nothing but rounding when the hosts' rows together are the data: the
/// trees are those of one host with the same cuts. Replicated, every row counts once per host
/// (gradient and hessian sums scale by h, so min_child_weight, lambda and gamma weigh less).
extension XGBoost: DistributedTraining {
  public static func train(
    _ hp: XGBoostHyperparameters, onHosts hosts: [Channels], seed: UInt64, log: inout TrainingLog
  ) throws -> XGBoostModel {
    if hp.treeMethod == .exact {
      throw TrainingError("tree_method = exact trains on one host only (XGBoost's distributed training needs hist or approx, which share histograms); use tree_method hist with \(hosts.count) hosts")
    }
    let objective = ObjectiveFunction(hp)
    let parts = try HostWorkers.run(hosts.count, log: &log) { h, hostLog in
      let table = try FeatureTable.read(hosts[h].train, csvWeights: hp.csvWeights == 1)
      try FeatureTable.checkLabels(hosts[h].train, table, objective)
      hostLog.info("Host \(hostLog.host): train matrix has \(table.rows) rows and \(table.columns) columns; sketching its features")
      return (table: table, summary: ValueWeights.of(table))
    }
    let train = FeatureTable.joined(parts.map(\.table))
    var summaries = [ValueWeights](repeating: ValueWeights(), count: train.columns)
    for part in parts {
      for f in part.summary.indices { summaries[f] = summaries[f].merged(with: part.summary[f]) }
    }
    let cuts = HistogramCuts.build(summaries, maxBin: hp.maxBin)
    var starts: [Int32] = [], row = 0
    for part in parts.dropLast() {
      row += part.table.rows
      starts.append(Int32(row))
    }
    var validation: FeatureTable?
    if let channel = hosts[0].validation {
      let table = try FeatureTable.read(channel, csvWeights: hp.csvWeights == 1, minColumns: train.columns)
      guard table.columns == train.columns else {
        throw TrainingError("the validation data has \(table.columns) features per row and the training data \(train.columns): they must match")
      }
      try FeatureTable.checkLabels(channel, table, objective)
      validation = table
    }
    log.info("\(hosts.count) hosts: train rows \(parts.map { String($0.table.rows) }.joined(separator: " + ")) = \(train.rows); feature sketches merged into shared cuts; per-node histograms summed across hosts. algo-1 evaluates its validation matrix (\(validation?.rows ?? 0) rows)")
    let plan = try BoostingPlan(hp, objective: objective, train: train, hasValidation: validation != nil, log: &log)
    var booster = Booster(
      plan: plan, train: train, validation: validation, seed: hp.seed.map { UInt64(bitPattern: Int64($0)) } ?? seed,
      hosts: (cuts, starts))
    return try booster.run(log: &log)
  }
}
