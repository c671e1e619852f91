import Foundation

/// How an axis maps data values to positions: linearly, or by log₁₀ (for knobs swept over
/// decades, such as `wd` or `learning_rate`).
public enum AxisKind: String, Sendable, Equatable {
  case linear, log
}

/// One axis: a data interval mapped onto a pixel (or character) interval.
///
/// `position(v) = p₀ + (t(v) − t(lo)) / (t(hi) − t(lo)) · (p₁ − p₀)`, with t the identity or log₁₀.
/// A degenerate interval (lo = hi) maps every value to the middle.
public struct AxisScale: Sendable, Equatable {
  public var kind: AxisKind
  public var low: Double
  public var high: Double

  public init(kind: AxisKind = .linear, low: Double, high: Double) {
    self.kind = kind
    self.low = low
    self.high = high
  }

  func transform(_ v: Double) -> Double { kind == .log ? log10(v) : v }

  /// The fraction of the way from `low` to `high` (0…1 inside the interval).
  public func fraction(_ v: Double) -> Double {
    let a = transform(low), b = transform(high)
    guard b != a, a.isFinite, b.isFinite else { return 0.5 }
    return (transform(v) - a) / (b - a)
  }

  /// The position of `v` between pixel positions `from` and `to`.
  public func position(_ v: Double, from: Double, to: Double) -> Double {
    from + fraction(v) * (to - from)
  }

  /// The interval covering `values` (finite, and positive on a log axis), widened a little when
  /// all values coincide so that the axis still has a length.
  public static func covering(_ values: [Double], kind: AxisKind) -> AxisScale {
    let usable = values.filter { $0.isFinite && (kind == .linear || $0 > 0) }
    guard var lo = usable.min(), var hi = usable.max() else { return AxisScale(kind: kind, low: kind == .log ? 1 : 0, high: kind == .log ? 10 : 1) }
    if lo == hi {
      if kind == .log { lo /= 2; hi *= 2 } else { let pad = lo == 0 ? 1 : abs(lo) * 0.1; lo -= pad; hi += pad }
    }
    return AxisScale(kind: kind, low: lo, high: hi)
  }

  /// Tick values inside the interval: 1, 2 or 5 × 10ᵏ steps on a linear axis (about `count` of
  /// them); powers of ten on a log axis (with 2 and 5 between when it spans under two decades).
  public func ticks(count: Int = 5) -> [Double] {
    let lo = min(low, high), hi = max(low, high)
    guard lo < hi else { return [lo] }
    if kind == .log { return logTicks(lo, hi) }
    let raw = (hi - lo) / Double(max(count, 1))
    let magnitude = pow(10, floor(log10(raw)))
    let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
    var out: [Double] = []
    var k = ceil(lo / step - 1e-9)
    while k * step <= hi + step * 1e-9 {
      let v = k * step
      out.append(abs(v) < step * 1e-9 ? 0 : v)
      k += 1
    }
    return out
  }

  private func logTicks(_ lo: Double, _ hi: Double) -> [Double] {
    let first = Int(floor(log10(lo))), last = Int(ceil(log10(hi)))
    let multipliers: [Double] = last - first <= 2 ? [1, 2, 5] : [1]
    var out: [Double] = []
    for e in first...last {
      for m in multipliers {
        let v = m * pow(10, Double(e))
        if v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) { out.append(v) }
      }
    }
    return out.isEmpty ? [lo, hi] : out
  }
}

/// A short label for a number on an axis or in a cell: at most 4 significant digits, exponent
/// form for very large or small magnitudes (`1e-05`, `0.25`, `1200`).
public func axisLabel(_ v: Double) -> String {
  if v == 0 { return "0" }
  let m = abs(v)
  return m >= 1e5 || m < 1e-3 ? String(format: "%.3g", v) : String(format: "%.4g", v)
}
