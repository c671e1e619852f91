/// A plain-text table: a header row, a rule, and left-aligned columns two spaces apart.
struct TextTable {
  let header: [String]
  let rows: [[String]]

  func render() -> String {
    let all = [header] + rows
    let widths = header.indices.map { j in all.map { $0.count > j ? $0[j].count : 0 }.max() ?? 0 }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { j, cell in
        j == cells.count - 1 ? cell : cell.padding(widths[j])
      }.joined(separator: "  ")
    }
    let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
    return ([line(header), rule] + rows.map(line)).joined(separator: "\n") + "\n"
  }

  /// The same table in GitHub Markdown (pipes in cells escaped).
  func markdown() -> String {
    func line(_ cells: [String]) -> String {
      "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
    }
    let rule = "|" + header.map { _ in "---|" }.joined()
    return ([line(header), rule] + rows.map(line)).joined(separator: "\n") + "\n"
  }
}

extension String {
  fileprivate func padding(_ width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
