/// One knob of one algorithm, declared once: its SageMaker name, where it lives in the Swift
/// struct, what it accepts, and what it does. Parsing, validation, the `sagesim hyperparameters`
/// table and the model's record of the values used all read this one declaration.
public struct HyperparameterSpec<Owner>: Sendable {
  public let name: String
  public let aliases: [String]
  /// "int", "float", "bool", "categorical", "int or auto", … (for the docs table).
  public let typeName: String
  /// What is valid: an interval, the allowed choices, … (for the docs table and error messages).
  public let validValues: String
  public let isRequired: Bool
  /// What the knob does.
  public let doc: String
  /// What raising or lowering it changes.
  public let effect: String
  /// Stores a value parsed from its string; returns what was expected when the string is invalid.
  let assign: @Sendable (inout Owner, String) -> String?
  /// The value in effect, written as SageMaker would receive it; nil while unset.
  let render: @Sendable (Owner) -> String?

  public init(
    name: String, aliases: [String] = [], typeName: String, validValues: String,
    isRequired: Bool = false, doc: String, effect: String,
    assign: @escaping @Sendable (inout Owner, String) -> String?,
    render: @escaping @Sendable (Owner) -> String?
  ) {
    self.name = name
    self.aliases = aliases
    self.typeName = typeName
    self.validValues = validValues
    self.isRequired = isRequired
    self.doc = doc
    self.effect = effect
    self.assign = assign
    self.render = render
  }
}

/// The builders an algorithm uses to declare its knobs, e.g.
/// `.int("mini_batch_size", \.miniBatchSize, in: .atLeast(1), doc: …, effect: …)`.
extension HyperparameterSpec {
  public typealias Path<Value> = WritableKeyPath<Owner, Value> & Sendable

  /// An integer with a default (the struct's initial value).
  public static func int(
    _ name: String, _ path: Path<Int>, in bounds: Bounds = .any, aliases: [String] = [],
    doc: String, effect: String
  ) -> Self {
    value(name, path, typeName: "int", expected: integerExpectation(bounds), aliases: aliases,
          doc: doc, effect: effect, parse: { parseInteger($0, bounds) }, format: { String($0) })
  }

  /// An integer with no default: required, or optional and unset until given.
  public static func int(
    _ name: String, _ path: Path<Int?>, in bounds: Bounds = .any, required: Bool,
    aliases: [String] = [], doc: String, effect: String
  ) -> Self {
    optionalValue(name, path, typeName: "int", expected: integerExpectation(bounds), required: required,
                  aliases: aliases, doc: doc, effect: effect,
                  parse: { parseInteger($0, bounds) }, format: { String($0) })
  }

  /// A real number with a default.
  public static func real(
    _ name: String, _ path: Path<Double>, in bounds: Bounds = .any, aliases: [String] = [],
    doc: String, effect: String
  ) -> Self {
    value(name, path, typeName: "float", expected: realExpectation(bounds), aliases: aliases,
          doc: doc, effect: effect, parse: { parseReal($0, bounds) }, format: formatReal)
  }

  /// A real number with no default: required, or optional and unset until given.
  public static func real(
    _ name: String, _ path: Path<Double?>, in bounds: Bounds = .any, required: Bool,
    aliases: [String] = [], doc: String, effect: String
  ) -> Self {
    optionalValue(name, path, typeName: "float", expected: realExpectation(bounds), required: required,
                  aliases: aliases, doc: doc, effect: effect,
                  parse: { parseReal($0, bounds) }, format: formatReal)
  }

  /// `true` or `false` (any case: the SageMaker Python SDK sends `True`).
  public static func bool(
    _ name: String, _ path: Path<Bool>, aliases: [String] = [], doc: String, effect: String
  ) -> Self {
    value(name, path, typeName: "bool", expected: "true or false", aliases: aliases, doc: doc,
          effect: effect, parse: parseBool, format: { $0 ? "true" : "false" })
  }

  /// One of an enumeration's raw values.
  public static func choice<E: RawRepresentable & CaseIterable & Sendable>(
    _ name: String, _ path: Path<E>, aliases: [String] = [], doc: String, effect: String
  ) -> Self where E.RawValue == String {
    let names = E.allCases.map(\.rawValue)
    return value(name, path, typeName: "categorical", expected: "one of " + names.joined(separator: ", "),
                 aliases: aliases, doc: doc, effect: effect, parse: { E(rawValue: $0) },
                 format: { $0.rawValue })
  }

  /// An integer or `auto`.
  public static func intOrAuto(
    _ name: String, _ path: Path<Auto<Int>>, in bounds: Bounds = .any, aliases: [String] = [],
    doc: String, effect: String
  ) -> Self {
    value(name, path, typeName: "int or auto", expected: "'auto' or " + integerExpectation(bounds),
          aliases: aliases, doc: doc, effect: effect,
          parse: { $0 == "auto" ? .auto : parseInteger($0, bounds).map { .value($0) } },
          format: { if case .value(let v) = $0 { String(v) } else { "auto" } })
  }

  /// A real number or `auto`.
  public static func realOrAuto(
    _ name: String, _ path: Path<Auto<Double>>, in bounds: Bounds = .any, aliases: [String] = [],
    doc: String, effect: String
  ) -> Self {
    value(name, path, typeName: "float or auto", expected: "'auto' or " + realExpectation(bounds),
          aliases: aliases, doc: doc, effect: effect,
          parse: { $0 == "auto" ? .auto : parseReal($0, bounds).map { .value($0) } },
          format: { if case .value(let v) = $0 { formatReal(v) } else { "auto" } })
  }

  /// Any other shape of value, parsed by `parse` (nil = invalid, and `expected` says what is valid).
  public static func value<Value>(
    _ name: String, _ path: Path<Value>, typeName: String, expected: String, aliases: [String] = [],
    doc: String, effect: String, parse: @escaping @Sendable (String) -> Value?,
    format: @escaping @Sendable (Value) -> String
  ) -> Self {
    Self(name: name, aliases: aliases, typeName: typeName, validValues: expected, doc: doc, effect: effect,
         assign: { owner, text in
           guard let v = parse(text) else { return expected }
           owner[keyPath: path] = v
           return nil
         },
         render: { format($0[keyPath: path]) })
  }

  static func optionalValue<Value>(
    _ name: String, _ path: Path<Value?>, typeName: String, expected: String, required: Bool,
    aliases: [String], doc: String, effect: String, parse: @escaping @Sendable (String) -> Value?,
    format: @escaping @Sendable (Value) -> String
  ) -> Self {
    Self(name: name, aliases: aliases, typeName: typeName, validValues: expected, isRequired: required,
         doc: doc, effect: effect,
         assign: { owner, text in
           guard let v = parse(text) else { return expected }
           owner[keyPath: path] = v
           return nil
         },
         render: { $0[keyPath: path].map(format) })
  }
}

// MARK: - Parsing one string

func integerExpectation(_ bounds: Bounds) -> String {
  bounds == .any ? "an integer" : "an integer in \(bounds)"
}

func realExpectation(_ bounds: Bounds) -> String {
  bounds == .any ? "a finite number" : "a number in \(bounds)"
}

/// A whole number written as digits (`"10"`, `"-3"`); `"10.0"` is refused, as SageMaker refuses it.
func parseInteger(_ text: String, _ bounds: Bounds) -> Int? {
  guard let v = Int(text), bounds.contains(Double(v)) else { return nil }
  return v
}

func parseReal(_ text: String, _ bounds: Bounds) -> Double? {
  guard let v = Double(text), v.isFinite, bounds.contains(v) else { return nil }
  return v
}

func parseBool(_ text: String) -> Bool? {
  switch text.lowercased() {
  case "true": return true
  case "false": return false
  default: return nil
  }
}

/// The shortest decimal that reads back as the same Double (`0.1`, `1e-05`, `3`).
func formatReal(_ x: Double) -> String {
  x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
}
