import Foundation

/// What the text of one field turned out to be.
enum ParsedNumber: Equatable, Sendable {
  /// A finite number, bit for bit what `strtod` returns for the same text.
  case number(Double)
  /// Nothing but spaces and tabs.
  case empty
  /// `nan` in any case, signed or not, or `nan(…)`: the spelling of a missing value.
  case nan
  /// `inf` or `infinity` in any case, signed or not.
  case infinity
  /// A well-formed finite decimal too large for a `Double` (`1e999`); `strtod` says ±HUGE_VAL.
  case outOfRange
  /// Anything else: the field is not a number.
  case invalid
}

/// Decimal text to `Double`, correctly rounded: every result equals what C's `strtod` returns.
///
/// Most fields take Clinger's fast path: when the decimal significand has at most 19 digits,
/// is at most 2⁵³, and the power of ten is within ±22, both are exact doubles and one IEEE
/// multiply or divide gives the correctly rounded result. Everything else (long significands,
/// large exponents, hex floats, `nan`, `inf`, rubbish) goes to `strtod` on a NUL-terminated copy.
enum NumberParser {
  /// Parses a whole field; spaces and tabs around the number are ignored.
  static func parse(_ field: UnsafeBufferPointer<UInt8>) -> ParsedNumber {
    guard var start = field.baseAddress else { return .empty }
    var end = start + field.count
    while start < end && isBlank(start.pointee) { start += 1 }
    while end > start && isBlank((end - 1).pointee) { end -= 1 }
    if start == end { return .empty }
    if let (value, stop) = parsePrefix(start, end), stop == end { return .number(value) }
    return parseSlowly(UnsafeBufferPointer(start: start, count: end - start))
  }

  /// The fast path: parses the longest plain decimal at `start` (no surrounding blanks) and
  /// returns its value and where it stopped, or nil when the text needs `strtod`. A number
  /// followed by other text is still returned; the caller checks what follows it.
  @inline(__always)
  static func parsePrefix(
    _ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>
  ) -> (Double, UnsafePointer<UInt8>)? {
    var p = start
    var negative = false
    if p < end && (p.pointee == UInt8(ascii: "-") || p.pointee == UInt8(ascii: "+")) {
      negative = p.pointee == UInt8(ascii: "-")
      p += 1
    }
    let integerStart = p
    while p < end && p.pointee == UInt8(ascii: "0") { p += 1 }  // leading zeros
    var mantissa: UInt64 = 0
    var stop = p
    scanDigits(&p, end, into: &mantissa)
    var significant = p - stop  // digits from the first nonzero one on
    var digits = p - integerStart
    var exponent = 0
    if p < end && p.pointee == UInt8(ascii: ".") {
      p += 1
      let fractionStart = p
      if significant == 0 {
        while p < end && p.pointee == UInt8(ascii: "0") { p += 1 }  // zeros after "0."
      }
      stop = p
      scanDigits(&p, end, into: &mantissa)
      significant &+= p - stop
      exponent = fractionStart - p
      digits &+= p - fractionStart
    }
    if digits == 0 || significant > 19 { return nil }
    if p < end && p.pointee | 0x20 == UInt8(ascii: "e") {
      guard let (written, stop) = parseExponent(p + 1, end) else { return nil }
      exponent += written
      p = stop
    }
    if mantissa == 0 { return (negative ? -0.0 : 0.0, p) }
    guard mantissa <= 1 << 53, exponent >= -22, exponent <= 22 else { return nil }
    var value = Double(mantissa)
    if exponent < 0 {
      value /= exactPowersOfTen[-exponent]
    } else if exponent > 0 {
      value *= exactPowersOfTen[exponent]
    }
    return (negative ? -value : value, p)
  }

  /// Appends the decimal digits at `p` to `mantissa` (wrapping past 19 digits: the caller counts
  /// them and gives up) and moves `p` past them.
  ///
  /// Eight bytes at a time while eight remain before `end` (never reading past it): the first
  /// non-digit is found with bit tricks and the digits before it converted without a branch per
  /// digit, which matters because fields of varying length defeat branch prediction.
  @inline(__always)
  static func scanDigits(
    _ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, into mantissa: inout UInt64
  ) {
    while end - p >= 8 {
      let chunk = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
      let digits = chunk &- 0x3030_3030_3030_3030
      // A byte's top bit is set when it is below "0" (borrow) or above "9" (carry past 0x7F);
      // the lowest such byte is exact because the digit bytes below it carry and borrow nothing.
      let nonDigits = ((chunk &+ 0x4646_4646_4646_4646) | digits) & 0x8080_8080_8080_8080
      let count = nonDigits.trailingZeroBitCount >> 3
      if count == 0 { return }
      mantissa = mantissa &* powersOfTenUInt64[count] &+ eightDigits(digits << (64 - 8 * UInt64(count)))
      p += count
      if count < 8 { return }
    }
    while p < end, case let d = p.pointee &- UInt8(ascii: "0"), d < 10 {
      mantissa = mantissa &* 10 &+ UInt64(d)
      p += 1
    }
  }

  /// The value of eight digit bytes (0…9 each, the first in the lowest byte), by pairwise SWAR.
  @inline(__always)
  private static func eightDigits(_ digits: UInt64) -> UInt64 {
    let pairs = digits &* 10 &+ (digits >> 8)  // bytes 0, 2, 4, 6 hold two-digit numbers
    let low = (pairs & 0x0000_00FF_0000_00FF) &* (100 &+ (1_000_000 << 32))
    let high = ((pairs >> 16) & 0x0000_00FF_0000_00FF) &* (1 &+ (10_000 << 32))
    return (low &+ high) >> 32
  }

  /// The signed decimal exponent after an `e`, or nil when it has no digits or is absurdly long.
  @inline(__always)
  private static func parseExponent(
    _ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>
  ) -> (Int, UnsafePointer<UInt8>)? {
    var p = start
    var negative = false
    if p < end && (p.pointee == UInt8(ascii: "-") || p.pointee == UInt8(ascii: "+")) {
      negative = p.pointee == UInt8(ascii: "-")
      p += 1
    }
    let digitsStart = p
    var exponent = 0
    while p < end, case let d = p.pointee &- UInt8(ascii: "0"), d < 10 {
      exponent = exponent &* 10 &+ Int(d)
      p += 1
    }
    let count = p - digitsStart
    guard count > 0 && count <= 5 else { return nil }
    return (negative ? -exponent : exponent, p)
  }

  /// The slow path: `strtod` on a NUL-terminated copy of the trimmed, non-empty text.
  private static func parseSlowly(_ text: UnsafeBufferPointer<UInt8>) -> ParsedNumber {
    withUnsafeTemporaryAllocation(of: CChar.self, capacity: text.count + 1) { copy in
      guard let base = copy.baseAddress else { return .invalid }
      for i in 0..<text.count { copy[i] = CChar(bitPattern: text[i]) }
      copy[text.count] = 0
      var stop: UnsafeMutablePointer<CChar>?
      let value = strtod(base, &stop)
      guard let stop, stop == base + text.count, startsLikeANumber(text) else { return .invalid }
      if value.isNaN { return .nan }
      if value.isInfinite { return spellsInfinity(text) ? .infinity : .outOfRange }
      return .number(value)
    }
  }

  /// True when the text begins as `strtod` numbers do, sign aside; refuses the other white space
  /// (`\v`, `\f`, …) that `strtod` would silently skip.
  private static func startsLikeANumber(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    if text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+") { i += 1 }
    guard i < text.count else { return false }
    let c = text[i]
    return c == UInt8(ascii: ".") || (c &- UInt8(ascii: "0")) < 10 || (c | 0x20) == UInt8(ascii: "i")
      || (c | 0x20) == UInt8(ascii: "n")
  }

  /// True when the text (sign aside) starts with `i`: `inf` or `infinity`, not an overflow.
  private static func spellsInfinity(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
    let first = text[0] == UInt8(ascii: "-") || text[0] == UInt8(ascii: "+") ? text[1] : text[0]
    return first | 0x20 == UInt8(ascii: "i")
  }

  @inline(__always)
  static func isBlank(_ c: UInt8) -> Bool { c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") }
}

/// 10⁰ … 10²², the powers of ten that a `Double` holds exactly. A literal, so that the optimizer
/// lays it out statically and the hot loop pays no lazy-initialisation check.
private let exactPowersOfTen: [Double] = [
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]

/// 10⁰ … 10⁸ as integers, for `scanDigits`.
private let powersOfTenUInt64: [UInt64] = [
  1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
]
