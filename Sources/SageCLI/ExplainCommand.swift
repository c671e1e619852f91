import ArgumentParser
import Foundation
import SageSim

/// `sagesim explain ALGO NAME`: one knob, told in full.
struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Explain one hyperparameter (or sagesim preprocessing option): meaning, default, range, what raising and lowering it does, and the Example that shows it.")

  @Argument(help: "The algorithm: \(AlgorithmRegistry.names.joined(separator: ", ")).") var algorithm: String
  @Argument(help: "The hyperparameter's SageMaker name (or polynomial_degree, polynomial_interactions, polynomial_basis).") var name: String

  func run() throws {
    print(try Self.render(algorithm: algorithm, name: name), terminator: "")
  }

  static func render(algorithm: String, name: String) throws -> String {
    let entry = try AlgorithmRegistry.entry(named: algorithm)
    guard entry.isAvailable else {
      throw CLIError("\(entry.name) is not available in this version of sagesim yet (\(entry.plannedIn ?? "")); its hyperparameters arrive with it")
    }
    let own = entry.documentation.first { $0.name == name || $0.aliases.contains(name) }
    let pre = Preprocessing.documentation.first { $0.name == name }
    guard let doc = own ?? pre else {
      let known = entry.documentation.map(\.name) + Preprocessing.names
      let close = known.min { editDistance(name, $0) < editDistance(name, $1) }
      let hint = close.flatMap { editDistance(name, $0) <= 3 ? "; did you mean '\($0)'?" : nil } ?? ""
      throw CLIError("\(entry.name) has no hyperparameter '\(name)'\(hint) (sagesim hyperparameters \(entry.name) lists them all)")
    }
    var out = "\(entry.name) \(doc.name)" + (doc.aliases.isEmpty ? "" : " (alias: \(doc.aliases.joined(separator: ", ")))") + "\n"
    if own == nil { out += "A sagesim preprocessing option, NOT a SageMaker hyperparameter: give it as --preprocess \(doc.name)=VALUE.\n" }
    out += "\n\(doc.doc)\n\n"
    out += "type:          \(doc.typeName)\n"
    out += "default:       \(doc.defaultValue)\n"
    out += "valid values:  \(doc.validValues)\n\n"
    out += "Raising and lowering it: \(doc.effect)\n\n"
    if let example = KnobExamples.example(algorithm: entry.name, knob: doc.name) {
      out += "See it at work: \(example)/README.md (run \(example)/run.sh).\n"
    }
    if let values = suggestedSweep(doc) {
      out += "Try it: sagesim sweep \(entry.name) --vary \(doc.name)=\(values) --train … --validation …\n"
    }
    return out
  }

  /// A sweep range that suits the knob's type and default (log-spaced for small positive reals).
  static func suggestedSweep(_ doc: HyperparameterDoc) -> String? {
    if doc.typeName == "categorical" {
      let choices = doc.validValues.replacingOccurrences(of: "one of ", with: "")
      return choices.replacingOccurrences(of: ", ", with: ",")
    }
    guard doc.typeName.hasPrefix("int") || doc.typeName.hasPrefix("float") else { return nil }
    let value = Double(doc.defaultValue)
    if doc.typeName.hasPrefix("int") {
      guard let v = value, v >= 1 else { return "1:10:10" }
      return "\(max(1, Int(v / 4))):\(Int(v * 4)):5"
    }
    guard let v = value, v > 0 else { return "1e-6:1:7:log" }
    return "\(SweepAxis.shortDecimal(v / 100)):\(SweepAxis.shortDecimal(v * 100)):5:log"
  }

  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var row = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
      var previous = row[0]
      row[0] = i
      for j in stride(from: 1, through: b.count, by: 1) {
        let current = row[j]
        row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
        previous = current
      }
    }
    return row[b.count]
  }
}
