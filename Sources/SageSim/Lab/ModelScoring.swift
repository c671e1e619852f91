import Foundation
import SageCore
import SageIO
import SageMetrics

/// What a model's answers are, read from their shape: the same for every algorithm, so the lab
/// can score and draw any model without knowing which algorithm made it.
public struct ReadPredictions: Sendable {
  public enum Kind: String, Sendable { case regression, binary, multiclass, clustering, projection, unknown }
  public var kind: Kind
  /// Regression: the value; binary: the score (P(1) or a margin); multiclass: P(predicted class).
  public var scores: [Double] = []
  /// Binary and multiclass: the predicted class; clustering: the closest cluster.
  public var predictedLabels: [Double] = []
  /// Clustering: the distance to the closest center.
  public var distances: [Double] = []
  /// Projection (PCA): each row's projection, in the model's order.
  public var vectors: [[Double]] = []

  /// Reads `score`/`predicted_label` (regressors and classifiers), `closest_cluster`/
  /// `distance_to_cluster` (k-means) and `projection` (PCA).
  public init(_ predictions: Predictions) {
    func number(_ row: [(key: String, value: Predictions.Value)], _ key: String) -> Double? {
      if case .number(let x)? = row.first(where: { $0.key == key })?.value { return x }
      return nil
    }
    func vector(_ row: [(key: String, value: Predictions.Value)], _ key: String) -> [Double]? {
      if case .vector(let v)? = row.first(where: { $0.key == key })?.value { return v }
      return nil
    }
    guard let first = predictions.rows.first else { kind = .unknown; return }
    let rows = predictions.rows
    if number(first, "closest_cluster") != nil {
      kind = .clustering
      predictedLabels = rows.map { number($0, "closest_cluster") ?? .nan }
      distances = rows.map { number($0, "distance_to_cluster") ?? .nan }
    } else if vector(first, "projection") != nil {
      kind = .projection
      vectors = rows.map { vector($0, "projection") ?? [] }
    } else if number(first, "predicted_label") != nil {
      predictedLabels = rows.map { number($0, "predicted_label") ?? .nan }
      if vector(first, "score") != nil {
        kind = .multiclass
        vectors = rows.map { vector($0, "score") ?? [] }
        scores = zip(vectors, predictedLabels).map { v, c in Int(c) < v.count ? v[Int(c)] : .nan }
      } else {
        kind = .binary
        scores = rows.map { number($0, "score") ?? .nan }
      }
    } else if number(first, "score") != nil {
      kind = .regression
      scores = rows.map { number($0, "score") ?? .nan }
    } else {
      kind = .unknown
    }
  }
}

/// Scores a trained model on labelled rows by predicting them, whatever the algorithm.
public enum ModelScoring {
  /// The predictions of `model` (JSON text of `entry`) on `batch`, after `preprocessing`.
  public static func predict(_ entry: AlgorithmEntry, model: Data, preprocessing: Preprocessing, batch: DataBatch) throws -> ReadPredictions {
    let features = try preprocessing.apply(to: batch.features)
    return ReadPredictions(try entry.predict(modelJSON: model, directory: "(in memory)", features: features))
  }

  /// `<prefix>:mse, rmse, mae, r2` for a regressor; `accuracy, precision, recall, f1, auc` for a
  /// binary classifier; `accuracy` for multiclass; `msd` (mean squared distance to the closest
  /// center) for k-means; `explained_variance_ratio` (the variance of the projections over the
  /// total variance of the rows) for PCA. Nothing for unlabelled rows a supervised model would
  /// need labels for.
  public static func metrics(_ p: ReadPredictions, labels: [Double], prefix: String, features: Matrix? = nil) throws -> [NamedValue] {
    func named(_ pairs: [(String, Double?)]) -> [NamedValue] {
      pairs.compactMap { name, v in v.map { NamedValue(name: "\(prefix):\(name)", value: $0) } }
    }
    switch p.kind {
    case .projection:
      guard let x = features, x.rows > 1, p.vectors.count == x.rows else { return [] }
      let total = (0..<x.columns).reduce(0.0) { $0 + variance(x.column($1)) }
      let kept = (0..<(p.vectors.first?.count ?? 0)).reduce(0.0) { sum, j in sum + variance(p.vectors.map { $0[j] }) }
      return total > 0 ? named([("explained_variance_ratio", kept / total)]) : []
    case .clustering:
      let d = p.distances.filter(\.isFinite)
      return d.isEmpty ? [] : named([("msd", d.reduce(0) { $0 + $1 * $1 } / Double(d.count))])
    case .regression where labels.count == p.scores.count:
      let m = try RegressionMetrics(predictions: p.scores, labels: labels)
      return named([("mse", m.mse), ("rmse", m.rmse), ("mae", m.mae), ("r2", m.r2)])
    case .binary where labels.count == p.scores.count:
      let y = labels.map { Int($0) }
      let hard = try BinaryMetrics(scores: p.predictedLabels, labels: y)
      let soft = try? BinaryMetrics(scores: p.scores, labels: y)
      return named([("accuracy", hard.accuracy), ("precision", hard.precision), ("recall", hard.recall), ("f1", hard.f1), ("auc", soft?.auc)])
    case .multiclass where labels.count == p.predictedLabels.count:
      let right = zip(p.predictedLabels, labels).filter { $0 == $1 }.count
      return named([("accuracy", Double(right) / Double(max(labels.count, 1)))])
    default:
      return []
    }
  }

  /// The sample variance Σ(v − mean)²/(n − 1).
  static func variance(_ v: [Double]) -> Double {
    guard v.count > 1 else { return 0 }
    let mean = v.reduce(0, +) / Double(v.count)
    return v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(v.count - 1)
  }
}
