import Foundation

/// A table of values drawn as coloured cells: a two-knob sweep's validation metric, or a
/// confusion matrix. Rows run top to bottom, columns left to right, as in the text table.
public struct HeatMap: Sendable, Equatable {
  public var title: String
  public var rowLabel: String
  public var columnLabel: String
  public var rows: [String]
  public var columns: [String]
  /// rows.count × columns.count; NaN = no value (a failed run).
  public var values: [[Double]]
  /// Which cell to ring (the best), if any.
  public var highlight: (row: Int, column: Int)?

  public init(title: String, rowLabel: String, columnLabel: String, rows: [String], columns: [String], values: [[Double]], highlight: (row: Int, column: Int)? = nil) {
    self.title = title
    self.rowLabel = rowLabel
    self.columnLabel = columnLabel
    self.rows = rows
    self.columns = columns
    self.values = values
    self.highlight = highlight
  }

  public static func == (a: HeatMap, b: HeatMap) -> Bool {
    a.title == b.title && a.rows == b.rows && a.columns == b.columns && a.values == b.values
      && a.highlight?.row == b.highlight?.row && a.highlight?.column == b.highlight?.column
  }

  /// Cell size and margins (pixels).
  public static let cell = (width: 70.0, height: 34.0)
  public static let margin = (left: 110.0, top: 60.0, right: 40.0, bottom: 60.0)

  /// The fill of a value at fraction t ∈ [0, 1] of the range: light yellow (0) to dark blue (1).
  public static func color(_ t: Double) -> String {
    let stops: [(Double, Double, Double)] = [(255, 255, 204), (161, 218, 180), (65, 182, 196), (44, 127, 184), (37, 52, 148)]
    let u = min(max(t.isFinite ? t : 0, 0), 1) * Double(stops.count - 1)
    let i = min(Int(u), stops.count - 2), f = u - Double(i)
    let mix = { (a: Double, b: Double) in Int((a + (b - a) * f).rounded()) }
    return String(format: "#%02x%02x%02x", mix(stops[i].0, stops[i + 1].0), mix(stops[i].1, stops[i + 1].1), mix(stops[i].2, stops[i + 1].2))
  }

  public func svg() -> String {
    let m = Self.margin, c = Self.cell
    let width = m.left + Double(columns.count) * c.width + m.right
    let height = m.top + Double(rows.count) * c.height + m.bottom
    var doc = SVGDocument(width: width, height: height)
    let finite = values.flatMap { $0 }.filter(\.isFinite)
    let lo = finite.min() ?? 0, hi = finite.max() ?? 1
    for (i, row) in values.enumerated() {
      for (j, v) in row.enumerated() {
        let x = m.left + Double(j) * c.width, y = m.top + Double(i) * c.height
        let t = hi > lo ? (v - lo) / (hi - lo) : 0.5
        doc.rect(x, y, c.width, c.height, fill: v.isFinite ? Self.color(t) : "#dddddd", stroke: "white", title: "\(rows[i]), \(columns[j]): \(v)")
        doc.text(x + c.width / 2, y + c.height / 2 + 4, v.isFinite ? axisLabel(v) : "failed", size: 11, anchor: .middle, fill: t > 0.6 ? "white" : "#222")
      }
    }
    if let h = highlight {
      doc.rect(m.left + Double(h.column) * c.width + 1.5, m.top + Double(h.row) * c.height + 1.5, c.width - 3, c.height - 3, fill: "none", stroke: "#d62728")
    }
    for (j, label) in columns.enumerated() {
      doc.text(m.left + (Double(j) + 0.5) * c.width, m.top - 8, label, size: 11, anchor: .middle)
    }
    for (i, label) in rows.enumerated() {
      doc.text(m.left - 8, m.top + (Double(i) + 0.5) * c.height + 4, label, size: 11, anchor: .end)
    }
    doc.text(m.left + Double(columns.count) * c.width / 2, m.top - 28, columnLabel, size: 13, anchor: .middle)
    doc.text(16, m.top + Double(rows.count) * c.height / 2, rowLabel, size: 13, anchor: .middle, rotate: true)
    doc.text(width / 2, 20, title, size: 15, anchor: .middle, weight: "bold")
    let legendY = m.top + Double(rows.count) * c.height + 24
    doc.rect(m.left, legendY, 16, 12, fill: Self.color(0))
    doc.text(m.left + 20, legendY + 10, "low \(axisLabel(lo))", size: 11)
    doc.rect(m.left + 120, legendY, 16, 12, fill: Self.color(1))
    doc.text(m.left + 140, legendY + 10, "high \(axisLabel(hi))", size: 11)
    return doc.render()
  }
}
