/// One tree in XGBoost's layout: parallel arrays indexed by node id, root 0, a leaf marked by
/// `leftChildren[i] == -1`, its value in `splitConditions[i]`. Feature values are compared as 32-bit
/// floats and `x < split_condition` goes left; a missing value follows `defaultLeft`.
public struct RegressionTree: Sendable, Equatable {
  public var leftChildren: [Int32] = []
  public var rightChildren: [Int32] = []
  public var parents: [Int32] = []
  public var splitIndices: [Int32] = []
  public var splitConditions: [Float] = []
  public var defaultLeft: [Bool] = []
  /// The node's weight −G/(H+λ) before eta (XGBoost's `base_weights`).
  public var baseWeights: [Float] = []
  /// The split's gain (0 for leaves).
  public var lossChanges: [Float] = []
  /// The node's hessian sum (its "cover").
  public var sumHessian: [Float] = []

  public init() {}

  public var nodeCount: Int { leftChildren.count }
  public func isLeaf(_ i: Int) -> Bool { leftChildren[i] == -1 }

  /// Adds a node (a leaf until `split` is called on it) and returns its id.
  @discardableResult
  mutating func addNode(parent: Int, weight: Double, hessian: Double, leafValue: Double) -> Int {
    leftChildren.append(-1)
    rightChildren.append(-1)
    parents.append(parent < 0 ? Int32.max : Int32(parent))
    splitIndices.append(0)
    splitConditions.append(Float(leafValue))
    defaultLeft.append(false)
    baseWeights.append(Float(weight))
    lossChanges.append(0)
    sumHessian.append(Float(hessian))
    return nodeCount - 1
  }

  mutating func split(_ node: Int, feature: Int, condition: Float, defaultLeft left: Bool, gain: Double, children: (Int, Int)) {
    leftChildren[node] = Int32(children.0)
    rightChildren[node] = Int32(children.1)
    splitIndices[node] = Int32(feature)
    splitConditions[node] = condition
    defaultLeft[node] = left
    lossChanges[node] = Float(gain)
  }

  /// The leaf reached by row `x` (`x[j]` is feature j; NaN is missing).
  func leaf(_ x: UnsafeBufferPointer<Float>) -> Int {
    var node = 0
    while leftChildren[node] != -1 {
      let f = Int(splitIndices[node])
      let v = f < x.count ? x[f] : .nan
      if v.isNaN {
        node = Int(defaultLeft[node] ? leftChildren[node] : rightChildren[node])
      } else {
        node = Int(v < splitConditions[node] ? leftChildren[node] : rightChildren[node])
      }
    }
    return node
  }

  /// The tree's output for row `x`.
  func value(_ x: UnsafeBufferPointer<Float>) -> Double { Double(splitConditions[leaf(x)]) }

  /// Depth of node i (root 0).
  func depth(_ i: Int) -> Int {
    var d = 0, node = i
    while parents[node] != Int32.max { node = Int(parents[node]); d += 1 }
    return d
  }
}
