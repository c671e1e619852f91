import Foundation

/// Inference output in SageMaker's response shapes: a list of per-row objects under a top key
/// (`predictions`, or `projections` for PCA), rendered as JSON, JSON Lines or CSV.
public struct Predictions: Sendable, Equatable {
  /// One field of a per-row object: a number or a vector.
  public enum Value: Sendable, Equatable {
    case number(Double)
    case vector([Double])
  }

  /// `predictions` for every algorithm but PCA, whose responses say `projections`.
  public let topKey: String
  /// Each row's fields, in output order (e.g. `closest_cluster`, then `distance_to_cluster`).
  public let rows: [[(key: String, value: Value)]]

  public init(topKey: String = "predictions", rows: [[(key: String, value: Value)]]) {
    self.topKey = topKey
    self.rows = rows
  }

  public static func == (a: Predictions, b: Predictions) -> Bool {
    a.topKey == b.topKey && a.rows.count == b.rows.count
      && zip(a.rows, b.rows).allSatisfy { ra, rb in
        ra.count == rb.count && zip(ra, rb).allSatisfy { $0.key == $1.key && $0.value == $1.value }
      }
  }

  /// `application/json`: `{"<topKey>":[{...},{...}]}`.
  public func json() -> String {
    "{\"\(topKey)\":[" + rows.map(object).joined(separator: ",") + "]}\n"
  }

  /// `application/jsonlines`: one per-row object per line.
  public func jsonLines() -> String {
    rows.map { object($0) + "\n" }.joined()
  }

  /// `text/csv`: the row's fields flattened and comma-separated, one row per line.
  public func csv() -> String {
    rows.map { row in
      row.flatMap { field -> [String] in
        switch field.value {
        case .number(let x): return [Self.format(x)]
        case .vector(let v): return v.map(Self.format)
        }
      }.joined(separator: ",") + "\n"
    }.joined()
  }

  private func object(_ row: [(key: String, value: Value)]) -> String {
    "{" + row.map { field in
      let rendered: String
      switch field.value {
      case .number(let x): rendered = Self.format(x)
      case .vector(let v): rendered = "[" + v.map(Self.format).joined(separator: ",") + "]"
      }
      return "\"\(field.key)\":\(rendered)"
    }.joined(separator: ",") + "}"
  }

  /// The shortest decimal that reads back as the same Double; JSON has no NaN, so it is `null`.
  static func format(_ x: Double) -> String {
    guard x.isFinite else { return "null" }
    return x == x.rounded() && abs(x) < 1e15 ? String(format: "%.1f", x) : "\(x)"
  }
}
