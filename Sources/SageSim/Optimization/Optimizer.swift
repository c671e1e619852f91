import Foundation

/// The first-order optimisers of SageMaker's linear learner and factorization machines.
public enum OptimizerKind: String, Sendable, Codable, CaseIterable {
  case sgd, adam, rmsprop
}

/// Per-column step settings: parameters are a rows × columns block, and column c (one output
/// of one of several models trained side by side) has its own rate, L2 and L1 strengths.
public struct ColumnSettings: Sendable {
  /// η_c: the step size of column c this step (after any schedule).
  public var rate: [Double]
  /// λ₂: gradient += λ₂·w (the gradient of ½λ₂‖w‖²).
  public var l2: [Double]
  /// λ₁: after the step, w ← sign(w)·max(|w| − τ·λ₁, 0), τ the step size actually applied.
  public var l1: [Double]

  public init(rate: [Double], l2: [Double], l1: [Double]) {
    self.rate = rate
    self.l2 = l2
    self.l1 = l1
  }
}

/// Optimiser state for one block of parameters, and the proximal update that gives L1 its exact
/// zeros.
///
/// One step, with g the mini-batch gradient of the smooth loss and g′ = g + λ₂·w:
/// - `sgd`:     v ← μ·v − η·g′,  w ← w + v,                         τ = η
/// - `adam`:    m ← β₁m + (1−β₁)g′, v ← β₂v + (1−β₂)g′², m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ),
///              τ = η/(√v̂ + ε), w ← w − τ·m̂
/// - `rmsprop`: v ← ρv + (1−ρ)g′², τ = η/(√v + ε), w ← w − τ·g′
/// then the proximal map of τ·λ₁|w| (soft thresholding): w ← sign(w)·max(|w| − τ·λ₁, 0).
///
/// Soft thresholding sets a weight to exactly zero whenever the smooth step leaves it within
/// τ·λ₁ of zero, and it stays there until the loss's pull exceeds λ₁ (proximal gradient descent;
/// Duchi & Singer 2009, "Efficient online and batch learning using forward backward splitting").
/// A plain subgradient step λ₁·sign(w) would only make weights jitter around zero.
public struct BlockOptimizer: Sendable {
  public let kind: OptimizerKind
  public let momentum: Double
  public let beta1: Double
  public let beta2: Double
  public static let epsilon = 1e-8
  /// RMSProp's decay of the squared-gradient average (Hinton's lecture value).
  public static let rmspropDecay = 0.9
  var first: [Double]
  var second: [Double]
  var t = 0

  public init(kind: OptimizerKind, count: Int, momentum: Double, beta1: Double, beta2: Double) {
    self.kind = kind
    self.momentum = momentum
    self.beta1 = beta1
    self.beta2 = beta2
    first = [Double](repeating: 0, count: kind == .rmsprop ? 0 : count)
    second = [Double](repeating: 0, count: kind == .sgd ? 0 : count)
  }

  /// Updates `w` (rows × columns, row-major) from its gradient `g`, column by column settings.
  public mutating func step(_ w: inout [Double], gradient g: [Double], columns: Int, settings s: ColumnSettings) {
    precondition(w.count == g.count && w.count % max(columns, 1) == 0)
    t += 1
    let rows = w.count / max(columns, 1)
    let kind = self.kind, mu = momentum, b1 = beta1, b2 = beta2, eps = Self.epsilon, rho = Self.rmspropDecay
    let c1 = 1 - pow(b1, Double(t)), c2 = 1 - pow(b2, Double(t))
    w.withUnsafeMutableBufferPointer { w in
      g.withUnsafeBufferPointer { g in
        first.withUnsafeMutableBufferPointer { m in
          second.withUnsafeMutableBufferPointer { v in
            for i in 0..<rows {
              for c in 0..<columns {
                let k = i * columns + c
                let eta = s.rate[c]
                let gk = g[k] + s.l2[c] * w[k]
                var tau: Double
                switch kind {
                case .sgd:
                  m[k] = mu * m[k] - eta * gk
                  w[k] += m[k]
                  tau = eta
                case .adam:
                  m[k] = b1 * m[k] + (1 - b1) * gk
                  v[k] = b2 * v[k] + (1 - b2) * gk * gk
                  tau = eta / ((v[k] / c2).squareRoot() + eps)
                  w[k] -= tau * m[k] / c1
                case .rmsprop:
                  v[k] = rho * v[k] + (1 - rho) * gk * gk
                  tau = eta / (v[k].squareRoot() + eps)
                  w[k] -= tau * gk
                }
                let cut = tau * s.l1[c]
                if cut > 0 { w[k] = softThreshold(w[k], cut) }
              }
            }
          }
        }
      }
    }
  }
}

/// sign(x)·max(|x| − τ, 0): the proximal map of τ|x|.
@inline(__always)
public func softThreshold(_ x: Double, _ tau: Double) -> Double {
  x > tau ? x - tau : (x < -tau ? x + tau : 0)
}

/// Step decay of the learning rate: every `step` updates, η ← max(η·factor, minimum).
public struct StepSchedule: Sendable, Equatable {
  public var step: Int
  public var factor: Double
  public var minimum: Double

  public init(step: Int, factor: Double, minimum: Double) {
    self.step = step
    self.factor = factor
    self.minimum = minimum
  }

  /// η after `updates` updates from η₀: max(η₀·factor^⌊updates/step⌋, minimum), never above η₀.
  public func rate(initial: Double, after updates: Int) -> Double {
    let decays = Double(updates / max(step, 1))
    return min(initial, max(initial * pow(factor, decays), minimum))
  }
}
