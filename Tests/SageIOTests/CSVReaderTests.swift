import Foundation
import SageCore
import Testing

@testable import SageIO

@Suite struct CSVReaderTests {
  private func readCSV(
    _ text: String, options: ReadOptions = ReadOptions(), chunkSize: Int = 1 << 20, maxRows: Int = 1000
  ) throws(DataError) -> [DataBatch] {
    let path = TestFiles.write(text)
    return try batches(CSVReader(path: path, options: options, chunkSize: chunkSize), maxRows: maxRows)
  }

  @Test func readsLabelledRows() throws {
    let out = try readCSV("1,0.5,2\n0,-1.25,3e2\n")
    #expect(out.count == 1)
    let batch = try #require(out.first)
    #expect(batch.features == .dense(Matrix(rowArrays: [[0.5, 2], [-1.25, 300]])))
    #expect(batch.labels == [1, 0])
    #expect(batch.weights == nil)
    #expect(batch.lines == [1, 2])
    #expect(batch.file.hasSuffix("data.csv"))
  }

  @Test func readsUnlabelledRows() throws {
    let batch = try #require(try readCSV("1,2\n3,4\n", options: ReadOptions(hasLabel: false)).first)
    #expect(batch.features == .dense(Matrix(rowArrays: [[1, 2], [3, 4]])))
    #expect(batch.labels.isEmpty)
  }

  @Test func readsTheWeightColumnAfterTheLabel() throws {
    let batch = try #require(try readCSV("1,0.5,7,8\n0,2,9,10\n", options: ReadOptions(hasWeightColumn: true)).first)
    #expect(batch.labels == [1, 0])
    #expect(batch.weights == [0.5, 2])
    #expect(batch.features == .dense(Matrix(rowArrays: [[7, 8], [9, 10]])))
  }

  @Test func acceptsCRLFAndAMissingFinalNewline() throws {
    let crlf = try #require(try readCSV("1,2,3\r\n4,5,6\r\n7,8,9").first)
    #expect(crlf.features == .dense(Matrix(rowArrays: [[2, 3], [5, 6], [8, 9]])))
    #expect(crlf.labels == [1, 4, 7])
    #expect(crlf.lines == [1, 2, 3])
  }

  @Test func skipsBlankLinesAndKeepsLineNumbers() throws {
    let batch = try #require(try readCSV("\n1,2\n  \n\r\n\t\n3,4\n\n").first)
    #expect(batch.labels == [1, 3])
    #expect(batch.lines == [2, 6])
  }

  @Test func toleratesBlanksAroundFieldsAndAByteOrderMark() throws {
    let batch = try #require(try readCSV("\u{FEFF}1, 2 ,\t3\n 4,5,6 \n").first)
    #expect(batch.features == .dense(Matrix(rowArrays: [[2, 3], [5, 6]])))
    #expect(batch.labels == [1, 4])
  }

  @Test func missingValuesBecomeNaNWhenAllowed() throws {
    let batch = try #require(try readCSV("1,,nan\n0,NaN, \n", options: ReadOptions(allowsMissing: true)).first)
    #expect(batch.features.dense().values.allSatisfy { $0.isNaN })
    #expect(batch.labels == [1, 0])
  }

  @Test func featureDimFixesTheWidth() throws {
    let batch = try #require(try readCSV("1,2,3\n", options: ReadOptions(featureDim: 2)).first)
    #expect(batch.features.columns == 2)
  }

  /// Rows split into batches of `maxRows`, with chunks far smaller than a row so that every
  /// line straddles a chunk boundary; the result must not depend on either size.
  @Test(arguments: [(1, 3), (2, 7), (3, 16), (1000, 5), (7, 1 << 20)])
  func batchesAcrossChunkBoundaries(maxRows: Int, chunkSize: Int) throws {
    var random = TestRandom(state: UInt64(maxRows * 31 + chunkSize))
    var text = ""
    var expected: [[Double]] = []
    for i in 0..<23 {
      if i % 5 == 2 { text += "\r\n" }
      let row = (0..<4).map { _ in Double(random.below(20_000) - 10_000) / 64 }
      expected.append(row)
      text += row.map { "\($0)" }.joined(separator: ",") + (i % 3 == 0 ? "\r\n" : "\n")
    }
    let out = try readCSV(String(text.dropLast()), options: ReadOptions(hasLabel: false), chunkSize: chunkSize, maxRows: maxRows)
    #expect(out.map(\.rows) == Array(repeating: maxRows, count: 23 / maxRows) + (23 % maxRows == 0 ? [] : [23 % maxRows]))
    var all = out[0].features.dense()
    for batch in out.dropFirst() { all.appendRows(of: batch.features.dense()) }
    #expect(all == Matrix(rowArrays: expected))
    let lines = out.flatMap(\.lines)
    #expect(lines.count == 23 && lines.first == 1 && lines.last == 28)
  }

  @Test func readsALineLongerThanTheChunk() throws {
    let row = (0..<500).map(String.init).joined(separator: ",")
    let out = try readCSV(row + "\n" + row, options: ReadOptions(hasLabel: false), chunkSize: 8)
    #expect(out.first?.features.dense().row(1) == (0..<500).map(Double.init))
  }

  @Test func returnsNilAfterTheLastBatch() throws {
    var reader = try CSVReader(path: TestFiles.write("1,2\n"), options: ReadOptions())
    #expect(try reader.next(maxRows: 1)?.rows == 1)
    #expect(try reader.next(maxRows: 1) == nil)
    #expect(try reader.next(maxRows: 1) == nil)
  }

  @Test func anErrorRepeatsOnEveryLaterCall() throws {
    var reader = try CSVReader(path: TestFiles.write("1,2\n1,x\n3,4\n"), options: ReadOptions())
    let first = dataError { () throws(DataError) in _ = try reader.next(maxRows: 10) }
    let second = dataError { () throws(DataError) in _ = try reader.next(maxRows: 10) }
    #expect(first != nil && first == second)
  }
}
