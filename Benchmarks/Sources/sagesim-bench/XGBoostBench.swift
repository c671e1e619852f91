import Foundation
import SageCore
import SageIO
import SageSim

/// `sagesim-bench xgboost-data binary|regression ROWS SEED OUT.f64`: SyntheticData rows, label in
/// column 0, written raw (int64 rows, int64 cols, row-major float64) for the Python driver.
func xgboostData(_ args: [String]) throws {
  let rows = Int(args[1])!, seed = UInt64(args[2])!
  let batch = args[0] == "binary" ? SyntheticData.binary(rows: rows, seed: seed) : SyntheticData.regression(rows: rows, seed: seed)
  let x = batch.features.dense()
  let cols = x.columns + 1
  var out = Data(capacity: 16 + rows * cols * 8)
  withUnsafeBytes(of: Int64(rows)) { out.append(contentsOf: $0) }
  withUnsafeBytes(of: Int64(cols)) { out.append(contentsOf: $0) }
  var values = [Double](repeating: 0, count: rows * cols)
  x.withUnsafeBufferPointer { p in
    for i in 0..<rows {
      values[i * cols] = batch.labels[i]
      for j in 0..<x.columns { values[i * cols + 1 + j] = p[i * x.columns + j] }
    }
  }
  values.withUnsafeBytes { out.append(contentsOf: $0) }
  try out.write(to: URL(fileURLWithPath: args[3]))
}

/// Splits a raw file (label in column 0) into a labelled batch.
func labelledBatch(_ path: String) -> DataBatch {
  let all = loadRaw(path)
  let d = all.columns - 1
  var x = Matrix(rows: all.rows, columns: d)
  var y = [Double](repeating: 0, count: all.rows)
  all.withUnsafeBufferPointer { a in
    x.withUnsafeMutableBufferPointer { p in
      for i in 0..<all.rows {
        y[i] = a[i * all.columns]
        for j in 0..<d { p[i * d + j] = a[i * all.columns + 1 + j] }
      }
    }
  }
  return DataBatch(features: .dense(x), labels: y, lines: Array(1...all.rows), file: path)
}

/// Peak resident memory of this process, in MB (Linux reports ru_maxrss in KiB).
func peakMemoryMB() -> Double {
  var usage = rusage()
  getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
  return Double(usage.ru_maxrss) / 1024
}

/// `sagesim-bench xgboost TRAIN.f64 VALIDATION.f64 name=value...`: one training run on rows in
/// memory; prints the whole time, the boosting loop's time (after binning), the final metrics and
/// the peak memory.
func benchXGBoost(_ args: [String]) throws {
  let train = labelledBatch(args[0]), validation = labelledBatch(args[1])
  var hp: [String: String] = [:]
  for pair in args.dropFirst(2) {
    let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
    hp[parts[0]] = parts[1]
  }
  let parsed = try XGBoostHyperparameters.parse(hp)
  var log = TrainingLog.silent
  let channels = Channels(train: DataChannel(.train, batch: train), validation: DataChannel(.validation, batch: validation))
  let cpuStart = processCPUSeconds()
  var model: XGBoostModel?
  let time = try seconds { model = try XGBoost.train(parsed, on: channels, seed: 0, log: &log) }
  let cpu = processCPUSeconds() - cpuStart
  // "Trained N rounds in X s (...)": the boosting loop alone, after reading and binning.
  let loop = log.messages.first { $0.hasPrefix("Trained ") }.flatMap { line -> Double? in
    let parts = line.split(separator: " ")
    return parts.count > 4 ? Double(parts[4]) : nil
  } ?? time
  var metrics: [String: Double] = [:]
  for (name, value) in log.metrics { metrics[name] = value }
  let out: [String: Any] = [
    "seconds": time, "cpu_seconds": cpu, "loop_seconds": loop, "rounds": model?.rounds ?? 0, "metrics": metrics,
    "peak_mb": peakMemoryMB(),
  ]
  print(String(decoding: try JSONSerialization.data(withJSONObject: out), as: UTF8.self))
}
