import ArgumentParser

/// `sagesim`: train SageMaker's built-in algorithms locally, with SageMaker's knobs and formats.
public struct SageSimCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "sagesim",
    abstract: "SageMaker's built-in algorithms in miniature: train with SageMaker's hyperparameters and data formats, and see what each knob does.",
    version: "0.1.0",
    subcommands: [
      AlgorithmsCommand.self, HyperparametersCommand.self, TrainCommand.self, PredictCommand.self,
      EvaluateCommand.self, ConvertCommand.self, SweepCommand.self, TuneCommand.self,
      CompareRegularizationCommand.self, ExplainCommand.self, XGBoostInspectCommand.self,
      JobCommand.self,
      ServeCommand.self, TransformCommand.self,
    ])

  public init() {}
}

extension SageSimCommand {
  /// Runs the command line from `main.swift`: the async entry point, so that `serve` can run
  /// its server (top-level code would otherwise pick the synchronous `main()`).
  public static func start() async { await main() }
}

/// A mistake on the command line that argument parsing alone cannot see.
struct CLIError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
