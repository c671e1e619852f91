/// The FM's inner loops over one CSR row, on raw buffers. Inputs validated by
/// `FactorizationMachines.train` (indices below feature_dim, k ≥ 1).
///
/// With sᶠ = Σᵢ v_{i,f} xᵢ over the row's non-zeros, the pairwise term is
///
///     Σᵢ<ⱼ ⟨vᵢ, vⱼ⟩ xᵢxⱼ = ½ Σ_f [ (sᶠ)² − Σᵢ v_{i,f}² xᵢ² ]          (Rendle 2010, lemma 3.1)
///
/// so a row costs O(k·nnz) instead of O(k·nnz²). The same sᶠ gives the gradient:
///
///     ∂ŷ/∂w₀ = 1,   ∂ŷ/∂wᵢ = xᵢ,   ∂ŷ/∂v_{i,f} = xᵢ (sᶠ − v_{i,f} xᵢ)
struct FMParameters {
  let w0: Double
  let w: UnsafeBufferPointer<Double>
  /// Row-major d × k.
  let v: UnsafeBufferPointer<Double>
  let k: Int

  /// ŷ of the row whose entries are `cols[range]`, `vals[range]`; leaves sᶠ in `sums`.
  @inline(__always)
  func margin(
    _ cols: UnsafeBufferPointer<Int32>, _ vals: UnsafeBufferPointer<Double>, _ range: Range<Int>,
    sums s: UnsafeMutableBufferPointer<Double>
  ) -> Double {
    for f in 0..<k { s[f] = 0 }
    var linear = w0, squares = 0.0
    for e in range {
      let i = Int(cols[e]), x = vals[e], base = i * k
      linear += w[i] * x
      for f in 0..<k {
        let vx = v[base + f] * x
        s[f] += vx
        squares += vx * vx
      }
    }
    var pairs = 0.0
    for f in 0..<k { pairs += s[f] * s[f] }
    return linear + 0.5 * (pairs - squares)
  }

  /// Adds g·∂ŷ/∂θ of one row to a compact gradient: feature i's k + 1 values (wᵢ then vᵢ) live at
  /// `grad[slot[i]·(k+1) …]`. `sums` holds the row's sᶠ from `margin`.
  @inline(__always)
  func accumulate(
    _ g: Double, _ cols: UnsafeBufferPointer<Int32>, _ vals: UnsafeBufferPointer<Double>, _ range: Range<Int>,
    sums s: UnsafeMutableBufferPointer<Double>, slot: UnsafeBufferPointer<Int32>, grad: UnsafeMutableBufferPointer<Double>
  ) {
    let stride = k + 1
    for e in range {
      let i = Int(cols[e]), x = vals[e], base = i * k
      let out = Int(slot[i]) * stride
      let gx = g * x
      grad[out] += gx
      for f in 0..<k {
        grad[out + 1 + f] += gx * (s[f] - v[base + f] * x)
      }
    }
  }
}
