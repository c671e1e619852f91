import ArgumentParser
import SageSim

/// `sagesim algorithms`: the five algorithms and what each is for.
struct AlgorithmsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "algorithms", abstract: "List the algorithms and what each is for.")

  func run() throws {
    print(Self.render(), terminator: "")
  }

  static func render() -> String {
    let rows = AlgorithmRegistry.all.map { entry in
      [entry.name, entry.plannedIn.map { "planned (\($0))" } ?? "available", entry.summary]
    }
    return TextTable(header: ["algorithm", "status", "what it is for"], rows: rows).render()
  }
}
