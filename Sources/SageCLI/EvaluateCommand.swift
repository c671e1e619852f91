import ArgumentParser
import SageMetrics

/// `sagesim evaluate`: score a predictions file against labels.
struct EvaluateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evaluate",
    abstract: "Score predictions against labels: regression, binary or multiclass metrics, with the confusion matrix drawn as a table.")

  @Option(help: "Predictions: sagesim/SageMaker JSON, JSON Lines, or one value (or one probability row) per line.")
  var predictions: String

  @Option(help: "Labels: one per line, or a SageMaker CSV whose first column is the label.")
  var labels: String

  @Option(help: "regression, binary or multiclass.")
  var task: EvaluationTask

  @Option(help: "β of the F-beta score (binary).") var beta: Double = 1
  @Option(help: "Scores at or above this count as positive (binary).") var threshold: Double = 0.5
  @Option(help: "k of top-k accuracy (multiclass, from probabilities).") var topK: Int = 3

  func run() throws {
    let report = try Evaluation.run(
      task: task, predictionsPath: predictions, labelsPath: labels, beta: beta, threshold: threshold,
      topK: topK)
    let text = report.render()
    print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
  }
}

extension EvaluationTask: ExpressibleByArgument {}
