/// A self-contained HTML page: headings, text, tables and inline SVG figures, with its style
/// in the page and no script or network request, so it opens anywhere (and renders the same
/// in a headless browser).
public struct HTMLReport: Sendable {
  public let title: String
  private var parts: [String] = []

  public init(title: String) { self.title = title }

  static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }

  public mutating func heading(_ text: String) { parts.append("<h2>\(Self.escape(text))</h2>") }
  public mutating func paragraph(_ text: String) { parts.append("<p>\(Self.escape(text))</p>") }
  public mutating func preformatted(_ text: String) { parts.append("<pre>\(Self.escape(text))</pre>") }

  public mutating func table(header: [String], rows: [[String]]) {
    let head = "<tr>" + header.map { "<th>\(Self.escape($0))</th>" }.joined() + "</tr>"
    let body = rows.map { "<tr>" + $0.map { "<td>\(Self.escape($0))</td>" }.joined() + "</tr>" }.joined(separator: "\n")
    parts.append("<table>\n\(head)\n\(body)\n</table>")
  }

  /// An SVG picture inline, in a `<figure>` with a caption (the figure count is checked by the
  /// browser test).
  public mutating func figure(_ svg: String, caption: String) {
    let inline = svg.hasPrefix("<?xml") ? String(svg.drop { $0 != "\n" }) : svg
    parts.append("<figure class=\"chart\">\n\(inline)<figcaption>\(Self.escape(caption))</figcaption>\n</figure>")
  }

  public var figureCount: Int { parts.filter { $0.hasPrefix("<figure") }.count }

  public func render() -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <title>\(Self.escape(title))</title>
    <style>
    body { font-family: Helvetica, Arial, sans-serif; max-width: 1100px; margin: 2em auto; color: #222; }
    table { border-collapse: collapse; margin: 1em 0; font-size: 13px; }
    th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: left; vertical-align: top; }
    th { background: #f3f3f3; }
    figure { margin: 1.5em 0; }
    figure svg { max-width: 100%; height: auto; }
    figcaption { color: #555; font-size: 13px; }
    pre { background: #f7f7f7; padding: 8px; overflow-x: auto; }
    </style>
    </head>
    <body>
    <h1>\(Self.escape(title))</h1>
    \(parts.joined(separator: "\n"))
    <p class="footer">Written by sagesim \(sagesimVersion). The figures are inline SVG; the page loads nothing else.</p>
    </body>
    </html>

    """
  }
}
