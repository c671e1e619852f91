import Testing

@testable import SageMetrics

@Suite struct MetricsTextTests {
  /// A confusion matrix with the given rows, built from (label, prediction) pairs.
  static func matrix(_ rows: [[Int]]) throws -> ConfusionMatrix {
    var labels: [Int] = []
    var predictions: [Int] = []
    for (actual, row) in rows.enumerated() {
      for (predicted, count) in row.enumerated() {
        labels += Array(repeating: actual, count: count)
        predictions += Array(repeating: predicted, count: count)
      }
    }
    return try ConfusionMatrix(labels: labels, predictions: predictions, classCount: rows.count)
  }

  @Test func binaryTable() throws {
    // Counts are at most 2 digits wide, so each column is 4 spaces + 2 characters.
    let text = MetricsText.table(try Self.matrix([[50, 3], [4, 43]]))
    #expect(
      text == """
                      predicted
                       0     1
         actual  0    50     3
                 1     4    43
        """)
  }

  @Test func columnsWidenForTheLargestCount() throws {
    // 1234 is 4 digits: every column is 4 + 4 = 8 characters; rows labelled 0, 1, 2.
    let text = MetricsText.table(try Self.matrix([[1234, 5, 0], [7, 88, 1], [0, 2, 301]]))
    #expect(
      text == """
                      predicted
                         0       1       2
         actual  0    1234       5       0
                 1       7      88       1
                 2       0       2     301
        """)
  }

  @Test func classNamesAsHeaders() throws {
    // Names wider than the counts set the cell width: "versicolor" is 10, so each column is
    // 4 + 10 = 14 characters, and the row labels are right-aligned in 10 after " actual  ".
    // The left margin is 9 + 10 = 19, so "predicted" starts at column 19 + 4 = 23.
    let text = MetricsText.table(
      try Self.matrix([[5, 0, 0], [0, 4, 1], [0, 2, 3]]),
      classNames: ["setosa", "versicolor", "virginica"])
    #expect(
      text == """
                               predicted
                                   setosa    versicolor     virginica
         actual      setosa             5             0             0
                 versicolor             0             4             1
                  virginica             0             2             3
        """)
  }

  @Test func metricLinesAlignValues() {
    // Names padded to the longest ("precision", 9) plus 2 spaces; 6 significant digits.
    let text = MetricsText.lines([
      ("accuracy", 0.93), ("precision", 0.9347826086956522), ("f1", 1), ("mse", 1.25e-7),
    ])
    #expect(
      text == """
        accuracy   0.93
        precision  0.934783
        f1         1
        mse        1.25e-07
        """)
  }
}
