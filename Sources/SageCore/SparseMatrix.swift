/// A sparse matrix in compressed sparse row (CSR) form.
///
/// Row i holds the entries `columnIndices[rowStart[i]..<rowStart[i+1]]` with values
/// `values[rowStart[i]..<rowStart[i+1]]`; column indices within a row are strictly increasing.
/// An absent entry is a zero for most algorithms and a *missing value* for xgboost.
public struct SparseMatrix: Sendable, Equatable {
  public private(set) var rows: Int
  public let columns: Int
  public private(set) var rowStart: [Int]
  public private(set) var columnIndices: [Int32]
  public private(set) var values: [Double]

  /// An empty matrix with `columns` columns and no rows.
  public init(columns: Int) {
    self.rows = 0
    self.columns = columns
    self.rowStart = [0]
    self.columnIndices = []
    self.values = []
  }

  /// A CSR matrix over existing arrays (validated by preconditions: they are internal invariants).
  public init(rows: Int, columns: Int, rowStart: [Int], columnIndices: [Int32], values: [Double]) {
    precondition(rowStart.count == rows + 1 && rowStart.first == 0, "rowStart must have rows + 1 entries")
    precondition(rowStart.last == columnIndices.count && values.count == columnIndices.count)
    self.rows = rows
    self.columns = columns
    self.rowStart = rowStart
    self.columnIndices = columnIndices
    self.values = values
  }

  /// Number of stored entries.
  public var nonZeroCount: Int { values.count }

  /// Appends a row given as sorted (column, value) pairs.
  public mutating func appendRow(columns indices: [Int32], values rowValues: [Double]) {
    precondition(indices.count == rowValues.count)
    columnIndices.append(contentsOf: indices)
    values.append(contentsOf: rowValues)
    rowStart.append(columnIndices.count)
    rows += 1
  }

  /// Appends all rows of `other`, which must have the same number of columns.
  public mutating func appendRows(of other: SparseMatrix) {
    precondition(other.columns == columns)
    let offset = columnIndices.count
    columnIndices.append(contentsOf: other.columnIndices)
    values.append(contentsOf: other.values)
    rowStart.append(contentsOf: other.rowStart.dropFirst().map { $0 + offset })
    rows += other.rows
  }

  /// The stored entries of row i.
  public func row(_ i: Int) -> (columns: ArraySlice<Int32>, values: ArraySlice<Double>) {
    let range = rowStart[i]..<rowStart[i + 1]
    return (columnIndices[range], values[range])
  }

  /// The dense equivalent, absent entries set to `fill` (0, or `.nan` for "missing").
  public func dense(fill: Double = 0) -> Matrix {
    var out = Matrix(rows: rows, columns: columns, repeating: fill)
    out.withUnsafeMutableBufferPointer { d in
      for i in 0..<rows {
        for k in rowStart[i]..<rowStart[i + 1] {
          d[i * columns + Int(columnIndices[k])] = values[k]
        }
      }
    }
    return out
  }

  /// Rows `range` as a new sparse matrix.
  public func rows(_ range: Range<Int>) -> SparseMatrix {
    let lo = rowStart[range.lowerBound]
    let hi = rowStart[range.upperBound]
    return SparseMatrix(
      rows: range.count, columns: columns,
      rowStart: rowStart[range.lowerBound...range.upperBound].map { $0 - lo },
      columnIndices: Array(columnIndices[lo..<hi]), values: Array(values[lo..<hi]))
  }
}
