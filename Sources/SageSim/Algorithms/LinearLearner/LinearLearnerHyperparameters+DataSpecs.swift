/// The data-handling, initialisation, early-stopping and model-selection knobs (spec §4.1).
extension LinearLearnerHyperparameters {
  static let dataSpecs: [HyperparameterSpec<Self>] = [
    .choice(
      "init_method", \.initMethod,
      doc: "Distribution of the initial weights: uniform on [−init_scale, init_scale] or normal with standard deviation init_sigma.",
      effect: "Matters little for a convex loss; it changes where training starts and so the path early stopping cuts."),
    .real(
      "init_scale", \.initScale, in: .greaterThan(0),
      doc: "Half-width of the uniform initial weights (init_method=uniform).",
      effect: "Larger starts further from zero."),
    .real(
      "init_sigma", \.initSigma, in: .greaterThan(0),
      doc: "Standard deviation of the normal initial weights (init_method=normal).",
      effect: "Larger starts further from zero."),
    .real(
      "init_bias", \.initBias,
      doc: "Initial value of the bias (in normalised label units for a regressor with normalize_label).",
      effect: "A good guess (e.g. the log-odds of the positive rate) saves early steps."),
    .bool(
      "use_bias", \.useBias,
      doc: "Fit an intercept b in z = x·w + b.",
      effect: "false forces the fit through the origin (of the centred data when unbias_data is on)."),
    .choice(
      "normalize_data", \.normalizeData,
      doc: "Divide each feature by its standard deviation (population, from the first num_point_for_scaler training rows) before training; the model folds the scaling back so it predicts on raw features. auto = true. A constant feature is left unscaled.",
      effect: "true makes one learning rate and one penalty fit every feature whatever its units (strongly recommended); false penalises features by their raw scale."),
    .choice(
      "normalize_label", \.normalizeLabel,
      doc: "Divide a regressor's label by its standard deviation (from the scaler sample) while training. auto = true for regressor; classifiers never scale labels.",
      effect: "true makes learning_rate, wd and huber_delta independent of the label's units."),
    .choice(
      "unbias_data", \.unbiasData,
      doc: "Subtract each feature's mean (from the scaler sample) before training; folded back into the bias afterwards. auto = true when use_bias is true.",
      effect: "true decouples the bias from the weights, so training converges faster."),
    .choice(
      "unbias_label", \.unbiasLabel,
      doc: "Subtract a regressor's label mean (from the scaler sample) while training. auto = true for a regressor with use_bias.",
      effect: "true lets the bias start at the mean instead of learning it."),
    .int(
      "num_point_for_scaler", \.numPointForScaler, in: .atLeast(1),
      doc: "Rows used to compute the normalisation and unbiasing statistics (and the class counts behind `balanced` weights): the first ones of the training channel (sagesim's choice; SageMaker samples).",
      effect: "More rows give more exact statistics at the cost of a longer first read."),
    .value(
      "positive_example_weight_mult", \.positiveExampleWeightMult, typeName: "float, auto or balanced",
      expected: "'auto', 'balanced' or a number in (0, ∞)",
      doc: "Weight of positive rows in a binary classifier's loss (negatives weigh 1). balanced = negatives/positives in the scaler sample, so both classes weigh the same in total. auto: model 0 uses balanced and the other parallel models draw a weight log-uniformly between 1 and balanced (sagesim's choice).",
      effect: "Higher trades precision for recall (more rows predicted positive); use balanced for rare positives.",
      parse: parsePositiveWeight,
      format: { w in
        switch w {
        case .value(let v): return formatReal(v)
        case .auto: return "auto"
        case .balanced: return "balanced"
        }
      }),
    .bool(
      "balance_multiclass_weights", \.balanceMulticlassWeights,
      doc: "Weight each row of class c by n/(K·n_c) (counts from the scaler sample), so every class weighs the same in total (multiclass).",
      effect: "true helps rare classes (higher macro recall) at some cost in overall accuracy."),
  ]

  static let selectionSpecs: [HyperparameterSpec<Self>] = [
    .int(
      "early_stopping_patience", \.earlyStoppingPatience, in: .atLeast(1),
      doc: "Stop after this many epochs in which no model's validation objective improved by more than early_stopping_tolerance (relative). Only with a validation channel; each model keeps the weights of its best epoch.",
      effect: "Higher waits longer for a late improvement; set it above epochs to disable."),
    .real(
      "early_stopping_tolerance", \.earlyStoppingTolerance, in: .greaterThan(0),
      doc: "Relative improvement (best − current)/|best| below which an epoch counts as no improvement.",
      effect: "Higher stops sooner."),
    .choice(
      "binary_classifier_model_selection_criteria", \.selectionCriterion,
      doc: "How a binary classifier's threshold and best parallel model are chosen on validation data (else the training data): accuracy, f_beta, precision_at_target_recall, recall_at_target_precision, or loss_function (lowest loss, threshold 0.5 for logistic and 0 for hinge). The older f1 and cross_entropy_loss mean f_beta with β=1 and loss_function.",
      effect: "Picks the operating point: accuracy for balanced costs, f_beta to weigh recall β times as much as precision, the target criteria to hold one of them fixed."),
    .real(
      "target_precision", \.targetPrecision, in: .open(0, 1),
      doc: "The precision to hold with recall_at_target_precision: the threshold with the highest recall whose precision is at least this.",
      effect: "Higher raises the threshold (fewer, surer positives)."),
    .real(
      "target_recall", \.targetRecall, in: .open(0, 1),
      doc: "The recall to hold with precision_at_target_recall: the threshold with the highest precision whose recall is at least this.",
      effect: "Higher lowers the threshold (more positives found, more false alarms)."),
    .real(
      "f_beta", \.fBeta, in: .greaterThan(0),
      doc: "β of the F-score reported (binary_f_β) and of the f_beta criterion.",
      effect: "Above 1 values recall more, below 1 precision more."),
    .intOrAuto(
      "num_calibration_samples", \.numCalibrationSamples, in: .atLeast(1),
      doc: "Rows (the first of the validation channel, else of the training channel) on which the threshold is calibrated and the best model chosen. auto = 10,000,000 (the container's default).",
      effect: "More rows give a steadier threshold at the cost of memory (one score per row and model)."),
    .int(
      "accuracy_top_k", \.accuracyTopK, in: .closed(1, 1_000_000),
      doc: "k of the multiclass_top_k_accuracy metric (multiclass).",
      effect: "Higher counts a row as right when its class is among more of the top-scored classes."),
  ]
}

/// `positive_example_weight_mult`: a positive number, `auto` or `balanced`.
func parsePositiveWeight(_ text: String) -> LinearLearnerHyperparameters.PositiveWeight? {
  switch text {
  case "auto": return .auto
  case "balanced": return .balanced
  default: return parseReal(text, .greaterThan(0)).map { .value($0) }
  }
}
