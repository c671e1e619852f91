/// The regularised leaf weight and split gain of Chen & Guestrin (2016), with XGBoost's L1 and
/// `max_delta_step` extensions (XGBoost `src/tree/param.h`).
struct TreeParameters: Sendable {
  var lambda: Double
  var alpha: Double
  var gamma: Double
  var minChildWeight: Double
  var maxDeltaStep: Double
  var maxDepth: Int
  var maxLeaves: Int
  var eta: Double
  /// XGBoost's kRtEps: a split must gain more than this.
  static let minimumGain = 1e-6

  init(_ hp: XGBoostHyperparameters) {
    lambda = hp.lambda
    alpha = hp.alpha
    gamma = hp.gamma
    minChildWeight = hp.minChildWeight
    maxDeltaStep = hp.maxDeltaStep
    maxDepth = hp.maxDepth
    maxLeaves = hp.maxLeaves
    eta = hp.eta
  }

  /// T(G) = sign(G)·max(|G| − α, 0): the L1 soft threshold of the gradient sum.
  @inline(__always) func thresholdL1(_ g: Double) -> Double {
    g > alpha ? g - alpha : (g < -alpha ? g + alpha : 0)
  }

  /// w = −T(G)/(H + λ), clipped to ±max_delta_step when that is set; 0 below min_child_weight.
  @inline(__always) func weight(_ g: Double, _ h: Double) -> Double {
    if h < minChildWeight || h <= 0 { return 0 }
    let w = -thresholdL1(g) / (h + lambda)
    if maxDeltaStep != 0 && abs(w) > maxDeltaStep { return w > 0 ? maxDeltaStep : -maxDeltaStep }
    return w
  }

  /// A leaf's value, weight × eta, in 32-bit floats as XGBoost stores it.
  func leafValue(_ g: Double, _ h: Double) -> Double { Double(Float(weight(g, h)) * Float(eta)) }

  /// score(L) + score(R) − score(parent), each rounded to a 32-bit float and combined in floats, as
  /// XGBoost's evaluator does; the rounding decides near-ties between features the same way.
  @inline(__always) func gain(left: (Double, Double), right: (Double, Double), parentScore: Float) -> Double {
    Double(Float(score(left.0, left.1)) + Float(score(right.0, right.1)) - parentScore)
  }

  /// The structure score of a node: T(G)²/(H + λ), or −(2Gw + (H + λ)w²) at the clipped weight
  /// when max_delta_step is set. A split gains score(L) + score(R) − score(parent).
  @inline(__always) func score(_ g: Double, _ h: Double) -> Double {
    if h <= 0 { return 0 }
    if maxDeltaStep == 0 {
      let t = thresholdL1(g)
      return t * t / (h + lambda)
    }
    let w = weight(g, h)
    return -(2 * g * w + (h + lambda) * w * w)
  }
}

/// The best split found for a node.
struct SplitCandidate: Sendable {
  var gain = -Double.infinity
  var feature = -1
  /// Rows whose bin is below this go left (bins are 0-based within the feature).
  var leftBins = 0
  var condition: Float = 0
  var defaultLeft = false
  var left = (g: 0.0, h: 0.0)
  var right = (g: 0.0, h: 0.0)

  var isFound: Bool { feature >= 0 }
}

/// The two-way bin scan of XGBoost's `EnumerateSplit`: forward, missing values go right; then,
/// when the node has missing values for the feature, backward, missing values go left. The right
/// side is always parent − left. Features are tried in increasing index and a later candidate
/// must gain strictly more, so ties go to the lowest feature and the first scan.
struct SplitEvaluator {
  let parameters: TreeParameters
  let cuts: HistogramCuts
  let offsets: [Int]

  func best(
    histogram hist: UnsafeBufferPointer<Double>, total: (g: Double, h: Double), features: [Int]
  ) -> SplitCandidate {
    var best = SplitCandidate()
    let p = parameters
    let parentScore = Float(p.score(total.g, total.h))
    func consider(_ lg: Double, _ lh: Double, feature: Int, leftBins: Int, condition: Float, defaultLeft: Bool) {
      let rg = total.g - lg, rh = total.h - lh
      guard lh >= p.minChildWeight, rh >= p.minChildWeight, lh > 0, rh > 0 else { return }
      let gain = p.gain(left: (lg, lh), right: (rg, rh), parentScore: parentScore)
      if gain > best.gain {
        best = SplitCandidate(
          gain: gain, feature: feature, leftBins: leftBins, condition: condition, defaultLeft: defaultLeft,
          left: (lg, lh), right: (rg, rh))
      }
    }
    for f in features {
      let nb = cuts.bins(f)
      guard nb > 0 else { continue }
      let base = offsets[f], edges = cuts.pointers[f]
      let missingH = hist[2 * (base + nb) + 1]
      // Without missing values the last bin would leave the right side empty.
      var lg = 0.0, lh = 0.0
      for b in 0..<(missingH > 0 ? nb : nb - 1) {
        lg += hist[2 * (base + b)]
        lh += hist[2 * (base + b) + 1]
        consider(lg, lh, feature: f, leftBins: b + 1, condition: cuts.values[edges + b], defaultLeft: false)
      }
      guard missingH > 0 else { continue }
      var rg = 0.0, rh = 0.0
      for b in stride(from: nb - 1, through: 0, by: -1) {
        rg += hist[2 * (base + b)]
        rh += hist[2 * (base + b) + 1]
        let condition = b == 0 ? cuts.minimums[f] : cuts.values[edges + b - 1]
        consider(total.g - rg, total.h - rh, feature: f, leftBins: b, condition: condition, defaultLeft: true)
      }
    }
    return best
  }
}
