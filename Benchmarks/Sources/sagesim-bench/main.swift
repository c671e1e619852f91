// sagesim-bench: times sagesim's library calls on data already in memory (as the reference's
// fit() gets it), and prints one JSON object for the Python driver to compare.
//
//   sagesim-bench pca FILE.f64 MODE K BATCH   FILE.f64: int64 rows, int64 cols, then row-major float64
//   sagesim-bench csv FILE [CONTENT-TYPE]     reads the file 3 times, median MB/s and rows/s
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
case "make-recordio": try makeRecordIO(Array(arguments.dropFirst()))
default:
  FileHandle.standardError.write("usage: sagesim-bench pca FILE.f64 MODE K BATCH | csv FILE.csv\n".data(using: .utf8)!)
  exit(2)
}
