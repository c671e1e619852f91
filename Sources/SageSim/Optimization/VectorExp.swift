/// eˣ for every element of a buffer, in a loop with no calls and no branches that the compiler
/// vectorises (glibc's `exp` is a call per element, which dominated the logistic kernel of 32
/// parallel models).
///
/// Range reduction: k = round(x·log₂e) (by the 1.5·2⁵² shifter trick), r = x − k·ln2 with ln2 split
/// into a high part exact in 32 bits and a low part, so |r| ≤ ½ln2 and r carries no rounding error
/// worth counting; eʳ = Σₙ₌₀¹³ rⁿ/n! (the first omitted term is below 10⁻¹⁷ relative); 2ᵏ is put
/// straight into the exponent bits. Inputs are clamped to [−708, 709] first, so −∞ gives e⁻⁷⁰⁸
/// ≈ 3·10⁻³⁰⁸ rather than 0 and +∞ gives e⁷⁰⁹; NaN stays NaN. Relative error about 2·10⁻¹⁶.
public func exponentiate(_ p: UnsafeMutablePointer<Double>, count: Int) {
  let log2e = 1.4426950408889634
  let ln2High = 0.693147180369123816490  // 0x3FE62E42FEE00000: k·ln2High is exact for |k| < 2²¹
  let ln2Low = 1.90821492927058770002e-10
  let shifter = 6755399441055744.0  // 1.5·2⁵²: adding it rounds to an integer in the low bits
  for i in 0..<count {
    var x = p[i]
    x = x < -708 ? -708 : x
    x = x > 709 ? 709 : x
    let shifted = x * log2e + shifter
    let k = shifted - shifter
    let r = (x - k * ln2High) - k * ln2Low
    var s = 1.0 / 6227020800  // 1/13!
    s = s * r + 1.0 / 479001600
    s = s * r + 1.0 / 39916800
    s = s * r + 1.0 / 3628800
    s = s * r + 1.0 / 362880
    s = s * r + 1.0 / 40320
    s = s * r + 1.0 / 5040
    s = s * r + 1.0 / 720
    s = s * r + 1.0 / 120
    s = s * r + 1.0 / 24
    s = s * r + 1.0 / 6
    s = s * r + 0.5
    s = s * r + 1
    s = s * r + 1
    // The low bits of `shifted` hold k (as 2⁵¹ + k); (k + 1023) shifted into the exponent is 2ᵏ.
    let scale = Double(bitPattern: (shifted.bitPattern &+ 1023) &<< 52)
    p[i] = s * scale
  }
}
