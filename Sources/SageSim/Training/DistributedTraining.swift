import Foundation
import SageCore
import SageIO

/// SageMaker's `S3DistributionType` for a channel: whether every host reads every file, or each
/// host reads its own share of the files (whole files, assigned by key — never split rows).
public enum S3DistributionType: String, Sendable, CaseIterable {
  /// Every host gets a full copy of the channel's files.
  case fullyReplicated = "FullyReplicated"
  /// Host i of n gets the files whose position in key order is i, i + n, i + 2n, …
  case shardedByS3Key = "ShardedByS3Key"
}

/// An algorithm that trains on several simulated hosts (`algo-1`, `algo-2`, …) the way SageMaker's
/// version combines their work: k-means and PCA merge per-host statistics, linear learner and
/// factorization machines average per-host models, xgboost sums per-host histograms.
public protocol DistributedTraining: Algorithm {
  /// Trains with `hosts[i]` the channels host `algo-(i+1)` sees, the hosts running as concurrent
  /// workers in this process. One host must give the same model as `train(_:on:seed:log:)`.
  static func train(
    _ hyperparameters: Hyperparameters, onHosts hosts: [Channels], seed: UInt64, log: inout TrainingLog
  ) throws -> Model
}

// MARK: - Hosts as concurrent workers

/// Simulated hosts: one thread per host, joined before training goes on. Each host writes to its
/// own log (tagged `host=algo-N`, printed through the job's sink as it goes); the lines are kept in
/// the job's log afterwards, in host order.
enum HostWorkers {
  /// Runs `work(h, hostLog)` for every host h concurrently and returns the results in host order.
  /// When hosts fail, the error of the lowest-numbered failing host is thrown.
  static func run<T>(
    _ count: Int, log: inout TrainingLog, _ work: (Int, inout TrainingLog) throws -> T
  ) throws -> [T] {
    let sink = log.sink
    let results = ResultSlots<T>(count)
    withoutActuallyEscaping(work) { work in
      // The threads reach the work only through `holder`, which lets go of it once they are done,
      // so the non-escaping closure does not outlive this call.
      let holder = WorkHolder(work)
      let done = DispatchGroup()
      for h in 0..<count {
        done.enter()
        let thread = Thread {
          var hostLog = TrainingLog(sink: sink)
          hostLog.host = "algo-\(h + 1)"
          let outcome = Result { try holder.work!(h, &hostLog) }
          results.set(h, outcome, hostLog)
          done.leave()
        }
        thread.stackSize = 8 << 20
        thread.start()
      }
      done.wait()
      holder.work = nil
    }
    var values: [T] = []
    for h in 0..<count {
      log.append(linesOf: results.logs[h]!)
      values.append(try results.outcomes[h]!.get())
    }
    return values
  }
}

/// Synchronous steps across hosts, as MXNet's `dist_sync` kvstore or Rabit's allreduce runs them:
/// each host contributes to step t and waits until every host still working has; the last to arrive
/// calls `combine` with the contributions in host order (nil for a host that has finished its
/// data), so the combined result never depends on which thread came first.
final class SyncSteps<Contribution>: @unchecked Sendable {
  private let condition = NSCondition()
  private var pending: [Contribution?]
  private var working: [Bool]
  private var step = 0
  private var failure: Error?
  private let combine: ([Contribution?]) throws -> Void

  init(hosts: Int, combine: @escaping ([Contribution?]) throws -> Void) {
    pending = Array(repeating: nil, count: hosts)
    working = Array(repeating: true, count: hosts)
    self.combine = combine
  }

  /// Runs host `host`'s part (`body` contributes once per step), then leaves the steps; an error
  /// stops every host (they throw it from `contribute`).
  func participate(_ host: Int, _ body: () throws -> Void) throws {
    do {
      try body()
    } catch {
      fail(error)
      throw error
    }
    condition.lock()
    working[host] = false
    closeStepIfComplete()
    condition.unlock()
  }

  /// Adds host `host`'s contribution to the current step and waits until the step is combined.
  func contribute(_ host: Int, _ value: Contribution) throws {
    condition.lock()
    defer { condition.unlock() }
    if let failure { throw failure }
    pending[host] = value
    let mine = step
    closeStepIfComplete()
    while step == mine && failure == nil { condition.wait() }
    if let failure { throw failure }
  }

  private func fail(_ error: Error) {
    condition.lock()
    if failure == nil { failure = error }
    condition.broadcast()
    condition.unlock()
  }

  private func closeStepIfComplete() {
    guard failure == nil, pending.contains(where: { $0 != nil }),
      pending.indices.allSatisfy({ !working[$0] || pending[$0] != nil })
    else { return }
    do { try combine(pending) } catch { failure = error }
    pending = Array(repeating: nil, count: pending.count)
    step += 1
    condition.broadcast()
  }
}

/// The hosts' work, read by their threads and dropped after the last has finished.
private final class WorkHolder<T>: @unchecked Sendable {
  var work: ((Int, inout TrainingLog) throws -> T)?
  init(_ work: @escaping (Int, inout TrainingLog) throws -> T) { self.work = work }
}

/// Each host's result and log, written once by its own thread.
private final class ResultSlots<T>: @unchecked Sendable {
  private let lock = NSLock()
  private(set) var outcomes: [Result<T, Error>?]
  private(set) var logs: [TrainingLog?]
  init(_ count: Int) {
    outcomes = Array(repeating: nil, count: count)
    logs = Array(repeating: nil, count: count)
  }
  func set(_ h: Int, _ outcome: Result<T, Error>, _ log: TrainingLog) {
    lock.lock()
    outcomes[h] = outcome
    logs[h] = log
    lock.unlock()
  }
}

/// A value handed to worker threads that the compiler cannot prove Sendable; the workers only
/// read it, or write through `SyncSteps`, which serialises the writes.
struct Unchecked<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}

extension Channels {
  /// One host's channels from in-memory rows: `train` rows (and `validation`, `test`) as given.
  public init(train: DataBatch, validation: DataBatch? = nil, test: DataBatch? = nil) {
    self.init(
      train: DataChannel(.train, batch: train), validation: validation.map { DataChannel(.validation, batch: $0) },
      test: test.map { DataChannel(.test, batch: $0) })
  }

  /// `hosts` hosts' channels for the rows of `train`: every host all of them (`FullyReplicated`), or
  /// host h the h-th of `hosts` consecutive, nearly equal blocks (`ShardedByS3Key` over that many
  /// files). Validation and test rows go to every host whole.
  public static func hosts(
    _ hosts: Int, train: DataBatch, validation: DataBatch? = nil, test: DataBatch? = nil,
    distribution: S3DistributionType
  ) -> [Channels] {
    (0..<hosts).map { h in
      let block = (train.rows * h / hosts)..<(train.rows * (h + 1) / hosts)
      let rows = distribution == .fullyReplicated ? train : train.rows(block)
      return Channels(train: rows, validation: validation, test: test)
    }
  }
}
