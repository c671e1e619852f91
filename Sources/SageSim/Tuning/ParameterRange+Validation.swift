import Foundation

extension ParameterRange {
  /// Checks that the range names a knob of `entry` and fits inside that knob's valid values, so a
  /// tuning job fails before its first trial rather than in every one.
  public func validate(against entry: AlgorithmEntry) throws {
    guard let doc = entry.documentation.first(where: { $0.name == name || $0.aliases.contains(name) }) else {
      let known = entry.documentation.map(\.name)
      let hint = closestName(to: name, in: known).map { "; did you mean '\($0)'?" } ?? ""
      throw TuningError("--range \(name): \(entry.name) has no hyperparameter '\(name)'\(hint) (see `sagesim hyperparameters \(entry.name)`)")
    }
    let bounds = Self.bounds(in: doc.validValues)
    let isInteger = doc.typeName.hasPrefix("int"), isReal = doc.typeName.hasPrefix("float")
    switch kind {
    case .continuous(let lo, let hi, _):
      guard isReal else {
        throw TuningError("--range \(name): \(name) is \(doc.typeName) (\(doc.validValues)), not a float; use \(isInteger ? "integer:LO:HI" : "categorical:A,B")")
      }
      try checkInside(bounds, lo, hi, doc: doc)
    case .integer(let lo, let hi, _):
      guard isInteger || isReal else {
        throw TuningError("--range \(name): \(name) is \(doc.typeName) (\(doc.validValues)), not a number; use categorical:A,B")
      }
      try checkInside(bounds, Double(lo), Double(hi), doc: doc)
    case .categorical(let values):
      if doc.validValues.hasPrefix("one of ") {
        let allowed = doc.validValues.dropFirst(7).split(separator: ",").map { String($0).trimmingWhitespace() }
        for v in values where !allowed.contains(v) {
          throw TuningError("--range \(name): '\(v)' is not a valid value of \(name); expected \(doc.validValues)")
        }
      } else if doc.typeName == "bool" {
        for v in values where parseBool(v) == nil {
          throw TuningError("--range \(name): '\(v)' is not a valid value of \(name); expected true or false")
        }
      } else if isInteger || isReal {
        for v in values {
          let number = isInteger && !doc.typeName.contains("float") ? Int(v).map(Double.init) : Double(v)
          guard let number, bounds?.contains(number) ?? number.isFinite else {
            throw TuningError("--range \(name): '\(v)' is not a valid value of \(name); expected \(doc.validValues)")
          }
        }
      }
    }
  }

  private func checkInside(_ bounds: Bounds?, _ lo: Double, _ hi: Double, doc: HyperparameterDoc) throws {
    guard let bounds else { return }
    for x in [lo, hi] where !bounds.contains(x) {
      throw TuningError("--range \(name): \(formatReal(x)) is outside the valid values of \(name) (\(bounds)); the range \(formatReal(lo)):\(formatReal(hi)) must lie inside it")
    }
  }

  /// The interval of a documented valid-values text (`a number in (0, 1]`, `an integer in [1, ∞)`),
  /// written by `Bounds.description`; nil when the text holds none.
  static func bounds(in text: String) -> Bounds? {
    guard let open = text.firstIndex(where: { $0 == "[" || $0 == "(" }),
          let close = text[open...].firstIndex(where: { $0 == "]" || $0 == ")" }) else { return nil }
    let inner = text[text.index(after: open)..<close].split(separator: ",").map { String($0).trimmingWhitespace() }
    guard inner.count == 2 else { return nil }
    let lower = inner[0].hasSuffix("∞") ? nil : Double(inner[0]), upper = inner[1].hasSuffix("∞") ? nil : Double(inner[1])
    if lower == nil && !inner[0].hasSuffix("∞") { return nil }
    if upper == nil && !inner[1].hasSuffix("∞") { return nil }
    return Bounds(lower: lower, lowerIncluded: text[open] == "[", upper: upper, upperIncluded: text[close] == "]")
  }
}
