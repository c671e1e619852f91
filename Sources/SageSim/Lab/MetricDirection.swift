/// Whether a smaller value of a metric is better, read from its name: losses and errors
/// (`rmse`, `objective_loss`, `msd`, `logloss`, `mae`, …) are minimised; accuracies, AUC,
/// F-scores, precision, recall and explained variance are maximised.
public func lowerIsBetter(_ metric: String) -> Bool {
  let name = (metric.split(separator: ":").last.map(String.init) ?? metric).lowercased()
  let higher = ["accuracy", "auc", "f_beta", "f1", "precision", "recall", "dcg", "r2", "explained"]
  if higher.contains(where: { name.contains($0) }) && !name.contains("loss") { return false }
  return true
}
