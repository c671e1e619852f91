import Foundation

/// XGBoost's `EarlyStopping(rounds, save_best=True)`: the best value so far and its round; stop
/// when `rounds` rounds have passed without a strict improvement.
struct EarlyStopping {
  let rounds: Int?
  let maximize: Bool
  var bestRound = 0
  var bestValue = Double.nan

  init(rounds: Int?, metric: EvalMetric) {
    self.rounds = rounds
    maximize = metric.maximize
  }

  /// Records round `round`'s value; true when training should stop.
  mutating func update(round: Int, value: Double) -> Bool {
    if bestValue.isNaN || (maximize ? value > bestValue : value < bestValue) {
      bestValue = value
      bestRound = round
    }
    guard let rounds else { return false }
    return round - bestRound >= rounds
  }
}

extension Booster {
  /// `train:<m>` then `validation:<m>` for every metric, in eval_metric order.
  func evaluateRound() -> [(String, Double)] {
    var out: [(String, Double)] = []
    out += evaluate(train, trainMargins, channel: "train")
    if let validation { out += evaluate(validation, validationMargins, channel: "validation") }
    return out
  }

  func evaluate(_ table: FeatureTable, _ margins: [Double], channel: String) -> [(String, Double)] {
    let k = plan.objective.outputs
    let input = MetricInput(
      labels: table.labels, weights: table.weights, predictions: model.transform(margins, probabilities: true),
      margins: margins, classes: k, tweediePower: plan.hp.tweedieVariancePower)
    return plan.metrics.map { metric in
      ("\(channel):\(metric.name(tweediePower: plan.hp.tweedieVariancePower))", metric.evaluate(input))
    }
  }

  /// reg:absoluteerror's leaf refresh (XGBoost `UpdateTreeLeaf`): after the tree is grown on the
  /// signs of the residuals, each leaf's value becomes eta × the (weighted) median residual
  /// y − margin of its rows.
  func refitLeavesToMedian(_ result: inout HistTreeBuilder.Result) {
    for (node, range) in result.leaves where !range.isEmpty {
      let rows = result.rowIndex[range].map { Int($0) }
      let residuals = rows.map { train.labels[$0] - trainMargins[$0] }
      let weights = train.weights.map { w in rows.map { w[$0] } }
      let median = BoostingPlan.weightedMedian(residuals, weights)
      result.tree.splitConditions[node] = Float(median * plan.parameters.eta)
    }
  }
}
