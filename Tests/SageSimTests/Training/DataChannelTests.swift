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
