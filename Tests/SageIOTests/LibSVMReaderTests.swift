import Foundation
import SageCore
import Testing

@testable import SageIO

@Suite struct LibSVMReaderTests {
  private func readLibSVM(
    _ text: String, options: ReadOptions = ReadOptions(), chunkSize: Int = 1 << 20, maxRows: Int = 1000
  ) throws(DataError) -> [DataBatch] {
    let path = TestFiles.write(text, name: "data.libsvm")
    return try batches(LibSVMReader(path: path, options: options, chunkSize: chunkSize), maxRows: maxRows)
  }

  @Test func readsSparseRows() throws {
    let batch = try #require(try readLibSVM("1 0:0.5 3:2\n0 2:-1\n").first)
    #expect(
      batch.features
        == .sparse(SparseMatrix(rows: 2, columns: 4, rowStart: [0, 2, 3], columnIndices: [0, 3, 2], values: [0.5, 2, -1])))
    #expect(batch.labels == [1, 0])
    #expect(batch.weights == nil)
    #expect(batch.lines == [1, 2])
  }

  @Test func sortsUnsortedIndices() throws {
    let batch = try #require(try readLibSVM("2 7:7 1:1 4:4\n").first)
    guard case .sparse(let s) = batch.features else { Issue.record("not sparse"); return }
    #expect(Array(s.row(0).columns) == [1, 4, 7])
    #expect(Array(s.row(0).values) == [1, 4, 7])
  }

  @Test func readsLabelWeightPairs() throws {
    let batch = try #require(try readLibSVM("1:0.5 0:1\n0 1:2\n3:2 \n").first)
    #expect(batch.labels == [1, 0, 3])
    #expect(batch.weights == [0.5, 1, 2])
  }

  @Test func ignoresCommentsBlankLinesAndExtraBlanks() throws {
    let batch = try #require(try readLibSVM("# header comment\n\n1\t 0:1   2:2 # note\r\n  0 1:5\t\n").first)
    #expect(batch.labels == [1, 0])
    #expect(batch.lines == [3, 4])
    #expect(batch.features.dense() == Matrix(rowArrays: [[1, 0, 2], [0, 5, 0]]))
  }

  @Test func aRowMayHaveNoEntries() throws {
    let batch = try #require(try readLibSVM("1\n0 1:1\n").first)
    #expect(batch.features.dense() == Matrix(rowArrays: [[0, 0], [0, 1]]))
  }

  @Test func featureDimSetsTheWidth() throws {
    let batch = try #require(try readLibSVM("1 0:1\n", options: ReadOptions(featureDim: 10)).first)
    #expect(batch.features.columns == 10)
  }

  /// Without `featureDim` the width is the largest index so far in the file + 1: it never shrinks.
  @Test func widthGrowsFromBatchToBatch() throws {
    let out = try readLibSVM("1 5:1\n0 1:1\n1 9:1\n", chunkSize: 4, maxRows: 1)
    #expect(out.map(\.features.columns) == [6, 6, 10])
  }

  @Test func missingValuesWhenAllowed() throws {
    let batch = try #require(try readLibSVM("1 0:nan 1:\n", options: ReadOptions(allowsMissing: true)).first)
    #expect(batch.features.dense().values.allSatisfy { $0.isNaN })
  }
}
