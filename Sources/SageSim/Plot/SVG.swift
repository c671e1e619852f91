import Foundation

/// A small SVG writer: elements appended as text, coordinates with two decimals, text escaped.
/// Every picture sagesim draws is built from these few shapes, with no dependency.
public struct SVGDocument: Sendable {
  public let width: Double
  public let height: Double
  private(set) var body: [String] = []

  public init(width: Double, height: Double) {
    self.width = width
    self.height = height
  }

  /// A coordinate as written into the file (`123.46`).
  public static func coordinate(_ v: Double) -> String { String(format: "%.2f", v) }

  static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }

  private static func c(_ v: Double) -> String { coordinate(v) }

  public mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1, dash: String? = nil) {
    let dashPart = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
    body.append("<line x1=\"\(Self.c(x1))\" y1=\"\(Self.c(y1))\" x2=\"\(Self.c(x2))\" y2=\"\(Self.c(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(width)\"\(dashPart)/>")
  }

  public mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, stroke: String? = nil, title: String? = nil) {
    let strokePart = stroke.map { " stroke=\"\($0)\"" } ?? ""
    let tip = title.map { "<title>\(Self.escape($0))</title>" } ?? ""
    let close = tip.isEmpty ? "/>" : ">\(tip)</rect>"
    body.append("<rect x=\"\(Self.c(x))\" y=\"\(Self.c(y))\" width=\"\(Self.c(w))\" height=\"\(Self.c(h))\" fill=\"\(fill)\"\(strokePart)\(close)")
  }

  public mutating func circle(_ x: Double, _ y: Double, r: Double, fill: String, stroke: String? = nil) {
    let strokePart = stroke.map { " stroke=\"\($0)\"" } ?? ""
    body.append("<circle cx=\"\(Self.c(x))\" cy=\"\(Self.c(y))\" r=\"\(Self.c(r))\" fill=\"\(fill)\"\(strokePart)/>")
  }

  public mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 1.5) {
    let text = points.map { "\(Self.c($0.0)),\(Self.c($0.1))" }.joined(separator: " ")
    body.append("<polyline points=\"\(text)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(width)\"/>")
  }

  public enum Anchor: String { case start, middle, end }

  public mutating func text(
    _ x: Double, _ y: Double, _ content: String, size: Double = 12, anchor: Anchor = .start, rotate: Bool = false,
    weight: String? = nil, fill: String = "#222"
  ) {
    let rotation = rotate ? " transform=\"rotate(-90 \(Self.c(x)) \(Self.c(y)))\"" : ""
    let bold = weight.map { " font-weight=\"\($0)\"" } ?? ""
    body.append("<text x=\"\(Self.c(x))\" y=\"\(Self.c(y))\" font-size=\"\(Self.c(size))\" text-anchor=\"\(anchor.rawValue)\" fill=\"\(fill)\"\(bold)\(rotation)>\(Self.escape(content))</text>")
  }

  /// Appends raw SVG text (for `defs` and groups the other helpers do not cover).
  public mutating func raw(_ text: String) { body.append(text) }

  /// Places another drawing's elements at an offset (panels side by side).
  public mutating func embed(_ other: SVGDocument, dx: Double, dy: Double) {
    body.append("<g transform=\"translate(\(Self.c(dx)),\(Self.c(dy)))\">")
    body.append(contentsOf: other.body)
    body.append("</g>")
  }

  /// The standalone file text (with the XML namespace, so it also works inline in HTML).
  public func render() -> String {
    """
    <svg xmlns="http://www.w3.org/2000/svg" width="\(Self.c(width))" height="\(Self.c(height))" \
    viewBox="0 0 \(Self.c(width)) \(Self.c(height))" font-family="Helvetica, Arial, sans-serif">
    <rect x="0" y="0" width="\(Self.c(width))" height="\(Self.c(height))" fill="white"/>
    \(body.joined(separator: "\n"))
    </svg>

    """
  }
}
