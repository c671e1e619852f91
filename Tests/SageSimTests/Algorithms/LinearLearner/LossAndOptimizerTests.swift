import Foundation
import Numerics
import Testing

@testable import SageSim

/// The shared losses and optimisers (Sources/SageSim/Optimization): each derivative against a
/// central finite difference, hand-worked values, and one step of each optimiser worked by hand.
@Suite struct LossAndOptimizerTests {
  static let losses: [(String, ScalarLoss)] = [
    ("squared", .squared), ("absolute", .absolute), ("eps squared", .epsInsensitiveSquared(epsilon: 0.3)),
    ("eps absolute", .epsInsensitiveAbsolute(epsilon: 0.3)), ("quantile", .quantile(tau: 0.8)),
    ("huber", .huber(delta: 0.7)), ("logistic", .logistic), ("hinge", .hinge(margin: 1.5)),
  ]

  /// (ℓ(z + h) − ℓ(z − h)) / 2h at points away from every kink.
  @Test(arguments: 0..<8) func derivativeMatchesFiniteDifference(index: Int) {
    let (name, loss) = Self.losses[index]
    let labels: [Double] = index >= 6 ? [0, 1] : [-1.31, 0.41, 2.53]
    let h = 1e-6
    for y in labels {
      for z in stride(from: -3.05, through: 3.05, by: 0.37) {
        let numeric = (loss.value(z + h, y) - loss.value(z - h, y)) / (2 * h)
        #expect(abs(numeric - loss.derivative(z, y)) < 1e-6, "\(name) at z=\(z), y=\(y)")
      }
    }
  }

  /// Hand-worked values at z = 2, y = 0.5 (residual r = z − y = 1.5).
  @Test func handWorkedValues() {
    #expect(ScalarLoss.squared.value(2, 0.5) == 1.125)                         // ½·1.5²
    #expect(ScalarLoss.absolute.value(2, 0.5) == 1.5)
    #expect(ScalarLoss.epsInsensitiveSquared(epsilon: 0.5).value(2, 0.5) == 0.5)  // ½·1²
    #expect(ScalarLoss.epsInsensitiveAbsolute(epsilon: 0.5).value(2, 0.5) == 1)
    #expect(ScalarLoss.quantile(tau: 0.25).value(2, 0.5) == 1.125)             // over-prediction: 0.75·1.5
    #expect(ScalarLoss.quantile(tau: 0.25).value(0.5, 2) == 0.375)             // under-prediction: 0.25·1.5
    #expect(ScalarLoss.huber(delta: 1).value(2, 0.5) == 1)                     // 1·(1.5 − 0.5)
    #expect(ScalarLoss.logistic.value(0, 1).isApproximatelyEqual(to: log(2)))
    #expect(ScalarLoss.hinge(margin: 1).value(0.25, 1) == 0.75)
    #expect(ScalarLoss.hinge(margin: 1).value(0.25, 0) == 1.25)
    #expect(ScalarLoss.logistic.value(800, 0) == 800)                          // no overflow
  }

  @Test func softmaxGradientMatchesFiniteDifference() {
    let z: [Double] = [0.3, -1.2, 2.0, 0.7]
    var g = [Double](repeating: 0, count: 4)
    let loss = z.withUnsafeBufferPointer { p in
      g.withUnsafeMutableBufferPointer { SoftmaxLoss.lossAndGradient(p.baseAddress!, count: 4, label: 2, gradient: $0.baseAddress!) }
    }
    func value(_ v: [Double]) -> Double { log(v.map { exp($0) }.reduce(0, +)) - v[2] }
    #expect(loss.isApproximatelyEqual(to: value(z), relativeTolerance: 1e-12))
    for c in 0..<4 {
      var up = z, down = z
      up[c] += 1e-6
      down[c] -= 1e-6
      #expect(abs((value(up) - value(down)) / 2e-6 - g[c]) < 1e-7)
    }
    #expect(abs(g.reduce(0, +)) < 1e-12)  // Σₖ (pₖ − [k = y]) = 0
  }

  @Test func softThresholdingIsTheProximalMapOfL1() {
    #expect(softThreshold(0.3, 0.5) == 0)
    #expect(softThreshold(-0.3, 0.5) == 0)
    #expect(softThreshold(2, 0.5) == 1.5)
    #expect(softThreshold(-2, 0.5) == -1.5)
  }

  /// One step on w = [1, −0.001], g = [0.5, 0.1], η = 0.1, λ₂ = 0.2, λ₁ = 0.05:
  /// g′ = g + λ₂w = [0.7, 0.0998].
  @Test func oneStepOfEachOptimizer() {
    let s = ColumnSettings(rate: [0.1, 0.1], l2: [0.2, 0.2], l1: [0.05, 0.05])
    // sgd, μ = 0: w − ηg′ = [0.93, −0.01098], then soft threshold at ηλ₁ = 0.005 → [0.925, −0.00598].
    var sgd = BlockOptimizer(kind: .sgd, count: 2, momentum: 0, beta1: 0.9, beta2: 0.999)
    var w: [Double] = [1, -0.001]
    sgd.step(&w, gradient: [0.5, 0.1], columns: 2, settings: s)
    #expect(w[0].isApproximatelyEqual(to: 0.925) && w[1].isApproximatelyEqual(to: -0.00598))
    // adam, first step: m̂ = g′, v̂ = g′², so the step is η·sign(g′) (up to ε): w − 0.1 = [0.9, −0.101];
    // τ = η/|g′|, so the thresholds are 0.1·0.05/0.7 and 0.1·0.05/0.0998.
    var adam = BlockOptimizer(kind: .adam, count: 2, momentum: 0, beta1: 0.9, beta2: 0.999)
    w = [1, -0.001]
    adam.step(&w, gradient: [0.5, 0.1], columns: 2, settings: s)
    #expect(w[0].isApproximatelyEqual(to: 0.9 - 0.005 / 0.7, relativeTolerance: 1e-6))
    #expect(w[1].isApproximatelyEqual(to: -0.101 + 0.005 / 0.0998, relativeTolerance: 1e-6))
    // rmsprop, first step: v = 0.1·g′², τ = η/(√0.1·|g′|): w − τg′ = [1 − 0.1/√0.1, …].
    var rms = BlockOptimizer(kind: .rmsprop, count: 2, momentum: 0, beta1: 0.9, beta2: 0.999)
    w = [1, -0.001]
    rms.step(&w, gradient: [0.5, 0.1], columns: 2, settings: ColumnSettings(rate: [0.1, 0.1], l2: [0.2, 0.2], l1: [0, 0]))
    #expect(w[0].isApproximatelyEqual(to: 1 - 0.1 / 0.1.squareRoot(), relativeTolerance: 1e-6))
  }

  @Test func momentumAccumulates() {
    var sgd = BlockOptimizer(kind: .sgd, count: 1, momentum: 0.5, beta1: 0.9, beta2: 0.999)
    var w: [Double] = [0]
    let s = ColumnSettings(rate: [1], l2: [0], l1: [0])
    sgd.step(&w, gradient: [1], columns: 1, settings: s)  // v = −1, w = −1
    sgd.step(&w, gradient: [1], columns: 1, settings: s)  // v = −0.5 − 1 = −1.5, w = −2.5
    #expect(w[0] == -2.5)
  }

  @Test func stepScheduleDecaysToItsFloor() {
    let schedule = StepSchedule(step: 10, factor: 0.5, minimum: 0.02)
    #expect(schedule.rate(initial: 0.1, after: 9) == 0.1)
    #expect(schedule.rate(initial: 0.1, after: 10) == 0.05)
    #expect(schedule.rate(initial: 0.1, after: 25) == 0.025)
    #expect(schedule.rate(initial: 0.1, after: 1000) == 0.02)
  }
}

@Suite struct VectorExpTests {
  @Test func matchesFoundationExpToTwoUlps() {
    var xs = stride(from: -708.0, through: 709.0, by: 0.0137).map { $0 }
    xs += [0, -0.0, 1e-300, -1e-300, 0.5 * log(2.0), -0.5 * log(2.0), 1, -1]
    var ys = xs
    ys.withUnsafeMutableBufferPointer { exponentiate($0.baseAddress!, count: $0.count) }
    var worst = 0.0
    for (x, y) in zip(xs, ys) { worst = max(worst, abs(y - exp(x)) / exp(x)) }
    #expect(worst < 5e-16, "worst relative error \(worst)")
  }

  @Test func clampsInfinitiesAndKeepsNaN() {
    var v: [Double] = [-.infinity, .infinity, .nan, -1000]
    v.withUnsafeMutableBufferPointer { exponentiate($0.baseAddress!, count: 4) }
    #expect(v[0] == exp(-708.0) && v[1] == exp(709.0) || (v[0] > 0 && v[0] < 1e-307 && v[1] > 8e307))
    #expect(v[2].isNaN)
    #expect(v[3] > 0 && v[3] < 1e-307)
  }
}
