/// Evaluation, data and compatibility keys of SageMaker XGBoost 1.7-1 (spec §3.1).
extension XGBoostHyperparameters {
  static let evaluationSpecs: [HyperparameterSpec<Self>] = [
    .optionalValue(
      "eval_metric", \.evalMetric, typeName: "list", expected: "a comma-separated list of " + EvalMetric.simulatedNames,
      required: false, aliases: [],
      doc: "Metrics printed each round for train and validation, in order; the last one drives early stopping. Default: the objective's (rmse for reg:squarederror and reg:logistic, logloss for binary:logistic/logitraw, error for binary:hinge, mlogloss for multi:*, mae, mphe, rmsle, poisson-nloglik, gamma-nloglik, tweedie-nloglik@ρ for the others). error@t counts a probability > t as positive.",
      effect: "Changes what is reported and, through the last one, when early stopping stops; never the trees themselves.",
      parse: parseMetricList, format: { $0.joined(separator: ",") }),
    .int(
      "early_stopping_rounds", \.earlyStoppingRounds, in: .atLeast(1), required: false,
      doc: "Stop when the last eval_metric on the validation channel has not improved for this many rounds; the model keeps the trees up to the best round. Needs a validation channel.",
      effect: "Smaller stops sooner (risking an early stop on a plateau); larger waits longer. Unset trains all num_round rounds."),
    .optionalValue(
      "_tuning_objective_metric", \.tuningObjectiveMetric, typeName: "categorical",
      expected: "validation:<metric> with a metric of eval_metric", required: false, aliases: [],
      doc: "Set by automatic model tuning: the metric it optimises, added to the evaluated metrics and used for early stopping.",
      effect: "Normally set by SageMaker, not by hand.",
      parse: { EvalMetric(name: $0.hasPrefix("validation:") ? String($0.dropFirst(11)) : $0) == nil ? nil : $0 },
      format: { $0 }),
    .int(
      "csv_weights", \.csvWeights, in: .closed(0, 1),
      doc: "1: in text/csv input the column after the label holds each row's instance weight (label, weight, features…).",
      effect: "Weighted rows count that many times in gradients, hessians, bin edges and metrics."),
    .int(
      "seed", \.seed, in: .open(-2_147_483_648, 2_147_483_647), required: false,
      doc: "Seed of subsample and colsample draws; unset, the CLI's --seed is used.",
      effect: "Another seed draws other rows and columns (no effect when nothing is sampled)."),
    .int(
      "nthread", \.nthread, in: .atLeast(1), required: false,
      doc: "Threads. sagesim always splits work into fixed chunks on all cores, so the model never depends on it.",
      effect: "No effect in sagesim."),
    .int(
      "verbosity", \.verbosity, in: .closed(0, 3),
      doc: "XGBoost's log level (0 silent … 3 debug). The per-round metric lines are always printed, as in SageMaker.",
      effect: "No effect on the model."),
  ]

  static let compatibilitySpecs: [HyperparameterSpec<Self>] = [
    .real("sketch_eps", \.sketchEps, in: .open(0, 1), doc: "Legacy approx sketch accuracy; hist uses max_bin instead.", effect: "No effect in sagesim."),
    .optionalValue(
      "updater", \.updater, typeName: "list", expected: "a comma-separated list of " + updaterNames.joined(separator: ", "),
      required: false, aliases: [], doc: "Advanced: the sequence of tree updaters. sagesim derives it from tree_method.",
      effect: "No effect in sagesim.",
      parse: { text in
        let names = text.split(separator: ",").map { String($0).trimmingWhitespace() }
        return names.isEmpty || names.contains { !updaterNames.contains($0) } ? nil : names
      }, format: { $0.joined(separator: ",") }),
    .choice("process_type", \.processType, doc: "default builds new trees; update (refresh an existing model) is refused.", effect: "Only default is simulated."),
    .int("refresh_leaf", \.refreshLeaf, in: .closed(0, 1), doc: "For process_type=update's refresh updater.", effect: "No effect in sagesim."),
    .optionalValue(
      "dsplit", \.dsplit, typeName: "categorical", expected: "one of row, col", required: false, aliases: [],
      doc: "Legacy distributed split mode.", effect: "No effect in sagesim (one host).",
      parse: { DSplit(rawValue: $0) }, format: { $0.rawValue }),
    .choice("predictor", \.predictor, doc: "Prediction backend.", effect: "No effect in sagesim (CPU)."),
    .choice("sample_type", \.sampleType, doc: "dart: drop sampling.", effect: "No effect (dart is not simulated)."),
    .choice("normalize_type", \.normalizeType, doc: "dart: normalisation.", effect: "No effect (dart is not simulated)."),
    .real("rate_drop", \.rateDrop, in: .closed(0, 1), doc: "dart: dropout rate.", effect: "No effect (dart is not simulated)."),
    .int("one_drop", \.oneDrop, in: .closed(0, 1), doc: "dart: always drop at least one tree.", effect: "No effect (dart is not simulated)."),
    .real("skip_drop", \.skipDrop, in: .closed(0, 1), doc: "dart: probability of skipping dropout.", effect: "No effect (dart is not simulated)."),
    .real("lambda_bias", \.lambdaBias, in: .closed(0, 1), doc: "gblinear: L2 on the bias (legacy).", effect: "No effect (gblinear is not simulated)."),
    .choice("aft_loss_distribution", \.aftLossDistribution, doc: "survival:aft distribution.", effect: "No effect (survival:aft is not simulated)."),
    .real("aft_loss_distribution_scale", \.aftLossDistributionScale, in: .atLeast(0), doc: "survival:aft scale.", effect: "No effect (survival:aft is not simulated)."),
    .choice("deterministic_histogram", \.deterministicHistogram, doc: "GPU histograms built deterministically. sagesim's are always deterministic (fixed chunks, ordered sums).", effect: "No effect in sagesim."),
    .int("prob_buffer_row", \.probBufferRow, in: .greaterThan(1), required: false, doc: "Legacy GPU external-memory parameter.", effect: "No effect in sagesim."),
    .choice("save_model_on_termination", \.saveModelOnTermination, doc: "Save an intermediate model on SIGTERM.", effect: "No effect in sagesim."),
    .choice("use_dask_gpu_training", \.useDaskGPUTraining, doc: "Container switch for multi-GPU Dask training.", effect: "No effect in sagesim."),
    .int("_kfold", \.kfold, in: .atLeast(2), required: false, doc: "Hidden: k-fold cross-validation over train and validation. Refused: not simulated.", effect: "Not simulated."),
    .int("_num_cv_round", \.numCVRound, in: .atLeast(1), doc: "Hidden: repeats of k-fold.", effect: "No effect (k-fold is not simulated)."),
  ]
}

/// `rmse,auc,error@0.7` → the names, each a metric sagesim computes; nil if any is not.
func parseMetricList(_ text: String) -> [String]? {
  let names = text.split(separator: ",").map { String($0).trimmingWhitespace() }
  guard !names.isEmpty, names.allSatisfy({ EvalMetric(name: $0) != nil }) else { return nil }
  return names
}
