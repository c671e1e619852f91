import Foundation

/// How a chart is drawn in a terminal: size, ASCII or Unicode box characters, colour or not.
public struct TerminalStyle: Sendable, Equatable {
  public var width = 60
  public var height = 14
  /// Only `| - + * o x #` and spaces (for logs, e-mails and old terminals).
  public var ascii = false
  /// ANSI colours per series; turn off when the output is not a terminal.
  public var color = false

  public init(width: Int = 60, height: Int = 14, ascii: Bool = false, color: Bool = false) {
    self.width = width
    self.height = height
    self.ascii = ascii
    self.color = color
  }

  /// Colour only when standard output is a terminal and NO_COLOR is unset.
  public static func forStandardOutput(ascii: Bool) -> TerminalStyle {
    let tty = isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    return TerminalStyle(ascii: ascii, color: tty)
  }
}

extension Chart {
  /// Symbols per series, in order.
  static let terminalSymbols: [Character] = ["*", "o", "+", "x", "#", "@", "%", "&"]
  static let ansi = ["\u{1B}[34m", "\u{1B}[33m", "\u{1B}[31m", "\u{1B}[36m", "\u{1B}[32m", "\u{1B}[35m"]

  /// The chart as text: a y axis with its range, the plot grid (each series its own symbol, lines
  /// interpolated between points with `.`), markers as a `:` column or a `!`, the x range below,
  /// then a legend line.
  public func terminal(_ style: TerminalStyle = TerminalStyle()) -> String {
    let w = max(style.width, 10), h = max(style.height, 4)
    var grid = [[Character]](repeating: [Character](repeating: " ", count: w), count: h)
    var owner = [[Int]](repeating: [Int](repeating: -1, count: w), count: h)
    let xs = xScale, ys = yScale
    func cell(_ x: Double, _ y: Double) -> (Int, Int)? {
      guard x.isFinite, y.isFinite, xAxis == .linear || x > 0, yAxis == .linear || y > 0 else { return nil }
      let c = Int((xs.fraction(x) * Double(w - 1)).rounded()), r = Int(((1 - ys.fraction(y)) * Double(h - 1)).rounded())
      return (0..<w).contains(c) && (0..<h).contains(r) ? (r, c) : nil
    }
    for m in markers where m.kind == .vertical {
      if let (_, c) = cell(m.x, yScale.low) { for r in 0..<h { grid[r][c] = ":" } }
    }
    for (index, s) in series.enumerated() {
      let sorted = s.points.sorted { $0.x < $1.x }
      if s.style != .points {
        for (a, b) in zip(sorted, sorted.dropFirst()) {
          guard let (ra, ca) = cell(a.x, a.y), let (rb, cb) = cell(b.x, b.y), cb > ca + 1 else { continue }
          for c in (ca + 1)..<cb {
            let r = Int((Double(ra) + Double(rb - ra) * Double(c - ca) / Double(cb - ca)).rounded())
            if grid[r][c] == " " || grid[r][c] == ":" { grid[r][c] = "."; owner[r][c] = index }
          }
        }
      }
      for p in sorted { if let (r, c) = cell(p.x, p.y) { grid[r][c] = Self.terminalSymbols[index % 8]; owner[r][c] = index } }
    }
    for m in markers where m.kind == .point { if let (r, c) = cell(m.x, m.y) { grid[r][c] = "!"; owner[r][c] = -1 } }
    return frame(grid, owner, style, xs, ys)
  }

  private func frame(_ grid: [[Character]], _ owner: [[Int]], _ style: TerminalStyle, _ xs: AxisScale, _ ys: AxisScale) -> String {
    let vertical = style.ascii ? "|" : "│", horizontal = style.ascii ? "-" : "─", corner = style.ascii ? "+" : "└"
    let top = axisLabel(ys.high), bottom = axisLabel(ys.low)
    let labelWidth = max(top.count, bottom.count)
    var out = title + "\n"
    for (r, row) in grid.enumerated() {
      let label = r == 0 ? top : r == grid.count - 1 ? bottom : ""
      var line = String(repeating: " ", count: labelWidth - label.count) + label + " " + vertical
      for (c, ch) in row.enumerated() {
        let o = owner[r][c]
        if style.color, o >= 0, ch != " " {
          line += Self.ansi[o % Self.ansi.count] + String(ch) + "\u{1B}[0m"
        } else {
          line.append(ch)
        }
      }
      out += line + "\n"
    }
    out += String(repeating: " ", count: labelWidth + 1) + corner + String(repeating: horizontal, count: grid[0].count) + "\n"
    let left = axisLabel(xs.low), right = axisLabel(xs.high)
    let gap = max(1, grid[0].count - left.count - right.count)
    out += String(repeating: " ", count: labelWidth + 2) + left + String(repeating: " ", count: gap) + right + "\n"
    let xName = xLabel + (xAxis == .log ? " (log)" : "")
    out += String(repeating: " ", count: labelWidth + 2) + "x: \(xName)   y: \(yLabel)\(yAxis == .log ? " (log)" : "")\n"
    var legend = series.enumerated().map { "\(Self.terminalSymbols[$0.offset % 8]) \($0.element.name)" }
    legend += markers.map { ($0.kind == .vertical ? ": " : "! ") + $0.label }
    if !legend.isEmpty { out += String(repeating: " ", count: labelWidth + 2) + legend.joined(separator: "   ") + "\n" }
    return out
  }
}
