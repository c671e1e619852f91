import Foundation

/// One swept knob and the values it takes: `NAME=v1,v2,…` (listed) or `NAME=lo:hi:count[:log]`
/// (count values evenly spaced from lo to hi, or evenly spaced in log₁₀ with `:log`).
public struct SweepAxis: Sendable, Equatable {
  public let name: String
  /// The values as the algorithm receives them (strings, as in hyperparameters.json).
  public let values: [String]
  /// Log-spaced ranges are plotted on a log axis.
  public let spacing: AxisKind

  public init(name: String, values: [String], spacing: AxisKind = .linear) {
    self.name = name
    self.values = values
    self.spacing = spacing
  }

  /// Each value as a number, when every value is one (a categorical knob has no x axis).
  public var numericValues: [Double]? {
    let numbers = values.compactMap(Double.init)
    return numbers.count == values.count ? numbers : nil
  }

  /// Parses `NAME=…`; `integer` rounds a range's values to whole numbers (dropping repeats), for
  /// knobs whose type is int.
  public static func parse(_ text: String, integer: Bool = false) throws -> SweepAxis {
    guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
      throw SweepError("--vary expects NAME=v1,v2,… or NAME=lo:hi:count[:log] (e.g. --vary wd=1e-6:1:7:log); got '\(text)'")
    }
    let name = String(text[..<equals]).trimmingWhitespace()
    let spec = String(text[text.index(after: equals)...])
    if spec.contains(":") && !spec.contains(",") {
      return try range(name: name, spec, integer: integer)
    }
    let values = spec.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace() }
    guard !values.isEmpty, !values.contains(where: \.isEmpty) else {
      throw SweepError("--vary \(name): empty value in '\(spec)'; list values separated by commas, e.g. \(name)=1,2,4")
    }
    guard Set(values).count == values.count else {
      throw SweepError("--vary \(name): a value is listed twice in '\(spec)'")
    }
    return SweepAxis(name: name, values: values)
  }

  private static func range(name: String, _ spec: String, integer: Bool) throws -> SweepAxis {
    let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    let usage = "--vary \(name)=\(spec): a range is lo:hi:count or lo:hi:count:log (e.g. 1e-6:1:7:log)"
    guard parts.count == 3 || (parts.count == 4 && parts[3] == "log"),
      let lo = Double(parts[0]), let hi = Double(parts[1]), let count = Int(parts[2]), lo.isFinite, hi.isFinite
    else { throw SweepError(usage) }
    guard count >= 2, count <= 1000 else { throw SweepError("\(usage); count must be in [2, 1000], got \(parts[2])") }
    let log = parts.count == 4
    if log && (lo <= 0 || hi <= 0) { throw SweepError("\(usage); a log range needs lo and hi > 0") }
    var numbers = (0..<count).map { i -> Double in
      let t = Double(i) / Double(count - 1)
      return log ? pow(10, log10(lo) + t * (log10(hi) - log10(lo))) : lo + t * (hi - lo)
    }
    numbers[0] = lo
    numbers[count - 1] = hi
    var values: [String] = []
    for v in numbers {
      let text = integer ? String(Int(v.rounded())) : shortDecimal(v)
      if !values.contains(text) { values.append(text) }
    }
    return SweepAxis(name: name, values: values, spacing: log ? .log : .linear)
  }

  /// v with 12 significant digits, written as briefly as Swift reads it back (`0.001`, `1e-06`, `3`).
  public static func shortDecimal(_ v: Double) -> String {
    let rounded = Double(String(format: "%.12g", v)) ?? v
    if rounded == rounded.rounded() && abs(rounded) < 1e15 { return String(Int(rounded)) }
    return "\(rounded)"
  }
}

/// A sweep that cannot run as asked.
public struct SweepError: Error, CustomStringConvertible, Sendable {
  public let description: String
  public init(_ description: String) { self.description = description }
}
