import Foundation

/// Where a chart's plot area sits inside its picture (pixels from the top left).
public struct ChartLayout: Sendable, Equatable {
  public var width = 640.0
  public var height = 400.0
  public var left = 70.0
  public var top = 40.0
  public var bottom = 55.0
  /// Room for the legend on the right.
  public var right = 190.0

  public init() {}

  /// The plot area: x from `plotLeft` to `plotRight`, y from `plotTop` (high values) down to
  /// `plotBottom` (low values).
  public var plotLeft: Double { left }
  public var plotRight: Double { width - right }
  public var plotTop: Double { top }
  public var plotBottom: Double { height - bottom }
}

extension Chart {
  /// The pixel position of data point (x, y) in `layout`.
  public func pixel(x: Double, y: Double, layout: ChartLayout = ChartLayout()) -> (x: Double, y: Double) {
    (xScale.position(x, from: layout.plotLeft, to: layout.plotRight),
     yScale.position(y, from: layout.plotBottom, to: layout.plotTop))
  }

  /// The chart as a standalone SVG file: title, axes with ticks and labels, a legend, and the
  /// markers (dashed vertical lines, ringed points) with their labels.
  public func svg(layout: ChartLayout = ChartLayout()) -> String {
    drawing(layout: layout).render()
  }

  /// The chart as an SVG drawing (for side-by-side panels).
  public func drawing(layout: ChartLayout = ChartLayout()) -> SVGDocument {
    var doc = SVGDocument(width: layout.width, height: layout.height)
    let xs = xScale, ys = yScale
    drawAxes(&doc, layout, xs, ys)
    // Lines that leave the plot area (a wild high-degree fit) are clipped at its edge.
    let clip = "clip-\(clipIdentifier)"
    doc.raw("<defs><clipPath id=\"\(clip)\"><rect x=\"\(SVGDocument.coordinate(layout.plotLeft))\" y=\"\(SVGDocument.coordinate(layout.plotTop))\" width=\"\(SVGDocument.coordinate(layout.plotRight - layout.plotLeft))\" height=\"\(SVGDocument.coordinate(layout.plotBottom - layout.plotTop))\"/></clipPath></defs>")
    doc.raw("<g clip-path=\"url(#\(clip))\">")
    for (index, s) in series.enumerated() {
      let color = chartPalette[(s.colorIndex ?? index) % chartPalette.count]
      let pts = s.points.filter { usable($0.x, xAxis) && usable($0.y, yAxis) }.map { pixel(x: $0.x, y: $0.y, layout: layout) }
      if s.style != .points, pts.count > 1 { doc.polyline(pts.map { ($0.x, $0.y) }, stroke: color) }
      if s.style != .line { for p in pts { doc.circle(p.x, p.y, r: s.style == .points ? 2.5 : 3, fill: color) } }
    }
    doc.raw("</g>")
    drawMarkers(&doc, layout)
    drawLegend(&doc, layout)
    doc.text(layout.width / 2, 22, title, size: 15, anchor: .middle, weight: "bold")
    return doc
  }

  /// A stable identifier for this chart's clip path (FNV-1a of its title and sizes), so that
  /// several charts inline in one HTML page do not share one.
  var clipIdentifier: String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in "\(title)|\(series.count)|\(series.map(\.points.count))".utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return String(hash, radix: 16)
  }

  private func usable(_ v: Double, _ kind: AxisKind) -> Bool { v.isFinite && (kind == .linear || v > 0) }

  private func drawAxes(_ doc: inout SVGDocument, _ l: ChartLayout, _ xs: AxisScale, _ ys: AxisScale) {
    doc.rect(l.plotLeft, l.plotTop, l.plotRight - l.plotLeft, l.plotBottom - l.plotTop, fill: "none", stroke: "#888")
    for t in xs.ticks() {
      let x = xs.position(t, from: l.plotLeft, to: l.plotRight)
      doc.line(x, l.plotBottom, x, l.plotBottom + 5, stroke: "#444")
      doc.line(x, l.plotTop, x, l.plotBottom, stroke: "#eee")
      doc.text(x, l.plotBottom + 18, axisLabel(t), size: 11, anchor: .middle)
    }
    for t in ys.ticks() {
      let y = ys.position(t, from: l.plotBottom, to: l.plotTop)
      doc.line(l.plotLeft - 5, y, l.plotLeft, y, stroke: "#444")
      doc.line(l.plotLeft, y, l.plotRight, y, stroke: "#eee")
      doc.text(l.plotLeft - 8, y + 4, axisLabel(t), size: 11, anchor: .end)
    }
    let xName = xLabel + (xAxis == .log ? " (log scale)" : "")
    doc.text((l.plotLeft + l.plotRight) / 2, l.height - 14, xName, size: 13, anchor: .middle)
    let yName = yLabel + (yAxis == .log ? " (log scale)" : "")
    doc.text(18, (l.plotTop + l.plotBottom) / 2, yName, size: 13, anchor: .middle, rotate: true)
  }

  private func drawMarkers(_ doc: inout SVGDocument, _ l: ChartLayout) {
    for m in markers {
      let p = pixel(x: m.x, y: m.y, layout: l)
      switch m.kind {
      case .vertical:
        doc.line(p.x, l.plotTop, p.x, l.plotBottom, stroke: "#d62728", width: 1.5, dash: "6 4")
        doc.text(p.x + 4, l.plotTop + 14, m.label, size: 11, fill: "#d62728")
      case .point:
        doc.circle(p.x, p.y, r: 7, fill: "none", stroke: "#d62728")
        doc.text(p.x + 9, p.y - 9, m.label, size: 11, fill: "#d62728")
      }
    }
  }

  private func drawLegend(_ doc: inout SVGDocument, _ l: ChartLayout) {
    let named = series.enumerated().filter { !$0.element.name.isEmpty }
    guard !named.isEmpty else { return }
    let x = l.plotRight + 14
    doc.text(x, l.plotTop + 4, "Legend", size: 12, weight: "bold")
    for (row, item) in named.prefix(20).enumerated() {
      let color = chartPalette[(item.element.colorIndex ?? item.offset) % chartPalette.count]
      let y = l.plotTop + 22 + Double(row) * 18
      doc.rect(x, y - 9, 12, 12, fill: color)
      doc.text(x + 18, y + 1, String(item.element.name.prefix(28)), size: 11)
    }
  }
}

/// Charts drawn side by side in one picture (the regularization path: L1 | L2 | elastic net).
public func sideBySide(_ charts: [Chart], layout: ChartLayout = ChartLayout()) -> String {
  var doc = SVGDocument(width: layout.width * Double(charts.count), height: layout.height)
  for (i, chart) in charts.enumerated() {
    doc.embed(chart.drawing(layout: layout), dx: layout.width * Double(i), dy: 0)
  }
  return doc.render()
}
