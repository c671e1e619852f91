/// Every knob of SageMaker's factorization machines, declared once (spec §7.1).
extension FactorizationMachinesHyperparameters {
  static let taskSpecs: [HyperparameterSpec<Self>] = [
    .int(
      "feature_dim", \.featureDim, in: .atLeast(1), required: true,
      doc: "Number of input features d (one-hot users, items, side features …). Required; every row must fit: a libsvm or sparse RecordIO index ≥ feature_dim, or a CSV/dense row of another width, is refused with its file and line.",
      effect: "Fixed by the data. The model holds d linear weights and d × num_factors factors, so memory and the model file grow with it (training time grows with the non-zeros, not with d)."),
    .int(
      "num_factors", \.numFactors, in: .atLeast(1), required: true,
      doc: "Dimension k of each factor vector vᵢ: the pairwise weight of features i and j is ⟨vᵢ, vⱼ⟩. Required; SageMaker suggests 2–1000, 64 as a start.",
      effect: "Larger can model richer interactions (and overfit; raise factors_wd then); each row costs O(k·nnz). Small k underfits the interactions; the linear part is unaffected."),
    .optionalValue(
      "predictor_type", \.predictorType, typeName: "categorical",
      expected: "one of " + PredictorType.allCases.map(\.rawValue).joined(separator: ", "), required: true,
      aliases: [], doc: "regressor: squared loss ½(ŷ − y)², score ŷ. binary_classifier: logistic loss on σ(ŷ), labels 0 or 1, score σ(ŷ) and predicted_label 1 when score ≥ 0.5. Required.",
      effect: "Fixes the loss, the test metrics (rmse; or accuracy, cross-entropy and F1) and the response shape.",
      parse: { PredictorType(rawValue: $0) }, format: { $0.rawValue }),
    .int(
      "epochs", \.epochs, in: .atLeast(1),
      doc: "Passes over the training data.",
      effect: "More epochs fit the training data more closely (train rmse falls; test rmse falls, then can rise as the factors overfit) and take proportionally longer."),
    .int(
      "mini_batch_size", \.miniBatchSize, in: .atLeast(1),
      doc: "Rows per optimizer step (the gradient is their mean unless rescale_grad is given).",
      effect: "Larger: fewer, smoother steps per epoch (each feature's Adam step is taken once per batch it appears in), so it learns less per epoch; smaller: more, noisier steps."),
  ]

  /// The eight knobs of one term: `<term>_lr`, `_wd`, `_init_method`, `_init_sigma`, `_init_scale`,
  /// `_init_value`.
  static func termSpecs(_ term: String, _ path: HyperparameterSpec<Self>.Path<Term>, what: String) -> [HyperparameterSpec<Self>] {
    let choices = InitMethod.allCases.map(\.rawValue)
    return [
      knob(
        "\(term)_lr", path, \.lr, bounds: .atLeast(0),
        doc: "Adam learning rate η of \(what).",
        effect: "Higher moves \(what) faster (Adam's step per update is about η whatever the gradient's size); too high oscillates or diverges (sagesim stops with an error and writes no model); 0 freezes them at their initial values."),
      knob(
        "\(term)_wd", path, \.wd, bounds: .atLeast(0),
        doc: "Weight decay (L2) λ of \(what): each step adds λ·w to their gradient (MXNet's wd), for the rows present in the mini-batch only.",
        effect: "Higher pulls \(what) toward 0: less overfitting, more bias; 0 turns it off."),
      knob(
        "\(term)_init_method", path, \.initMethod, typeName: "categorical",
        expected: "one of " + choices.joined(separator: ", "), parse: { InitMethod(rawValue: $0) },
        format: { $0.rawValue },
        doc: "Initial values of \(what): normal N(0, \(term)_init_sigma²), uniform U[−\(term)_init_scale, +\(term)_init_scale], or constant \(term)_init_value.",
        effect: "Small random values break the symmetry between factors; constant factors all move alike (every vᵢ keeps equal components), so constant suits the bias and linear terms."),
      knob(
        "\(term)_init_sigma", path, \.initSigma, bounds: .atLeast(0),
        doc: "Standard deviation of the normal initialisation of \(what).",
        effect: "Larger starts further from 0 (noisier first predictions); 0 starts exactly at 0. Used only by the normal method."),
      optionalKnob(
        "\(term)_init_scale", path, \.initScale, bounds: .atLeast(0),
        doc: "Half-width of the uniform initialisation of \(what). SageMaker's default is None: sagesim requires it when \(term)_init_method is uniform.",
        effect: "As \(term)_init_sigma, for the uniform method (U[−s, s] has standard deviation s/√3)."),
      optionalKnob(
        "\(term)_init_value", path, \.initValue, bounds: .any,
        doc: "The value every one of \(what) starts at with the constant method. SageMaker's default is None: sagesim requires it when \(term)_init_method is constant.",
        effect: "Used only by the constant method."),
    ]
  }

  static let optimizerSpecs: [HyperparameterSpec<Self>] = [
    .real(
      "clip_gradient", \.clipGradient, required: false,
      doc: "Clip each gradient component (after rescale_grad and weight decay) to [−c, +c] before the Adam update. Unset or negative: no clipping (MXNet's convention).",
      effect: "Smaller c limits how far one mini-batch can push a weight (a guard against outlier labels and early blow-ups), at the cost of slower progress on large gradients."),
    .real(
      "eps", \.eps, required: false,
      doc: "Adam's ε in w ← w − η·m̂/(√v̂ + ε), which avoids a division by 0. Unset: 1e-8 (MXNet's Adam default).",
      effect: "Larger damps the steps of rarely seen features whose √v̂ is tiny (Adam then behaves more like SGD with rate η/ε); smaller lets every feature take steps of about η."),
    .real(
      "rescale_grad", \.rescaleGrad, required: false,
      doc: "Multiplies the summed mini-batch gradient before the update. Unset: 1/(rows in the batch), the mean gradient (what MXNet's Module passes).",
      effect: "Scales the gradient (and so its balance against weight decay); Adam's step size itself hardly changes, since it divides by the gradient's scale."),
  ]
}

/// Builders for a knob stored inside one of the three `Term`s (`bias.lr` is `bias_lr`).
extension FactorizationMachinesHyperparameters {
  typealias TermPath = HyperparameterSpec<Self>.Path<Term>

  static func knob(
    _ name: String, _ term: TermPath, _ field: WritableKeyPath<Term, Double> & Sendable, bounds: Bounds,
    doc: String, effect: String
  ) -> HyperparameterSpec<Self> {
    knob(name, term, field, typeName: "float", expected: realExpectation(bounds),
         parse: { parseReal($0, bounds) }, format: formatReal, doc: doc, effect: effect)
  }

  static func knob<V>(
    _ name: String, _ term: TermPath, _ field: WritableKeyPath<Term, V> & Sendable, typeName: String,
    expected: String, parse: @escaping @Sendable (String) -> V?, format: @escaping @Sendable (V) -> String,
    doc: String, effect: String
  ) -> HyperparameterSpec<Self> {
    HyperparameterSpec(
      name: name, typeName: typeName, validValues: expected, doc: doc, effect: effect,
      assign: { owner, text in
        guard let v = parse(text) else { return expected }
        owner[keyPath: term][keyPath: field] = v
        return nil
      },
      render: { format($0[keyPath: term][keyPath: field]) })
  }

  static func optionalKnob(
    _ name: String, _ term: TermPath, _ field: WritableKeyPath<Term, Double?> & Sendable, bounds: Bounds,
    doc: String, effect: String
  ) -> HyperparameterSpec<Self> {
    let expected = realExpectation(bounds)
    return HyperparameterSpec(
      name: name, typeName: "float", validValues: expected, doc: doc, effect: effect,
      assign: { owner, text in
        guard let v = parseReal(text, bounds) else { return expected }
        owner[keyPath: term][keyPath: field] = v
        return nil
      },
      render: { $0[keyPath: term][keyPath: field].map(formatReal) })
  }
}
