import ArgumentParser
import SageSim

/// `sagesim hyperparameters ALGO`: every knob with its type, default, valid range and meaning.
struct HyperparametersCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "hyperparameters",
    abstract: "Show an algorithm's hyperparameters: SageMaker name, type, default, valid values, what each does and what turning it changes.")

  @Argument(help: "The algorithm: \(AlgorithmRegistry.names.joined(separator: ", ")).")
  var algorithm: String

  @Flag(help: "Print one Markdown table (for READMEs) instead of the terminal layout.")
  var markdown = false

  func run() throws {
    let entry = try AlgorithmRegistry.entry(named: algorithm)
    guard entry.isAvailable else {
      throw CLIError("\(entry.name) is not available in this version of sagesim yet (\(entry.plannedIn!)); its hyperparameters arrive with it")
    }
    print(markdown ? Self.markdown(entry) : Self.render(entry), terminator: "")
  }

  static func render(_ entry: AlgorithmEntry) -> String {
    let table = TextTable(
      header: ["name", "type", "default", "valid values"],
      rows: entry.documentation.map { [$0.name, $0.typeName, $0.defaultValue, $0.validValues] })
    var out = "\(entry.name): \(entry.summary)\n\n" + table.render() + "\n"
    for doc in entry.documentation {
      let aliases = doc.aliases.isEmpty ? "" : " (alias: \(doc.aliases.joined(separator: ", ")))"
      out += "\(doc.name)\(aliases)\n  \(doc.doc)\n  Turning it: \(doc.effect)\n\n"
    }
    if !entry.notes.isEmpty {
      out += "Notes:\n" + entry.notes.map { "- \($0)\n" }.joined()
    }
    return out
  }

  static func markdown(_ entry: AlgorithmEntry) -> String {
    TextTable(
      header: ["name", "type", "default", "valid values", "what it does", "turning it"],
      rows: entry.documentation.map { [$0.name, $0.typeName, $0.defaultValue, $0.validValues, $0.doc, $0.effect] }
    ).markdown()
  }
}
