import Foundation

/// XGBoost's JSON model schema (`doc/model.schema`; as XGBoost 3.2 writes it): parallel arrays per
/// tree, scalar parameters as strings, `base_score` as `"[5E-1]"`. Reading also accepts XGBoost
/// 1.x files (`base_score` `"5E-1"`, `default_left` as booleans, no `iteration_indptr`).
extension XGBoostModel {
  static let writtenVersion = [3, 2, 0]

  public init(from decoder: Decoder) throws {
    let document = try Document(from: decoder)
    let learner = document.learner
    let param = learner.learner_model_param
    let model = learner.gradient_booster.model
    guard learner.gradient_booster.name == "gbtree" else {
      throw TrainingError("the model's booster is \(learner.gradient_booster.name); sagesim reads gbtree models only")
    }
    guard let objective = XGBoostHyperparameters.Objective(rawValue: learner.objective.name),
      XGBoostHyperparameters().with(objective).unsupportedObjectiveReason == nil
    else {
      throw TrainingError("the model's objective \(learner.objective.name) is not one sagesim predicts with")
    }
    self.objective = objective
    featureDim = Int(param.num_feature) ?? 0
    numClass = Int(param.num_class) ?? 0
    let scores = param.base_score.filter { !"[]".contains($0) }.split(separator: ",")
    baseScore = scores.first.flatMap { Double($0) } ?? 0.5
    numParallelTree = Int(model.gbtree_model_param["num_parallel_tree"] ?? "1") ?? 1
    treeInfo = model.tree_info
    trees = try model.trees.map { try $0.tree() }
    scalePosWeight = Double(learner.objective.parameters["scale_pos_weight"] ?? "1") ?? 1
    tweediePower = Double(learner.objective.parameters["tweedie_variance_power"] ?? "1.5") ?? 1.5
    attributes = learner.attributes ?? [:]
  }

  public func encode(to encoder: Encoder) throws {
    let k = outputs
    let perRound = k * numParallelTree
    let trees = self.trees.enumerated().map { TreeDocument($1, id: $0, features: featureDim) }
    let model = GBTreeDocument(
      cats: .init(), gbtree_model_param: ["num_parallel_tree": "\(numParallelTree)", "num_trees": "\(trees.count)"],
      iteration_indptr: Array(stride(from: 0, through: trees.count, by: max(perRound, 1))),
      tree_info: treeInfo, trees: trees)
    let scoreText = formatXGBoostFloat(Float(baseScore))
    let param = LearnerModelParam(
      base_score: "[" + Array(repeating: scoreText, count: k).joined(separator: ",") + "]",
      boost_from_average: "0", num_class: "\(numClass)", num_feature: "\(featureDim)", num_target: "1")
    let learner = LearnerDocument(
      attributes: attributes, feature_names: [], feature_types: [],
      gradient_booster: .init(model: model, name: "gbtree"), learner_model_param: param,
      objective: ObjectiveDocument(name: objective.rawValue, section: objectiveSection))
    try Document(learner: learner, version: Self.writtenVersion).encode(to: encoder)
  }

  /// The objective's parameter block, as XGBoost writes it.
  var objectiveSection: (String, [String: String])? {
    switch objective {
    case .squaredError, .linear, .logistic, .binaryLogistic, .logitRaw, .gamma, .squaredLogError:
      ("reg_loss_param", ["scale_pos_weight": formatXGBoostFloat(Float(scalePosWeight))])
    case .pseudoHuber: ("pseudo_huber_param", ["huber_slope": "1"])
    case .poisson: ("poisson_regression_param", ["max_delta_step": "0.699999988"])
    case .tweedie: ("tweedie_regression_param", ["tweedie_variance_power": formatXGBoostFloat(Float(tweediePower))])
    case .softmax, .softprob: ("softmax_multiclass_param", ["num_class": "\(numClass)"])
    default: nil
    }
  }
}

extension XGBoostHyperparameters {
  func with(_ objective: Objective) -> Self {
    var copy = self
    copy.objective = objective
    return copy
  }
}

/// A float as a decimal string that reads back as the same 32-bit value.
func formatXGBoostFloat(_ x: Float) -> String { "\(x)" }

struct Document: Codable {
  var learner: LearnerDocument
  var version: [Int]
}

struct LearnerDocument: Codable {
  var attributes: [String: String]?
  var feature_names: [String]?
  var feature_types: [String]?
  var gradient_booster: BoosterDocument
  var learner_model_param: LearnerModelParam
  var objective: ObjectiveDocument
}

struct BoosterDocument: Codable {
  var model: GBTreeDocument
  var name: String
}

struct LearnerModelParam: Codable {
  var base_score: String
  var boost_from_average: String?
  var num_class: String
  var num_feature: String
  var num_target: String?
}

struct GBTreeDocument: Codable {
  struct Categories: Codable {
    var enc: [Int] = []
    var feature_segments: [Int] = []
    var sorted_idx: [Int] = []
  }
  var cats: Categories?
  var gbtree_model_param: [String: String]
  var iteration_indptr: [Int]?
  var tree_info: [Int]
  var trees: [TreeDocument]
}

/// `{"name": "binary:logistic", "reg_loss_param": {"scale_pos_weight": "1"}}`.
struct ObjectiveDocument: Codable {
  var name: String
  var section: (String, [String: String])?

  init(name: String, section: (String, [String: String])?) {
    self.name = name
    self.section = section
  }

  /// Every parameter of every block, flattened.
  var parameters: [String: String] { section?.1 ?? [:] }

  struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: Key.self)
    name = try c.decode(String.self, forKey: Key("name"))
    var merged: [String: String] = [:]
    for key in c.allKeys where key.stringValue != "name" {
      if let block = try? c.decode([String: String].self, forKey: key) { merged.merge(block) { a, _ in a } }
    }
    section = merged.isEmpty ? nil : ("params", merged)
  }

  func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: Key.self)
    try c.encode(name, forKey: Key("name"))
    if let section { try c.encode(section.1, forKey: Key(section.0)) }
  }
}

struct TreeDocument: Codable {
  var base_weights: [Float]
  var categories: [Int]?
  var categories_nodes: [Int]?
  var categories_segments: [Int]?
  var categories_sizes: [Int]?
  var default_left: [Int]
  var id: Int?
  var left_children: [Int32]
  var loss_changes: [Float]
  var parents: [Int32]
  var right_children: [Int32]
  var split_conditions: [Float]
  var split_indices: [Int32]
  var split_type: [Int]?
  var sum_hessian: [Float]
  var tree_param: [String: String]

  init(_ t: RegressionTree, id: Int, features: Int) {
    base_weights = t.baseWeights
    categories = []
    categories_nodes = []
    categories_segments = []
    categories_sizes = []
    default_left = t.defaultLeft.map { $0 ? 1 : 0 }
    self.id = id
    left_children = t.leftChildren
    loss_changes = t.lossChanges
    parents = t.parents
    right_children = t.rightChildren
    split_conditions = t.splitConditions
    split_indices = t.splitIndices
    split_type = Array(repeating: 0, count: t.nodeCount)
    sum_hessian = t.sumHessian
    tree_param = ["num_deleted": "0", "num_feature": "\(features)", "num_nodes": "\(t.nodeCount)", "size_leaf_vector": "1"]
  }

  enum CodingKeys: String, CodingKey {
    case base_weights, categories, categories_nodes, categories_segments, categories_sizes, default_left, id
    case left_children, loss_changes, parents, right_children, split_conditions, split_indices, split_type
    case sum_hessian, tree_param
  }

  init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    base_weights = try c.decode([Float].self, forKey: .base_weights)
    if let ints = try? c.decode([Int].self, forKey: .default_left) {
      default_left = ints
    } else {
      default_left = try c.decode([Bool].self, forKey: .default_left).map { $0 ? 1 : 0 }
    }
    id = try c.decodeIfPresent(Int.self, forKey: .id)
    left_children = try c.decode([Int32].self, forKey: .left_children)
    loss_changes = try c.decode([Float].self, forKey: .loss_changes)
    parents = try c.decode([Int32].self, forKey: .parents)
    right_children = try c.decode([Int32].self, forKey: .right_children)
    split_conditions = try c.decode([Float].self, forKey: .split_conditions)
    split_indices = try c.decode([Int32].self, forKey: .split_indices)
    split_type = try c.decodeIfPresent([Int].self, forKey: .split_type)
    sum_hessian = try c.decode([Float].self, forKey: .sum_hessian)
    tree_param = try c.decode([String: String].self, forKey: .tree_param)
  }

  func tree() throws -> RegressionTree {
    if let types = split_type, types.contains(where: { $0 != 0 }) {
      throw TrainingError("the model has categorical splits, which sagesim does not read")
    }
    let n = left_children.count
    guard [right_children.count, parents.count, split_indices.count, split_conditions.count, default_left.count,
           base_weights.count, loss_changes.count, sum_hessian.count].allSatisfy({ $0 == n }) else {
      throw TrainingError("a tree's arrays have different lengths (\(n) left_children)")
    }
    for i in 0..<n where left_children[i] != -1 {
      // XGBoost numbers children after their parent; this also rules out cycles.
      guard left_children[i] > i, left_children[i] < n, right_children[i] > i, right_children[i] < n else {
        throw TrainingError("tree node \(i) has children \(left_children[i]), \(right_children[i]) outside the tree")
      }
    }
    var t = RegressionTree()
    t.leftChildren = left_children
    t.rightChildren = right_children
    t.parents = parents
    t.splitIndices = split_indices
    t.splitConditions = split_conditions
    t.defaultLeft = default_left.map { $0 != 0 }
    t.baseWeights = base_weights
    t.lossChanges = loss_changes
    t.sumHessian = sum_hessian
    return t
  }
}

/// The text XGBoost itself reads. XGBoost's JSON parser tells integers from reals, so every
/// float array element is written with a decimal point or exponent (`0.0`, `1e-05`), which
/// Foundation's JSONEncoder does not do; the document is therefore written by hand, keys sorted.
extension XGBoostModel {
  public func xgboostJSON() -> String {
    func str(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
    func object(_ pairs: [(String, String)]) -> String {
      "{" + pairs.sorted { $0.0 < $1.0 }.map { str($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }
    func strings(_ d: [String: String]) -> String { object(d.map { ($0.key, str($0.value)) }) }
    func floats(_ v: [Float]) -> String { "[" + v.map { $0.isFinite ? "\($0)" : "0.0" }.joined(separator: ",") + "]" }
    func ints<T: BinaryInteger>(_ v: [T]) -> String { "[" + v.map { "\($0)" }.joined(separator: ",") + "]" }
    let perRound = max(outputs * numParallelTree, 1)
    let treeTexts = trees.enumerated().map { id, t in
      object([
        ("base_weights", floats(t.baseWeights)), ("categories", "[]"), ("categories_nodes", "[]"),
        ("categories_segments", "[]"), ("categories_sizes", "[]"), ("default_left", ints(t.defaultLeft.map { $0 ? 1 : 0 })),
        ("id", "\(id)"), ("left_children", ints(t.leftChildren)), ("loss_changes", floats(t.lossChanges)),
        ("parents", ints(t.parents)), ("right_children", ints(t.rightChildren)),
        ("split_conditions", floats(t.splitConditions)), ("split_indices", ints(t.splitIndices)),
        ("split_type", ints([Int](repeating: 0, count: t.nodeCount))), ("sum_hessian", floats(t.sumHessian)),
        ("tree_param", strings(["num_deleted": "0", "num_feature": "\(featureDim)", "num_nodes": "\(t.nodeCount)", "size_leaf_vector": "1"])),
      ])
    }
    let model = object([
      ("cats", object([("enc", "[]"), ("feature_segments", "[]"), ("sorted_idx", "[]")])),
      ("gbtree_model_param", strings(["num_parallel_tree": "\(numParallelTree)", "num_trees": "\(trees.count)"])),
      ("iteration_indptr", ints(Array(stride(from: 0, through: trees.count, by: perRound)))),
      ("tree_info", ints(treeInfo)), ("trees", "[" + treeTexts.joined(separator: ",") + "]"),
    ])
    let score = formatXGBoostFloat(Float(baseScore))
    var objectivePairs = [("name", str(objective.rawValue))]
    if let (key, values) = objectiveSection { objectivePairs.append((key, strings(values))) }
    let learner = object([
      ("attributes", strings(attributes)), ("feature_names", "[]"), ("feature_types", "[]"),
      ("gradient_booster", object([("model", model), ("name", str("gbtree"))])),
      ("learner_model_param", strings([
        "base_score": "[" + Array(repeating: score, count: outputs).joined(separator: ",") + "]",
        "boost_from_average": "0", "num_class": "\(numClass)", "num_feature": "\(featureDim)", "num_target": "1",
      ])),
      ("objective", object(objectivePairs)),
    ])
    return object([("learner", learner), ("version", ints(Self.writtenVersion))])
  }
}
