import Foundation
import SageCore
import SageIO

/// Generated tabular problems for tests, benchmarks and examples, reproducible bit for bit in
/// Python (`Benchmarks/xgboost_data.py` ports it): only `SeededRandom.uniform()`, arithmetic, and
/// glibc's `exp` and `sin`.
public enum SyntheticData {
  public static let features = 28

  /// A HIGGS-like binary problem: 28 features uniform on [−1, 1); the label is 1 with probability
  /// σ(f(x)), f mixing linear terms, products, a square, a threshold and a three-way interaction;
  /// features 18–27 are noise. Per row: 28 feature draws, then the label draw.
  /// `positiveShift` lowers f to make positives rare (−4 gives about 4 % positives).
  public static func binary(rows: Int, seed: UInt64, positiveShift: Double = 0) -> DataBatch {
    var random = SeededRandom(seed: seed)
    var x = [Double](repeating: 0, count: rows * features)
    var y = [Double](repeating: 0, count: rows)
    for i in 0..<rows {
      for j in 0..<features { x[i * features + j] = 2 * random.uniform() - 1 }
      let f = logit(x, i) + positiveShift
      y[i] = random.uniform() < 1 / (1 + exp(-f)) ? 1 : 0
    }
    return batch(x, y, rows: rows, name: "synthetic-binary")
  }

  /// f(x) of `binary`.
  static func logit(_ x: [Double], _ i: Int) -> Double {
    let r = i * features
    var f = 1.5 * x[r] - 1.0 * x[r + 1] + 0.8 * x[r + 2] * x[r + 3] + 1.2 * x[r + 4] * x[r + 4] - 0.6
    for j in 5...13 { f += (j % 2 == 1 ? 0.3 : -0.3) * x[r + j] }
    f += x[r + 14] > 0.2 ? 0.7 : -0.3
    f += 2 * x[r + 15] * x[r + 16] * x[r + 17]
    return f
  }

  /// A Friedman-1-like regression: features uniform on [0, 1), y = 10 sin(π x₀x₁) + 20(x₂ − ½)²
  /// + 10x₃ + 5x₄ + 3x₅x₆ + noise (the sum of 4 uniforms − 2, σ ≈ 0.58); features 7–27 are noise.
  public static func regression(rows: Int, seed: UInt64) -> DataBatch {
    var random = SeededRandom(seed: seed)
    var x = [Double](repeating: 0, count: rows * features)
    var y = [Double](repeating: 0, count: rows)
    for i in 0..<rows {
      let r = i * features
      for j in 0..<features { x[r + j] = random.uniform() }
      var noise = -2.0
      for _ in 0..<4 { noise += random.uniform() }
      y[i] = 10 * sin(Double.pi * x[r] * x[r + 1]) + 20 * (x[r + 2] - 0.5) * (x[r + 2] - 0.5)
        + 10 * x[r + 3] + 5 * x[r + 4] + 3 * x[r + 5] * x[r + 6] + noise
    }
    return batch(x, y, rows: rows, name: "synthetic-regression")
  }

  static func batch(_ x: [Double], _ y: [Double], rows: Int, name: String) -> DataBatch {
    DataBatch(
      features: .dense(Matrix(rows: rows, columns: features, values: x)), labels: y,
      lines: Array(1...max(rows, 1)).prefix(rows).map { $0 }, file: name)
  }
}
