// sagesim-bench: times sagesim's library calls on data already in memory (as the reference's
// fit() gets it), and prints one JSON object for the Python driver to compare.
//
//   sagesim-bench pca FILE.f64 MODE K BATCH   FILE.f64: int64 rows, int64 cols, then row-major float64
//   sagesim-bench csv FILE [CONTENT-TYPE]     reads the file 3 times, median MB/s and rows/s
//   sagesim-bench fm TRAIN.libsvm TEST.libsvm D HP...   factorization machines; prints s/epoch, test rmse, peak RSS
//   sagesim-bench linear FILE.f64 TYPE HP...    FILE.f64 holds the label in column 0; HP are name=value
//                                               linear-learner hyperparameters; prints time, weights, bias
//   sagesim-bench kmeans FILE.f64 HP...          k-means hyperparameters name=value; prints time, time per pass, msd
import Foundation
import SageCore
import SageIO
import SageSim

func loadRaw(_ path: String) -> Matrix {
  let data = FileManager.default.contents(atPath: path)!
  return data.withUnsafeBytes { raw in
    let rows = Int(raw.load(fromByteOffset: 0, as: Int64.self))
    let cols = Int(raw.load(fromByteOffset: 8, as: Int64.self))
    var values = [Double](repeating: 0, count: rows * cols)
    values.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[16...])) }
    return Matrix(rows: rows, columns: cols, values: values)
  }
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
  let start = ContinuousClock.now
  try body()
  let d = ContinuousClock.now - start
  return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

func benchPCA(_ args: [String]) throws {
  let x = loadRaw(args[0])
  let batch = DataBatch(features: .dense(x), labels: [], lines: Array(1...x.rows), file: args[0])
  let hp = try PCAHyperparameters.parse([
    "feature_dim": String(x.columns), "num_components": args[2], "mini_batch_size": args[3],
    "algorithm_mode": args[1],
  ])
  var model: PCAModel?
  var log = TrainingLog.silent
  // Median of 3 runs in one process, as the Python driver times the reference.
  let times = try (0..<3).map { _ in
    try seconds { model = try PCA.train(hp, on: Channels(train: DataChannel(.train, batch: batch)), seed: 0, log: &log) }
  }
  let time = times.sorted()[1]
  let m = model!
  let components = (0..<m.numComponents).reversed().map { j in m.v.map { $0[j] } }
  let out: [String: Any] = [
    "seconds": time, "explained_variance": Array(m.explainedVariance.reversed()),
    "explained_variance_ratio": Array(m.explainedVarianceRatio.reversed()), "components": components,
  ]
  print(String(decoding: try JSONSerialization.data(withJSONObject: out), as: UTF8.self))
}

func benchCSV(_ args: [String]) throws {
  try benchRead(args[0], contentType: args.count > 1 ? try ContentType(parsing: args[1]) : .csv(labelSize: 1))
}

/// Median of 3 full reads of `path` (readAll), in MB/s and rows/s.
func benchRead(_ path: String, contentType: ContentType) throws {
  let bytes = Double((try FileManager.default.attributesOfItem(atPath: path)[.size] as! NSNumber).intValue)
  var times: [Double] = []
  var rows = 0
  for _ in 0..<3 {
    times.append(try seconds { rows = try readAll(path: path, contentType: contentType, options: ReadOptions()).rows })
  }
  let median = times.sorted()[1]
  let out: [String: Any] = ["seconds": median, "mb_per_s": bytes / median / 1e6, "rows_per_s": Double(rows) / median, "bytes": bytes, "rows": rows]
  print(String(decoding: try JSONSerialization.data(withJSONObject: out), as: UTF8.self))
}

/// CPU time of the whole process (all threads), user + system: work done, whatever the machine's
/// load (wall time on a shared 2-core host swings with other jobs).
func processCPUSeconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// Linear learner on rows already in memory: label in column 0 of FILE.f64, the features after it.
func benchLinear(_ args: [String]) throws {
  let all = loadRaw(args[0])
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
  let batch = DataBatch(features: .dense(x), labels: y, lines: Array(1...all.rows), file: args[0])
  var hp: [String: String] = ["predictor_type": args[1]]
  for pair in args.dropFirst(2) {
    let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
    hp[parts[0]] = parts[1]
  }
  let parsed = try LinearLearnerHyperparameters.parse(hp)
  var model: LinearLearnerModel?
  var log = TrainingLog.silent
  let channels = Channels(train: DataChannel(.train, batch: batch))
  let cpuStart = processCPUSeconds()
  let time = try seconds { model = try LinearLearner.train(parsed, on: channels, seed: 0, log: &log) }
  let cpu = processCPUSeconds() - cpuStart
  let m = model!
  let out: [String: Any] = [
    "seconds": time, "cpu_seconds": cpu, "weights": m.weights.map { $0[0] }, "bias": m.bias[0], "chosen_model": m.chosenModel,
    "threshold": m.threshold ?? 0.5,
  ]
  print(String(decoding: try JSONSerialization.data(withJSONObject: out), as: UTF8.self))
}

/// Writes ROWS × COLS RecordIO-protobuf records (dense Float32, label 1 when the first three
/// features sum above 0, else 0), streaming, for the Pipe-mode memory measurement.
func makeRecordIO(_ args: [String]) throws {
  let path = args[0], rows = Int(args[1])!, cols = Int(args[2])!
  let writer = try DataWriter(path: path, contentType: .recordIOProtobuf)
  var random = SeededRandom(seed: 5)
  let block = 10_000
  for start in stride(from: 0, to: rows, by: block) {
    let n = min(block, rows - start)
    var x = Matrix(rows: n, columns: cols)
    var labels = [Double](repeating: 0, count: n)
    for i in 0..<n {
      for j in 0..<cols { x[i, j] = random.normal() + (j < 3 ? 0 : Double(j % 5)) }
      labels[i] = x[i, 0] + x[i, 1] + x[i, 2] > 0 ? 1 : 0
    }
    try writer.write(DataBatch(features: .dense(x), labels: labels, lines: Array(0..<n), file: path))
  }
  try writer.finish()
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "pca": try benchPCA(Array(arguments.dropFirst()))
case "csv": try benchCSV(Array(arguments.dropFirst()))
case "linear": try benchLinear(Array(arguments.dropFirst()))
case "fm": try benchFM(Array(arguments.dropFirst()))
case "make-recordio": try makeRecordIO(Array(arguments.dropFirst()))
case "kmeans": try benchKMeans(Array(arguments.dropFirst()))
case "xgboost": try benchXGBoost(Array(arguments.dropFirst()))
case "xgboost-data": try xgboostData(Array(arguments.dropFirst()))
default:
  FileHandle.standardError.write("usage: sagesim-bench pca FILE.f64 MODE K BATCH | csv FILE.csv | linear FILE.f64 TYPE name=value...\n".data(using: .utf8)!)
  exit(2)
}
