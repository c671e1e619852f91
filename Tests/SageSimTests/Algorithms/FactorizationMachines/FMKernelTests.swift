import Foundation
import Numerics
import SageCore
import SageIO
import Testing

@testable import SageSim

/// The score ŷ and its gradient, on a model small enough to work by hand.
@Suite struct FMKernelTests {
  /// d = 3, k = 2: w₀ = 0.5, w = (1, −1, 2), v₀ = (1, 0), v₁ = (0, 1), v₂ = (1, 1).
  static let toy = FactorizationMachinesModel(
    featureDim: 3, numFactors: 2, predictorType: .regressor, w0: 0.5, w: [1, -1, 2], v: [1, 0, 0, 1, 1, 1])

  static func rows(_ rows: [[(Int32, Double)]]) -> SparseMatrix {
    var m = SparseMatrix(columns: 3)
    for r in rows { m.appendRow(columns: r.map(\.0), values: r.map(\.1)) }
    return m
  }

  @Test func handWorkedScores() {
    // Row 1, x = (1, 0, 2): 0.5 + 1·1 + 2·2 = 5.5 linear; ⟨v₀,v₂⟩x₀x₂ = 1·1·2 = 2; ŷ = 7.5.
    // Row 2, x = (1, 1, 1): 0.5 + 1 − 1 + 2 = 2.5; ⟨v₀,v₁⟩ + ⟨v₀,v₂⟩ + ⟨v₁,v₂⟩ = 0 + 1 + 1; ŷ = 4.5.
    // Row 3, x = (0, 3, 0): a single feature has no pair: 0.5 − 3 = −2.5.
    let z = Self.toy.margins(Self.rows([[(0, 1), (2, 2)], [(0, 1), (1, 1), (2, 1)], [(1, 3)]]))
    #expect(z == [7.5, 4.5, -2.5])
  }

  @Test func denseRowsScoreAsSparse() throws {
    let dense = Features.dense(Matrix(rowArrays: [[1, 0, 2], [1, 1, 1]]))
    let p = try Self.toy.predict(dense)
    #expect(p.json() == "{\"predictions\":[{\"score\":7.5},{\"score\":4.5}]}\n")
    var classifier = Self.toy
    classifier.predictorType = .binaryClassifier
    // σ(−2.5) = 0.0758… < 0.5 → label 0; σ(7.5) → 1.
    let c = try classifier.predict(.sparse(Self.rows([[(0, 1), (2, 2)], [(1, 3)]])))
    #expect(c.csv() == "\(sigmoid(7.5)),1.0\n\(sigmoid(-2.5)),0.0\n")
  }

  /// ∂ℓ/∂θ from `accumulate` against (ℓ(θ + h) − ℓ(θ − h)) / 2h for every w₀, wᵢ and v_{i,f}, for
  /// both losses, on a row with non-unit values (so the −v_{i,f}xᵢ² term matters).
  @Test(arguments: [ScalarLoss.squared, ScalarLoss.logistic])
  func gradientMatchesFiniteDifferences(loss: ScalarLoss) {
    var random = SeededRandom(seed: 3)
    let d = 4, k = 3
    var theta = (0..<(1 + d + d * k)).map { _ in 0.5 * random.normal() }
    let row: [(Int32, Double)] = [(0, 0.7), (2, -1.3), (3, 2.0)]
    let y = loss == .squared ? 0.4 : 1.0
    func lossAt(_ t: [Double]) -> (value: Double, derivative: Double, sums: [Double]) {
      let m = FactorizationMachinesModel(featureDim: d, numFactors: k, predictorType: .regressor, w0: t[0], w: Array(t[1...d]), v: Array(t[(1 + d)...]))
      let z = m.margins(Self.sparseRow(row, d))[0]
      let (l, g) = loss.valueAndDerivative(z, y)
      return (l, g, [])
    }
    // Analytic: slots map feature i to i; the compact gradient holds (wᵢ, vᵢ) per feature.
    let w = Array(theta[1...d]), v = Array(theta[(1 + d)...])
    var grad = [Double](repeating: 0, count: d * (k + 1)), sums = [Double](repeating: 0, count: k)
    let slots = (0..<d).map(Int32.init)
    let cols = row.map(\.0), vals = row.map(\.1)
    var gBias = 0.0
    w.withUnsafeBufferPointer { w in
      v.withUnsafeBufferPointer { v in
        let p = FMParameters(w0: theta[0], w: w, v: v, k: k)
        cols.withUnsafeBufferPointer { c in
          vals.withUnsafeBufferPointer { x in
            sums.withUnsafeMutableBufferPointer { s in
              grad.withUnsafeMutableBufferPointer { g in
                slots.withUnsafeBufferPointer { slot in
                  let z = p.margin(c, x, 0..<row.count, sums: s)
                  let dl = loss.derivative(z, y)
                  gBias = dl
                  p.accumulate(dl, c, x, 0..<row.count, sums: s, slot: slot, grad: g)
                }
              }
            }
          }
        }
      }
    }
    func analytic(_ index: Int) -> Double {
      if index == 0 { return gBias }
      if index <= d { return grad[(index - 1) * (k + 1)] }
      let e = index - 1 - d
      return grad[(e / k) * (k + 1) + 1 + e % k]
    }
    let h = 1e-6
    for index in theta.indices {
      let saved = theta[index]
      theta[index] = saved + h
      let up = lossAt(theta).value
      theta[index] = saved - h
      let down = lossAt(theta).value
      theta[index] = saved
      let numeric = (up - down) / (2 * h)
      // Central differences are accurate to O(h²) ≈ 1e-12 plus rounding ≈ 1e-16/h = 1e-10.
      #expect(abs(numeric - analytic(index)) < 1e-7, "parameter \(index): \(numeric) vs \(analytic(index))")
    }
  }

  static func sparseRow(_ row: [(Int32, Double)], _ d: Int) -> SparseMatrix {
    var m = SparseMatrix(columns: d)
    m.appendRow(columns: row.map(\.0), values: row.map(\.1))
    return m
  }
}
