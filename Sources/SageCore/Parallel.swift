import Dispatch
import Foundation

/// Work split into fixed chunks that run on both cores, with results combined in chunk order.
///
/// Chunk boundaries depend only on the amount of work and the chunk count the caller asks for,
/// never on how many cores there are or which finishes first, so a reduction over the partial
/// results gives the same bits on every run.
public enum Parallel {
  /// Cores this process may use.
  public static var coreCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

  /// The half-open ranges that split `0..<count` into `chunks` nearly equal pieces.
  public static func ranges(of count: Int, chunks: Int) -> [Range<Int>] {
    let pieces = max(1, min(chunks, count))
    return (0..<pieces).map { p in (count * p / pieces)..<(count * (p + 1) / pieces) }
  }

  /// Runs `body` once per chunk of `0..<count`, concurrently, and returns the results in chunk
  /// order. OpenBLAS runs on one thread (`BLASThreads`), so `body` may call BLAS freely.
  public static func map<T>(
    _ count: Int, chunks: Int = Parallel.coreCount, _ body: (Range<Int>) -> T
  ) -> [T] {
    let pieces = ranges(of: count, chunks: chunks)
    if pieces.count <= 1 { return pieces.map(body) }
    BLASThreads.pinToOne()
    let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: pieces.count)
    results.initialize(repeating: nil)
    defer {
      results.deinitialize()  // releases each chunk's result before the memory goes
      results.deallocate()
    }
    withoutActuallyEscaping(body) { body in
      let box = UncheckedBox((body, results))
      DispatchQueue.concurrentPerform(iterations: pieces.count) { p in
        let (work, out) = box.value
        out[p] = work(pieces[p])
      }
    }
    return results.map { $0! }  // every chunk ran, so every slot is filled
  }
}

/// Carries a value the compiler cannot prove Sendable into `concurrentPerform`; each chunk writes
/// only its own slot, so there is no shared mutation.
private struct UncheckedBox<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}
