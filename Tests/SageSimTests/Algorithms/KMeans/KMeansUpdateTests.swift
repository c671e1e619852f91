import Foundation
import Numerics
import SageCore
import SageIO
import Testing

@testable import SageSim

/// The numerical pieces on hand-worked toys: the streaming update, decay, distances and the
/// weighted local Lloyd's.
@Suite struct KMeansUpdateTests {
  @Test func withoutDecayEachCenterIsTheRunningMeanOfItsRows() {
    var state = WebScaleKMeans(seeds: Matrix(rowArrays: [[0, 0], [10, 10]]), halfLife: 0)
    let first = state.update(.dense(Matrix(rowArrays: [[1, 0], [0, 1], [9, 10]])))
    // Squared distances to the seeds before the update: 1, 1, 1.
    #expect(first.cluster == [0, 0, 1] && first.squaredDistance == [1, 1, 1])
    #expect(state.centers.row(0) == [0.5, 0.5] && state.centers.row(1) == [9, 10])
    #expect(state.weights == [2, 1])
    _ = state.update(.dense(Matrix(rowArrays: [[2, 2], [11, 10]])))
    // Center 0 = mean of (1,0), (0,1), (2,2) = (1, 1); center 1 = mean of (9,10), (11,10).
    #expect(state.centers.row(0).enumerated().allSatisfy { abs($0.element - 1) < 1e-15 })
    #expect(state.centers.row(1) == [10, 10] && state.weights == [3, 2])
  }

  @Test func halfLifeHalvesAPointsWeightAfterThatManyFurtherPoints() {
    // half_life_time_size = 1: γ = ½. Batch [2], [4]: weights ½ and 1, so c = (½·2 + 4)/1.5 = 10/3.
    var state = WebScaleKMeans(seeds: Matrix(rowArrays: [[0]]), halfLife: 1)
    _ = state.update(.dense(Matrix(rowArrays: [[2], [4]])))
    #expect(state.centers[0, 0].isApproximatelyEqual(to: 10.0 / 3, relativeTolerance: 1e-14))
    #expect(state.weights[0].isApproximatelyEqual(to: 1.5, relativeTolerance: 1e-14))
    // Then [6]: the old weight 1.5 halves to 0.75; c = (0.75·10/3 + 6)/1.75 = 8.5/1.75.
    _ = state.update(.dense(Matrix(rowArrays: [[6]])))
    #expect(state.centers[0, 0].isApproximatelyEqual(to: 8.5 / 1.75, relativeTolerance: 1e-14))
    #expect(state.weights[0].isApproximatelyEqual(to: 1.75, relativeTolerance: 1e-14))
  }

  @Test func gemmDistancesMatchDirectOnesDenseAndSparse() {
    var rng = SeededRandom(seed: 7)
    let n = 300, d = 13, k = 37
    var rows = (0..<n).map { _ in (0..<d).map { _ in rng.uniform() < 0.6 ? 0 : rng.normal() * 3 } }
    rows[5] = Array(repeating: 0, count: d)  // an empty sparse row
    let centers = Matrix(rowArrays: (0..<k).map { _ in (0..<d).map { _ in rng.normal() } })
    let x = Matrix(rowArrays: rows)
    var sparse = SparseMatrix(columns: d)
    for r in rows {
      let nz = r.indices.filter { r[$0] != 0 }
      sparse.appendRow(columns: nz.map { Int32($0) }, values: nz.map { r[$0] })
    }
    let dense = nearestCenters(.dense(x), CenterSet(centers))
    let fromSparse = nearestCenters(.sparse(sparse), CenterSet(centers))
    for i in 0..<n {
      let direct = (0..<k).map { c in zip(rows[i], centers.row(c)).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } }
      let best = direct.indices.min { direct[$0] < direct[$1] }!
      #expect(dense.cluster[i] == best && fromSparse.cluster[i] == best)
      #expect(abs(dense.squaredDistance[i] - direct[best]) <= 1e-10 * max(1, direct[best]))
      #expect(abs(fromSparse.squaredDistance[i] - direct[best]) <= 1e-10 * max(1, direct[best]))
    }
  }

  @Test(arguments: [KMeansHyperparameters.InitMethod.kmeansPlusPlus, .random])
  func weightedLloydFindsTheWeightedMeans(initMethod: KMeansHyperparameters.InitMethod) {
    // Points 0, 1 (weight 3), 10, 11 into k = 2: centers (0·1 + 1·3)/4 = 0.75 and 10.5.
    // Weighted msd = (1·0.75² + 3·0.25² + 0.5² + 0.5²)/6 = 1.25/6.
    let lloyd = LocalLloyd(k: 2, initMethod: initMethod, maxIterations: 300, tolerance: 0)
    var rng = SeededRandom(seed: 3)
    let result = lloyd.run(Matrix(rowArrays: [[0], [1], [10], [11]]), weights: [1, 3, 1, 1], trials: 5, rng: &rng)
    let found = result.centers.values.sorted()
    #expect(found[0].isApproximatelyEqual(to: 0.75, relativeTolerance: 1e-14))
    #expect(found[1].isApproximatelyEqual(to: 10.5, relativeTolerance: 1e-14))
    #expect(result.msd.isApproximatelyEqual(to: 1.25 / 6, relativeTolerance: 1e-12))
  }

  @Test func kmeansPlusPlusNeverPicksAZeroWeightPointOrARepeat() {
    var rng = SeededRandom(seed: 11)
    let points = Matrix(rowArrays: (0..<20).map { [Double($0)] })
    let weights = (0..<20).map { $0 % 4 == 0 ? 0.0 : 1.0 }
    for _ in 0..<20 {
      let chosen = Seeding.kmeansPlusPlus(points, weights: weights, count: 6, localTrials: 3, rng: &rng)
      #expect(Set(chosen).count == 6 && chosen.allSatisfy { $0 % 4 != 0 })
    }
  }
}
