/// SageMaker PCA's hyperparameters (developer guide, `PCA-reference.md`; spec §5.1).
public struct PCAHyperparameters: HyperparameterSet {
  public enum Mode: String, CaseIterable, Sendable {
    case regular, randomized
  }

  public var featureDim: Int?
  public var miniBatchSize: Int?
  public var numComponents: Int?
  public var algorithmMode = Mode.regular
  public var subtractMean = true
  /// −1 means max(10, num_components).
  public var extraComponents = -1

  public init() {}

  public static let algorithm = "pca"

  public static let specs: [HyperparameterSpec<Self>] = [
    .int(
      "feature_dim", \.featureDim, in: .atLeast(1), required: true,
      doc: "Number of features in each row; must equal the data's width.",
      effect: "Fixed by the data: a mismatch is refused before training."),
    .int(
      "mini_batch_size", \.miniBatchSize, in: .atLeast(1), required: true,
      doc: "Rows read and accumulated at a time; only one batch is held in memory.",
      effect: "Does not change the components (the covariance is a sum over rows however they are grouped); larger uses more memory per step, smaller makes more, smaller BLAS calls."),
    .int(
      "num_components", \.numComponents, in: .atLeast(1), required: true,
      doc: "Number of principal components to keep (at most feature_dim).",
      effect: "Higher keeps more of the variance (see the cumulative explained-variance ratio) but gives a wider projection; lower compresses more and loses detail."),
    .choice(
      "algorithm_mode", \.algorithmMode,
      doc: "regular: exact covariance accumulated over mini-batches, then LAPACK's symmetric eigensolver. randomized: a random ±1 sketch of the centred rows, refined by power iterations, then a small eigenproblem.",
      effect: "regular is exact and costs d² memory and n·d² time; randomized costs n·d·ℓ per pass and suits wide data, at a small loss of accuracy."),
    .bool(
      "subtract_mean", \.subtractMean,
      doc: "Centre the data (subtract the training mean) before finding components, in training and at inference.",
      effect: "true gives true PCA (directions of largest variance); false finds directions of largest second moment, so the first component mostly points at the mean."),
    .int(
      "extra_components", \.extraComponents, in: .atLeast(-1),
      doc: "Oversampling for randomized mode: the sketch has num_components + extra_components columns; -1 means max(10, num_components). Ignored in regular mode.",
      effect: "Higher is more accurate and costs time and memory linearly; lower is faster and rougher."),
  ]

  public func crossFieldProblems() -> [HyperparameterError.Problem] {
    if let k = numComponents, let d = featureDim, k > d {
      return [.conflict("num_components (\(k)) must not exceed feature_dim (\(d)): there are only \(d) directions in \(d)-dimensional data")]
    }
    return []
  }

  /// Columns of the randomized sketch, ℓ = num_components + extra (−1 → max(10, num_components)),
  /// at most feature_dim.
  var sketchWidth: Int {
    let k = numComponents ?? 1
    let extra = extraComponents == -1 ? max(10, k) : extraComponents
    return min(k + extra, featureDim ?? k + extra)
  }
}
