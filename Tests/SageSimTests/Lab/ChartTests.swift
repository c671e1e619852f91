import Foundation
import Testing

@testable import SageSim

@Suite struct ChartTests {
  // The default layout: plot area x 70…450 (640 − 190), y 40 (top) … 345 (400 − 55).
  @Test func pixelsWorkedByHand() {
    let chart = Chart(title: "t", xLabel: "x", yLabel: "y", series: [Chart.Series(name: "s", points: [(0, 0), (5, 50), (10, 100)])], xDomain: 0...10, yDomain: 0...100)
    let p = chart.pixel(x: 5, y: 50)
    #expect(p.x == 260 && p.y == 192.5)  // 70 + ½·380, 345 − ½·305
    let svg = chart.svg()
    #expect(svg.contains("<polyline points=\"70.00,345.00 260.00,192.50 450.00,40.00\""))
    #expect(svg.contains("<circle cx=\"260.00\" cy=\"192.50\" r=\"3.00\""))
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640.00\" height=\"400.00\""))
    // Title, axis labels and a legend entry.
    #expect(svg.contains(">t</text>") && svg.contains(">x</text>") && svg.contains(">y</text>") && svg.contains(">s</text>"))
  }

  @Test func logAxisPutsTheGeometricMeanInTheMiddle() {
    let chart = Chart(title: "t", xLabel: "wd", yLabel: "y", xAxis: .log, series: [Chart.Series(name: "s", points: [(1e-4, 1), (1e-2, 2), (1, 3)])], yDomain: 0...4)
    // log10 spans −4…0, so 1e-2 sits half way: x = 260; y = 2 of 0…4 → 192.5.
    let p = chart.pixel(x: 1e-2, y: 2)
    #expect(abs(p.x - 260) < 1e-9 && p.y == 192.5)
    #expect(chart.xScale.ticks() == [1e-4, 1e-3, 1e-2, 1e-1, 1])
    #expect(chart.svg().contains("wd (log scale)"))
  }

  @Test func niceTicks() {
    #expect(AxisScale(low: 0, high: 1).ticks() == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
    #expect(AxisScale(low: 3, high: 17).ticks() == [5, 10, 15])
    #expect(AxisScale(kind: .log, low: 1, high: 50).ticks() == [1, 2, 5, 10, 20, 50])
  }

  @Test func markersAreDrawn() {
    let chart = Chart(title: "t", xLabel: "epoch", yLabel: "loss", series: [Chart.Series(name: "s", points: [(0, 1), (10, 0)])],
                      markers: [.vertical(at: 5, label: "kept: epoch 5")], xDomain: 0...10, yDomain: 0...1)
    // x = 5 → 260; the dashed line spans the plot area's height.
    #expect(chart.svg().contains("<line x1=\"260.00\" y1=\"40.00\" x2=\"260.00\" y2=\"345.00\" stroke=\"#d62728\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>"))
    #expect(chart.svg().contains(">kept: epoch 5</text>"))
  }

  @Test func terminalChartPlacesPointsAndDegrades() {
    let chart = Chart(title: "T", xLabel: "x", yLabel: "y", series: [Chart.Series(name: "a", points: [(0, 0), (1, 1)], style: .points)], xDomain: 0...1, yDomain: 0...1)
    let text = chart.terminal(TerminalStyle(width: 10, height: 4, ascii: true, color: false))
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    // Row 1 (top) has the point (1, 1) in the last column, row 4 the point (0, 0) in the first.
    #expect(lines[0] == "T")
    #expect(lines[1] == "1 |         *")
    #expect(lines[4] == "0 |*         ")
    #expect(lines[5] == "  +----------")
    #expect(text.allSatisfy { $0.isASCII })
    #expect(!text.contains("\u{1B}"))
    let coloured = chart.terminal(TerminalStyle(width: 10, height: 4, ascii: false, color: true))
    #expect(coloured.contains("\u{1B}[34m*\u{1B}[0m") && coloured.contains("└"))
  }

  @Test func heatMapCellsAndColours() {
    #expect(HeatMap.color(0) == "#ffffcc" && HeatMap.color(1) == "#253494")
    let map = HeatMap(title: "h", rowLabel: "a", columnLabel: "b", rows: ["1", "2"], columns: ["x", "y"], values: [[1, 2], [3, .nan]], highlight: (1, 0))
    let svg = map.svg()
    // Cell (row 1, column 0) at x = 110, y = 60 + 34; the ring inset by 1.5.
    #expect(svg.contains("<rect x=\"110.00\" y=\"94.00\" width=\"70.00\" height=\"34.00\" fill=\"#253494\""))
    #expect(svg.contains("<rect x=\"111.50\" y=\"95.50\" width=\"67.00\" height=\"31.00\" fill=\"none\" stroke=\"#d62728\"/>"))
    #expect(svg.contains(">failed</text>"))
  }

  @Test func reportIsSelfContained() {
    var page = HTMLReport(title: "r <1>")
    page.table(header: ["a"], rows: [["<b>"]])
    page.figure(Chart(title: "c", xLabel: "x", yLabel: "y", series: [Chart.Series(name: "s", points: [(0, 0), (1, 1)])]).svg(), caption: "cap")
    let html = page.render()
    #expect(page.figureCount == 1)
    #expect(html.contains("<title>r &lt;1&gt;</title>") && html.contains("<td>&lt;b&gt;</td>"))
    #expect(!html.contains("<script"))
    #expect(html.components(separatedBy: "http").count == 2)  // the SVG namespace, nothing fetched
  }
}
