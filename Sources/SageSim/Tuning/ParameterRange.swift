import Foundation

/// How a tuning job spreads its search over a numeric range (SageMaker's `ScalingType`).
public enum ScalingType: String, CaseIterable, Sendable, Codable {
  /// sagesim's choice: Logarithmic when the range is positive and spans a decade or more
  /// (`HI ≥ 10·LO`), else Linear. SageMaker does not publish the rule behind its Auto.
  case auto = "Auto"
  /// Values spread evenly: x = LO + u·(HI − LO).
  case linear = "Linear"
  /// Each decade gets the same share of trials: x = LO·(HI/LO)^u. Needs LO > 0.
  case logarithmic = "Logarithmic"
  /// Dense near 1 (a momentum of 0.9, 0.99, 0.999): 1 − x = (1 − LO)·((1 − HI)/(1 − LO))^u.
  /// Needs 0 ≤ LO < HI < 1.
  case reverseLogarithmic = "ReverseLogarithmic"
}

/// One hyperparameter searched by a tuning job: `NAME=continuous:LO:HI[:SCALING]`,
/// `NAME=integer:LO:HI[:SCALING]` or `NAME=categorical:A,B,C`.
///
/// A strategy works in the unit cube: each range owns one coordinate u ∈ [0, 1], mapped to a value
/// by its scaling (`value(at:)`); the Gaussian process sees each value back as its scaled position
/// (`features(of:)`, one-hot for a categorical).
public struct ParameterRange: Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    case continuous(low: Double, high: Double, scaling: ScalingType)
    case integer(low: Int, high: Int, scaling: ScalingType)
    case categorical([String])
  }

  public let name: String
  public let kind: Kind

  public init(name: String, kind: Kind) throws {
    self.name = name
    self.kind = kind
    try check()
  }

  /// Parses `NAME=TYPE:…` as the CLI's `--range` gives it.
  public static func parse(_ text: String) throws -> ParameterRange {
    guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
      throw TuningError("--range \(text): expected NAME=continuous:LO:HI[:SCALING], NAME=integer:LO:HI[:SCALING] or NAME=categorical:A,B,C")
    }
    let name = String(text[..<equals]), spec = String(text[text.index(after: equals)...])
    guard let colon = spec.firstIndex(of: ":") else {
      throw TuningError("--range \(text): expected a type (continuous, integer or categorical) and its values after '\(name)='")
    }
    let type = spec[..<colon].lowercased(), rest = String(spec[spec.index(after: colon)...])
    if type == "categorical" {
      let values = rest.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace() }
      return try ParameterRange(name: name, kind: .categorical(values))
    }
    let parts = rest.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 2 || parts.count == 3 else {
      throw TuningError("--range \(text): expected \(type):LO:HI or \(type):LO:HI:SCALING")
    }
    var scaling = ScalingType.auto
    if parts.count == 3 {
      guard let s = ScalingType.allCases.first(where: { $0.rawValue.lowercased() == parts[2].lowercased() }) else {
        throw TuningError("--range \(name): unknown scaling '\(parts[2])'; expected one of \(ScalingType.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      scaling = s
    }
    switch type {
    case "continuous":
      guard let lo = Double(parts[0]), lo.isFinite, let hi = Double(parts[1]), hi.isFinite else {
        throw TuningError("--range \(name): continuous bounds must be finite numbers; got LO '\(parts[0])', HI '\(parts[1])'")
      }
      return try ParameterRange(name: name, kind: .continuous(low: lo, high: hi, scaling: scaling))
    case "integer":
      guard let lo = Int(parts[0]), let hi = Int(parts[1]) else {
        throw TuningError("--range \(name): integer bounds must be whole numbers; got LO '\(parts[0])', HI '\(parts[1])'")
      }
      return try ParameterRange(name: name, kind: .integer(low: lo, high: hi, scaling: scaling))
    default:
      throw TuningError("--range \(name): unknown range type '\(type)'; expected continuous, integer or categorical")
    }
  }

  private func check() throws {
    switch kind {
    case .categorical(let values):
      if values.isEmpty || values.contains(where: \.isEmpty) {
        throw TuningError("--range \(name): a categorical range needs non-empty values separated by commas, e.g. \(name)=categorical:a,b")
      }
      if Set(values).count != values.count {
        throw TuningError("--range \(name): categorical values repeat (\(values.joined(separator: ","))); give each once")
      }
    case .continuous(let lo, let hi, let scaling):
      try checkNumeric(lo, hi, scaling, lowText: formatReal(lo), highText: formatReal(hi))
    case .integer(let lo, let hi, let scaling):
      if scaling == .reverseLogarithmic {
        throw TuningError("--range \(name): ReverseLogarithmic scaling needs a range inside [0, 1), which holds no integer range; use Linear or Logarithmic")
      }
      try checkNumeric(Double(lo), Double(hi), scaling, lowText: String(lo), highText: String(hi))
    }
  }

  private func checkNumeric(_ lo: Double, _ hi: Double, _ scaling: ScalingType, lowText: String, highText: String) throws {
    if lo == hi {
      throw TuningError("--range \(name): the range \(lowText):\(highText) is empty (LO = HI); to fix \(name) at \(lowText) use --hp \(name)=\(lowText)")
    }
    if lo > hi {
      throw TuningError("--range \(name): the range is inverted (LO \(lowText) > HI \(highText)); write the smaller bound first")
    }
    if scaling == .logarithmic && lo <= 0 {
      throw TuningError("--range \(name): Logarithmic scaling needs LO > 0 (the logarithm of \(lowText) does not exist); got \(lowText):\(highText). Use Linear, or a positive LO")
    }
    if scaling == .reverseLogarithmic && !(lo >= 0 && hi < 1) {
      throw TuningError("--range \(name): ReverseLogarithmic scaling needs 0 ≤ LO < HI < 1; got \(lowText):\(highText)")
    }
  }

  /// The scaling actually used: Auto resolved (see `ScalingType.auto`), nil for a categorical.
  public var scaling: ScalingType? {
    switch kind {
    case .categorical: return nil
    case .continuous(let lo, let hi, let s): return Self.resolve(s, lo, hi)
    case .integer(let lo, let hi, let s): return Self.resolve(s, Double(lo), Double(hi))
    }
  }

  static func resolve(_ s: ScalingType, _ lo: Double, _ hi: Double) -> ScalingType {
    guard s == .auto else { return s }
    return lo > 0 && hi >= 10 * lo ? .logarithmic : .linear
  }

  /// Width in the Gaussian process's feature space: 1, or one column per category.
  public var featureCount: Int {
    if case .categorical(let values) = kind { return values.count }
    return 1
  }

  /// How many distinct values the range holds (nil: continuous).
  public var valueCount: Int? {
    switch kind {
    case .continuous: return nil
    case .integer(let lo, let hi, _): return hi - lo + 1
    case .categorical(let values): return values.count
    }
  }

  /// The value at unit coordinate u ∈ [0, 1], as the text handed to the algorithm.
  public func value(at u: Double) -> String {
    let u = min(max(u, 0), 1)
    switch kind {
    case .continuous(let lo, let hi, _):
      // Five significant digits: enough to tell trials apart, short enough to read in a table.
      let x = Double(String(format: "%.5g", Self.map(u, lo, hi, scaling!)))!
      return formatReal(min(max(x, lo), hi))
    case .integer(let lo, let hi, _):
      // Each integer owns the cell [v − ½, v + ½) of the scaled interval, so the ends get whole cells.
      let x = Self.map(u, Double(lo) - 0.5, Double(hi) + 0.5, scaling!)
      return String(min(max(Int(x.rounded()), lo), hi))
    case .categorical(let values):
      return values[min(Int(u * Double(values.count)), values.count - 1)]
    }
  }

  /// Where `text` sits in the unit cube (nil when it is not a value of the range).
  public func position(of text: String) -> Double? {
    switch kind {
    case .continuous(let lo, let hi, _):
      guard let x = Double(text), x >= lo, x <= hi else { return nil }
      return Self.unmap(x, lo, hi, scaling!)
    case .integer(let lo, let hi, _):
      guard let v = Int(text), v >= lo, v <= hi else { return nil }
      return Self.unmap(Double(v), Double(lo) - 0.5, Double(hi) + 0.5, scaling!)
    case .categorical(let values):
      guard let i = values.firstIndex(of: text) else { return nil }
      return (Double(i) + 0.5) / Double(values.count)
    }
  }

  /// The value's coordinates as the Gaussian process sees them: its scaled position, or one-hot.
  public func features(of text: String) -> [Double]? {
    if case .categorical(let values) = kind {
      guard let i = values.firstIndex(of: text) else { return nil }
      return values.indices.map { $0 == i ? 1 : 0 }
    }
    return position(of: text).map { [$0] }
  }

  /// x for u under `scaling`, over [lo, hi] (the closed forms in `ScalingType`).
  static func map(_ u: Double, _ lo: Double, _ hi: Double, _ scaling: ScalingType) -> Double {
    switch scaling {
    case .auto, .linear: return lo + u * (hi - lo)
    case .logarithmic: return lo * pow(hi / lo, u)
    case .reverseLogarithmic: return 1 - (1 - lo) * pow((1 - hi) / (1 - lo), u)
    }
  }

  /// u for x: the inverse of `map`.
  static func unmap(_ x: Double, _ lo: Double, _ hi: Double, _ scaling: ScalingType) -> Double {
    switch scaling {
    case .auto, .linear: return (x - lo) / (hi - lo)
    case .logarithmic: return log(x / lo) / log(hi / lo)
    case .reverseLogarithmic: return log((1 - x) / (1 - lo)) / log((1 - hi) / (1 - lo))
    }
  }

  /// The range as SageMaker's `ParameterRanges` would hold it, for results.json.
  public var summary: RangeSummary {
    switch kind {
    case .continuous(let lo, let hi, let s):
      return RangeSummary(name: name, type: "Continuous", minValue: formatReal(lo), maxValue: formatReal(hi), scalingType: s.rawValue, scalingUsed: scaling?.rawValue, values: nil)
    case .integer(let lo, let hi, let s):
      return RangeSummary(name: name, type: "Integer", minValue: String(lo), maxValue: String(hi), scalingType: s.rawValue, scalingUsed: scaling?.rawValue, values: nil)
    case .categorical(let values):
      return RangeSummary(name: name, type: "Categorical", minValue: nil, maxValue: nil, scalingType: nil, scalingUsed: nil, values: values)
    }
  }
}

/// A range as written to results.json.
public struct RangeSummary: Sendable, Codable, Equatable {
  public let name: String
  public let type: String
  public let minValue: String?
  public let maxValue: String?
  public let scalingType: String?
  /// Auto resolved to the scaling sagesim used.
  public let scalingUsed: String?
  public let values: [String]?
}

/// A tuning job that cannot start or cannot go on, with what to change.
public struct TuningError: Error, CustomStringConvertible, Sendable {
  public let description: String
  public init(_ description: String) { self.description = description }
}
