import Foundation
import SageCore
import SageIO

/// The final reduction of SageMaker's k-means: Lloyd's algorithm on the K weighted streaming
/// centers (not on the data), from `trials` seedings, keeping the trial with the lowest weighted
/// mean squared distance Σ wᵢ‖pᵢ − c(pᵢ)‖² / Σ wᵢ.
struct LocalLloyd {
  var k: Int
  var initMethod: KMeansHyperparameters.InitMethod
  var maxIterations: Int
  var tolerance: Double

  struct Result {
    var centers: Matrix
    /// Weighted msd over the K points.
    var msd: Double
    var iterations: Int
  }

  /// Runs `trials` trials; `report(t, msd)` is called after each.
  func run(
    _ points: Matrix, weights: [Double], trials: Int, rng: inout SeededRandom,
    report: (Int, Double) -> Void = { _, _ in }
  ) -> Result {
    var best: Result?
    for t in 0..<trials {
      let result = trial(points, weights: weights, rng: &rng)
      report(t, result.msd)
      if best == nil || result.msd < best!.msd { best = result }
    }
    return best!
  }

  /// One seeding, then iterations of assign → weighted means until the weighted loss falls by less
  /// than `tolerance` of itself, nothing improves, or `maxIterations` updates were made.
  func trial(_ points: Matrix, weights: [Double], rng: inout SeededRandom) -> Result {
    let seeds: [Int]
    switch initMethod {
    case .kmeansPlusPlus:
      let localTrials = 2 + Int(Foundation.log(Double(k)))
      seeds = Seeding.kmeansPlusPlus(points, weights: weights, count: k, localTrials: localTrials, rng: &rng)
    case .random:
      seeds = Seeding.byWeight(weights, count: k, rng: &rng)
    }
    var centers = Matrix(rowArrays: seeds.map { points.row($0) })
    let totalWeight = max(weights.reduce(0, +), .leastNonzeroMagnitude)
    var assignment = nearestCenters(.dense(points), CenterSet(centers))
    var loss = weightedLoss(assignment, weights)
    var iterations = 0
    while iterations < maxIterations {
      centers = weightedMeans(points, weights: weights, assignment: assignment, previous: centers)
      iterations += 1
      assignment = nearestCenters(.dense(points), CenterSet(centers))
      let newLoss = weightedLoss(assignment, weights)
      let improvement = loss - newLoss
      let before = loss
      loss = newLoss
      if improvement <= tolerance * before { break }
    }
    return Result(centers: centers, msd: loss / totalWeight, iterations: iterations)
  }

  private func weightedLoss(_ a: Assignment, _ w: [Double]) -> Double {
    var s = 0.0
    for i in w.indices { s += w[i] * a.squaredDistance[i] }
    return s
  }

  /// Each center becomes the weighted mean of its points. A center left with no weight moves to the
  /// point that contributes most to the loss (scikit-learn's relocation), so no center is wasted.
  private func weightedMeans(_ p: Matrix, weights: [Double], assignment: Assignment, previous: Matrix) -> Matrix {
    let d = p.columns
    var sums = Matrix(rows: k, columns: d)
    var mass = [Double](repeating: 0, count: k)
    p.withUnsafeBufferPointer { pp in
      sums.withUnsafeMutableBufferPointer { s in
        for i in 0..<p.rows where weights[i] > 0 {
          let c = assignment.cluster[i], w = weights[i]
          mass[c] += w
          for j in 0..<d { s[c * d + j] += w * pp[i * d + j] }
        }
      }
    }
    var contribution = (0..<p.rows).map { weights[$0] * assignment.squaredDistance[$0] }
    sums.withUnsafeMutableBufferPointer { s in
      for c in 0..<k {
        if mass[c] > 0 {
          for j in 0..<d { s[c * d + j] /= mass[c] }
        } else if let far = contribution.indices.max(by: { contribution[$0] < contribution[$1] }),
          contribution[far] > 0
        {
          for j in 0..<d { s[c * d + j] = p[far, j] }
          contribution[far] = 0
        } else {
          for j in 0..<d { s[c * d + j] = previous[c, j] }
        }
      }
    }
    return sums
  }
}
