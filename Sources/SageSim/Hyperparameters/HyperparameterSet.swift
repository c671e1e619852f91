/// An algorithm's hyperparameters: a struct whose initial property values are SageMaker's
/// defaults, plus the one table of `specs` that says how each is named, parsed and documented.
public protocol HyperparameterSet: Sendable {
  /// All defaults; required knobs unset.
  init()
  /// The CLI name of the algorithm (`pca`, `kmeans`, …), used in messages.
  static var algorithm: String { get }
  /// Every knob, once.
  static var specs: [HyperparameterSpec<Self>] { get }
  /// Rules across knobs (e.g. `num_components ≤ feature_dim`), checked after each value parsed.
  func crossFieldProblems() -> [HyperparameterError.Problem]
}

extension HyperparameterSet {
  public func crossFieldProblems() -> [HyperparameterError.Problem] { [] }

  /// Parses values given as strings (from `hyperparameters.json` or `--hp name=value`), refusing
  /// unknown names, missing required ones, wrong types and out-of-range values — all at once.
  public static func parse(_ given: [String: String]) throws(HyperparameterError) -> Self {
    var result = Self()
    var problems: [HyperparameterError.Problem] = []
    var seen: [String: String] = [:]  // canonical name → the name the user wrote
    for (name, text) in given.sorted(by: { $0.key < $1.key }) {
      guard let spec = specs.first(where: { $0.name == name || $0.aliases.contains(name) }) else {
        let known = specs.flatMap { [$0.name] + $0.aliases }
        problems.append(.unknown(name: name, suggestion: closestName(to: name, in: known)))
        continue
      }
      if let other = seen[spec.name] {
        problems.append(.conflict("'\(other)' and '\(name)' name the same knob '\(spec.name)'; give it once"))
        continue
      }
      seen[spec.name] = name
      let trimmed = text.trimmingWhitespace()
      if let expected = spec.assign(&result, trimmed) {
        problems.append(.invalid(name: spec.name, value: text, expected: expected))
      }
    }
    for spec in specs where spec.isRequired && seen[spec.name] == nil {
      problems.append(.missing(name: spec.name, expected: spec.validValues))
    }
    if problems.isEmpty { problems = result.crossFieldProblems() }
    guard problems.isEmpty else { throw HyperparameterError(algorithm: algorithm, problems: problems) }
    return result
  }

  /// Every set knob as SageMaker would receive it, keyed by SageMaker name.
  public var sageMakerValues: [String: String] {
    var out: [String: String] = [:]
    for spec in Self.specs { if let v = spec.render(self) { out[spec.name] = v } }
    return out
  }

  /// The documentation rows for `sagesim hyperparameters`.
  public static var documentation: [HyperparameterDoc] {
    let defaults = Self()
    return specs.map { spec in
      HyperparameterDoc(
        name: spec.name, aliases: spec.aliases, typeName: spec.typeName, validValues: spec.validValues,
        defaultValue: spec.isRequired ? "(required)" : (spec.render(defaults) ?? "(none)"),
        isRequired: spec.isRequired, doc: spec.doc, effect: spec.effect)
    }
  }
}

/// One row of an algorithm's hyperparameter table.
public struct HyperparameterDoc: Sendable, Equatable {
  public let name: String
  public let aliases: [String]
  public let typeName: String
  public let validValues: String
  public let defaultValue: String
  public let isRequired: Bool
  public let doc: String
  public let effect: String
}

extension String {
  func trimmingWhitespace() -> String {
    var s = Substring(self)
    while let c = s.first, c.isWhitespace { s.removeFirst() }
    while let c = s.last, c.isWhitespace { s.removeLast() }
    return String(s)
  }
}
