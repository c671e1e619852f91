import ArgumentParser
import Foundation

/// `--hp name=value` (repeatable) and `--hyperparameters FILE.json`, merged into the
/// string-to-string map SageMaker hands an algorithm (`--hp` wins over the file).
struct HyperparameterOptions: ParsableArguments {
  @Option(name: .customLong("hp"), help: ArgumentHelp("A hyperparameter as name=value, SageMaker's name (repeatable).", valueName: "name=value"))
  var pairs: [String] = []

  @Option(name: .customLong("hyperparameters"), help: ArgumentHelp("A JSON object of hyperparameters, as SageMaker's hyperparameters.json (values are strings).", valueName: "file.json"))
  var file: String?

  /// The merged values; the raw strings are checked by the algorithm, not here.
  func values() throws -> [String: String] {
    var values = try file.map(Self.readFile) ?? [:]
    var fromFlags: Set<String> = []
    for pair in pairs {
      guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
        throw CLIError("--hp expects name=value (e.g. --hp num_components=10); got '\(pair)'")
      }
      let name = String(pair[..<equals])
      guard fromFlags.insert(name).inserted else {
        throw CLIError("--hp \(name) is given more than once; give each hyperparameter once")
      }
      values[name] = String(pair[pair.index(after: equals)...])
    }
    return values
  }

  /// Reads SageMaker's `hyperparameters.json`: an object whose values are strings. Numbers and
  /// booleans are accepted too and passed on as their text.
  static func readFile(_ path: String) throws -> [String: String] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CLIError("\(path): cannot read the hyperparameters file")
    }
    let object: [String: LooseValue]
    do {
      object = try JSONDecoder().decode([String: LooseValue].self, from: data)
    } catch {
      throw CLIError("\(path): expected a JSON object whose values are strings (as SageMaker's hyperparameters.json), e.g. {\"num_components\": \"10\"}")
    }
    let values = object.mapValues(\.text)
    return values
  }
}

/// A hyperparameter value as JSON may hold it: SageMaker's strings, or a number or boolean.
private struct LooseValue: Decodable {
  let text: String
  init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let string = try? container.decode(String.self) {
      text = string
    } else if let flag = try? container.decode(Bool.self) {
      text = flag ? "true" : "false"
    } else if let integer = try? container.decode(Int.self) {
      text = String(integer)
    } else {
      text = String(try container.decode(Double.self))
    }
  }
}
