import Foundation
import Testing

@testable import SageIO

/// What C's `strtod` makes of `text`, the reference every parse must equal bit for bit.
private func reference(_ text: String) -> Double {
  text.withCString { strtod($0, nil) }
}

private func parse(_ text: String) -> ParsedNumber {
  Array(text.utf8).withUnsafeBufferPointer { NumberParser.parse($0) }
}

/// True when `text` parses to a number with exactly the bits `strtod` gives.
private func matchesStrtod(_ text: String) -> Bool {
  guard case .number(let x) = parse(text) else { return false }
  return x.bitPattern == reference(text).bitPattern
}

@Suite struct NumberParserTests {
  @Test(arguments: [
    "0.1", "1e23", "2.2250738585072011e-308", "9007199254740993", "-0", "1.7976931348623157e308",
    ".5", "5.", "1E-5", "+3", "0", "-0.0", "123456789012345678", "1234567890123456789012",
    "0.000000000000000000000000000123", "4.9406564584124654e-324", "2.4703282292062328e-324",
    "1e-400", "0x1.8p1", "1e22", "1e-22", "9007199254740992e22", "3.14159265358979323846",
    "00000000000000000000000012.5", "1.00000000000000011102230246251565404236316680908203125",
    "7.2057594037927933e16", "123.456e-7", "1e+0", "12345678", "123456789", "0.12345678",
  ])
  func equalsStrtodOnTrickyStrings(text: String) {
    #expect(matchesStrtod(text), "\(text): \(parse(text)) vs strtod \(reference(text))")
  }

  @Test(arguments: [
    ("", ParsedNumber.empty), ("  \t ", .empty), (" 2.5\t", .number(2.5)), ("nan", .nan),
    ("-NaN", .nan), ("nan(0x1)", .nan), ("inf", .infinity), ("-Infinity", .infinity),
    ("+INF", .infinity), ("1e999", .outOfRange), ("-1e400", .outOfRange), ("abc", .invalid),
    ("1e", .invalid), ("1.5x", .invalid), (".", .invalid), ("-", .invalid), ("1 2", .invalid),
    ("\u{0B}1", .invalid), ("1,5", .invalid), ("--1", .invalid), ("infinit", .invalid),
  ])
  func classifiesFields(text: String, expected: ParsedNumber) {
    #expect(parse(text) == expected)
  }

  /// The eight-bytes-at-a-time digit scan must stop exactly at `end`, whatever follows it.
  @Test func neverReadsPastTheEndOfAField() {
    let bytes = Array("1234567890123456789".utf8)
    bytes.withUnsafeBufferPointer { buffer in
      for count in 1...bytes.count {
        let field = UnsafeBufferPointer(rebasing: buffer[..<count])
        let text = String(decoding: field, as: UTF8.self)
        #expect(NumberParser.parse(field) == .number(reference(text)), "\(text)")
      }
    }
  }

  /// ~100,000 seeded random decimal strings of every shape, each compared with `strtod`.
  @Test func equalsStrtodOnRandomStrings() {
    var random = TestRandom(state: 2024)
    var mismatches: [String] = []
    for _ in 0..<100_000 {
      let text = randomDecimal(&random)
      let expected = reference(text)
      let parsed = parse(text)
      let ok: Bool
      if expected.isInfinite {
        ok = parsed == .outOfRange
      } else if case .number(let x) = parsed {
        ok = x.bitPattern == expected.bitPattern
      } else {
        ok = false
      }
      if !ok && mismatches.count < 10 { mismatches.append(text) }
    }
    #expect(mismatches.isEmpty, "differs from strtod: \(mismatches)")
  }

  /// A decimal string: random digits, point, exponent, sign, leading zeros, or a printed double.
  private func randomDecimal(_ random: inout TestRandom) -> String {
    switch random.below(4) {
    case 0:
      let x = Double(bitPattern: random.next())
      return x.isFinite ? String(format: "%.\(random.below(19))g", x) : "1"
    case 1:
      return String(format: "%.6g", Double(random.next() >> 11) * 0x1p-53 * pow(10, Double(random.below(13) - 6)))
    default:
      var text = random.below(4) == 0 ? "-" : (random.below(8) == 0 ? "+" : "")
      text += String(repeating: "0", count: random.below(8) == 0 ? random.below(4) : 0)
      let digits = (0..<(1 + random.below(25))).map { _ in String(random.below(10)) }.joined()
      let point = random.below(digits.count + 2)
      if point <= digits.count {
        text += digits.prefix(point) + "." + digits.dropFirst(point)
      } else {
        text += digits
      }
      if random.below(2) == 0 {
        text += (random.below(2) == 0 ? "e" : "E") + String(random.below(700) - 350)
      }
      return text
    }
  }
}
