/// Why a set of hyperparameters was refused before training. Every message names the
/// hyperparameter, the value given and what is valid, in one format:
/// `hyperparameter 'k' of kmeans must be an integer in [2, ∞); got '1'`.
public struct HyperparameterError: Error, CustomStringConvertible, Equatable, Sendable {
  public enum Problem: Equatable, Sendable {
    /// A name the algorithm does not have, with the closest known name if one is near.
    case unknown(name: String, suggestion: String?)
    /// A required hyperparameter that was not given.
    case missing(name: String, expected: String)
    /// A value of the wrong type or out of range.
    case invalid(name: String, value: String, expected: String)
    /// Two or more values that cannot go together.
    case conflict(String)
  }

  public let algorithm: String
  public let problems: [Problem]

  public init(algorithm: String, problems: [Problem]) {
    self.algorithm = algorithm
    self.problems = problems
  }

  public var description: String {
    problems.map(message).joined(separator: "\n")
  }

  private func message(_ problem: Problem) -> String {
    switch problem {
    case .unknown(let name, let suggestion):
      let hint = suggestion.map { "; did you mean '\($0)'?" } ?? "; see 'sagesim hyperparameters \(algorithm)'"
      return "unknown hyperparameter '\(name)' for \(algorithm)\(hint)"
    case .missing(let name, let expected):
      return "hyperparameter '\(name)' of \(algorithm) is required: give \(expected)"
    case .invalid(let name, let value, let expected):
      return "hyperparameter '\(name)' of \(algorithm) must be \(expected); got '\(value)'"
    case .conflict(let text):
      return "hyperparameters of \(algorithm): \(text)"
    }
  }
}

/// The closest of `candidates` to `name` by edit distance, if it is close enough to be a typo.
func closestName(to name: String, in candidates: [String]) -> String? {
  let scored = candidates.map { ($0, editDistance(name.lowercased(), $0)) }
  guard let best = scored.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }) else { return nil }
  // A typo is a few edits away; allow more for long names (the floor argument-parser uses is 4).
  return best.1 <= max(2, min(4, best.0.count / 3)) ? best.0 : nil
}

/// Levenshtein distance: the fewest insertions, deletions and substitutions turning a into b.
func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a), b = Array(b)
  if a.isEmpty { return b.count }
  var previous = Array(0...b.count)
  for i in 1...a.count {
    var current = [i] + Array(repeating: 0, count: b.count)
    for j in 1...max(b.count, 1) where j <= b.count {
      let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
      current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
    }
    previous = current
  }
  return previous[b.count]
}
