import Foundation

/// The HTML report of one training: the hyperparameters in effect with what each does, the
/// final metrics, the learning curve and the pictures of the model.
public enum TrainReport {
  public static func html(
    entry: AlgorithmEntry, model: Data, preprocessing: Preprocessing, metrics: [(name: String, value: Double)],
    figures: [ModelPictures.Figure]
  ) -> String {
    var page = HTMLReport(title: "sagesim train: \(entry.name)")
    page.paragraph(entry.summary)
    struct Envelope: Decodable { let hyperparameters: [String: String]; let feature_dim: Int }
    let envelope = try? JSONDecoder().decode(Envelope.self, from: model)
    page.heading("Hyperparameters in effect")
    let values = envelope?.hyperparameters ?? [:]
    page.table(header: ["name", "value", "default", "what it does"], rows: entry.documentation.compactMap { doc in
      guard let v = values[doc.name] else { return nil }
      return [doc.name, v, doc.defaultValue, doc.doc]
    })
    if !preprocessing.isIdentity {
      page.heading("sagesim preprocessing (not SageMaker hyperparameters)")
      page.table(header: ["name", "value", "what it does"], rows: Preprocessing.documentation.map { doc in
        [doc.name, preprocessing.sageMakerValues[doc.name] ?? "", doc.doc]
      })
    }
    if let width = envelope?.feature_dim { page.paragraph("The model takes \(width) features per row.") }
    page.heading("Final metrics")
    if metrics.isEmpty {
      page.paragraph("\(entry.name) reported no metric on these channels.")
    } else {
      page.table(header: ["metric", "value"], rows: metrics.map { [$0.name, fixed($0.value)] })
    }
    page.heading("Figures")
    if figures.isEmpty { page.paragraph("No picture fits this model and data (pictures of the model need labelled rows).") }
    for figure in figures { page.figure(figure.svg, caption: figure.caption) }
    return page.render()
  }
}
