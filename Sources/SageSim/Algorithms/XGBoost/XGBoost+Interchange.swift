import Foundation

/// Model files shared with real XGBoost.
extension XGBoost {
  /// The file beside `model.json` that XGBoost itself loads (`xgboost.Booster(model_file=...)`).
  public static let xgboostFileName = "xgboost-model.json"

  /// For an xgboost `model.json`, its `model` member (an XGBoost JSON model) as a file of its own.
  static func companionFiles(of json: Data) -> [(String, Data)] {
    guard let envelope = try? JSONDecoder().decode(ModelDirectory.Envelope<XGBoostModel>.self, from: json),
      envelope.algorithm == name
    else { return [] }
    return [(xgboostFileName, Data(envelope.model.xgboostJSON().utf8))]
  }

  /// A directory holding only a model saved by XGBoost (`xgboost-model.json`, or any single
  /// `*.json` with a `learner`) becomes a sagesim model: its text is wrapped in the envelope.
  static func wrapSavedModel(in directory: String) throws -> Data? {
    let url = URL(fileURLWithPath: directory)
    var candidates = [url.appendingPathComponent(xgboostFileName)]
    if directory.hasSuffix(".json") { candidates.insert(url, at: 0) }
    guard let file = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) && !isDirectory($0) }),
      let data = FileManager.default.contents(atPath: file.path)
    else { return nil }
    let model: XGBoostModel
    do {
      model = try JSONDecoder().decode(XGBoostModel.self, from: data)
    } catch {
      throw ModelError(directory: directory, problem: "holds \(file.lastPathComponent), which is not an XGBoost JSON model sagesim can read: \(error)")
    }
    let header = "{\"algorithm\":\"xgboost\",\"format_version\":\(ModelDirectory.formatVersion),\"sagesim_version\":\"\(sagesimVersion)\",\"feature_dim\":\(model.featureDim),\"hyperparameters\":{},\"model\":"
    return Data(header.utf8) + data + Data("}".utf8)
  }

  private static func isDirectory(_ url: URL) -> Bool {
    var flag: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &flag) && flag.boolValue
  }
}
