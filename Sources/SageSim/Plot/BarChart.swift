import Foundation

/// Labelled values drawn as horizontal bars, largest first, from a zero baseline: xgboost's feature
/// importances. Each bar's length is its value over the largest value; its tooltip and the number
/// at its end give the value itself.
public struct BarChart: Sendable, Equatable {
  public var title: String
  /// What the bars measure (the horizontal axis).
  public var valueLabel: String
  /// What the rows are (the vertical axis).
  public var categoryLabel: String
  public var bars: [(label: String, value: Double)]

  public init(title: String, valueLabel: String, categoryLabel: String, bars: [(label: String, value: Double)]) {
    self.title = title
    self.valueLabel = valueLabel
    self.categoryLabel = categoryLabel
    self.bars = bars
  }

  public static func == (a: BarChart, b: BarChart) -> Bool {
    a.title == b.title && a.valueLabel == b.valueLabel && a.categoryLabel == b.categoryLabel && a.bars.count == b.bars.count
      && zip(a.bars, b.bars).allSatisfy { $0.label == $1.label && $0.value == $1.value }
  }

  /// Bar height, the longest bar's length and margins (pixels).
  public static let barHeight = 22.0
  public static let plotWidth = 440.0
  public static let margin = (left: 110.0, top: 50.0, right: 90.0, bottom: 56.0)

  /// A value as written in a bar's tooltip and label: six significant digits, as `xgboost-inspect` prints it.
  public static func valueText(_ v: Double) -> String { String(format: "%.6g", v) }

  public func svg() -> String {
    let m = Self.margin, h = Self.barHeight, w = Self.plotWidth
    let width = m.left + w + m.right
    let height = m.top + Double(max(bars.count, 1)) * h + m.bottom
    var doc = SVGDocument(width: width, height: height)
    let top = bars.map(\.value).filter(\.isFinite).max() ?? 0
    // Light vertical grid at the axis ticks, then the bars over it.
    let scale = AxisScale(kind: .linear, low: 0, high: top > 0 ? top : 1)
    let axisY = m.top + Double(bars.count) * h
    for tick in scale.ticks() where tick >= 0 && tick <= scale.high {
      let x = m.left + w * tick / scale.high
      doc.line(x, m.top, x, axisY, stroke: "#e5e5e5")
      doc.text(x, axisY + 16, axisLabel(tick), size: 11, anchor: .middle)
    }
    for (i, bar) in bars.enumerated() {
      let y = m.top + Double(i) * h
      let length = top > 0 && bar.value.isFinite ? w * max(bar.value, 0) / top : 0
      doc.rect(m.left, y + 3, length, h - 6, fill: chartPalette[0], title: "\(bar.label): \(Self.valueText(bar.value))")
      doc.text(m.left - 8, y + h / 2 + 4, bar.label, size: 11, anchor: .end)
      doc.text(m.left + length + 6, y + h / 2 + 4, Self.valueText(bar.value), size: 11)
    }
    doc.line(m.left, m.top, m.left, axisY, stroke: "#222")
    doc.line(m.left, axisY, m.left + w, axisY, stroke: "#222")
    doc.text(m.left + w / 2, axisY + 38, valueLabel, size: 13, anchor: .middle)
    doc.text(16, m.top + Double(bars.count) * h / 2, categoryLabel, size: 13, anchor: .middle, rotate: true)
    doc.text(width / 2, 20, title, size: 15, anchor: .middle, weight: "bold")
    // Legend: one swatch, what a bar is.
    doc.rect(m.left, 30, 12, 10, fill: chartPalette[0])
    doc.text(m.left + 16, 39, valueLabel, size: 11)
    return doc.render()
  }
}
