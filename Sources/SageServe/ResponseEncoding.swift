import SageIO
import SageSim

/// Encodes predictions in the negotiated `Accept` format (shared by the endpoint and batch transform).
public enum ResponseEncoder {
  public static func encode(_ predictions: Predictions, as format: ResponseFormat) throws(InferenceError) -> [UInt8] {
    switch format {
    case .json: return Array(predictions.json().utf8)
    case .jsonLines: return Array(predictions.jsonLines().utf8)
    case .csv: return Array(predictions.csv().utf8)
    case .recordIO:
      let rows = predictions.rows.map { row in
        row.map { field -> (name: String, values: [Double]) in
          switch field.value {
          case .number(let x): return (field.key, [x])
          case .vector(let v): return (field.key, v)
          }
        }
      }
      do { return try encodeLabelRecords(rows) } catch { throw InferenceError(status: 500, error.description) }
    }
  }
}
