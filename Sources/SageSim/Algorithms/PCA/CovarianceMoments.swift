import SageCore

/// Running moments of the training rows: n, Σy and Σ‖y‖², where y = x − μ₀ is each row shifted by a
/// provisional mean μ₀ (the first batch's mean) when centring, so that later subtractions of nearly
/// equal large numbers are avoided.
struct CovarianceMoments {
  let featureDim: Int
  let subtractMean: Bool
  private(set) var shift: [Double]?
  private(set) var shiftedSum: [Double]
  private(set) var sumOfSquares = 0.0
  private(set) var count = 0
  /// The shifted rows of the current batch; kept between batches so its pages are reused.
  private var shifted = Matrix(rows: 0, columns: 0)

  init(featureDim: Int, subtractMean: Bool) {
    self.featureDim = featureDim
    self.subtractMean = subtractMean
    shiftedSum = Array(repeating: 0, count: featureDim)
  }

  /// Records a batch and lends `use` its shifted rows Y = X − 1μ₀ᵀ (valid only during the call).
  /// One fused pass per row block, the blocks on both cores: yᵢⱼ = xᵢⱼ − μ₀ⱼ, Σⱼ += yᵢⱼ,
  /// Σ‖y‖² += yᵢⱼ²; the blocks' partial sums are added in block order (fixed blocks: same bits).
  mutating func add(_ x: Matrix, _ use: (Matrix) -> Void) {
    if subtractMean, shift == nil { shift = x.columnSums().map { $0 / Double(x.rows) } }
    let mu = shift ?? Array(repeating: 0, count: featureDim)
    shifted.reshape(rows: x.rows, columns: featureDim)
    let blocks = Parallel.ranges(of: x.rows, chunks: CovarianceAccumulator.rowBlocks)
    let d = featureDim
    let partials = x.withUnsafeBufferPointer { src in
      shifted.withUnsafeMutableBufferPointer { out in
        mu.withUnsafeBufferPointer { m in
          Parallel.map(blocks.count, chunks: blocks.count) { slot -> (sums: [Double], squares: Double) in
            var sums = [Double](repeating: 0, count: d)
            var squares = 0.0
            for i in blocks[slot.lowerBound] {
              let base = i * d
              for j in 0..<d {
                let y = src[base + j] - m[j]
                out[base + j] = y
                sums[j] += y
                squares += y * y
              }
            }
            return (sums, squares)
          }
        }
      }
    }
    for partial in partials {
      for j in 0..<d { shiftedSum[j] += partial.sums[j] }
      sumOfSquares += partial.squares
    }
    count += x.rows
    use(shifted)
  }

  /// x̄ = μ₀ + Σy/n.
  var mean: [Double] {
    let base = shift ?? Array(repeating: 0, count: featureDim)
    return zip(base, shiftedSum).map { $0 + $1 / Double(max(count, 1)) }
  }

  /// Σ‖xᵢ − x̄‖² = Σ‖yᵢ‖² − ‖Σy‖²/n (or Σ‖xᵢ‖² when not centring).
  var totalScatter: Double {
    guard subtractMean else { return sumOfSquares }
    return sumOfSquares - shiftedSum.reduce(0) { $0 + $1 * $1 } / Double(max(count, 1))
  }
}
