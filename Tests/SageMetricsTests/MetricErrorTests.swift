import Testing

@testable import SageMetrics

/// Bad arrays handed to the metrics in memory: each throws a MetricError with this exact text.
@Suite struct MetricErrorTests {
  struct ErrorCase: Sendable, CustomTestStringConvertible {
    var id: String
    var message: String
    var compute: @Sendable () throws -> Void
    var testDescription: String { id }
  }

  static let cases: [ErrorCase] = [
    ErrorCase(
      id: "count mismatch",
      message: "predictions: has 2 values but labels has 3; they must pair up one to one",
      compute: { _ = try RegressionMetrics(predictions: [1, 2], labels: [1, 2, 3]) }),
    ErrorCase(
      id: "no samples", message: "labels: is empty; metrics need at least one sample",
      compute: { _ = try BinaryMetrics(scores: [], labels: []) }),
    ErrorCase(
      id: "NaN prediction", message: "predictions[1]: 'nan' is not a finite number",
      compute: { _ = try RegressionMetrics(predictions: [1, .nan], labels: [1, 2]) }),
    ErrorCase(
      id: "weights count", message: "weights: has 1 value but labels has 2",
      compute: { _ = try RegressionMetrics(predictions: [1, 2], labels: [1, 2], weights: [1]) }),
    ErrorCase(
      id: "negative weight", message: "weights[0]: '-1.0' is not a finite weight ≥ 0",
      compute: {
        _ = try RegressionMetrics(predictions: [1, 2], labels: [1, 2], weights: [-1, 1])
      }),
    ErrorCase(
      id: "zero weights", message: "weights: are all 0; at least one must be positive",
      compute: {
        _ = try RegressionMetrics(predictions: [1, 2], labels: [1, 2], weights: [0, 0])
      }),
    ErrorCase(
      id: "binary label", message: "labels[1]: '2' is not 0 or 1 (binary labels)",
      compute: { _ = try BinaryMetrics(scores: [0.1, 0.2], labels: [0, 2]) }),
    ErrorCase(
      id: "negative beta", message: "beta: '-1.0' is not a finite number ≥ 0",
      compute: { _ = try BinaryMetrics(scores: [0.1], labels: [0], beta: -1) }),
    ErrorCase(
      id: "NaN threshold", message: "threshold: 'nan' is not a number",
      compute: { _ = try BinaryMetrics(scores: [0.1], labels: [0], threshold: .nan) }),
    ErrorCase(
      id: "negative class", message: "labels[0]: '-1' is not a class index in 0..<2",
      compute: { _ = try MulticlassMetrics(predictedLabels: [1], labels: [-1]) }),
    ErrorCase(
      id: "class above classCount", message: "predictions[0]: '3' is not a class index in 0..<3",
      compute: { _ = try MulticlassMetrics(predictedLabels: [3], labels: [0], classCount: 3) }),
    ErrorCase(
      id: "too many classes", message: "labels[0]: '5000' is not a class index in 0..<1000",
      compute: { _ = try MulticlassMetrics(predictedLabels: [0], labels: [5000]) }),
    ErrorCase(
      id: "ragged rows", message: "probabilities[1]: has 2 values but probabilities[0] has 3",
      compute: {
        _ = try MulticlassMetrics(probabilities: [[0.2, 0.3, 0.5], [0.5, 0.5]], labels: [0, 1])
      }),
    ErrorCase(
      id: "empty row", message: "probabilities[0]: has 0 values; rows need 1 to 1000 class scores",
      compute: { _ = try MulticlassMetrics(probabilities: [[]], labels: [0]) }),
    ErrorCase(
      id: "label beyond row", message: "labels[0]: '2' is not a class index in 0..<2",
      compute: { _ = try MulticlassMetrics(probabilities: [[0.5, 0.5]], labels: [2]) }),
    ErrorCase(
      id: "top k zero", message: "topK: '0' is not ≥ 1",
      compute: { _ = try MulticlassMetrics(probabilities: [[0.5, 0.5]], labels: [1], topK: 0) }),
    ErrorCase(
      id: "no points", message: "squaredDistances: is empty; metrics need at least one point",
      compute: { _ = try ClusteringMetrics(squaredDistances: []) }),
    ErrorCase(
      id: "negative distance",
      message: "squaredDistances[1]: '-0.5' is not a finite squared distance ≥ 0",
      compute: { _ = try ClusteringMetrics(squaredDistances: [1, -0.5]) }),
  ]

  @Test(arguments: cases) func messageNamesArgumentIndexAndValue(_ errorCase: ErrorCase) {
    #expect(throws: MetricError.self) { try errorCase.compute() }
    do {
      try errorCase.compute()
    } catch {
      #expect("\(error)" == errorCase.message)
    }
  }
}
