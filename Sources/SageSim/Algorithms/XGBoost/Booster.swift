import Foundation
import SageCore

/// Something that grows one tree from per-row gradients and hessians: the hist or exact method.
protocol TreeGrowing {
  func grow(rows: [Int32], g: [Double], h: [Double], random: inout SeededRandom) -> HistTreeBuilder.Result
}

extension HistTreeBuilder: TreeGrowing {}

/// The boosting loop: each round, gradients from the current margins, one tree per class (and
/// per parallel tree) fitted to them, margins updated, metrics logged, early stopping checked.
struct Booster {
  let plan: BoostingPlan
  let train: FeatureTable
  let validation: FeatureTable?
  var random: SeededRandom
  var model: XGBoostModel
  var trainMargins: [Double]
  var validationMargins: [Double]
  let grower: TreeGrowing

  /// `hosts`, when several hosts train: the shared cuts (from their merged summaries) and where
  /// each host's rows begin in `train` (the hosts' tables laid end to end).
  init(
    plan: BoostingPlan, train: FeatureTable, validation: FeatureTable?, seed: UInt64,
    hosts: (cuts: HistogramCuts, starts: [Int32])? = nil
  ) {
    self.plan = plan
    self.train = train
    self.validation = validation
    random = SeededRandom(seed: seed)
    let hp = plan.hp
    model = XGBoostModel(
      featureDim: train.columns, objective: plan.objective.kind, numClass: plan.objective.isMulticlass ? plan.objective.classes : 0,
      baseScore: plan.baseScore, trees: [], treeInfo: [], numParallelTree: hp.numParallelTree,
      scalePosWeight: hp.scalePosWeight, tweediePower: hp.tweedieVariancePower, attributes: [:])
    let k = plan.objective.outputs, base = Double(Float(plan.objective.baseMargin(plan.baseScore)))
    trainMargins = [Double](repeating: base, count: train.rows * k)
    validationMargins = [Double](repeating: base, count: (validation?.rows ?? 0) * k)
    let sampler = ColumnSampler(
      features: train.columns, byTree: hp.colsampleByTree, byLevel: hp.colsampleByLevel, byNode: hp.colsampleByNode)
    if plan.exact {
      grower = ExactTreeBuilder(table: train, parameters: plan.parameters, sampler: sampler)
    } else {
      let cuts = hosts?.cuts ?? HistogramCuts.build(train, maxBin: hp.maxBin)
      var matrix = BinnedMatrix(train, cuts: cuts)
      matrix.hostStarts = hosts?.starts ?? []
      grower = HistTreeBuilder(
        matrix: matrix, parameters: plan.parameters, lossguide: hp.growPolicy == .lossguide,
        sampler: sampler)
    }
  }

  mutating func run(log: inout TrainingLog) throws -> XGBoostModel {
    let rounds = plan.hp.numRound ?? 1
    var stopper = EarlyStopping(rounds: plan.hp.earlyStoppingRounds, metric: plan.metrics[plan.metrics.count - 1])
    var history: [[(String, Double)]] = []
    let started = ContinuousClock.now
    for round in 0..<rounds {
      boostOneRound()
      let values = evaluateRound()
      history.append(values)
      log.info("[\(round)]" + values.map { "#011\($0.0.replacingOccurrences(of: ":", with: "-")):\(String(format: "%.5f", $0.1))" }.joined())
      for (name, value) in values { log.record(step: round, name: name, value: value) }
      if log.stopRequested { break }  // automatic model tuning stopped this trial
      if let last = values.last, validation != nil, stopper.update(round: round, value: last.1) {
        log.info("Stopping. Best iteration: [\(stopper.bestRound)] \(last.0) = \(String(format: "%.5f", stopper.bestValue)) (no improvement in \(stopper.rounds ?? 0) rounds)")
        break
      }
    }
    let seconds = (ContinuousClock.now - started).seconds
    var kept = history.count - 1
    if plan.hp.earlyStoppingRounds != nil {
      kept = stopper.bestRound
      model.truncate(rounds: kept + 1)
      model.attributes = ["best_iteration": "\(kept)", "best_score": "\(stopper.bestValue)"]
      log.keptStep = kept
      log.info("Early stopping kept rounds 0 … \(kept) (\(model.trees.count) trees)")
    }
    log.info("Trained \(history.count) rounds in \(fixed(seconds)) s (\(fixed(1000 * seconds / Double(max(history.count, 1)))) ms per round)")
    for (name, value) in history[kept] {
      let parts = name.split(separator: ":", maxSplits: 1).map(String.init)
      let metric = plan.metrics.first { $0.name(tweediePower: plan.hp.tweedieVariancePower) == parts[1] }
      log.qualityMetric(channel: parts[0], name: parts[1], value: value, isLoss: !(metric?.maximize ?? false))
    }
    return model
  }

  /// One round: gradients, a tree per class (and parallel tree), margins updated.
  mutating func boostOneRound() {
    let n = train.rows, k = plan.objective.outputs
    let (g, h) = gradients()
    let rows = sampleRows()
    for c in 0..<k {
      let gc = k == 1 ? g : Array(g[(c * n)..<((c + 1) * n)])
      let hc = k == 1 ? h : Array(h[(c * n)..<((c + 1) * n)])
      for _ in 0..<plan.hp.numParallelTree {
        var result = grower.grow(rows: rows, g: gc, h: hc, random: &random)
        if plan.objective.kind == .absoluteError { refitLeavesToMedian(&result) }
        addTree(result, treeClass: c, sampled: rows.count < n)
      }
    }
  }

  /// Per-row g and h from the current margins: n values, or k blocks of n for multiclass.
  func gradients() -> ([Double], [Double]) {
    let n = train.rows, k = plan.objective.outputs
    var g = [Double](repeating: 0, count: n * k), h = g
    let f = plan.objective
    let weights = train.weights ?? []
    trainMargins.withUnsafeBufferPointer { p in
      train.labels.withUnsafeBufferPointer { y in
        weights.withUnsafeBufferPointer { allWeights in
          let w: UnsafeBufferPointer<Double>? = train.weights == nil ? nil : allWeights
          g.withUnsafeMutableBufferPointer { gBuffer in
            h.withUnsafeMutableBufferPointer { hBuffer in
              let (gp, hp) = (gBuffer, hBuffer)
              _ = Parallel.map(n, chunks: max(1, min(8, n / 16_384))) { range in
                if f.isMulticlass {
                  f.softmaxGradients(margins: p, labels: y, weights: w, range: range, n: n, g: gp, h: hp)
                } else {
                  f.gradients(margins: p, labels: y, weights: w, range: range, g: gp, h: hp)
                }
              }
            }
          }
        }
      }
    }
    return (g, h)
  }

  /// The rows this round's trees see: all, or each with probability `subsample`.
  mutating func sampleRows() -> [Int32] {
    let n = train.rows
    guard plan.hp.subsample < 1 else { return (0..<Int32(n)).map { $0 } }
    var rows: [Int32] = []
    rows.reserveCapacity(Int(Double(n) * plan.hp.subsample) + 16)
    for i in 0..<n where random.uniform() < plan.hp.subsample { rows.append(Int32(i)) }
    return rows
  }

  /// Appends the tree and adds its leaf values to the train margins (through the leaves' row
  /// ranges, or by walking the tree for rows left out by subsample) and the validation margins.
  mutating func addTree(_ result: HistTreeBuilder.Result, treeClass c: Int, sampled: Bool) {
    let tree = result.tree, k = plan.objective.outputs
    model.trees.append(tree)
    model.treeInfo.append(c)
    var seen = [Bool](repeating: !sampled, count: sampled ? train.rows : 0)
    for (node, range) in result.leaves {
      let v = Double(tree.splitConditions[node])
      for idx in range {
        let r = Int(result.rowIndex[idx])
        trainMargins[r * k + c] = Double(Float(trainMargins[r * k + c]) + Float(v))
        if sampled { seen[r] = true }
      }
    }
    if sampled { Self.walk(tree, train, &trainMargins, k: k, c: c, skip: seen) }
    if let validation { Self.walk(tree, validation, &validationMargins, k: k, c: c, skip: []) }
  }

  /// margins[i·k + c] += tree(x_i) for every row not marked in `skip`.
  static func walk(_ tree: RegressionTree, _ table: FeatureTable, _ margins: inout [Double], k: Int, c: Int, skip: [Bool]) {
    let d = table.columns
    let parts = Parallel.map(table.rows, chunks: max(1, min(8, table.rows / 8192))) { range in
      table.values.withUnsafeBufferPointer { x in
        range.map { i in skip.isEmpty || !skip[i] ? tree.value(UnsafeBufferPointer(rebasing: x[(i * d)..<(i * d + d)])) : 0 }
      }
    }
    var i = 0
    // Margins accumulate in 32-bit floats, as XGBoost's prediction cache does.
    for part in parts { for v in part { margins[i * k + c] = Double(Float(margins[i * k + c]) + Float(v)); i += 1 } }
  }
}
