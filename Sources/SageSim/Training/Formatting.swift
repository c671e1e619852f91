import Foundation

/// Six significant digits, switching to exponent form for very large or small magnitudes.
public func fixed(_ x: Double, digits: Int = 6) -> String {
  let magnitude = abs(x)
  if magnitude != 0 && (magnitude >= 1e7 || magnitude < 1e-4) { return String(format: "%.\(digits - 1)e", x) }
  return String(format: "%.\(digits)g", x)
}

extension String {
  public func padding(_ width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
