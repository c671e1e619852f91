import Foundation
import SageIO
import SageServe
import SageSim

#if canImport(Glibc)
  import Glibc
#endif

/// A fresh directory under the system's temporary directory.
func temporaryDirectory() -> String {
  let path = FileManager.default.temporaryDirectory
    .appendingPathComponent("sageserve-\(UUID().uuidString)").path
  try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

/// Hand-made models whose answers can be worked out on paper.
enum Models {
  /// k-means, feature_dim 2, centers (0,0) and (3,4): "3,0" → cluster 0 at 3; "3,4.5" → cluster 1 at 0.5.
  static func kmeans() throws -> String {
    try write("""
      {"algorithm":"kmeans","format_version":1,"sagesim_version":"0.1.0","feature_dim":2,
       "hyperparameters":{"k":"2","feature_dim":"2"},
       "model":{"feature_dim":2,"centers":[[0,0],[3,4]]}}
      """)
  }

  /// PCA, feature_dim 3, mean (1,1,1), V = e1, e2: "2,3,4" → (2-1, 3-1) = [1, 2].
  static func pca() throws -> String {
    try write("""
      {"algorithm":"pca","format_version":1,"sagesim_version":"0.1.0","feature_dim":3,
       "hyperparameters":{"num_components":"2","feature_dim":"3"},
       "model":{"feature_dim":3,"subtract_mean":true,"mean":[1,1,1],"v":[[1,0],[0,1],[0,0]],
                "s":[1,2],"explained_variance":[1,4],"explained_variance_ratio":[0.2,0.8],"rows_seen":5}}
      """)
  }

  /// XGBoost trained on x = 0,1,2,3 with y = 0,0,10,10: one depth-1 tree, eta 1, lambda 0, so
  /// the two leaves hold the mean residuals exactly and the model answers 0 for x < 1.5 and 10
  /// above (second feature constant, never split on).
  static func xgboost() throws -> String {
    let dir = temporaryDirectory()
    let train = dir + "/train.csv"
    try "0,0,1\n0,1,1\n10,2,1\n10,3,1\n".write(toFile: train, atomically: true, encoding: .utf8)
    let entry = try AlgorithmRegistry.entry(named: "xgboost")
    var log = TrainingLog.silent
    let json = try entry.train(
      hyperparameters: [
        "num_round": "1", "max_depth": "1", "eta": "1", "lambda": "0", "min_child_weight": "0",
        "objective": "reg:squarederror",
      ],
      channels: Channels(train: DataChannel(.train, path: train, contentType: .csv(labelSize: 1))),
      seed: 1, log: &log)
    try ModelDirectory.write(json, to: dir)
    return dir
  }

  private static func write(_ json: String) throws -> String {
    let dir = temporaryDirectory()
    try json.write(toFile: dir + "/model.json", atomically: true, encoding: .utf8)
    return dir
  }
}

/// A response read off the socket.
struct HTTPAnswer {
  var status: Int
  var headers: [String: String]
  var body: [UInt8]
  var text: String { String(decoding: body, as: UTF8.self) }
}

/// A minimal HTTP/1.1 client over a loopback socket: one request per connection.
func http(
  _ port: Int, _ method: String, _ path: String, headers: [String: String] = [:], body: [UInt8] = []
) throws -> HTTPAnswer {
  let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  guard fd >= 0 else { throw ClientError("socket: \(errno)") }
  defer { close(fd) }
  var timeout = timeval(tv_sec: 10, tv_usec: 0)
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
  var address = sockaddr_in()
  address.sin_family = sa_family_t(AF_INET)
  address.sin_port = in_port_t(UInt16(port).bigEndian)
  address.sin_addr.s_addr = inet_addr("127.0.0.1")
  let connected = withUnsafePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
  }
  guard connected == 0 else { throw ClientError("connect to port \(port): errno \(errno)") }
  var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
  for (k, v) in headers where !v.isEmpty { head += "\(k): \(v)\r\n" }
  if method == "POST" && headers["Content-Length"] == nil { head += "Content-Length: \(body.count)\r\n" }
  head += "\r\n"
  let request = Array(head.utf8) + body
  var sent = 0
  while sent < request.count {
    let n = request[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    if n <= 0 { break }  // the server may answer (413) before reading everything
    sent += n
  }
  var received: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 65536)
  while true {
    let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
    if n <= 0 { break }
    received += chunk[0..<n]
    if let answer = parse(received), answer.body.count >= Int(answer.headers["content-length"] ?? "0") ?? 0 {
      return answer
    }
  }
  guard let answer = parse(received) else { throw ClientError("no HTTP response (\(received.count) bytes)") }
  return answer
}

private func parse(_ bytes: [UInt8]) -> HTTPAnswer? {
  let separator: [UInt8] = [13, 10, 13, 10]
  guard let end = (0..<max(0, bytes.count - 3)).first(where: { Array(bytes[$0..<($0 + 4)]) == separator }) else {
    return nil
  }
  let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
  let statusParts = lines[0].split(separator: " ")
  guard statusParts.count >= 2, let status = Int(statusParts[1]) else { return nil }
  var headers: [String: String] = [:]
  for line in lines.dropFirst() {
    guard let colon = line.firstIndex(of: ":") else { continue }
    headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
  }
  return HTTPAnswer(status: status, headers: headers, body: Array(bytes[(end + 4)...]))
}

struct ClientError: Error, CustomStringConvertible {
  let description: String
  init(_ d: String) { description = d }
}

/// Collects the server's log lines.
final class LogLines: @unchecked Sendable {
  private let lock = NSLock()
  private var lines: [String] = []
  func append(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
  var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
}

/// Starts a server for `directory` on a free loopback port, runs `body`, then stops it.
func withServer(
  _ directory: String, maxPayloadBytes: Int = 6 << 20, _ body: (Int, LogLines) async throws -> Void
) async throws {
  let model = try ServedModel(directory: directory)
  let log = LogLines()
  let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
  let app = InferenceServer.application(
    model: model, options: ServeOptions(host: "127.0.0.1", port: 0, maxPayloadBytes: maxPayloadBytes, log: log.append)
  ) { port in continuation.yield(port) }
  let server = Task { try await app.run() }
  defer { server.cancel() }
  var iterator = stream.makeAsyncIterator()
  guard let port = await iterator.next() else { throw ClientError("the server did not start") }
  try await body(port, log)
  server.cancel()
  _ = await server.result
}

/// `http` on its own thread, so that a blocking socket never holds one of the few threads the
/// server's handlers run on.
func fetch(
  _ port: Int, _ method: String, _ path: String, headers: [String: String] = [:], body: [UInt8] = []
) async throws -> HTTPAnswer {
  try await withCheckedThrowingContinuation { continuation in
    let thread = Thread {
      continuation.resume(with: Result { try http(port, method, path, headers: headers, body: body) })
    }
    thread.start()
  }
}

func post(_ port: Int, _ body: String, contentType: String?, accept: String? = nil) async throws -> HTTPAnswer {
  var headers: [String: String] = [:]
  if let contentType { headers["Content-Type"] = contentType }
  if let accept { headers["Accept"] = accept }
  return try await fetch(port, "POST", "/invocations", headers: headers, body: Array(body.utf8))
}
