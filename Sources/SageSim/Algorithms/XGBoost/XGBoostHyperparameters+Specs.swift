/// Every key SageMaker XGBoost 1.7-1 accepts, declared once (spec §3.1). Ranges are the
/// container's; defaults are the developer guide's or, where it is silent, XGBoost 1.7.4's.
extension XGBoostHyperparameters {
  static let boostingSpecs: [HyperparameterSpec<Self>] = [
    .int(
      "num_round", \.numRound, in: .atLeast(1), required: true,
      doc: "Boosting rounds: one tree per round (num_class trees for multi: objectives). Early stopping may end sooner.",
      effect: "More rounds fit the training data ever closer; with a small eta you need more of them. Too many overfit: watch the validation metric, or set early_stopping_rounds."),
    .int(
      "num_class", \.numClass, in: .atLeast(2), required: false,
      doc: "Number of classes, required for multi:softmax and multi:softprob (labels 0 … num_class−1); refused for other objectives.",
      effect: "Each round grows one tree per class, so time and model size grow linearly with it."),
    .choice(
      "objective", \.objective,
      doc: "The loss whose gradient g and hessian h each tree fits: reg:squarederror ½(p−y)², reg:logistic and binary:logistic (cross-entropy of σ(p)), binary:logitraw (same, scores are margins), binary:hinge, reg:absoluteerror (leaves refit to the median residual), reg:pseudohubererror, reg:squaredlogerror, count:poisson, reg:gamma, reg:tweedie (log link), multi:softmax / multi:softprob (softmax over num_class margins). reg:linear is the old name of reg:squarederror. rank:* and survival:* are not simulated.",
      effect: "Fixes the label domain, the default eval_metric and what predict returns (value, probability, class index or probability vector)."),
    .real(
      "eta", \.eta, in: .closed(0, 1), aliases: ["learning_rate"],
      doc: "Shrinkage: each new tree's leaf values are multiplied by eta before they are added.",
      effect: "Lower learns more slowly and generalises better, needing more rounds (pair it with early stopping); higher fits in fewer rounds and overfits sooner."),
    .real(
      "base_score", \.baseScore, in: .atLeast(0), required: false,
      doc: "The initial prediction of every row, in the objective's output space (a probability for logistic objectives, a mean for log-link ones); trees add to its margin. Unset: 0.5, except reg:absoluteerror, which starts from the weighted median label (XGBoost 1.7).",
      effect: "Only shifts the start: a value near the label mean saves the first rounds the work of finding it."),
    .choice(
      "booster", \.booster,
      doc: "The base learner. sagesim simulates gbtree only; gblinear and dart are refused.",
      effect: "gbtree is the tree ensemble this page is about."),
    .int(
      "num_parallel_tree", \.numParallelTree, in: .atLeast(1),
      doc: "Trees grown per round (and per class) on the same gradients, their leaves added: with subsample and colsample below 1 this is a boosted random forest.",
      effect: "More trees per round average out the sampling noise and multiply the time per round."),
  ]

  static let treeSpecs: [HyperparameterSpec<Self>] = [
    .choice(
      "tree_method", \.treeMethod,
      doc: "hist: features binned once into at most max_bin quantile bins, splits found from per-node gradient histograms. exact: every split between sorted distinct values. auto, approx and gpu_hist run as hist in sagesim (XGBoost ≥ 2 also resolves auto to hist).",
      effect: "exact considers every threshold and is slower on large data; hist is much faster and usually as accurate with 256 bins."),
    .choice(
      "grow_policy", \.growPolicy,
      doc: "depthwise splits every node of a level before the next (bounded by max_depth); lossguide always splits the leaf with the largest gain next (bounded by max_leaves and max_depth). hist only.",
      effect: "lossguide grows unbalanced trees that spend leaves where the gain is, like LightGBM; depthwise grows balanced ones."),
    .int(
      "max_depth", \.maxDepth, in: .atLeast(0),
      doc: "Maximum depth of a tree (the root is depth 0). 0 means no limit, which only lossguide accepts.",
      effect: "Deeper trees model more feature interactions and overfit sooner; shallower ones are more biased and more robust."),
    .int(
      "max_leaves", \.maxLeaves, in: .atLeast(0),
      doc: "Maximum number of leaves per tree for lossguide (0 = no limit). Ignored by depthwise growth.",
      effect: "More leaves fit more detail; fewer regularise."),
    .int(
      "max_bin", \.maxBin, in: .closed(2, 65_535),
      doc: "Maximum number of histogram bins per feature (hist). Bin edges are weighted quantiles of each feature on the training data; features with fewer distinct values get one bin per value.",
      effect: "More bins come closer to exact splits and cost time and memory; fewer bins are faster and smoother."),
    .real(
      "gamma", \.gamma, in: .atLeast(0), aliases: ["min_split_loss"],
      doc: "Minimum loss reduction a split must bring: a split whose gain G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ) (XGBoost's loss_chg, without the paper's ½) falls below gamma is not made.",
      effect: "Higher prunes weak splits (smaller, more conservative trees); 0 splits whenever anything is gained."),
    .real(
      "min_child_weight", \.minChildWeight, in: .atLeast(0),
      doc: "Minimum sum of hessians (instance weight, for squared error the row count) in each child of a split.",
      effect: "Higher forbids leaves fitted to few rows (more conservative); lower lets trees chase single rows and overfit."),
    .real(
      "max_delta_step", \.maxDeltaStep, in: .atLeast(0),
      doc: "Caps the absolute value of each leaf's raw output before eta (0 = no cap). Helps logistic regression on very imbalanced classes.",
      effect: "A small cap makes each update more conservative; 0 leaves leaves uncapped."),
    .real(
      "lambda", \.lambda, in: .atLeast(0), aliases: ["reg_lambda"],
      doc: "L2 penalty on leaf weights: a leaf's weight is −G/(H+λ).",
      effect: "Higher shrinks leaf values and lowers split gains (more conservative); 0 removes the shrinkage."),
    .real(
      "alpha", \.alpha, in: .atLeast(0), aliases: ["reg_alpha"],
      doc: "L1 penalty on leaf weights: a leaf's weight is −sign(G)·max(|G|−α, 0)/(H+λ).",
      effect: "Higher sets leaves with small gradient sums exactly to zero and prunes splits; 0 turns it off."),
    .real(
      "subsample", \.subsample, in: .openClosed(0, 1),
      doc: "Fraction of training rows each tree sees, drawn anew (Bernoulli per row) every round.",
      effect: "Below 1 adds randomness that reduces overfitting, at some bias; 0.5–0.8 is common."),
    .real(
      "colsample_bytree", \.colsampleByTree, in: .openClosed(0, 1),
      doc: "Fraction of features drawn for each tree.",
      effect: "Lower decorrelates trees and speeds training; too low starves trees of the useful features."),
    .real(
      "colsample_bylevel", \.colsampleByLevel, in: .openClosed(0, 1),
      doc: "Fraction of the tree's features drawn again for each depth level.",
      effect: "As colsample_bytree, per level; the three colsample_* ratios multiply."),
    .real(
      "colsample_bynode", \.colsampleByNode, in: .openClosed(0, 1),
      doc: "Fraction of the level's features drawn again for each split.",
      effect: "As colsample_bytree, per node; the most random of the three."),
    .real(
      "scale_pos_weight", \.scalePosWeight, in: .greaterThan(0),
      doc: "Weight multiplying the gradient and hessian of positive rows (label 1) in logistic objectives; typically Σnegative/Σpositive.",
      effect: "Higher pushes predictions toward the positive class (better recall and AUC on imbalanced data; probabilities are no longer calibrated)."),
    .real(
      "tweedie_variance_power", \.tweedieVariancePower, in: .open(1, 2),
      doc: "The variance power ρ of reg:tweedie (Var ∝ μ^ρ).",
      effect: "Nearer 1 behaves like Poisson, nearer 2 like gamma."),
    .optionalValue(
      "monotone_constraints", \.monotoneConstraints, typeName: "tuple", expected: "a tuple of -1, 0, 1 like (0,1)",
      required: false, aliases: [],
      doc: "Per-feature monotonicity. sagesim accepts only all-zero constraints (none).",
      effect: "Non-zero constraints are refused: not simulated.", parse: parseConstraints, format: formatConstraints),
    .optionalValue(
      "interaction_constraints", \.interactionConstraints, typeName: "nested list",
      expected: "a nested list of feature indices like [[0,1],[2]]", required: false, aliases: [],
      doc: "Groups of features allowed to interact. Accepted and not applied by sagesim (logged).",
      effect: "In XGBoost, restricts which features may appear on one path.",
      parse: { $0.hasPrefix("[") && $0.hasSuffix("]") ? $0 : nil }, format: { $0 }),
    .choice(
      "sampling_method", \.samplingMethod,
      doc: "Row sampling for subsample: uniform. gradient_based needs a GPU and is refused.",
      effect: "uniform draws each row with probability subsample."),
  ]
}

/// `(0,1,-1)` or `[0,1,-1]` → [0, 1, -1]; nil when any element is not −1, 0 or 1.
func parseConstraints(_ text: String) -> [Int]? {
  let inner = text.filter { !"()[] ".contains($0) }
  if inner.isEmpty { return [] }
  var out: [Int] = []
  for part in inner.split(separator: ",", omittingEmptySubsequences: false) {
    guard let v = Int(part), (-1...1).contains(v) else { return nil }
    out.append(v)
  }
  return out
}

func formatConstraints(_ value: [Int]) -> String {
  "(" + value.map(String.init).joined(separator: ",") + ")"
}
