import Foundation

/// The Adam update of `FMTrainer` (formulas on `FMOptimizerSettings`).
extension FMTrainer {
  /// Updates w₀, then wᵢ and vᵢ of each feature present in the batch, from the chunks' gradient
  /// parts added in chunk order.
  func apply(_ gradientBias: Double, chunks: Int, rows: Int) {
    let scale = opt.rescale ?? 1 / Double(max(rows, 1))
    let b1 = FMOptimizerSettings.beta1, b2 = FMOptimizerSettings.beta2
    let correction = (1 - pow(b2, Double(t))).squareRoot() / (1 - pow(b1, Double(t)))
    let rule = AdamRule(scale: scale, clip: opt.clip, eps: opt.eps)
    var ok = true
    w0 = rule.update(w0, gradientBias, &moments0Pair, rate: opt.rate.bias * correction, decay: opt.decay.bias, ok: &ok)
    let stride = k + 1, k = self.k
    let rateW = opt.rate.linear * correction, rateV = opt.rate.factors * correction
    let decayW = opt.decay.linear, decayV = opt.decay.factors
    let part0 = buffers[0], part1 = buffers[chunks > 1 ? 1 : 0]
    part0.grad.withUnsafeBufferPointer { g0 in
      part1.grad.withUnsafeBufferPointer { g1 in
        w.withUnsafeMutableBufferPointer { w in
          v.withUnsafeMutableBufferPointer { v in
            withMoments { mw, sw, mv, sv in
              for (j, feature) in touched.enumerated() {
                let i = Int(feature), at = j * stride
                let gw = chunks > 1 ? g0[at] + g1[at] : g0[at]
                rule.step(&w[i], gw, &mw[i], &sw[i], rate: rateW, decay: decayW, ok: &ok)
                for f in 0..<k {
                  let gv = chunks > 1 ? g0[at + 1 + f] + g1[at + 1 + f] : g0[at + 1 + f]
                  let e = i * k + f
                  rule.step(&v[e], gv, &mv[e], &sv[e], rate: rateV, decay: decayV, ok: &ok)
                }
              }
            }
          }
        }
      }
    }
    if !ok { markDiverged() }
  }
}

/// One Adam step on one value: g ← scale·∇ + λθ, clipped; moments; θ ← θ − η̂·m/(√v + ε).
struct AdamRule {
  let scale: Double
  /// Negative: no clipping.
  let clip: Double
  let eps: Double

  @inline(__always)
  func step(
    _ theta: inout Double, _ gradient: Double, _ m: inout Double, _ s: inout Double, rate: Double,
    decay: Double, ok: inout Bool
  ) {
    var g = scale * gradient + decay * theta
    if clip >= 0 { g = min(max(g, -clip), clip) }
    m = FMOptimizerSettings.beta1 * m + (1 - FMOptimizerSettings.beta1) * g
    s = FMOptimizerSettings.beta2 * s + (1 - FMOptimizerSettings.beta2) * g * g
    theta -= rate * m / (s.squareRoot() + eps)
    ok = ok && theta.isFinite
  }

  func update(_ theta: Double, _ gradient: Double, _ moments: inout (m: Double, s: Double), rate: Double, decay: Double, ok: inout Bool) -> Double {
    var theta = theta
    step(&theta, gradient, &moments.m, &moments.s, rate: rate, decay: decay, ok: &ok)
    return theta
  }
}
