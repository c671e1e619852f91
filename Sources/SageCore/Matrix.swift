/// A dense matrix of `Double`, stored row-major in one contiguous array.
///
/// Element (i, j) sits at `values[i * columns + j]`. Every BLAS and LAPACK call in sagesim
/// goes through the extensions of this type (`Matrix+BLAS.swift`, `Matrix+LAPACK.swift`),
/// so the rest of the code never touches a C pointer or a leading dimension.
public struct Matrix: Sendable, Equatable {
  public private(set) var rows: Int
  public private(set) var columns: Int
  /// Row-major elements; `values.count == rows * columns` always holds.
  public private(set) var values: [Double]

  /// A `rows × columns` matrix with every element equal to `value`.
  public init(rows: Int, columns: Int, repeating value: Double = 0) {
    precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
    self.rows = rows
    self.columns = columns
    self.values = Array(repeating: value, count: rows * columns)
  }

  /// A matrix over existing row-major values.
  public init(rows: Int, columns: Int, values: [Double]) {
    precondition(values.count == rows * columns, "values.count must equal rows × columns")
    self.rows = rows
    self.columns = columns
    self.values = values
  }

  /// A matrix from an array of equally long rows.
  public init(rowArrays: [[Double]]) {
    let width = rowArrays.first?.count ?? 0
    precondition(rowArrays.allSatisfy { $0.count == width }, "rows must have equal length")
    self.init(rows: rowArrays.count, columns: width, values: rowArrays.flatMap { $0 })
  }

  /// The identity matrix of order `n`.
  public static func identity(_ n: Int) -> Matrix {
    var m = Matrix(rows: n, columns: n)
    for i in 0..<n { m[i, i] = 1 }
    return m
  }

  public subscript(row: Int, column: Int) -> Double {
    get { values[row * columns + column] }
    set { values[row * columns + column] = newValue }
  }

  /// Row `i` as a new array.
  public func row(_ i: Int) -> [Double] {
    Array(values[(i * columns)..<((i + 1) * columns)])
  }

  /// Column `j` as a new array.
  public func column(_ j: Int) -> [Double] {
    (0..<rows).map { values[$0 * columns + j] }
  }

  /// Makes this a `rows × columns` matrix, reusing the storage it already has (no new allocation
  /// when the size is unchanged). Element values are unspecified afterwards: callers overwrite them.
  /// Scratch buffers in hot loops use this, so that each mini-batch does not fault in fresh pages.
  public mutating func reshape(rows: Int, columns: Int) {
    let count = rows * columns
    if values.count > count {
      values.removeLast(values.count - count)
    } else if values.count < count {
      values.append(contentsOf: repeatElement(0, count: count - values.count))
    }
    self.rows = rows
    self.columns = columns
  }

  /// Becomes a copy of rows `range` of `source`, reusing this matrix's storage.
  public mutating func copyRows(of source: Matrix, _ range: Range<Int>) {
    reshape(rows: range.count, columns: source.columns)
    let start = range.lowerBound * source.columns
    values.withUnsafeMutableBufferPointer { out in
      source.values.withUnsafeBufferPointer { src in
        guard let o = out.baseAddress, let s = src.baseAddress, !out.isEmpty else { return }
        o.update(from: s + start, count: out.count)
      }
    }
  }

  /// Appends one row; `row.count` must equal `columns`.
  public mutating func appendRow(_ row: [Double]) {
    precondition(row.count == columns, "appended row has the wrong width")
    values.append(contentsOf: row)
    rows += 1
  }

  /// Appends all rows of `other`, which must have the same width.
  public mutating func appendRows(of other: Matrix) {
    precondition(other.columns == columns, "appended rows have the wrong width")
    values.append(contentsOf: other.values)
    rows += other.rows
  }

  /// Rows `range` as a new matrix.
  public func rows(_ range: Range<Int>) -> Matrix {
    Matrix(
      rows: range.count, columns: columns,
      values: Array(values[(range.lowerBound * columns)..<(range.upperBound * columns)]))
  }

  /// Columns `range` as a new matrix.
  public func columns(_ range: Range<Int>) -> Matrix {
    var out = Matrix(rows: rows, columns: range.count)
    for i in 0..<rows {
      for (k, j) in range.enumerated() { out[i, k] = self[i, j] }
    }
    return out
  }

  /// Mᵀ.
  public func transposed() -> Matrix {
    var out = Matrix(rows: columns, columns: rows)
    for i in 0..<rows {
      for j in 0..<columns { out.values[j * rows + i] = values[i * columns + j] }
    }
    return out
  }

  /// Σᵢ M[i, j] for each column j.
  public func columnSums() -> [Double] {
    var sums = [Double](repeating: 0, count: columns)
    values.withUnsafeBufferPointer { v in
      sums.withUnsafeMutableBufferPointer { s in
        for i in 0..<rows {
          let base = i * columns
          for j in 0..<columns { s[j] += v[base + j] }
        }
      }
    }
    return sums
  }

  /// True when no element is NaN or infinite.
  public var isFinite: Bool { values.allSatisfy { $0.isFinite } }

  /// Read access to the contiguous row-major storage.
  public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R)
    rethrows -> R
  {
    try values.withUnsafeBufferPointer(body)
  }

  /// Write access to the contiguous row-major storage.
  public mutating func withUnsafeMutableBufferPointer<R>(
    _ body: (inout UnsafeMutableBufferPointer<Double>) throws -> R
  ) rethrows -> R {
    try values.withUnsafeMutableBufferPointer(body)
  }
}
