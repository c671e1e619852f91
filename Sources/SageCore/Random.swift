import Foundation

/// A seeded random number generator whose stream is fixed by sagesim itself.
///
/// xoshiro256** (Blackman & Vigna 2018), seeded through SplitMix64. The standard library's
/// `random(in:using:)` and `shuffled(using:)` are never used: their algorithms may change between
/// Swift versions, and sagesim promises the same model, bit for bit, for the same seed.
public struct SeededRandom: RandomNumberGenerator, Sendable {
  private var s0, s1, s2, s3: UInt64
  private var spareNormal: Double?

  public init(seed: UInt64) {
    var sm = seed
    func splitMix() -> UInt64 {
      sm &+= 0x9E37_79B9_7F4A_7C15
      var z = sm
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    let result = rotate(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
    s2 ^= t
    s3 = rotate(s3, 45)
    return result
  }

  private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  /// Uniform on [0, 1), from the top 53 bits.
  public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

  /// Uniform on [low, high).
  public mutating func uniform(_ low: Double, _ high: Double) -> Double {
    low + (high - low) * uniform()
  }

  /// Standard normal N(0, 1) by the Box–Muller transform (pairs, the second kept for the next call).
  public mutating func normal() -> Double {
    if let z = spareNormal { spareNormal = nil; return z }
    var u1 = uniform()
    while u1 == 0 { u1 = uniform() }
    let u2 = uniform()
    let r = (-2 * log(u1)).squareRoot()
    let theta = 2 * Double.pi * u2
    spareNormal = r * sin(theta)
    return r * cos(theta)
  }

  /// Uniform integer in 0..<n without modulo bias (Lemire 2019, multiply-and-reject).
  public mutating func index(below n: Int) -> Int {
    precondition(n > 0)
    let bound = UInt64(n)
    var product = next().multipliedFullWidth(by: bound)
    if product.low < bound {
      let threshold = (0 &- bound) % bound
      while product.low < threshold { product = next().multipliedFullWidth(by: bound) }
    }
    return Int(product.high)
  }

  /// Fisher–Yates shuffle in place.
  public mutating func shuffle<T>(_ array: inout [T]) {
    guard array.count > 1 else { return }
    for i in stride(from: array.count - 1, to: 0, by: -1) {
      array.swapAt(i, index(below: i + 1))
    }
  }

  /// +1 or −1 with equal probability.
  public mutating func sign() -> Double { next() >> 63 == 0 ? 1 : -1 }
}

