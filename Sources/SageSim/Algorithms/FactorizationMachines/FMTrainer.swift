import Foundation
import SageCore

/// MXNet's Adam as SageMaker's FM would run it (sagesim's choice, see the README): for each
/// parameter θ of a term with rate η and decay λ, at update t,
///
///     g ← rescale_grad·∇θ + λθ,   g ← clip(g, ±clip_gradient),
///     m ← β₁m + (1−β₁)g,   v ← β₂v + (1−β₂)g²,
///     θ ← θ − η·√(1−β₂ᵗ)/(1−β₁ᵗ) · m/(√v + ε)
///
/// (Kingma & Ba 2015, with MXNet's placement of ε). Updates are lazy, as MXNet's for row-sparse
/// gradients: a feature absent from the mini-batch keeps its wᵢ, vᵢ and moments untouched, weight
/// decay included.
struct FMOptimizerSettings: Equatable {
  static let beta1 = 0.9
  static let beta2 = 0.999
  var rate: (bias: Double, linear: Double, factors: Double)
  var decay: (bias: Double, linear: Double, factors: Double)
  /// Negative: no clipping.
  var clip: Double
  var eps: Double
  /// nil: 1/(rows in the batch).
  var rescale: Double?

  static func == (a: Self, b: Self) -> Bool {
    a.rate == b.rate && a.decay == b.decay && a.clip == b.clip && a.eps == b.eps && a.rescale == b.rescale
  }
}

/// One mini-batch's figures, measured with the parameters before the step.
struct FMStepResult {
  var loss = 0.0
  var squaredError = 0.0
  var correct = 0
  var rows = 0
  var gradientBias = 0.0
}

/// Per-chunk scratch: the compact gradient of the features present and the k sums of one row.
final class FMChunkBuffer: @unchecked Sendable {
  var grad: [Double] = []
  var sums: [Double]
  init(k: Int) { sums = [Double](repeating: 0, count: k) }
}

/// The parameters being trained, their Adam moments, and the scratch of a step.
final class FMTrainer {
  let d: Int, k: Int
  let loss: ScalarLoss
  let opt: FMOptimizerSettings
  var w0: Double
  var w: [Double]
  var v: [Double]
  var moments0Pair = (m: 0.0, s: 0.0)
  // Four separate arrays: a class's stored tuple is one variable, so two of its elements could
  // not be borrowed mutably at once.
  private var firstW: [Double], secondW: [Double], firstV: [Double], secondV: [Double]
  var t = 0
  /// Feature → its slot in this batch's compact gradient, −1 when absent.
  var slotOf: [Int32]
  var touched: [Int32] = []
  let buffers: [FMChunkBuffer]
  /// False once any updated value is not finite.
  private(set) var isFinite = true

  func markDiverged() { isFinite = false }

  /// The four moment arrays (m and v of the wᵢ, m and v of the vᵢ) as mutable buffers.
  func withMoments(
    _ body: (UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Double>,
             UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void
  ) {
    firstW.withUnsafeMutableBufferPointer { a in
      secondW.withUnsafeMutableBufferPointer { b in
        firstV.withUnsafeMutableBufferPointer { c in
          secondV.withUnsafeMutableBufferPointer { d in body(a, b, c, d) }
        }
      }
    }
  }

  init(initial: FactorizationMachinesModel, loss: ScalarLoss, optimizer: FMOptimizerSettings) {
    d = initial.featureDim
    k = initial.numFactors
    self.loss = loss
    opt = optimizer
    w0 = initial.w0
    w = initial.w
    v = initial.v
    firstW = [Double](repeating: 0, count: d)
    secondW = firstW
    firstV = [Double](repeating: 0, count: d * k)
    secondV = firstV
    slotOf = [Int32](repeating: -1, count: d)
    buffers = (0..<2).map { _ in FMChunkBuffer(k: initial.numFactors) }
  }

  /// Below this many k·nnz a batch runs on one core (thread hand-off costs more than it saves).
  static let parallelWork = 1 << 15

  /// One Adam step on the mini-batch `x`, `y`. The batch is cut into fixed row chunks by its size
  /// alone, each chunk's gradient is computed on its own core, and the parts are added in chunk
  /// order: the same data gives the same bits on any machine.
  func step(_ x: SparseMatrix, _ y: [Double]) -> FMStepResult {
    assignSlots(x)
    let stride = k + 1, width = touched.count * stride
    let chunks = x.nonZeroCount * k >= Self.parallelWork && x.rows > 1 ? 2 : 1
    for b in buffers.prefix(chunks) {
      if b.grad.count < width { b.grad = [Double](repeating: 0, count: width) } else {
        b.grad.withUnsafeMutableBufferPointer { g in for j in 0..<width { g[j] = 0 } }
      }
    }
    let parts = chunkGradients(x, y, chunks: chunks)
    var total = FMStepResult()
    for p in parts {
      total.loss += p.loss
      total.squaredError += p.squaredError
      total.correct += p.correct
      total.rows += p.rows
      total.gradientBias += p.gradientBias
    }
    t += 1
    apply(total.gradientBias, chunks: chunks, rows: x.rows)
    for i in touched { slotOf[Int(i)] = -1 }
    touched.removeAll(keepingCapacity: true)
    return total
  }

  /// Gives each feature present in `x` a slot, in order of first appearance.
  func assignSlots(_ x: SparseMatrix) {
    for c in x.columnIndices where slotOf[Int(c)] < 0 {
      slotOf[Int(c)] = Int32(touched.count)
      touched.append(c)
    }
  }

  func chunkGradients(_ x: SparseMatrix, _ y: [Double], chunks: Int) -> [FMStepResult] {
    w.withUnsafeBufferPointer { w in
      v.withUnsafeBufferPointer { v in
        slotOf.withUnsafeBufferPointer { slot in
          x.columnIndices.withUnsafeBufferPointer { cols in
            x.values.withUnsafeBufferPointer { vals in
              let p = FMParameters(w0: w0, w: w, v: v, k: k)
              let buffers = self.buffers, loss = self.loss, starts = x.rowStart
              return Parallel.map(x.rows, chunks: chunks) { rows -> FMStepResult in
                let buffer = buffers[rows.lowerBound == 0 ? 0 : 1]
                var out = FMStepResult()
                buffer.sums.withUnsafeMutableBufferPointer { s in
                  buffer.grad.withUnsafeMutableBufferPointer { grad in
                    for r in rows {
                      let range = starts[r]..<starts[r + 1]
                      let z = p.margin(cols, vals, range, sums: s)
                      let (l, g) = loss.valueAndDerivative(z, y[r])
                      out.loss += l
                      out.squaredError += (z - y[r]) * (z - y[r])
                      if (z >= 0 ? 1.0 : 0.0) == y[r] { out.correct += 1 }
                      out.gradientBias += g
                      p.accumulate(g, cols, vals, range, sums: s, slot: slot, grad: grad)
                    }
                  }
                }
                out.rows = rows.count
                return out
              }
            }
          }
        }
      }
    }
  }
}
