import Foundation
import SageCore
import SageIO
import SageSim

/// `sagesim-bench fm TRAIN.libsvm TEST.libsvm FEATURE_DIM HP...`: factorization machines on
/// rows already in memory (as myfm's fit() gets them). Prints seconds per epoch (the library
/// call divided by `epochs`), the test RMSE and the process's peak resident memory.
func benchFM(_ args: [String]) throws {
  let d = Int(args[2])!
  let train = try readAll(path: args[0], contentType: .libsvm, options: ReadOptions(featureDim: d))
  let test = try readAll(path: args[1], contentType: .libsvm, options: ReadOptions(featureDim: d))
  var strings = ["feature_dim": String(d), "predictor_type": "regressor"]
  for a in args.dropFirst(3) {
    let parts = a.split(separator: "=", maxSplits: 1).map(String.init)
    strings[parts[0]] = parts[1]
  }
  let hp = try FactorizationMachinesHyperparameters.parse(strings)
  var log = TrainingLog.silent
  var model: FactorizationMachinesModel?
  let wall = try seconds {
    model = try FactorizationMachines.train(hp, on: Channels(train: DataChannel(.train, batch: train)), seed: 0, log: &log)
  }
  let predictions = try model!.predict(test.features)
  var squared = 0.0
  for (row, y) in zip(predictions.rows, test.labels) {
    if case .number(let s) = row[0].value { squared += (s - y) * (s - y) }
  }
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  let out: [String: Any] = [
    "seconds_per_epoch": wall / Double(hp.epochs), "rmse": (squared / Double(test.rows)).squareRoot(),
    "peak_rss_mb": Double(usage.ru_maxrss) / 1024, "epochs": hp.epochs,
  ]
  print(String(decoding: try JSONSerialization.data(withJSONObject: out), as: UTF8.self))
}
