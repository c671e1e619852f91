/// SageMaker k-means' hyperparameters (developer guide `k-means-api-config.md`; spec §6.1).
public struct KMeansHyperparameters: HyperparameterSet {
  public enum InitMethod: String, CaseIterable, Sendable {
    case random
    case kmeansPlusPlus = "kmeans++"
  }

  /// What `eval_metrics` asks for: mean and/or sum of squared distances to the closest center.
  public enum EvalMetric: String, CaseIterable, Sendable {
    case msd, ssd
  }

  public var featureDim: Int?
  public var k: Int?
  public var epochs = 1
  public var miniBatchSize = 5000
  public var initMethod = InitMethod.random
  public var extraCenterFactor = Auto<Int>.auto
  public var halfLifeTimeSize = 0
  public var localLloydInitMethod = InitMethod.kmeansPlusPlus
  public var localLloydMaxIter = 300
  public var localLloydNumTrials = Auto<Int>.auto
  public var localLloydTol = 0.0001
  public var evalMetrics: [EvalMetric] = [.msd]
  /// Sent by the SageMaker Python SDK (always "True"); accepted so its hyperparameters.json trains.
  public var forceDense = true

  public init() {}

  public static let algorithm = "kmeans"

  /// `extra_center_factor=auto`: SageMaker's logs show "shrinking 80 centers into 8" for k = 8.
  public static let autoExtraCenterFactor = 10
  /// `local_lloyd_num_trials=auto`: SageMaker's logs show attempts #0 … #9.
  public static let autoLocalTrials = 10

  public static let specs: [HyperparameterSpec<Self>] = [
    .int(
      "feature_dim", \.featureDim, in: .atLeast(1), required: true,
      doc: "Number of features in each row; must equal the width of the train and test data.",
      effect: "Fixed by the data: a mismatch is a clear error naming the file and line."),
    .int(
      "k", \.k, in: .atLeast(2), required: true,
      doc: "Number of clusters in the final model (SageMaker requires k > 1). Must not exceed the number of training rows.",
      effect: "Higher always lowers msd (more centers, each closer to its points); pick k at the elbow of test msd against k, where adding a cluster stops paying."),
    .int(
      "epochs", \.epochs, in: .atLeast(1),
      doc: "Passes of the streaming mini-batch algorithm over the training data.",
      effect: "More passes let the extra centers settle (lower msd, per-epoch msd in the log flattens); each costs one read of the data."),
    .int(
      "mini_batch_size", \.miniBatchSize, in: .atLeast(1),
      doc: "Rows per mini-batch: every row of a batch is assigned to its closest center with the centers as they were before the batch, then each center moves to the weighted mean of its old position and its new rows. The first batch (or the first K rows) also seeds the centers.",
      effect: "Larger batches update less often but from more points (smoother, closer to Lloyd); smaller ones adapt faster. DG tuning range 3000–15000."),
    .choice(
      "init_method", \.initMethod,
      doc: "How the K = k × extra_center_factor streaming centers are seeded from the first mini-batch: random picks K distinct rows uniformly; kmeans++ picks the first at random and each next one with probability proportional to its squared distance from the centers chosen so far.",
      effect: "kmeans++ spreads the seeds over the data (fewer centers wasted in one dense region, usually a lower msd after one epoch); random is cheaper."),
    .intOrAuto(
      "extra_center_factor", \.extraCenterFactor, in: .atLeast(1),
      doc: "The streaming pass keeps K = k × extra_center_factor centers, reduced to k at the end by a weighted local Lloyd's. auto = 10 (SageMaker logs 'shrinking 80 centers into 8' for k = 8), lowered so that K does not exceed the training rows.",
      effect: "Higher keeps more, finer centers while streaming, so small or distant clusters survive to the reduction (lower final msd on unbalanced data) at K/k times the cost per pass; 1 skips the reduction."),
    .int(
      "half_life_time_size", \.halfLifeTimeSize, in: .atLeast(0),
      doc: "Decay of old points' weight in the center means: a point's weight halves after this many further points have been seen. 0 = no decay (every point weighs 1 for ever).",
      effect: "Smaller lets centers follow data that drifts over the stream but makes them noisier; 0 suits data in random order."),
    .choice(
      "local_lloyd_init_method", \.localLloydInitMethod,
      doc: "How each trial of the final local Lloyd's picks its k starting centers among the K weighted streaming centers: kmeans++ (greedy, weighted by center weight × squared distance) or random (k distinct centers drawn with probability proportional to their weight).",
      effect: "kmeans++ starts nearer a good solution (fewer iterations, less often a poor local minimum); random needs more trials."),
    .int(
      "local_lloyd_max_iter", \.localLloydMaxIter, in: .atLeast(1),
      doc: "Most Lloyd iterations per trial of the reduction from K to k centers.",
      effect: "Higher lets a trial converge fully; lower stops early (cheaper, possibly a higher msd)."),
    .intOrAuto(
      "local_lloyd_num_trials", \.localLloydNumTrials, in: .atLeast(1),
      doc: "Independent trials of the local Lloyd's; the one with the lowest weighted mean squared distance wins. auto = 10 (SageMaker logs attempts #0 … #9).",
      effect: "More trials make a poor local minimum less likely (lower, steadier final msd) at a small cost: they run on K points, not on the data."),
    .real(
      "local_lloyd_tol", \.localLloydTol, in: .closed(0, 1),
      doc: "A trial stops when an iteration lowers its weighted msd by less than this fraction.",
      effect: "Smaller iterates closer to convergence; 0 runs until nothing moves or local_lloyd_max_iter."),
    .value(
      "eval_metrics", \.evalMetrics, typeName: "JSON list", expected: "a JSON list of msd and/or ssd, e.g. [\"msd\"] or [\"msd\",\"ssd\"]",
      doc: "Metrics reported on the test channel as test:msd / test:ssd (and by sagesim on train): msd = mean squared distance from each row to its closest center, ssd = the sum.",
      effect: "Changes only what is reported, never the model.",
      parse: parseEvalMetrics,
      format: { "[" + $0.map { "\"\($0.rawValue)\"" }.joined(separator: ", ") + "]" }),
    .bool(
      "force_dense", \.forceDense,
      doc: "Hidden SageMaker knob the Python SDK always sends as True. Accepted; sagesim clusters sparse input in sparse form either way (the result is the same).",
      effect: "None in sagesim."),
  ]

  public func crossFieldProblems() -> [HyperparameterError.Problem] { [] }

  /// The extra center factor in effect before the data is seen.
  var requestedFactor: Int { extraCenterFactor.resolved(Self.autoExtraCenterFactor) }
  var trials: Int { localLloydNumTrials.resolved(Self.autoLocalTrials) }
}

/// `["msd"]`, `['msd', 'ssd']`, or a bare `msd`: the names, once each, in the order given.
func parseEvalMetrics(_ text: String) -> [KMeansHyperparameters.EvalMetric]? {
  var body = Substring(text)
  if body.first == "[" {
    guard body.last == "]" else { return nil }
    body = body.dropFirst().dropLast()
  }
  var out: [KMeansHyperparameters.EvalMetric] = []
  for part in body.split(separator: ",", omittingEmptySubsequences: false) {
    let name = part.trimmingCharacters(in: " \t\"'")
    guard let metric = KMeansHyperparameters.EvalMetric(rawValue: name), !out.contains(metric) else { return nil }
    out.append(metric)
  }
  return out.isEmpty ? nil : out
}

extension Substring {
  fileprivate func trimmingCharacters(in set: String) -> String {
    var s = self
    while let c = s.first, set.contains(c) { s.removeFirst() }
    while let c = s.last, set.contains(c) { s.removeLast() }
    return String(s)
  }
}
