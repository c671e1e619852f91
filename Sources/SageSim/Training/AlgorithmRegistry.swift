import Foundation
import SageIO

/// One algorithm as the CLI sees it: names, docs, and type-erased train and predict.
public struct AlgorithmEntry: Sendable {
  public let name: String
  public let summary: String
  /// Where the algorithm is being built, when it is not yet available.
  public let plannedIn: String?
  public let channels: [ChannelName]
  public let documentation: [HyperparameterDoc]
  public let notes: [String]
  let trainErased: @Sendable ([String: String], Channels, UInt64, inout TrainingLog) throws -> Data
  let predictErased: @Sendable (Data, String, Features) throws -> Predictions
  let loadErased: @Sendable (Data, String) throws -> any TrainedModel
  let trainOnHostsErased: @Sendable ([String: String], [Channels], UInt64, inout TrainingLog) throws -> Data

  public var isAvailable: Bool { plannedIn == nil }

  /// Parses and validates the hyperparameters, then trains; returns the model's JSON text.
  public func train(
    hyperparameters: [String: String], channels: Channels, seed: UInt64, log: inout TrainingLog
  ) throws -> Data {
    try trainErased(hyperparameters, channels, seed, &log)
  }

  /// Trains on several simulated hosts (`hosts[i]` is what host `algo-(i+1)` reads); one host is
  /// an ordinary training job. Algorithms that do not combine hosts refuse more than one.
  public func train(
    hyperparameters: [String: String], hosts: [Channels], seed: UInt64, log: inout TrainingLog
  ) throws -> Data {
    guard let first = hosts.first else { throw TrainingError("a training job needs at least one host") }
    if hosts.count == 1 { return try trainErased(hyperparameters, first, seed, &log) }
    return try trainOnHostsErased(hyperparameters, hosts, seed, &log)
  }

  /// Predicts with a model read from `directory` (its JSON text given as `modelJSON`).
  public func predict(modelJSON: Data, directory: String, features: Features) throws -> Predictions {
    try predictErased(modelJSON, directory, features)
  }

  /// Decodes a model once, for a server that predicts many requests with it (predict is pure).
  public func load(modelJSON: Data, directory: String) throws -> any TrainedModel {
    try loadErased(modelJSON, directory)
  }

  /// The model's input width, read from its JSON text.
  public static func featureDim(of modelJSON: Data) -> Int? {
    struct Width: Decodable { let feature_dim: Int }
    return try? JSONDecoder().decode(Width.self, from: modelJSON).feature_dim
  }

  init<A: Algorithm>(_ algorithm: A.Type) {
    self.init(A.self, onHosts: { _, hosts, _, _ in
      throw TrainingError("\(A.name) trains on one host in sagesim; got \(hosts.count) hosts in resourceconfig.json")
    })
  }

  init<A: DistributedTraining>(_ algorithm: A.Type) {
    self.init(A.self, onHosts: { strings, hosts, seed, log in
      let hyperparameters = try prepare(A.self, strings, channels: hosts, log: &log)
      let model = try A.train(hyperparameters, onHosts: hosts, seed: seed, log: &log)
      return try ModelDirectory.encode(model, algorithm: A.name, hyperparameters: hyperparameters.sageMakerValues)
    })
  }

  private init<A: Algorithm>(
    _ algorithm: A.Type,
    onHosts: @escaping @Sendable ([String: String], [Channels], UInt64, inout TrainingLog) throws -> Data
  ) {
    name = A.name
    summary = A.summary
    plannedIn = nil
    channels = A.channels
    documentation = A.Hyperparameters.documentation
    notes = A.notes
    trainErased = { strings, channels, seed, log in
      let hyperparameters = try prepare(A.self, strings, channels: [channels], log: &log)
      let model = try A.train(hyperparameters, on: channels, seed: seed, log: &log)
      return try ModelDirectory.encode(model, algorithm: A.name, hyperparameters: hyperparameters.sageMakerValues)
    }
    trainOnHostsErased = onHosts
    predictErased = { json, directory, features in
      let model = try ModelDirectory.decode(A.Model.self, algorithm: A.name, from: json, directory: directory)
      return try model.predict(features)
    }
    loadErased = { json, directory in
      try ModelDirectory.decode(A.Model.self, algorithm: A.name, from: json, directory: directory)
    }
  }

  init(planned name: String, summary: String, issue: String) {
    self.name = name
    self.summary = summary
    self.plannedIn = issue
    channels = []
    documentation = []
    notes = []
    trainErased = { _, _, _, _ in throw AlgorithmRegistry.notAvailable(name, issue) }
    trainOnHostsErased = { _, _, _, _ in throw AlgorithmRegistry.notAvailable(name, issue) }
    predictErased = { _, _, _ in throw AlgorithmRegistry.notAvailable(name, issue) }
    loadErased = { _, _ in throw AlgorithmRegistry.notAvailable(name, issue) }
  }
}

/// Parses the hyperparameters and checks every host's channels before any training starts.
private func prepare<A: Algorithm>(
  _ algorithm: A.Type, _ strings: [String: String], channels hosts: [Channels], log: inout TrainingLog
) throws -> A.Hyperparameters {
  let hyperparameters = try A.Hyperparameters.parse(strings)
  for channels in hosts {
    try checkChannels(channels, allowed: A.channels, algorithm: A.name)
    if channels.usesPipeMode, let refusal = A.pipeModeRefusal {
      throw TrainingError("\(A.name) cannot train in Pipe mode: \(refusal); use --input-mode File")
    }
  }
  log.info("Final configuration: \(describe(hyperparameters.sageMakerValues))")
  return hyperparameters
}

private func checkChannels(_ channels: Channels, allowed: [ChannelName], algorithm: String) throws {
  for name in channels.given where !allowed.contains(name) {
    throw TrainingError(
      "\(algorithm) takes the channels \(allowed.map(\.rawValue).joined(separator: ", ")); SageMaker's \(algorithm) has no \(name.rawValue) channel")
  }
}

private func describe(_ values: [String: String]) -> String {
  "{" + values.sorted { $0.key < $1.key }.map { "'\($0.key)': '\($0.value)'" }.joined(separator: ", ") + "}"
}

/// The five algorithms, in the order the CLI lists them.
public enum AlgorithmRegistry {
  public static let all: [AlgorithmEntry] = [
    AlgorithmEntry(PCA.self),
    AlgorithmEntry(KMeans.self),
    AlgorithmEntry(LinearLearner.self),
    AlgorithmEntry(XGBoost.self),
    AlgorithmEntry(FactorizationMachines.self),
  ]

  public static var names: [String] { all.map(\.name) }

  /// The entry named `name`, or an error listing the valid names.
  public static func entry(named name: String) throws -> AlgorithmEntry {
    guard let entry = all.first(where: { $0.name == name }) else {
      throw UnknownAlgorithmError(name: name)
    }
    return entry
  }

  static func notAvailable(_ name: String, _ issue: String) -> TrainingError {
    TrainingError("\(name) is not available in this version of sagesim yet (it is being built in \(issue)); available now: \(all.filter(\.isAvailable).map(\.name).joined(separator: ", "))")
  }
}

/// An algorithm name that is not one of the five.
public struct UnknownAlgorithmError: Error, CustomStringConvertible, Sendable {
  public let name: String
  public var description: String {
    "unknown algorithm '\(name)'; expected one of: \(AlgorithmRegistry.names.joined(separator: ", "))"
  }
}
