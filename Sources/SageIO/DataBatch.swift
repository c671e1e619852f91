import SageCore

/// Feature rows as the file held them: dense for CSV, sparse (CSR) for libsvm and sparse records.
public enum Features: Sendable, Equatable {
  case dense(Matrix)
  case sparse(SparseMatrix)

  public var rows: Int {
    switch self {
    case .dense(let m): return m.rows
    case .sparse(let s): return s.rows
    }
  }

  public var columns: Int {
    switch self {
    case .dense(let m): return m.columns
    case .sparse(let s): return s.columns
    }
  }

  /// The rows as a dense matrix; absent sparse entries become `fill` (0, or `.nan` for missing).
  public func dense(fill: Double = 0) -> Matrix {
    switch self {
    case .dense(let m): return m
    case .sparse(let s): return s.dense(fill: fill)
    }
  }
}

/// Up to `maxRows` consecutive rows of one file, with where they came from.
public struct DataBatch: Sendable, Equatable {
  public var features: Features
  /// One label per row, or empty when the content has no label column (`label_size=0`).
  public var labels: [Double]
  /// One instance weight per row (xgboost's `csv_weights=1`, libsvm `label:weight`), else nil.
  public var weights: [Double]?
  /// The 1-based line of each row in its file (blank lines are skipped, so lines can jump).
  public var lines: [Int]
  /// The file the rows came from, for error messages.
  public var file: String

  public init(features: Features, labels: [Double], weights: [Double]? = nil, lines: [Int], file: String) {
    self.features = features
    self.labels = labels
    self.weights = weights
    self.lines = lines
    self.file = file
  }

  public var rows: Int { features.rows }

  /// A `DataError` for the label of row `i` (an algorithm refusing a value it cannot train on).
  public func labelError(row i: Int, expected: String) -> DataError {
    DataError(file: file, line: lines[i], column: 1, value: formatLabel(labels[i]), problem: "is not a valid label: expected \(expected)")
  }

  private func formatLabel(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
  }
}

/// How a reader interprets a file.
public struct ReadOptions: Sendable, Equatable {
  /// True when the first CSV column is the label (`label_size=1`); libsvm always has a label.
  public var hasLabel: Bool
  /// True when the CSV column after the label holds instance weights (xgboost `csv_weights=1`).
  public var hasWeightColumn: Bool
  /// True when an empty CSV field or `nan` is a missing value (xgboost); otherwise an error.
  public var allowsMissing: Bool
  /// The width every row must have (`feature_dim`); nil = taken from the first row (CSV) or the
  /// largest index (libsvm).
  public var featureDim: Int?

  public init(hasLabel: Bool = true, hasWeightColumn: Bool = false, allowsMissing: Bool = false, featureDim: Int? = nil) {
    self.hasLabel = hasLabel
    self.hasWeightColumn = hasWeightColumn
    self.allowsMissing = allowsMissing
    self.featureDim = featureDim
  }
}

/// A reader that hands out a file's rows in order, a batch at a time, in bounded memory.
public protocol BatchReader {
  /// The file being read.
  var file: String { get }
  /// The next up-to-`maxRows` rows, or nil at the end of the file. An empty file throws.
  mutating func next(maxRows: Int) throws(DataError) -> DataBatch?
}
