import Foundation
import SageIO

/// A training job directory that is malformed: a config file, a key, a channel or a data folder
/// that is not what SageMaker writes, with what was expected.
public struct JobError: Error, CustomStringConvertible, Sendable {
  public let description: String
  public init(_ description: String) { self.description = description }
}

/// The paths of a job directory laid out as SageMaker lays out `/opt/ml`.
public struct JobDirectory: Sendable {
  public let root: String
  public init(root: String) { self.root = root }

  func path(_ components: String...) -> String {
    components.reduce(URL(fileURLWithPath: root)) { $0.appendingPathComponent($1) }.path
  }

  public var configDirectory: String { path("input", "config") }
  public var hyperparametersFile: String { path("input", "config", "hyperparameters.json") }
  public var inputDataConfigFile: String { path("input", "config", "inputdataconfig.json") }
  public var resourceConfigFile: String { path("input", "config", "resourceconfig.json") }
  /// sagesim's own file: the algorithm (in SageMaker, the container image you chose) and the seed.
  public var sagesimConfigFile: String { path("input", "config", "sagesim.json") }
  public var dataDirectory: String { path("input", "data") }
  public func channelDirectory(_ name: String) -> String { path("input", "data", name) }
  public var modelDirectory: String { path("model") }
  public var outputDirectory: String { path("output") }
  public var outputDataDirectory: String { path("output", "data") }
  public var failureFile: String { path("output", "failure") }
  public var modelArchive: String { path("output", "model.tar.gz") }
  /// The final metrics, in the shape DescribeTrainingJob returns as `FinalMetricDataList`.
  public var metricsFile: String { path("output", "metrics.json") }
}

/// One channel of `inputdataconfig.json`.
public struct ChannelConfig: Sendable, Equatable {
  public enum RecordWrapper: String, Sendable, CaseIterable {
    case none = "None"
    case recordIO = "RecordIO"
  }

  public var name: ChannelName
  public var contentType: ContentType
  /// The text as written (`text/csv`), kept for writing the file back.
  public var contentTypeText: String
  public var inputMode: DataChannel.InputMode
  public var distribution: S3DistributionType
  public var recordWrapper: RecordWrapper

  public init(
    name: ChannelName, contentType: String, inputMode: DataChannel.InputMode = .file,
    distribution: S3DistributionType = .fullyReplicated, recordWrapper: RecordWrapper = .none
  ) throws {
    self.name = name
    self.contentType = try ContentType(parsing: contentType)
    self.contentTypeText = contentType
    self.inputMode = inputMode
    self.distribution = distribution
    self.recordWrapper = recordWrapper
  }
}

/// `resourceconfig.json`: which host this is and which hosts take part.
public struct ResourceConfig: Sendable, Equatable {
  public var currentHost: String
  public var hosts: [String]
  public var networkInterfaceName: String

  /// `algo-1` … `algo-N`, as SageMaker names the instances of a job.
  public init(instanceCount: Int) {
    hosts = (1...max(1, instanceCount)).map { "algo-\($0)" }
    currentHost = hosts[0]
    networkInterfaceName = "eth0"
  }
}

/// The config files of a job, parsed and checked.
public struct JobConfig: Sendable {
  public var algorithm: String
  public var seed: UInt64
  public var hyperparameters: [String: String]
  /// In SageMaker's channel order (train, validation, test).
  public var channels: [ChannelConfig]
  public var resources: ResourceConfig

  public init(
    algorithm: String, seed: UInt64 = 0, hyperparameters: [String: String], channels: [ChannelConfig],
    resources: ResourceConfig
  ) {
    self.algorithm = algorithm
    self.seed = seed
    self.hyperparameters = hyperparameters
    self.channels = channels.sorted { $0.name < $1.name }
    self.resources = resources
  }

  public func channel(_ name: ChannelName) -> ChannelConfig? { channels.first { $0.name == name } }

  // MARK: Reading

  /// Reads and checks the four config files of `directory`.
  public static func read(from directory: JobDirectory) throws -> JobConfig {
    let sagesim = try object(in: directory.sagesimConfigFile)
    let algorithm = try string(sagesim, "algorithm", in: directory.sagesimConfigFile)
    var seed: UInt64 = 0
    if sagesim["seed"] != nil {
      let text = try string(sagesim, "seed", in: directory.sagesimConfigFile)
      guard let value = UInt64(text) else {
        throw JobError("\(directory.sagesimConfigFile): 'seed' is '\(text)'; expected a whole number 0 or more, as a string")
      }
      seed = value
    }
    try refuseUnknownKeys(sagesim, known: ["algorithm", "seed"], in: directory.sagesimConfigFile)
    return JobConfig(
      algorithm: algorithm, seed: seed,
      hyperparameters: try readHyperparameters(directory.hyperparametersFile),
      channels: try readInputDataConfig(directory.inputDataConfigFile),
      resources: try readResourceConfig(directory.resourceConfigFile))
  }

  /// `hyperparameters.json`: one object, every value a string (SageMaker passes them so).
  public static func readHyperparameters(_ file: String) throws -> [String: String] {
    var values: [String: String] = [:]
    for (key, value) in try object(in: file) {
      guard let text = value as? String else {
        throw JobError("\(file): '\(key)' is \(describe(value)); SageMaker writes every hyperparameter as a string: write \"\(key)\": \"\(plain(value))\"")
      }
      values[key] = text
    }
    return values
  }

  static let channelKeys = ["ContentType", "TrainingInputMode", "S3DistributionType", "RecordWrapperType", "CompressionType"]

  /// `inputdataconfig.json`: `{"train": {"ContentType": …, "TrainingInputMode": …, …}, …}`.
  public static func readInputDataConfig(_ file: String) throws -> [ChannelConfig] {
    var channels: [ChannelConfig] = []
    for (key, value) in try object(in: file).sorted(by: { $0.key < $1.key }) {
      guard let name = ChannelName(rawValue: key) else {
        throw JobError("\(file): unknown channel '\(key)'; sagesim's algorithms take the channels \(ChannelName.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      guard let fields = value as? [String: Any] else {
        throw JobError("\(file): channel '\(key)' is \(describe(value)); expected an object with \(channelKeys.prefix(4).joined(separator: ", "))")
      }
      let place = "\(file): channel '\(key)'"
      try refuseUnknownKeys(fields, known: channelKeys, in: place)
      guard fields["ContentType"] != nil else {
        throw JobError("\(place) has no ContentType; sagesim needs one of: \(ContentType.accepted.joined(separator: ", "))")
      }
      let contentText = try string(fields, "ContentType", in: place)
      let mode = try choice(fields, "TrainingInputMode", DataChannel.InputMode.self, in: place)
      let distribution = try choice(fields, "S3DistributionType", S3DistributionType.self, in: place)
      let wrapper = try choice(fields, "RecordWrapperType", ChannelConfig.RecordWrapper.self, in: place)
      if fields["CompressionType"] != nil {
        let compression = try string(fields, "CompressionType", in: place)
        guard compression == "None" else {
          throw JobError("\(place) has CompressionType '\(compression)'; sagesim reads uncompressed files only: expected None")
        }
      }
      let channel: ChannelConfig
      do {
        channel = try ChannelConfig(name: name, contentType: contentText, inputMode: mode, distribution: distribution, recordWrapper: wrapper)
      } catch {
        throw JobError("\(place): ContentType \(error)")
      }
      if wrapper == .recordIO && channel.contentType != .recordIOProtobuf {
        throw JobError("\(place) has RecordWrapperType RecordIO with ContentType '\(contentText)'; sagesim reads RecordIO-wrapped records only as application/x-recordio-protobuf: expected RecordWrapperType None")
      }
      channels.append(channel)
    }
    guard let train = channels.first(where: { $0.name == .train }) else {
      throw JobError("\(file): no train channel; every training job needs one (channels given: \(channels.isEmpty ? "none" : channels.map(\.name.rawValue).joined(separator: ", ")))")
    }
    for other in channels where other.contentType != train.contentType {
      throw JobError("\(file): channel '\(other.name.rawValue)' has ContentType '\(other.contentTypeText)' but 'train' has '\(train.contentTypeText)'; every channel of a job must have the same content type")
    }
    return channels.sorted { $0.name < $1.name }
  }

  /// `resourceconfig.json`: `{"current_host": "algo-1", "hosts": ["algo-1", …], "network_interface_name": "eth0"}`.
  public static func readResourceConfig(_ file: String) throws -> ResourceConfig {
    let fields = try object(in: file)
    guard let hosts = fields["hosts"] as? [Any] else {
      throw JobError("\(file): \(fields["hosts"] == nil ? "no 'hosts'" : "'hosts' is \(describe(fields["hosts"]!))"); expected a list of host names like [\"algo-1\", \"algo-2\"]")
    }
    let names = try hosts.map { value -> String in
      guard let name = value as? String, !name.isEmpty else {
        throw JobError("\(file): 'hosts' holds \(describe(value)); expected host names (strings) like \"algo-1\"")
      }
      return name
    }
    guard !names.isEmpty else { throw JobError("\(file): 'hosts' is empty; expected at least one host, like [\"algo-1\"]") }
    if let duplicate = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
      throw JobError("\(file): 'hosts' names '\(duplicate)' more than once; expected distinct host names")
    }
    let current = try string(fields, "current_host", in: file)
    guard names.contains(current) else {
      throw JobError("\(file): 'current_host' is '\(current)', which is not in 'hosts' (\(names.joined(separator: ", ")))")
    }
    var config = ResourceConfig(instanceCount: names.count)
    config.hosts = names
    config.currentHost = current
    if fields["network_interface_name"] != nil {
      config.networkInterfaceName = try string(fields, "network_interface_name", in: file)
    }
    return config
  }

  // MARK: Writing

  /// The four files' JSON texts, keyed by path, as `job init` writes them.
  public func files(in directory: JobDirectory) throws -> [(path: String, data: Data)] {
    var channelObjects: [String: [String: String]] = [:]
    for channel in channels {
      channelObjects[channel.name.rawValue] = [
        "ContentType": channel.contentTypeText, "TrainingInputMode": channel.inputMode.rawValue,
        "S3DistributionType": channel.distribution.rawValue, "RecordWrapperType": channel.recordWrapper.rawValue,
      ]
    }
    let resource: [String: Any] = [
      "current_host": resources.currentHost, "hosts": resources.hosts,
      "network_interface_name": resources.networkInterfaceName,
    ]
    return [
      (directory.sagesimConfigFile, try Self.json(["algorithm": algorithm, "seed": String(seed)])),
      (directory.hyperparametersFile, try Self.json(hyperparameters)),
      (directory.inputDataConfigFile, try Self.json(channelObjects)),
      (directory.resourceConfigFile, try Self.json(resource)),
    ]
  }

  static func json(_ value: Any) throws -> Data {
    var data = try JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    data.append(contentsOf: Array("\n".utf8))
    return data
  }

  // MARK: Helpers

  static func object(in file: String) throws -> [String: Any] {
    guard FileManager.default.fileExists(atPath: file) else {
      throw JobError("\(file): missing; a job directory needs it (make one with 'sagesim job init')")
    }
    guard let data = FileManager.default.contents(atPath: file) else { throw JobError("\(file): cannot be read") }
    let parsed: Any
    do {
      parsed = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    } catch {
      throw JobError("\(file): not valid JSON (\(error.localizedDescription)); expected one JSON object")
    }
    guard let object = parsed as? [String: Any] else {
      throw JobError("\(file): holds \(describe(parsed)); expected one JSON object { … }")
    }
    return object
  }

  static func string(_ fields: [String: Any], _ key: String, in place: String) throws -> String {
    guard let value = fields[key] else { throw JobError("\(place): no '\(key)'; expected a string") }
    guard let text = value as? String else {
      throw JobError("\(place): '\(key)' is \(describe(value)); expected a string")
    }
    return text
  }

  static func choice<T: RawRepresentable & CaseIterable>(
    _ fields: [String: Any], _ key: String, _ type: T.Type, in place: String
  ) throws -> T where T.RawValue == String {
    let allowed = T.allCases.map(\.rawValue).joined(separator: " or ")
    guard fields[key] != nil else { throw JobError("\(place) has no \(key); expected \(allowed)") }
    let text = try string(fields, key, in: place)
    guard let value = T(rawValue: text) else { throw JobError("\(place) has \(key) '\(text)'; expected \(allowed)") }
    return value
  }

  static func refuseUnknownKeys(_ fields: [String: Any], known: [String], in place: String) throws {
    for key in fields.keys.sorted() where !known.contains(key) {
      throw JobError("\(place): unknown key '\(key)'; expected \(known.joined(separator: ", "))")
    }
  }

  static func describe(_ value: Any) -> String {
    switch value {
    case is NSNull: return "null"
    case let n as NSNumber where isBoolean(n): return "\(n.boolValue) (a boolean)"
    case let n as NSNumber: return "\(n) (a number)"
    case let s as String: return "\"\(s)\" (a string)"
    case is [Any]: return "a list"
    case is [String: Any]: return "an object"
    default: return "\(value)"
    }
  }

  /// JSON `true`/`false` (JSONSerialization gives numbers of ObjC type "c" for them).
  static func isBoolean(_ n: NSNumber) -> Bool { String(cString: n.objCType) == "c" }

  static func plain(_ value: Any) -> String {
    if let n = value as? NSNumber {
      if isBoolean(n) { return n.boolValue ? "true" : "false" }
      return "\(n)"
    }
    return "\(value)"
  }
}
