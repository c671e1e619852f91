import Foundation
import SageCore
import Testing

@testable import SageIO

@Suite struct ReadersTests {
  @Test func labelSizeZeroMeansNoLabelColumn() throws {
    let path = TestFiles.write("1,2\n3,4\n")
    let batch = try readAll(path: path, contentType: .csv(labelSize: 0), options: ReadOptions(hasLabel: true))
    #expect(batch.labels.isEmpty)
    #expect(batch.features == .dense(Matrix(rowArrays: [[1, 2], [3, 4]])))
  }

  @Test func openReaderPicksTheReaderForTheContentType() throws {
    let csv = try openReader(path: TestFiles.write("1,2\n"), contentType: .csv(labelSize: 1), options: ReadOptions())
    let libsvm = try openReader(path: TestFiles.write("1 0:2\n"), contentType: .libsvm, options: ReadOptions())
    #expect(csv is CSVReader)
    #expect(libsvm is LibSVMReader)
  }

  @Test func readAllReturnsEveryRowOfALargeFile() throws {
    let rows = 3000
    let text = (0..<rows).map { "\($0 % 2),\($0),\(Double($0) / 8)" }.joined(separator: "\n")
    let batch = try readAll(path: TestFiles.write(text), contentType: .csv(labelSize: 1), options: ReadOptions())
    #expect(batch.rows == rows)
    #expect(batch.lines == Array(1...rows))
    #expect(batch.features.dense().column(1) == (0..<rows).map { Double($0) / 8 })
  }

  @Test func readAllWidensSparseRowsToTheLargestIndex() throws {
    let path = TestFiles.write("1 0:1\n0:2 4:1\n", name: "data.libsvm")
    let batch = try readAll(path: path, contentType: .libsvm, options: ReadOptions())
    #expect(batch.features.columns == 5)
    #expect(batch.weights == [1, 2])
    #expect(batch.features.dense() == Matrix(rowArrays: [[1, 0, 0, 0, 0], [0, 0, 0, 0, 1]]))
  }

  /// Batches of growing width are concatenated at the final width; weights absent from some
  /// batches become 1.
  @Test func accumulatorConcatenatesSparseBatches() {
    var all = BatchAccumulator()
    let narrow = SparseMatrix(rows: 1, columns: 2, rowStart: [0, 1], columnIndices: [1], values: [5])
    let wide = SparseMatrix(rows: 2, columns: 4, rowStart: [0, 1, 2], columnIndices: [3, 0], values: [6, 7])
    all.append(DataBatch(features: .sparse(narrow), labels: [1], lines: [1], file: "f"))
    all.append(DataBatch(features: .sparse(wide), labels: [0, 1], weights: [2, 3], lines: [2, 4], file: "f"))
    let batch = all.result(file: "f")
    #expect(batch.features.dense() == Matrix(rowArrays: [[0, 5, 0, 0], [0, 0, 0, 6], [7, 0, 0, 0]]))
    #expect(batch.labels == [1, 0, 1])
    #expect(batch.weights == [1, 2, 3])
    #expect(batch.lines == [1, 2, 4])
  }

  @Test func accumulatorConcatenatesDenseBatches() {
    var all = BatchAccumulator()
    all.append(DataBatch(features: .dense(Matrix(rowArrays: [[1, 2]])), labels: [], lines: [1], file: "f"))
    all.append(DataBatch(features: .dense(Matrix(rowArrays: [[3, 4]])), labels: [], lines: [3], file: "f"))
    let batch = all.result(file: "f")
    #expect(batch.features == .dense(Matrix(rowArrays: [[1, 2], [3, 4]])))
    #expect(batch.weights == nil)
  }
}
