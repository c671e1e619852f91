/// The valid interval of a numeric hyperparameter, in interval notation: `[2, ∞)`, `(0, 1]`.
public struct Bounds: Sendable, Equatable, CustomStringConvertible {
  public var lower: Double?
  public var lowerIncluded: Bool
  public var upper: Double?
  public var upperIncluded: Bool

  public init(lower: Double?, lowerIncluded: Bool, upper: Double?, upperIncluded: Bool) {
    self.lower = lower
    self.lowerIncluded = lowerIncluded
    self.upper = upper
    self.upperIncluded = upperIncluded
  }

  /// Any finite value.
  public static let any = Bounds(lower: nil, lowerIncluded: false, upper: nil, upperIncluded: false)
  /// [x, ∞)
  public static func atLeast(_ x: Double) -> Bounds {
    Bounds(lower: x, lowerIncluded: true, upper: nil, upperIncluded: false)
  }
  /// (x, ∞)
  public static func greaterThan(_ x: Double) -> Bounds {
    Bounds(lower: x, lowerIncluded: false, upper: nil, upperIncluded: false)
  }
  /// [a, b]
  public static func closed(_ a: Double, _ b: Double) -> Bounds {
    Bounds(lower: a, lowerIncluded: true, upper: b, upperIncluded: true)
  }
  /// (a, b)
  public static func open(_ a: Double, _ b: Double) -> Bounds {
    Bounds(lower: a, lowerIncluded: false, upper: b, upperIncluded: false)
  }
  /// [a, b)
  public static func closedOpen(_ a: Double, _ b: Double) -> Bounds {
    Bounds(lower: a, lowerIncluded: true, upper: b, upperIncluded: false)
  }
  /// (a, b]
  public static func openClosed(_ a: Double, _ b: Double) -> Bounds {
    Bounds(lower: a, lowerIncluded: false, upper: b, upperIncluded: true)
  }

  public func contains(_ x: Double) -> Bool {
    guard x.isFinite else { return false }
    if let lower, lowerIncluded ? x < lower : x <= lower { return false }
    if let upper, upperIncluded ? x > upper : x >= upper { return false }
    return true
  }

  public var description: String {
    let left = lower.map { (lowerIncluded ? "[" : "(") + format($0) } ?? "(-∞"
    let right = upper.map { format($0) + (upperIncluded ? "]" : ")") } ?? "∞)"
    return "\(left), \(right)"
  }

  private func format(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
  }
}

/// A value that is either `auto` (the algorithm chooses, from the data or other knobs) or given.
public enum Auto<Value: Sendable & Equatable>: Sendable, Equatable {
  case auto
  case value(Value)

  /// The given value, or `fallback` when `auto`.
  public func resolved(_ fallback: @autoclosure () -> Value) -> Value {
    if case .value(let v) = self { return v }
    return fallback()
  }
}
