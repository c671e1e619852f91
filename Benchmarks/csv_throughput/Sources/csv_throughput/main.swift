// Generates seeded CSV files in /tmp and times `readAll` on them, one core, median of 3 runs.
//
// Usage: OPENBLAS_NUM_THREADS=1 swift run -c release csv_throughput [rows] [features] [doubles|digits]
// (defaults 100000 × 100 and both; every row also has a label column). SageIO links SageCore and
// with it OpenBLAS, whose idle worker threads would otherwise spin on the other core.
import Foundation
import SageIO

/// SplitMix64: a small seeded generator, so the files are the same on every run.
struct SplitMix {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}

/// Writes `rows` lines of a label and `features` values made by `cell`, formatted with `format`,
/// unless the file is already there (the content only depends on the arguments).
func writeCSV(path: String, rows: Int, features: Int, format: String, cell: (inout SplitMix) -> Double) {
  if FileManager.default.fileExists(atPath: path) { return }
  guard let out = fopen(path, "w") else { fatalError("cannot write \(path)") }
  defer { fclose(out) }
  var rng = SplitMix(state: 42)
  var text = [CChar](repeating: 0, count: 64)
  for _ in 0..<rows {
    fputs(String(rng.next() % 10), out)
    for _ in 0..<features {
      let x = cell(&rng)
      _ = withVaList([x]) { vsnprintf(&text, text.count, format, $0) }
      fputc(0x2C, out)
      fputs(text, out)
    }
    fputc(0x0A, out)
  }
}

/// Seconds of CPU time this thread has used: unlike wall time, not inflated by other processes.
func threadCPUSeconds() -> Double {
  var now = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
  return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

/// Times `readAll` three times and prints the median throughput, by wall and by CPU time.
func measure(name: String, path: String) throws {
  let bytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
  var wall: [Double] = []
  var cpu: [Double] = []
  var rows = 0
  var checksum = 0.0
  for _ in 0..<3 {
    let start = DispatchTime.now().uptimeNanoseconds
    let startCPU = threadCPUSeconds()
    let batch = try readAll(path: path, contentType: .csv(labelSize: 1), options: ReadOptions())
    cpu.append(threadCPUSeconds() - startCPU)
    wall.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    rows = batch.rows
    checksum += batch.features.dense().values.reduce(0, +) + batch.labels.reduce(0, +)
  }
  func report(_ seconds: [Double]) -> String {
    let median = seconds.sorted()[1]
    return String(format: "%.0f MB/s, %.0f rows/s (median %.3f s of ", Double(bytes) / 1e6 / median, Double(rows) / median, median)
      + seconds.map { String(format: "%.3f", $0) }.joined(separator: ", ") + ")"
  }
  print("\(name): \(bytes / 1_000_000) MB, \(rows) rows, checksum \(checksum)")
  print("  wall time: " + report(wall))
  print("  CPU time:  " + report(cpu))
}

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let rows = arguments.first ?? 100_000
let features = arguments.dropFirst().first ?? 100
let doubles = "/tmp/sagesim-bench-g6-\(rows)x\(features).csv"
let digits = "/tmp/sagesim-bench-digits-\(rows)x\(features).csv"
writeCSV(path: doubles, rows: rows, features: features, format: "%.6g") { rng in
  (rng.uniform() * 2 - 1) * pow(10, Double(Int(rng.next() % 11) - 5))
}
writeCSV(path: digits, rows: rows, features: features, format: "%.0f") { rng in
  Double(rng.next() % 17)
}
if ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] == nil {
  print("note: OPENBLAS_NUM_THREADS is not set; OpenBLAS worker threads may disturb the timing")
}
let only = CommandLine.arguments.dropFirst().first { Int($0) == nil }  // "doubles" or "digits"
do {
  if only != "digits" { try measure(name: "random doubles (%.6g)", path: doubles) }
  if only != "doubles" { try measure(name: "small integers (digits)", path: digits) }
} catch {
  print("error: \(error)")
  exit(1)
}
