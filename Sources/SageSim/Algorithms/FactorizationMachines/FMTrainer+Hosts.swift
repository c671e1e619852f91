import Foundation
import SageCore

/// One host's push in a synchronous step: the gradient of its mini-batch at the shared parameters,
/// compact over the features present (slot j: ∂/∂w_{features[j]}, then the k ∂/∂v), unscaled.
struct FMGradient {
  var features: [Int32]
  var values: [Double]
  var result: FMStepResult
}

extension FMTrainer {
  /// The mini-batch's gradient at this trainer's parameters, without a step (a host's push).
  func gradient(_ x: SparseMatrix, _ y: [Double]) -> FMGradient {
    assignSlots(x)
    let width = touched.count * (k + 1)
    let chunks = x.nonZeroCount * k >= Self.parallelWork && x.rows > 1 ? 2 : 1
    for b in buffers.prefix(chunks) { b.grad = [Double](repeating: 0, count: width) }
    var total = FMStepResult()
    for p in chunkGradients(x, y, chunks: chunks) {
      total.add(p)
      total.gradientBias += p.gradientBias
    }
    var values = Array(buffers[0].grad.prefix(width))
    if chunks > 1 { for j in 0..<width { values[j] += buffers[1].grad[j] } }
    let out = FMGradient(features: touched, values: values, result: total)
    clearSlots()
    return out
  }

  /// One Adam step from the hosts' pushes: their gradients added feature by feature in host order
  /// (a feature in no host's batch is not touched, as on one host), scaled by 1/(all their rows).
  func apply(_ parts: [FMGradient]) {
    let stride = k + 1
    for part in parts {
      for c in part.features where slotOf[Int(c)] < 0 {
        slotOf[Int(c)] = Int32(touched.count)
        touched.append(c)
      }
    }
    var grad = [Double](repeating: 0, count: touched.count * stride)
    var bias = 0.0, rows = 0
    for part in parts {
      for (j, c) in part.features.enumerated() {
        let at = Int(slotOf[Int(c)]) * stride
        for f in 0..<stride { grad[at + f] += part.values[j * stride + f] }
      }
      bias += part.result.gradientBias
      rows += part.result.rows
    }
    buffers[0].grad = grad
    t += 1
    apply(bias, chunks: 1, rows: rows)
  }

  /// Forgets this step's feature slots (after `apply`, or once a push is taken).
  func clearSlots() {
    for i in touched { slotOf[Int(i)] = -1 }
    touched.removeAll(keepingCapacity: true)
  }

  /// Takes `server`'s w₀ and the wᵢ, vᵢ of the features its last step touched: a host's pull.
  func pull(from server: FMTrainer) {
    w0 = server.w0
    for c in server.touched {
      let i = Int(c)
      w[i] = server.w[i]
      for f in 0..<k { v[i * k + f] = server.v[i * k + f] }
    }
  }
}
