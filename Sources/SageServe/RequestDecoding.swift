import Foundation
import SageCore
import SageIO
import SageMetrics

/// Decodes an inference request body into feature rows: the same function serves the endpoint
/// and batch transform. `width` is the number of features the model takes (nil: any).
public enum RequestDecoder {
  /// How a body is named in error messages.
  public static let bodyName = "request body"

  public static func features(
    from body: [UInt8], format: RequestFormat, width: Int?, allowsMissing: Bool, name: String = bodyName
  ) throws(InferenceError) -> Features {
    guard body.contains(where: { !isSpace($0) }) else {
      throw .badRequest("\(name) is empty: expected at least one row of features")
    }
    switch format {
    case .csv: return try readCSV(body, width: width, allowsMissing: allowsMissing, name: name)
    case .libsvm:
      return try read(body, name, .libsvm, ReadOptions(hasLabel: true, allowsMissing: true, featureDim: width))
    case .recordIO:
      return try read(body, name, .recordIOProtobuf, ReadOptions(hasLabel: false, featureDim: width))
    case .json: return try readJSON(body, lines: false, width: width, name: name)
    case .jsonLines: return try readJSON(body, lines: true, width: width, name: name)
    }
  }

  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }

  private static func read(_ body: [UInt8], _ name: String, _ type: ContentType, _ options: ReadOptions)
    throws(InferenceError) -> Features
  {
    do {
      return try readAll(bytes: body, name: name, contentType: type, options: options).features
    } catch {
      throw .badRequest(error.description)
    }
  }

  /// CSV is read at the width of its first row, then checked against the model, so that a
  /// label column sent by mistake gets its own hint.
  private static func readCSV(_ body: [UInt8], width: Int?, allowsMissing: Bool, name: String)
    throws(InferenceError) -> Features
  {
    let features = try read(body, name, .csv(labelSize: 0), ReadOptions(hasLabel: false, allowsMissing: allowsMissing))
    if let width, features.columns != width {
      var message = "\(name):1: has \(features.columns) columns; the model takes \(width) features"
      if features.columns == width + 1 {
        message += ". Inference CSV has no label column: drop the first column"
      }
      throw .badRequest(message)
    }
    return features
  }

  // MARK: JSON and JSON Lines

  /// One instance: dense values, or sparse keys and values of a row `shape` wide.
  private enum Instance {
    case dense([Double])
    case sparse(keys: [Int], values: [Double], shape: Int?)
  }

  /// `{"instances": [...]}` or one instance per line; an instance is `{"features": [...]}` or
  /// `{"data": {"features": {"values": [...], "keys": [...], "shape": [n]}}}`.
  private static func readJSON(_ body: [UInt8], lines: Bool, width: Int?, name: String)
    throws(InferenceError) -> Features
  {
    var scanner = JSONScanner(bytes: body)
    var instances: [(Instance, line: Int)] = []
    do {
      if lines {
        while let node = try scanner.next() {
          instances.append((try instance(node, path: "line \(node.line)", scanner: scanner, name: name), node.line))
        }
      } else {
        guard let document = try scanner.next() else { throw InferenceError.badRequest("\(name) is empty") }
        if try scanner.next() != nil {
          throw InferenceError.badRequest("\(name) holds more than one JSON document; send one {\"instances\": [...]} object, or use application/jsonlines")
        }
        guard case .array(let list)? = document.member("instances")?.value else {
          throw InferenceError.badRequest(
            "\(name):\(document.line): expected an object {\"instances\": [{\"features\": [...]}, ...]} (SageMaker's JSON inference format)")
        }
        for (i, node) in list.enumerated() {
          instances.append((try instance(node, path: "instances[\(i)]", scanner: scanner, name: name), node.line))
        }
      }
    } catch {
      throw .readingJSON(error, name: name)
    }
    guard !instances.isEmpty else { throw .badRequest("\(name) holds no instances: expected at least one") }
    return try assemble(instances, width: width, name: name)
  }

  private static func instance(_ node: JSONNode, path: String, scanner: JSONScanner, name: String)
    throws(InferenceError) -> Instance
  {
    let place = "\(name):\(node.line): \(path)"
    if let features = node.member("features") {
      return .dense(try numbers(features, path: "\(place).features", scanner: scanner))
    }
    guard let tensor = node.member("data")?.member("features") else {
      throw .badRequest("\(place): expected {\"features\": [...]} or {\"data\": {\"features\": {\"values\": [...]}}}")
    }
    guard let valuesNode = tensor.member("values") else {
      throw .badRequest("\(place).data.features has no \"values\"")
    }
    let values = try numbers(valuesNode, path: "\(place).data.features.values", scanner: scanner)
    guard let keysNode = tensor.member("keys") else {
      if tensor.member("shape") != nil {
        throw .badRequest("\(place).data.features has a \"shape\" but no \"keys\": a sparse row needs both")
      }
      return .dense(values)
    }
    let keyValues = try numbers(keysNode, path: "\(place).data.features.keys", scanner: scanner)
    guard keyValues.count == values.count else {
      throw .badRequest("\(place).data.features has \(keyValues.count) keys and \(values.count) values: expected as many of each")
    }
    var keys: [Int] = []
    for (j, k) in keyValues.enumerated() {
      guard k >= 0, k == k.rounded(), k < Double(Int32.max) else {
        throw .badRequest("\(place).data.features.keys[\(j)]: '\(k)' is not a valid index: expected an integer of at least 0")
      }
      keys.append(Int(k))
    }
    var shape: Int?
    if let shapeNode = tensor.member("shape") {
      let dims = try numbers(shapeNode, path: "\(place).data.features.shape", scanner: scanner)
      guard dims.count == 1, dims[0] >= 1, dims[0] == dims[0].rounded(), dims[0] < Double(Int32.max) else {
        throw .badRequest("\(place).data.features.shape: expected one positive integer, the row's width")
      }
      shape = Int(dims[0])
    }
    return .sparse(keys: keys, values: values, shape: shape)
  }

  private static func numbers(_ node: JSONNode, path: String, scanner: JSONScanner) throws(InferenceError) -> [Double] {
    guard case .array(let items) = node.value else {
      throw .badRequest("\(path): '\(clip(scanner.text(node.span)))' is not a list of numbers")
    }
    var out: [Double] = []
    out.reserveCapacity(items.count)
    for (j, item) in items.enumerated() {
      guard case .number(let text) = item.value, let x = Double(text), x.isFinite else {
        throw .badRequest("\(path)[\(j)]: '\(clip(scanner.text(item.span)))' is not a number")
      }
      out.append(x)
    }
    return out
  }

  private static func clip(_ text: String) -> String { text.count > 40 ? String(text.prefix(40)) + "…" : text }

  /// Dense rows become a matrix; any sparse row makes the whole batch sparse (CSR).
  private static func assemble(_ instances: [(Instance, line: Int)], width: Int?, name: String)
    throws(InferenceError) -> Features
  {
    var columns = width
    for (instance, line) in instances {
      let rowWidth: Int?
      switch instance {
      case .dense(let v): rowWidth = v.count
      case .sparse(let keys, _, let shape):
        if let shape, let bad = keys.first(where: { $0 >= shape }) {
          throw .badRequest("\(name):\(line): key \(bad) is outside the row's shape [\(shape)]")
        }
        rowWidth = shape
      }
      guard let rowWidth else { continue }
      if let c = columns, c != rowWidth {
        let what = width == nil ? "the first instance has \(c)" : "the model takes \(c)"
        throw .badRequest("\(name):\(line): an instance has \(rowWidth) features; \(what)")
      }
      columns = rowWidth
    }
    let allDense = instances.allSatisfy { if case .dense = $0.0 { return true } else { return false } }
    if allDense {
      let c = columns ?? 0
      guard c > 0 else { throw .badRequest("\(name): instances have no features") }
      var values: [Double] = []
      values.reserveCapacity(instances.count * c)
      for (instance, _) in instances { if case .dense(let v) = instance { values += v } }
      return .dense(Matrix(rows: instances.count, columns: c, values: values))
    }
    var rowStart = [0]
    var indices: [Int32] = []
    var values: [Double] = []
    var widest = 0
    for (instance, line) in instances {
      switch instance {
      case .dense(let v):
        indices += (0..<v.count).map { Int32($0) }
        values += v
        widest = max(widest, v.count)
      case .sparse(let keys, let v, _):
        let order = keys.indices.sorted { keys[$0] < keys[$1] }
        for (a, b) in zip(order, order.dropFirst()) where keys[a] == keys[b] {
          throw .badRequest("\(name):\(line): key \(keys[a]) appears twice in one instance")
        }
        if let columns, let bad = keys.first(where: { $0 >= columns }) {
          throw .badRequest("\(name):\(line): key \(bad) is outside the \(columns) features of a row")
        }
        indices += order.map { Int32(keys[$0]) }
        values += order.map { v[$0] }
        widest = max(widest, (keys.max() ?? -1) + 1)
      }
      rowStart.append(indices.count)
    }
    return .sparse(
      SparseMatrix(
        rows: instances.count, columns: columns ?? widest, rowStart: rowStart, columnIndices: indices, values: values))
  }
}
