import SageCore
import SageIO

/// A trained k-means model: the k centers, as SageMaker's `model_algo-1` holds them (a k × d array).
public struct KMeansModel: TrainedModel, Equatable {
  public var featureDim: Int
  /// k rows of feature_dim values; cluster i is row i.
  public var centers: [[Double]]

  enum CodingKeys: String, CodingKey {
    case featureDim = "feature_dim"
    case centers
  }

  public var k: Int { centers.count }

  var centerSet: CenterSet { CenterSet(Matrix(rowArrays: centers)) }

  /// Each row's closest center and the squared distance to it.
  func assign(_ features: Features) throws -> Assignment {
    guard features.columns == featureDim else {
      throw TrainingError("the input has \(features.columns) features per row; this k-means model was trained on feature_dim = \(featureDim)")
    }
    return nearestCenters(features, centerSet)
  }

  /// SageMaker's response: `closest_cluster` (0-based, written as a float) and
  /// `distance_to_cluster`, the Euclidean distance ‖x − c‖ to that center.
  public func predict(_ features: Features) throws -> Predictions {
    let a = try assign(features)
    let rows = (0..<features.rows).map { i in
      [
        (key: "closest_cluster", value: Predictions.Value.number(Double(a.cluster[i]))),
        (key: "distance_to_cluster", value: .number(a.squaredDistance[i].squareRoot())),
      ]
    }
    return Predictions(rows: rows)
  }
}
