import Foundation
import SageCore

/// All parallel models at once: M models of K outputs each share one d × (M·K) weight matrix, so
/// a mini-batch step is one GEMM forward and one GEMM back, whatever M is.
///
/// Training works in scaled units, x̃ = (x − μ)/σ and ỹ = (y − μ_y)/σ_y, without ever forming x̃:
///   Z = x̃·W + 1bᵀ = X·W′ + 1b′ᵀ,  W′ = diag(1/σ)·W,  b′ = b − μᵀW′            (forward)
///   ∇W = x̃ᵀG = diag(1/σ)·(XᵀG − μ·1ᵀG),  ∇b = 1ᵀG,  G = ∂(mean loss)/∂Z          (backward)
struct ModelBank {
  let d: Int, k: Int, m: Int
  let loss: ScalarLoss?
  let scaler: Scaler
  let useBias: Bool
  let useScheduler: Bool
  let biasLrMult: Double, biasWdMult: Double
  /// Per-class row weights (multiclass `balance_multiclass_weights`); empty = all 1.
  let classWeights: [Double]
  var variants: [ModelVariant]
  /// d × (M·K), row-major, in scaled units: column m·K + c is output c of model m.
  var weights: [Double]
  var bias: [Double]
  var weightOptimizer: BlockOptimizer
  var biasOptimizer: BlockOptimizer
  var updates = 0
  /// False once a model has diverged; its columns are no longer trained or chosen.
  var alive: [Bool]

  var columns: Int { m * k }

  init(d: Int, settings s: LinearLearnerSettings, hp: LinearLearnerHyperparameters, scaler: Scaler,
       variants: [ModelVariant], classWeights: [Double], random: inout SeededRandom) {
    self.d = d
    k = s.outputs
    m = variants.count
    loss = s.loss
    self.scaler = scaler
    useBias = hp.useBias
    useScheduler = hp.useLrScheduler
    biasLrMult = s.biasLrMult
    biasWdMult = s.biasWdMult
    self.classWeights = classWeights
    self.variants = variants
    let n = d * variants.count * s.outputs
    weights = (0..<n).map { _ in
      hp.initMethod == .uniform ? random.uniform(-hp.initScale, hp.initScale) : hp.initSigma * random.normal()
    }
    bias = Array(repeating: hp.useBias ? hp.initBias : 0, count: variants.count * s.outputs)
    weightOptimizer = BlockOptimizer(kind: s.optimizer, count: n, momentum: s.momentum, beta1: s.beta1, beta2: s.beta2)
    biasOptimizer = BlockOptimizer(kind: s.optimizer, count: bias.count, momentum: s.momentum, beta1: s.beta1, beta2: s.beta2)
    alive = Array(repeating: true, count: variants.count)
  }

  /// W′ = diag(1/σ)·W and b′ = b − μᵀW′: the weights that act on raw features.
  func rawWeights() -> (w: Matrix, b: [Double]) {
    let cols = columns
    var w = Matrix(rows: d, columns: cols)
    var b = bias
    w.withUnsafeMutableBufferPointer { out in
      for j in 0..<d {
        let inv = 1 / scaler.featureScale[j], mu = scaler.featureMean[j]
        for c in 0..<cols {
          let v = weights[j * cols + c] * inv
          out[j * cols + c] = v
          b[c] -= mu * v
        }
      }
    }
    return (w, b)
  }

  /// Z = X·W′ + 1b′ᵀ: every model's scores (scaled label units) for raw rows X.
  func scores(_ x: Matrix) -> Matrix {
    let (w, b) = rawWeights()
    var z = Matrix.multiply(x, w)
    let cols = columns
    z.withUnsafeMutableBufferPointer { p in
      for i in 0..<x.rows { for c in 0..<cols { p[i * cols + c] += b[c] } }
    }
    return z
  }

  /// ỹ = (y − μ_y)/σ_y.
  func scaledLabel(_ y: Double) -> Double { (y - scaler.labelMean) / scaler.labelScale }

  /// The weight of a row labelled y in model `model`'s loss.
  @inline(__always)
  func rowWeight(_ y: Double, model: Int) -> Double {
    if k > 1 { return classWeights.isEmpty ? 1 : classWeights[Int(y)] }
    if case .some(.logistic) = loss, y == 1 { return variants[model].positiveWeight }
    if case .some(.hinge) = loss, y == 1 { return variants[model].positiveWeight }
    return 1
  }

  /// Turns scores Z (n × M·K) into G = row weight × ∂ℓ/∂Z / `divisor` in place, and returns each
  /// model's unweighted loss sum Σᵢ ℓ(zᵢ, yᵢ). Row chunks run on both cores for large batches.
  func lossAndGradient(_ z: inout Matrix, _ y: [Double], divisor: Double) -> [Double] {
    let n = z.rows, cols = columns
    let chunks = n * cols >= 32_768 ? Parallel.coreCount : 1
    let partials: [[Double]] = z.withUnsafeMutableBufferPointer { p in
      let base = p.baseAddress!
      return Parallel.map(n, chunks: chunks) { range in
        lossKernel(base, rows: range, labels: y, divisor: divisor, columns: cols)
      }
    }
    var sums = [Double](repeating: 0, count: m)
    for part in partials { for i in 0..<m { sums[i] += part[i] } }
    return sums
  }

  /// Rows `rows` of the gradient kernel: for scalar losses gᵢ꜀ = wᵢ·ℓ′(zᵢ꜀, ỹᵢ)/divisor; for
  /// softmax, per model, gᵢ = wᵢ·(softmax(zᵢ) − e_yᵢ)/divisor.
  private func lossKernel(
    _ p: UnsafeMutablePointer<Double>, rows: Range<Int>, labels y: [Double], divisor: Double, columns cols: Int
  ) -> [Double] {
    var sums = [Double](repeating: 0, count: m)
    var gradient = [Double](repeating: 0, count: k)
    for i in rows {
      let row = p + i * cols
      for model in 0..<m {
        let out = row + model * k
        guard alive[model] else { for c in 0..<k { out[c] = 0 }; continue }
        let scale = rowWeight(y[i], model: model) / divisor
        if let loss {
          let t = scaledLabel(y[i]), zi = out[0]
          sums[model] += loss.value(zi, t)
          out[0] = scale * loss.derivative(zi, t)
        } else {
          sums[model] += gradient.withUnsafeMutableBufferPointer { g in
            SoftmaxLoss.lossAndGradient(out, count: k, label: Int(y[i]), gradient: g.baseAddress!)
          }
          for c in 0..<k { out[c] = scale * gradient[c] }
        }
      }
    }
    return sums
  }

  /// One mini-batch step on raw rows X with labels y; returns each model's loss sum before the step.
  mutating func step(_ x: Matrix, _ y: [Double]) -> [Double] {
    var g = scores(x)
    let sums = lossAndGradient(&g, y, divisor: Double(x.rows))
    let cols = columns
    var grad = Matrix.multiply(x, g, transposeA: true)  // XᵀG, d × M·K
    let colSums = g.columnSums()                        // 1ᵀG
    grad.withUnsafeMutableBufferPointer { p in
      for j in 0..<d {
        let inv = 1 / scaler.featureScale[j], mu = scaler.featureMean[j]
        for c in 0..<cols { p[j * cols + c] = (p[j * cols + c] - mu * colSums[c]) * inv }
      }
    }
    let settings = columnSettings()
    weightOptimizer.step(&weights, gradient: grad.values, columns: cols, settings: settings.weights)
    if useBias { biasOptimizer.step(&bias, gradient: colSums, columns: cols, settings: settings.bias) }
    updates += 1
    return sums
  }

  /// Each column's η (after the step schedule), L2 and L1, for the weights and for the bias.
  func columnSettings() -> (weights: ColumnSettings, bias: ColumnSettings) {
    var rate: [Double] = [], l2: [Double] = [], l1: [Double] = []
    for v in variants {
      let eta = useScheduler ? v.schedule.rate(initial: v.learningRate, after: updates) : v.learningRate
      for _ in 0..<k { rate.append(eta); l2.append(v.wd); l1.append(v.l1) }
    }
    let weights = ColumnSettings(rate: rate, l2: l2, l1: l1)
    let bias = ColumnSettings(
      rate: rate.map { $0 * biasLrMult }, l2: l2.map { $0 * biasWdMult }, l1: Array(repeating: 0, count: rate.count))
    return (weights, bias)
  }

  /// True when every weight and bias of `model` is finite.
  func isFinite(model: Int) -> Bool {
    let cols = columns, lo = model * k, hi = lo + k
    for c in lo..<hi where !bias[c].isFinite { return false }
    for j in 0..<d { for c in lo..<hi where !weights[j * cols + c].isFinite { return false } }
    return true
  }

  /// Copies model `model`'s columns from `other` (restoring its best epoch).
  mutating func copyModel(_ model: Int, from other: ModelBank) {
    let cols = columns
    for c in (model * k)..<((model + 1) * k) {
      bias[c] = other.bias[c]
      for j in 0..<d { weights[j * cols + c] = other.weights[j * cols + c] }
    }
  }

  /// Model `model` on raw features and labels: w = W′·σ_y (d × K) and b = b′·σ_y + μ_y.
  func exported(model: Int) -> (weights: [[Double]], bias: [Double]) {
    let (w, b) = rawWeights()
    let sy = scaler.labelScale, my = scaler.labelMean
    let rows = (0..<d).map { j in (0..<k).map { c in w[j, model * k + c] * sy } }
    return (rows, (0..<k).map { b[model * k + $0] * sy + my })
  }
}
