/// Every knob of SageMaker's linear learner, declared once (spec §4.1). Values marked "sagesim's
/// choice" are `auto` rules SageMaker does not document; the README lists them.
extension LinearLearnerHyperparameters {
  static let taskSpecs: [HyperparameterSpec<Self>] = [
    .optionalValue(
      "predictor_type", \.predictorType, typeName: "categorical",
      expected: "one of " + PredictorType.allCases.map(\.rawValue).joined(separator: ", "), required: true,
      aliases: [], doc: "The task: regressor (a number), binary_classifier (labels 0/1) or multiclass_classifier (labels 0 … num_classes−1). Required.",
      effect: "Fixes the loss family, the metrics and the response shape (score only, or score and predicted_label).",
      parse: { PredictorType(rawValue: $0) }, format: { $0.rawValue }),
    .int(
      "num_classes", \.numClasses, in: .closed(3, 1_000_000), required: false,
      doc: "Number of classes of a multiclass_classifier (required then); labels must be 0 … num_classes−1.",
      effect: "Each class gets its own weight vector, so the model has num_classes × feature_dim weights; ignored by the other predictor types."),
    .intOrAuto(
      "feature_dim", \.featureDim, in: .atLeast(1),
      doc: "Number of features per row; auto takes it from the data. When given, every row must have exactly this many.",
      effect: "Fixed by the data: a mismatch is refused with the file and line."),
    .choice(
      "loss", \.loss,
      doc: "The loss minimised. auto: squared_loss (regressor), logistic (binary), softmax_loss (multiclass). Regressor: squared_loss ½(z−y)², absolute_loss |z−y|, eps_insensitive_squared_loss ½max(|z−y|−ε,0)², eps_insensitive_absolute_loss max(|z−y|−ε,0), quantile_loss (pinball at quantile), huber_loss. Binary: logistic (cross-entropy of σ(z)), hinge_loss max(0, margin − s·z), s = ±1. Multiclass: softmax_loss.",
      effect: "squared_loss fits the conditional mean and is pulled by outliers; absolute_loss and huber_loss resist outliers; quantile_loss fits a quantile; the eps-insensitive losses ignore errors below loss_insensitivity. hinge_loss gives a max-margin classifier whose score is not a probability."),
    .real(
      "margin", \.margin, in: .atLeast(0),
      doc: "The margin m of hinge_loss: rows scored with the right sign but |z| < m still pay m − |z|.",
      effect: "Larger asks for a wider separation between the classes (more rows pay a loss); 0 only penalises wrong signs. Used only by hinge_loss."),
    .real(
      "quantile", \.quantile, in: .open(0, 1),
      doc: "The quantile τ of quantile_loss: under-predictions cost τ per unit, over-predictions 1−τ.",
      effect: "Higher fits an upper quantile (predictions rise), lower a lower one; 0.5 fits the median. Used only by quantile_loss."),
    .real(
      "loss_insensitivity", \.lossInsensitivity, in: .greaterThan(0),
      doc: "The ε of the eps-insensitive losses: errors smaller than ε cost nothing.",
      effect: "Larger ignores more small errors (a flatter, more robust fit, fewer rows move the weights); smaller approaches squared or absolute loss. Used only by the eps_insensitive losses."),
    .real(
      "huber_delta", \.huberDelta, in: .atLeast(0),
      doc: "The δ of huber_loss: squared for errors up to δ, linear (slope δ) beyond.",
      effect: "Larger behaves like squared_loss, smaller like absolute_loss (more robust to outliers). Used only by huber_loss; in normalised label units when normalize_label is on."),
    .int(
      "mini_batch_size", \.miniBatchSize, in: .atLeast(1),
      doc: "Rows per gradient step. The SDK sends min(1000, rows per instance).",
      effect: "Larger gives smoother, fewer steps per epoch (and more work per BLAS call: faster per row); smaller gives more, noisier steps that can converge in fewer epochs."),
    .int(
      "epochs", \.epochs, in: .atLeast(1),
      doc: "Maximum passes over the training data (early stopping may end sooner).",
      effect: "More epochs fit the training data more closely and take proportionally longer."),
    .intOrAuto(
      "num_models", \.numModels, in: .atLeast(1),
      doc: "Models trained side by side in the same pass (one GEMM of each mini-batch against all their weights), each with its own learning_rate, wd, l1 and schedule; the best on validation (else training) data is kept. auto = 32 (the count seen in SageMaker's logs; sagesim's choice for regression too). Model 0 uses exactly the given values (auto values resolved as documented); models 1… draw each auto knob log-uniformly over a wide range and each given non-zero value within a factor √10 of it (sagesim's choice: SageMaker does not document its sampling). AMT forces 1.",
      effect: "More models search more settings in one pass at a cost that grows slower than linearly; 1 trains exactly the given settings."),
  ]

  static let optimizerSpecs: [HyperparameterSpec<Self>] = [
    .choice(
      "optimizer", \.optimizer,
      doc: "sgd (with momentum), adam or rmsprop; auto = adam. Every optimizer's step is followed by the L1 proximal step.",
      effect: "adam adapts each weight's step to its gradient history and is the robust default; sgd is the simplest and needs a tuned learning_rate; rmsprop adapts like adam without momentum."),
    .realOrAuto(
      "learning_rate", \.learningRate, in: .greaterThan(0),
      doc: "Step size η. auto = 0.1 for adam and sgd, 0.01 for rmsprop (the round values of a logged SageMaker default run; sagesim's choice).",
      effect: "Higher learns faster but can oscillate or diverge (sagesim stops with an error and never writes a NaN model); lower is stabler and slower."),
    .realOrAuto(
      "wd", \.wd, in: .atLeast(0),
      doc: "L2 penalty λ₂: the objective adds ½λ₂‖w‖² (weights in normalised units), i.e. each step adds λ₂·w to the gradient. auto = 0.0001 (logged SageMaker default). With squared_loss this is ridge regression with α = n·λ₂ on the standardised data (sklearn's Ridge minimises ‖y − Xw‖² + α‖w‖², and ½·mean(r²) + ½λ₂‖w‖² = (‖r‖² + nλ₂‖w‖²)/2n).",
      effect: "Higher shrinks all weights toward zero (less variance, more bias) but never makes them exactly zero; 0 turns it off."),
    .realOrAuto(
      "l1", \.l1, in: .atLeast(0),
      doc: "L1 penalty λ₁: the objective adds λ₁‖w‖₁, applied by soft thresholding after each step (w ← sign(w)·max(|w| − τλ₁, 0), τ the step size), so weights become exactly zero. auto = 0 (logged SageMaker default). The bias is never L1-penalised.",
      effect: "Higher zeroes more weights (a sparser model that selects features); 0 turns it off."),
    .realOrAuto(
      "momentum", \.momentum, in: .closedOpen(0, 1),
      doc: "Momentum μ of sgd: v ← μv − ηg, w ← w + v. auto = 0 (MXNet's SGD default). Ignored by adam and rmsprop.",
      effect: "Higher smooths and speeds up progress along consistent directions (effective step η/(1−μ)) but can overshoot."),
    .realOrAuto(
      "beta_1", \.beta1, in: .closedOpen(0, 1),
      doc: "Adam's decay of the gradient average. auto = 0.9. Ignored by sgd and rmsprop.",
      effect: "Higher averages over more steps (smoother, slower to react)."),
    .realOrAuto(
      "beta_2", \.beta2, in: .closedOpen(0, 1),
      doc: "Adam's decay of the squared-gradient average. auto = 0.999. Ignored by sgd and rmsprop (whose decay is 0.9).",
      effect: "Higher gives steadier per-weight step sizes; lower adapts faster to changing gradient scales."),
    .realOrAuto(
      "bias_lr_mult", \.biasLrMult, in: .greaterThan(0),
      doc: "The bias's learning rate is learning_rate × bias_lr_mult. auto = 1 (sagesim's choice).",
      effect: "Higher lets the intercept move faster than the weights (useful with imbalanced classes or an uncentred label)."),
    .realOrAuto(
      "bias_wd_mult", \.biasWdMult, in: .atLeast(0),
      doc: "The bias's L2 penalty is wd × bias_wd_mult. auto = 0: the bias is not regularised.",
      effect: "Higher pulls the intercept toward zero."),
    .bool(
      "use_lr_scheduler", \.useLrScheduler,
      doc: "Decay the learning rate stepwise: every lr_scheduler_step updates, η ← max(η·lr_scheduler_factor, lr_scheduler_minimum_lr).",
      effect: "true lets training settle (smaller late steps); false keeps η constant."),
    .intOrAuto(
      "lr_scheduler_step", \.lrSchedulerStep, in: .atLeast(1),
      doc: "Updates (mini-batches) between two decays. auto = 100 (logged SageMaker default).",
      effect: "Smaller decays sooner and faster."),
    .realOrAuto(
      "lr_scheduler_factor", \.lrSchedulerFactor, in: .open(0, 1),
      doc: "Multiplier applied at each decay. auto = 0.99 (logged SageMaker default).",
      effect: "Smaller decays more sharply."),
    .realOrAuto(
      "lr_scheduler_minimum_lr", \.lrSchedulerMinimumLr, in: .greaterThan(0),
      doc: "Floor of the decayed learning rate. auto = 0.00001 (logged SageMaker default).",
      effect: "Higher keeps late steps larger."),
  ]
}
