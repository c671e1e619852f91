import Foundation
import SageCore
import SageIO
import Testing

@testable import SageSim

@Suite struct DataChannelTests {
  @Test func memoryChannelHandsOutBatchesInOrder() throws {
    let rows = (0..<7).map { [Double($0), Double(10 * $0)] }
    let labels = (0..<7).map { Double($0 % 2) }
    let channel = DataChannel(.train, batch: DataBatch(
      features: .dense(Matrix(rowArrays: rows)), labels: labels, lines: Array(1...7), file: "m"))
    var seen: [[Double]] = [], seenLabels: [Double] = [], seenLines: [Int] = [], sizes: [Int] = []
    try channel.forEachBatch(maxRows: 3) { batch in
      let m = batch.features.dense()
      sizes.append(m.rows)
      seen += (0..<m.rows).map { m.row($0) }
      seenLabels += batch.labels
      seenLines += batch.lines
    }
    #expect(sizes == [3, 3, 1])
    #expect(seen == rows && seenLabels == labels && seenLines == Array(1...7))
  }

  @Test func fileChannelStreamsTheBundledDigits() throws {
    let channel = DataChannel(.train, path: dataset("digits/train.csv"), contentType: .csv(labelSize: 1))
    var total = 0, largest = 0
    try channel.forEachBatch(maxRows: 500) { batch in
      total += batch.rows
      largest = max(largest, batch.rows)
      #expect(batch.features.columns == 64 && batch.labels.count == batch.rows)
    }
    #expect(total == 1438 && largest == 500)
  }
}

@Suite struct PipeModeTests {
  @Test func standardInputGivesOnePass() throws {
    let channel = DataChannel(.train, path: "-", contentType: .csv(labelSize: 1), inputMode: .pipe)
    #expect(try channel.path(forPass: 0, of: "-") == "/dev/stdin")
    #expect {
      try channel.path(forPass: 1, of: "-")
    } throws: { error in
      "\(error)" == "the train channel streams from standard input, which delivers one pass, and this training needs pass 2: give a file, or one FIFO per pass named like SageMaker's (train_0, train_1, …)"
    }
  }

  @Test func aFIFOPerPassAsSageMakerDeliversThem() throws {
    let dir = temporaryDirectory()
    for pass in 0..<2 { #expect(mkfifo(dir + "/train_\(pass)", 0o600) == 0) }
    let channel = DataChannel(.train, path: dir + "/train_0", contentType: .csv(labelSize: 1), inputMode: .pipe)
    #expect(try channel.path(forPass: 1, of: dir + "/train_0") == dir + "/train_1")
    // In File mode, or for a regular file, the path is read again as it is.
    let file = DataChannel(.train, path: dir + "/train_0", contentType: .csv(labelSize: 1), inputMode: .file)
    #expect(try file.path(forPass: 3, of: dir + "/train_0") == dir + "/train_0")
    let regular = DataChannel(.train, path: dataset("digits/train.csv"), contentType: .csv(labelSize: 1), inputMode: .pipe)
    #expect(try regular.path(forPass: 2, of: dataset("digits/train.csv")) == dataset("digits/train.csv"))
  }
}

@Suite struct EmptyChannelTests {
  @Test func anEmptyMemoryChannelIsAnErrorLikeAnEmptyFile() {
    let channel = DataChannel(.train, batch: DataBatch(features: .dense(Matrix(rows: 0, columns: 3)), labels: [], lines: [], file: "rows"))
    #expect(throws: DataError(file: "rows", problem: "is empty: expected at least one row")) {
      try channel.forEachBatch(maxRows: 10) { _ in Issue.record("no batch expected") }
    }
  }
}
