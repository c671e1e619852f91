/// Which walkthrough under `Examples/` shows each knob at work (for `sagesim explain`).
/// `*` as the algorithm matches any (sagesim preprocessing options).
public enum KnobExamples {
  public static let table: [(algorithm: String, knob: String, example: String)] = [
    ("*", "polynomial_degree", "Examples/polynomial-overfitting"),
    ("*", "polynomial_basis", "Examples/polynomial-overfitting"),
    ("linear-learner", "l1", "Examples/l1-vs-l2"),
    ("linear-learner", "wd", "Examples/wd-rescue"),
    ("linear-learner", "epochs", "Examples/learning-curves"),
    ("linear-learner", "early_stopping_patience", "Examples/learning-curves"),
    ("linear-learner", "positive_example_weight_mult", "Examples/class-imbalance"),
    ("linear-learner", "binary_classifier_model_selection_criteria", "Examples/threshold-selection"),
    ("linear-learner", "target_recall", "Examples/threshold-selection"),
    ("linear-learner", "target_precision", "Examples/threshold-selection"),
    ("pca", "num_components", "Examples/pca-explained-variance"),
    ("pca", "algorithm_mode", "Examples/pca-explained-variance"),
    ("kmeans", "k", "Examples/kmeans-elbow"),
    ("kmeans", "extra_center_factor", "Examples/kmeans-extra-centers"),
    ("kmeans", "local_lloyd_num_trials", "Examples/kmeans-extra-centers"),
    ("kmeans", "local_lloyd_init_method", "Examples/kmeans-extra-centers"),
    ("xgboost", "max_depth", "Examples/xgboost-overfitting"),
    ("xgboost", "min_child_weight", "Examples/xgboost-overfitting"),
    ("xgboost", "eta", "Examples/xgboost-eta-early-stopping"),
    ("xgboost", "num_round", "Examples/xgboost-eta-early-stopping"),
    ("xgboost", "early_stopping_rounds", "Examples/xgboost-eta-early-stopping"),
    ("xgboost", "scale_pos_weight", "Examples/xgboost-scale-pos-weight"),
    ("xgboost", "tree_method", "Examples/xgboost-hist-vs-exact"),
    ("xgboost", "max_bin", "Examples/xgboost-hist-vs-exact"),
    ("factorization-machines", "num_factors", "Examples/fm-num-factors"),
    ("factorization-machines", "factors_wd", "Examples/fm-num-factors"),
  ]

  /// The example for `knob` of `algorithm`, if one demonstrates it.
  public static func example(algorithm: String, knob: String) -> String? {
    table.first { ($0.algorithm == algorithm || $0.algorithm == "*") && $0.knob == knob }?.example
  }
}
