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
    var z = Matrix(rows: x.rows, columns: columns)
    scores(x, into: &z)
    return z
  }

  /// Z = X·W′ + 1b′ᵀ written into `z` (n × M·K).
  func scores(_ x: Matrix, into z: inout Matrix) {
    let (w, b) = rawWeights()
    Matrix.multiplyAdd(x, w, into: &z, beta: 0)
    let cols = columns
    z.withUnsafeMutableBufferPointer { p in
      for i in 0..<x.rows { for c in 0..<cols { p[i * cols + c] += b[c] } }
    }
  }

  /// ỹ = (y − μ_y)/σ_y.
  func scaledLabel(_ y: Double) -> Double { (y - scaler.labelMean) / scaler.labelScale }

  /// Turns scores Z (n × M·K) into G = row weight × ∂ℓ/∂Z / `divisor` in place, and returns each
  /// model's unweighted loss sum Σᵢ ℓ(zᵢ, yᵢ). Row chunks run on both cores for large batches.
  func lossAndGradient(_ z: inout Matrix, _ y: [Double], divisor: Double) -> [Double] {
    let n = z.rows, cols = columns
    let chunks = n * cols >= 8_192 ? 2 : 1  // fixed, not the core count: same sums on every machine
    let positive = positiveWeights
    let partials: [[Double]] = z.withUnsafeMutableBufferPointer { p in
      let base = p.baseAddress!
      return Parallel.map(n, chunks: chunks) { range in
        if let loss {
          return scalarKernel(base, rows: range, labels: y, offset: 0, loss: loss, positive: positive, divisor: divisor, measure: true)
        }
        return softmaxKernel(base, rows: range, labels: y, offset: 0, divisor: divisor)
      }
    }
    var sums = [Double](repeating: 0, count: m)
    for part in partials { for i in 0..<m { sums[i] += part[i] } }
    return sums
  }

  /// Each model's weight of positive rows (binary losses), else 1.
  var positiveWeights: [Double] {
    variants.map { v in
      switch loss {
      case .some(.logistic), .some(.hinge): return v.positiveWeight
      default: return 1
      }
    }
  }

  /// Rows `rows` of p (labels y[offset + i]) for a scalar loss (K = 1): gᵢₘ = wᵢₘ·ℓ′(zᵢₘ, ỹᵢ)/divisor, with wᵢₘ the positive
  /// weight of model m when yᵢ = 1 (binary), else 1.
  private func scalarKernel(
    _ p: UnsafeMutablePointer<Double>, rows: Range<Int>, labels y: [Double], offset: Int, loss: ScalarLoss,
    positive: [Double], divisor: Double, measure: Bool
  ) -> [Double] {
    if case .logistic = loss {
      return logisticKernel(p, rows: rows, labels: y, offset: offset, positive: positive, divisor: divisor, measure: measure)
    }
    var sums = [Double](repeating: 0, count: m)
    let m = self.m, inverse = 1 / divisor, mu = scaler.labelMean, sigma = scaler.labelScale
    alive.withUnsafeBufferPointer { alive in
      positive.withUnsafeBufferPointer { positive in
        sums.withUnsafeMutableBufferPointer { sums in
          for i in rows {
            let row = p + i * m
            let label = y[offset + i]
            let t = (label - mu) / sigma
            let isPositive = label == 1
            for model in 0..<m {
              guard alive[model] else { row[model] = 0; continue }
              let derivative: Double
              if measure {
                let both = loss.valueAndDerivative(row[model], t)
                sums[model] += both.value
                derivative = both.derivative
              } else {
                derivative = loss.derivative(row[model], t)
              }
              row[model] = (isPositive ? positive[model] : 1) * inverse * derivative
            }
          }
        }
      }
    }
    return sums
  }

  /// The scalar kernel for logistic loss, with every e = e^{−|z|} of the block computed first by
  /// the vectorised `exponentiate`: σ(z) = 1/(1+e) or e/(1+e), ℓ = max(z, 0) + log(1 + e) − y·z.
  private func logisticKernel(
    _ p: UnsafeMutablePointer<Double>, rows: Range<Int>, labels y: [Double], offset: Int,
    positive: [Double], divisor: Double, measure: Bool
  ) -> [Double] {
    var sums = [Double](repeating: 0, count: m)
    let m = self.m, inverse = 1 / divisor, count = rows.count * m, start = rows.lowerBound * m
    var e = [Double](repeating: 0, count: count)
    e.withUnsafeMutableBufferPointer { e in
      for i in 0..<count { e[i] = -abs(p[start + i]) }
      exponentiate(e.baseAddress!, count: count)
      alive.withUnsafeBufferPointer { alive in
        positive.withUnsafeBufferPointer { positive in
          sums.withUnsafeMutableBufferPointer { sums in
            for (r, i) in rows.enumerated() {
              let row = p + i * m, ex = e.baseAddress! + r * m
              let label = y[offset + i]
              let isPositive = label == 1
              for model in 0..<m {
                guard alive[model] else { row[model] = 0; continue }
                let z = row[model], q = ex[model]
                let probability = z >= 0 ? 1 / (1 + q) : q / (1 + q)
                if measure { sums[model] += max(z, 0) + log(1 + q) - label * z }
                let scale = isPositive ? positive[model] : 1
                row[model] = scale * inverse * (probability - label)
              }
            }
          }
        }
      }
    }
    return sums
  }

  /// Rows `rows` for softmax: per model, gᵢ = wᵢ·(softmax(zᵢ) − e_yᵢ)/divisor, wᵢ the class weight.
  private func softmaxKernel(
    _ p: UnsafeMutablePointer<Double>, rows: Range<Int>, labels y: [Double], offset: Int, divisor: Double
  ) -> [Double] {
    var sums = [Double](repeating: 0, count: m)
    var gradient = [Double](repeating: 0, count: k)
    let cols = columns
    for i in rows {
      let row = p + i * cols
      let label = Int(y[offset + i])
      let scale = (classWeights.isEmpty ? 1 : classWeights[label]) / divisor
      for model in 0..<m {
        let out = row + model * k
        guard alive[model] else { for c in 0..<k { out[c] = 0 }; continue }
        sums[model] += gradient.withUnsafeMutableBufferPointer { g in
          SoftmaxLoss.lossAndGradient(out, count: k, label: label, gradient: g.baseAddress!)
        }
        for c in 0..<k { out[c] = scale * gradient[c] }
      }
    }
    return sums
  }

  /// One mini-batch step on raw rows X with labels y; returns each model's loss sum before the step
  /// when `measure` is true (softmax always measures: its loss comes with its gradient), else
  /// zeros — the loss value costs a logarithm per row and model that the gradient does not need.
  ///
  /// Large batches are split into two fixed row chunks that run on both cores, each doing its own
  /// Zc = Xc·W′ + b′, Gc, XcᵀGc and 1ᵀGc with single-threaded BLAS; the partial gradients are added
  /// in chunk order, so the result is the same bits on any machine.
  mutating func step(_ x: Matrix, _ y: [Double], measure: Bool = true) -> [Double] {
    let g = gradient(x, y, measure: measure, divisor: Double(x.rows))
    apply(g)
    return g.lossSums
  }

  /// A mini-batch's gradient at the current weights, before the optimizer: each model's loss sum,
  /// XᵀG and 1ᵀG, with G = ∂ℓ/∂Z / `divisor` (the batch's rows for a step; 1 for a host's share of
  /// a joint step, divided by the joint row count when the hosts' parts are added).
  func gradient(_ x: Matrix, _ y: [Double], measure: Bool, divisor: Double) -> BankGradient {
    let cols = columns, d = self.d
    let chunks = x.rows * cols >= 16_384 ? 2 : 1
    let (w, b) = rawWeights()
    let positive = positiveWeights
    let parts = Parallel.map(x.rows, chunks: chunks) { range -> BankGradient in
      var z = Matrix(rows: range.count, columns: cols)
      Matrix.multiplyAdd(x, rows: range, w, into: &z, beta: 0)
      let sums: [Double] = z.withUnsafeMutableBufferPointer { p in
        let base = p.baseAddress!
        for i in 0..<range.count { for c in 0..<cols { base[i * cols + c] += b[c] } }
        if let loss {
          return scalarKernel(base, rows: 0..<range.count, labels: y, offset: range.lowerBound, loss: loss, positive: positive, divisor: divisor, measure: measure)
        }
        return softmaxKernel(base, rows: 0..<range.count, labels: y, offset: range.lowerBound, divisor: divisor)
      }
      var grad = Matrix(rows: d, columns: cols)
      Matrix.multiplyAdd(x, rows: range, z, into: &grad, transposeA: true, beta: 0)  // XcᵀGc
      return BankGradient(lossSums: sums, xtg: grad, colSums: z.columnSums(), rows: range.count)
    }
    return parts.dropFirst().reduce(into: parts[0]) { $0.add($1) }
  }

  /// One optimizer step with a gradient from `gradient` (or several hosts' parts added and scaled).
  mutating func apply(_ g: BankGradient) {
    let cols = columns, d = self.d
    var grad = g.xtg
    let colSums = g.colSums
    // ∇W = diag(1/σ)·(XᵀG − μ·1ᵀG)
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

/// A mini-batch's (or a row chunk's, or a host's) loss sums, XᵀG and 1ᵀG.
struct BankGradient {
  var lossSums: [Double]
  var xtg: Matrix
  var colSums: [Double]
  var rows: Int

  /// Adds another part of the same step (chunk or host), in the caller's fixed order.
  mutating func add(_ other: BankGradient) {
    for i in lossSums.indices { lossSums[i] += other.lossSums[i] }
    for c in colSums.indices { colSums[c] += other.colSums[c] }
    xtg.withUnsafeMutableBufferPointer { g in other.xtg.withUnsafeBufferPointer { q in for i in g.indices { g[i] += q[i] } } }
    rows += other.rows
  }

  /// XᵀG and 1ᵀG divided by `n` (hosts' sums made a mean over the joint batch); losses stay sums.
  mutating func scale(by n: Double) {
    let inverse = 1 / n
    for c in colSums.indices { colSums[c] *= inverse }
    xtg.withUnsafeMutableBufferPointer { g in for i in g.indices { g[i] *= inverse } }
  }
}
