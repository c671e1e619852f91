import Foundation
import Hummingbird
import NIOCore
import SageCore

/// How `sagesim serve` listens.
public struct ServeOptions: Sendable {
  public var host: String
  /// 0 asks the OS for a free port (tests); the bound port is passed to `onRunning`.
  public var port: Int
  /// Bodies larger than this are refused with 413 (SageMaker's real-time limit is 6 MB).
  public var maxPayloadBytes: Int
  /// Receives one line per request; nil logs nothing.
  public var log: (@Sendable (String) -> Void)?

  public init(host: String = "127.0.0.1", port: Int = 8080, maxPayloadBytes: Int = 6 << 20,
              log: (@Sendable (String) -> Void)? = ServeOptions.standardError) {
    self.host = host
    self.port = port
    self.maxPayloadBytes = maxPayloadBytes
    self.log = log
  }

  /// Writes each line to standard error at once (no buffering across requests).
  public static let standardError: @Sendable (String) -> Void = { line in
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }
}

/// The SageMaker container's HTTP contract around one loaded model: `GET /ping`,
/// `POST /invocations` and `GET /execution-parameters`. Every refusal is a 4xx with
/// `{"error": "..."}`; nothing in a request can stop the server.
public enum InferenceServer {
  /// Builds the application; `run()` it (tests, cancelled to stop) or `runService()` (the CLI:
  /// SIGINT and SIGTERM shut it down gracefully, finishing requests in flight).
  public static func application(
    model: ServedModel, options: ServeOptions, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
  ) -> some ApplicationProtocol {
    let router = Router()
    router.middlewares.add(AccessLog(log: options.log))
    router.get("ping") { _, _ in
      Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "\n")))
    }
    let limit = options.maxPayloadBytes
    // What a batch transform asks the container before its first request (SageMaker calls this
    // route on the algorithms' containers to pick the strategy and payload size).
    let megabytes = max(1, limit >> 20)
    router.get("execution-parameters") { _, _ in
      Response(
        status: .ok, headers: [.contentType: "application/json"],
        body: .init(byteBuffer: ByteBuffer(string: "{\"MaxConcurrentTransforms\":\(Parallel.coreCount),\"BatchStrategy\":\"MULTI_RECORD\",\"MaxPayloadInMB\":\(megabytes)}\n")))
    }
    router.post("invocations") { request, _ -> Response in
      do {
        return try await invoke(request, model: model, limit: limit)
      } catch let error as InferenceError {
        return errorResponse(error)
      } catch {
        return errorResponse(InferenceError(status: 500, "\(error)"))
      }
    }
    return Application(
      router: router,
      configuration: .init(address: .hostname(options.host, port: options.port), serverName: "sagesim"),
      onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? options.port) })
  }

  private static func invoke(_ request: Request, model: ServedModel, limit: Int) async throws -> Response {
    if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
      throw tooLarge(declared, limit)
    }
    let buffer: ByteBuffer
    do {
      buffer = try await request.body.collect(upTo: limit)
    } catch is NIOTooManyBytesError {
      throw tooLarge(nil, limit)
    }
    let body = Array(buffer.readableBytesView)
    let answer = try model.invoke(
      body: body, contentType: request.headers[.contentType], accept: request.headers[.accept])
    return Response(
      status: .ok, headers: [.contentType: answer.contentType],
      body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
  }

  private static func tooLarge(_ size: Int?, _ limit: Int) -> InferenceError {
    let what = size.map { "\($0) bytes" } ?? "more than \(limit) bytes"
    return InferenceError(
      status: 413, "the request body is \(what); this endpoint takes at most \(limit) bytes (--max-payload-mb); split the rows over several requests")
  }

  static func errorResponse(_ error: InferenceError) -> Response {
    Response(
      status: HTTPResponse.Status(code: error.status), headers: [.contentType: "application/json"],
      body: .init(byteBuffer: ByteBuffer(string: error.jsonBody)))
  }
}

/// One line per request: time, method, path, status, response bytes, latency in milliseconds.
/// Errors that escape the routes (an unknown path, say) become JSON refusals here.
struct AccessLog<Context: RequestContext>: RouterMiddleware {
  let log: (@Sendable (String) -> Void)?

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
    let start = DispatchTime.now().uptimeNanoseconds
    var response: Response
    do {
      response = try await next(request, context)
    } catch let error as HTTPError {
      let message: String
      switch error.status.code {
      case 404: message = "no route \(request.method.rawValue) \(request.uri.path): the endpoint answers GET /ping and POST /invocations"
      case 405: message = "\(request.method.rawValue) is not allowed on \(request.uri.path)"
      default: message = error.body ?? error.status.reasonPhrase
      }
      response = InferenceServer.errorResponse(InferenceError(status: error.status.code, message))
    } catch let error as any HTTPResponseError {
      response = InferenceServer.errorResponse(InferenceError(status: error.status.code, "\(error)"))
    } catch {
      response = InferenceServer.errorResponse(InferenceError(status: 500, "\(error)"))
    }
    if let log {
      let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
      let bytes = response.body.contentLength.map(String.init) ?? "-"
      let stamp = utcTimestamp()
      log("\(stamp) \(request.method.rawValue) \(request.uri.path) \(response.status.code) \(bytes)B \(String(format: "%.3f", elapsed))ms")
    }
    return response
  }
}

/// Now as `2026-12-07T04:25:57Z` (UTC), without a formatter object per request.
func utcTimestamp() -> String {
  var seconds = time(nil)
  var parts = tm()
  gmtime_r(&seconds, &parts)
  func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
  return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
}
