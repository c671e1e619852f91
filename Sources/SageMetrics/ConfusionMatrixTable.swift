import Foundation

/// Plain-text views of metrics for terminals and logs.
public enum MetricsText {
  /// Spaces before each column of counts.
  static let columnGap = 4

  /// The confusion matrix as a labelled table: true classes down the side, predictions across.
  ///
  /// ```
  ///               predicted
  ///                0     1
  ///  actual  0    50     3
  ///          1     4    43
  /// ```
  /// Every count column is as wide as the widest count or class name, plus a gap of 4; class
  /// names are right-aligned. Lines carry no trailing spaces and the text ends without a newline.
  ///
  /// - Parameters:
  ///   - matrix: the counts to draw.
  ///   - classNames: a header per class, `0`, `1`, … by default. Missing names fall back to the
  ///     class index.
  public static func table(_ matrix: ConfusionMatrix, classNames: [String] = []) -> String {
    let classes = 0..<matrix.classCount
    let names = classes.map { $0 < classNames.count ? classNames[$0] : "\($0)" }
    let cell = max(
      names.map(\.count).max() ?? 1, matrix.counts.map { "\($0)".count }.max() ?? 1)
    let rowPrefix = " actual  "
    let nameWidth = names.map(\.count).max() ?? 1
    let margin = rowPrefix.count + nameWidth
    let columns = { (texts: [String]) in
      texts.map { pad($0, to: columnGap + cell) }.joined()
    }
    var lines = [String(repeating: " ", count: margin + columnGap) + "predicted"]
    lines.append(String(repeating: " ", count: margin) + columns(names))
    for (c, row) in matrix.rows.enumerated() {
      let prefix = c == 0 ? rowPrefix : String(repeating: " ", count: rowPrefix.count)
      lines.append(prefix + pad(names[c], to: nameWidth) + columns(row.map { "\($0)" }))
    }
    return lines.joined(separator: "\n")
  }

  /// Metrics as aligned `name  value` lines, values starting in one column.
  ///
  /// ```
  /// accuracy   0.93
  /// precision  0.934783
  /// ```
  /// Values are printed with 6 significant digits (``format(_:)``); the text ends without a
  /// newline.
  public static func lines(_ metrics: [(name: String, value: Double)]) -> String {
    let width = metrics.map(\.name.count).max() ?? 0
    return metrics.map { metric in
      metric.name + String(repeating: " ", count: width - metric.name.count + 2)
        + format(metric.value)
    }.joined(separator: "\n")
  }

  /// A value with 6 significant digits, as C's `%.6g`: `0.934783`, `12345.7`, `1e-07`.
  public static func format(_ value: Double) -> String {
    String(format: "%.6g", value)
  }

  /// `text` right-aligned in `width` characters (never cut).
  static func pad(_ text: String, to width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
  }
}
