/// A 2-D chart described as data: series of points, axes, a title and a legend. The SVG and the
/// terminal renderers both draw this one description, so a picture and its text version agree.
public struct Chart: Sendable, Equatable {
  /// How a series is drawn.
  public enum Style: String, Sendable, Equatable {
    /// Points joined by straight segments, each point marked.
    case lineAndPoints
    /// Joined segments only (dense curves such as a fitted function).
    case line
    /// Unjoined points (data, residuals, projections).
    case points
  }

  public struct Series: Sendable, Equatable {
    public var name: String
    public var points: [(x: Double, y: Double)]
    public var style: Style
    /// Index into the palette; nil = the series' own position.
    public var colorIndex: Int?

    public init(name: String, points: [(x: Double, y: Double)], style: Style = .lineAndPoints, colorIndex: Int? = nil) {
      self.name = name
      self.points = points
      self.style = style
      self.colorIndex = colorIndex
    }

    public static func == (a: Series, b: Series) -> Bool {
      a.name == b.name && a.style == b.style && a.colorIndex == b.colorIndex && a.points.count == b.points.count
        && zip(a.points, b.points).allSatisfy { $0.x == $1.x && $0.y == $1.y }
    }
  }

  /// A labelled vertical line (the early-stopping epoch, a chosen threshold) or a labelled
  /// point (the best value of a sweep).
  public struct Marker: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case vertical, point }
    public var kind: Kind
    public var x: Double
    public var y: Double
    public var label: String

    public static func vertical(at x: Double, label: String) -> Marker { Marker(kind: .vertical, x: x, y: 0, label: label) }
    public static func point(x: Double, y: Double, label: String) -> Marker { Marker(kind: .point, x: x, y: y, label: label) }
  }

  public var title: String
  public var xLabel: String
  public var yLabel: String
  public var xAxis: AxisKind
  public var yAxis: AxisKind
  public var series: [Series]
  public var markers: [Marker]
  /// Fixed data intervals; nil = the extent of the data (and markers).
  public var xDomain: ClosedRange<Double>?
  public var yDomain: ClosedRange<Double>?

  public init(
    title: String, xLabel: String, yLabel: String, xAxis: AxisKind = .linear, yAxis: AxisKind = .linear,
    series: [Series] = [], markers: [Marker] = [], xDomain: ClosedRange<Double>? = nil,
    yDomain: ClosedRange<Double>? = nil
  ) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.xAxis = xAxis
    self.yAxis = yAxis
    self.series = series
    self.markers = markers
    self.xDomain = xDomain
    self.yDomain = yDomain
  }

  /// The x scale: the given domain, else the data's extent.
  public var xScale: AxisScale {
    if let d = xDomain { return AxisScale(kind: xAxis, low: d.lowerBound, high: d.upperBound) }
    return .covering(series.flatMap { $0.points.map(\.x) } + markers.map(\.x), kind: xAxis)
  }

  /// The y scale: the given domain, else the data's extent (point markers included).
  public var yScale: AxisScale {
    if let d = yDomain { return AxisScale(kind: yAxis, low: d.lowerBound, high: d.upperBound) }
    return .covering(series.flatMap { $0.points.map(\.y) } + markers.filter { $0.kind == .point }.map(\.y), kind: yAxis)
  }
}

/// Ten distinguishable colours (Tableau 10), used in order by series.
public let chartPalette = [
  "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
]
