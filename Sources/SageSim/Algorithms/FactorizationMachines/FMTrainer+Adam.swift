import Foundation

/// The Adam update of `FMTrainer` (formulas on `FMOptimizerSettings`).
extension FMTrainer {
  /// Updates w₀, then wᵢ and vᵢ of each feature present in the batch, from the chunks' gradient
  /// parts added in chunk order.
  func apply(_ gradientBias: Double, chunks: Int, rows: Int) {
    let stride = k + 1, k = self.k, width = touched.count * stride
    if chunks > 1 {
      // Chunk 1's part is added into chunk 0's: one order, whatever the thread timing.
      buffers[0].grad.withUnsafeMutableBufferPointer { g0 in
        buffers[1].grad.withUnsafeBufferPointer { g1 in for j in 0..<width { g0[j] += g1[j] } }
      }
    }
    let correction = (1 - pow(FMOptimizerSettings.beta2, Double(t))).squareRoot() / (1 - pow(FMOptimizerSettings.beta1, Double(t)))
    let rule = AdamRule(scale: opt.rescale ?? 1 / Double(max(rows, 1)), clip: opt.clip >= 0 ? opt.clip : .infinity, eps: opt.eps)
    var bad = rule.update(&w0, gradientBias, &moments0Pair, rate: opt.rate.bias * correction, decay: opt.decay.bias)
    let linear = (rate: opt.rate.linear * correction, decay: opt.decay.linear)
    let factors = (rate: opt.rate.factors * correction, decay: opt.decay.factors)
    buffers[0].grad.withUnsafeBufferPointer { g in
      w.withUnsafeMutableBufferPointer { w in
        v.withUnsafeMutableBufferPointer { v in
          withMoments { mw, sw, mv, sv in
            touched.withUnsafeBufferPointer { touched in
              for j in 0..<touched.count {
                let i = Int(touched[j]), at = j * stride
                bad |= rule.run(w.baseAddress! + i, g.baseAddress! + at, mw.baseAddress! + i, sw.baseAddress! + i,
                                count: 1, rate: linear.rate, decay: linear.decay)
                bad |= rule.run(v.baseAddress! + i * k, g.baseAddress! + at + 1, mv.baseAddress! + i * k,
                                sv.baseAddress! + i * k, count: k, rate: factors.rate, decay: factors.decay)
              }
            }
          }
        }
      }
    }
    if bad != 0 { markDiverged() }
  }
}

/// Adam steps on runs of values: g ← scale·∇ + λθ, clipped to ±clip; moments; θ ← θ − η̂·m/(√v + ε).
struct AdamRule {
  let scale: Double
  /// +∞: no clipping.
  let clip: Double
  let eps: Double

  /// Updates θ[0..<count] from ∇[0..<count] and their moments; returns a non-zero flag when a new
  /// θ is infinite or NaN (its exponent bits all ones: adding 1 to the exponent field carries into
  /// the sign bit). A plain loop with no branch and an integer OR as its only reduction, so the
  /// compiler vectorises the square roots and divisions.
  @inline(__always)
  func run(
    _ theta: UnsafeMutablePointer<Double>, _ gradient: UnsafePointer<Double>, _ m: UnsafeMutablePointer<Double>,
    _ s: UnsafeMutablePointer<Double>, count: Int, rate: Double, decay: Double
  ) -> UInt64 {
    // Four at a time in SIMD registers: the vector square root has no errno path, so it does not
    // fall back to a libm call as the scalar `squareRoot()` does here.
    typealias V4 = SIMD4<Double>
    let b1 = FMOptimizerSettings.beta1, b2 = FMOptimizerSettings.beta2
    var bad = SIMD4<UInt64>(repeating: 0)
    var f = 0
    while f + 4 <= count {
      let t = UnsafeRawPointer(theta + f).loadUnaligned(as: V4.self)
      let raw = UnsafeRawPointer(gradient + f).loadUnaligned(as: V4.self)
      let g = (scale * raw + decay * t).clamped(lowerBound: V4(repeating: -clip), upperBound: V4(repeating: clip))
      let mf = b1 * UnsafeRawPointer(m + f).loadUnaligned(as: V4.self) + (1 - b1) * g
      let sf = b2 * UnsafeRawPointer(s + f).loadUnaligned(as: V4.self) + (1 - b2) * g * g
      let updated = t - rate * mf / (sf.squareRoot() + eps)
      UnsafeMutableRawPointer(m + f).storeBytes(of: mf, as: V4.self)
      UnsafeMutableRawPointer(s + f).storeBytes(of: sf, as: V4.self)
      UnsafeMutableRawPointer(theta + f).storeBytes(of: updated, as: V4.self)
      bad |= Self.nonFinite(unsafeBitCast(updated, to: SIMD4<UInt64>.self))
      f += 4
    }
    var flag = bad[0] | bad[1] | bad[2] | bad[3]
    while f < count {
      let g = min(max(scale * gradient[f] + decay * theta[f], -clip), clip)
      let mf = b1 * m[f] + (1 - b1) * g, sf = b2 * s[f] + (1 - b2) * g * g
      m[f] = mf
      s[f] = sf
      theta[f] -= rate * mf / (sf.squareRoot() + eps)
      flag |= Self.nonFinite(SIMD4<UInt64>(repeating: theta[f].bitPattern))[0]
      f += 1
    }
    return flag
  }

  /// Top bit set in each lane whose double is infinite or NaN.
  @inline(__always)
  static func nonFinite(_ bits: SIMD4<UInt64>) -> SIMD4<UInt64> {
    ((bits & 0x7ff0_0000_0000_0000) &+ 0x0010_0000_0000_0000) & 0x8000_0000_0000_0000
  }

  func update(_ theta: inout Double, _ gradient: Double, _ moments: inout (m: Double, s: Double), rate: Double, decay: Double) -> UInt64 {
    var g = gradient
    return run(&theta, &g, &moments.m, &moments.s, count: 1, rate: rate, decay: decay)
  }
}
