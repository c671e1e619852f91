import Testing

@testable import SageMetrics

/// Faulty files: each evaluation throws an EvaluationError with this exact text, naming the file,
/// the line and the value. `{P}` and `{L}` stand for the predictions and labels paths.
@Suite struct EvaluationErrorTests {
  struct ErrorCase: Sendable, CustomTestStringConvertible {
    var id: String
    var task: EvaluationTask
    /// The predictions file's contents; nil leaves the file missing.
    var predictions: String?
    var labels: String
    var message: String
    var testDescription: String { id }
  }

  static let cases: [ErrorCase] = [
    ErrorCase(
      id: "non-numeric prediction", task: .regression, predictions: "1.5\nabc\n", labels: "1\n2\n",
      message: "{P}:2: 'abc' is not a number"),
    ErrorCase(
      id: "non-numeric label (a header row)", task: .regression, predictions: "1\n2\n",
      labels: "price,rooms\n1,3\n2,4\n", message: "{L}:1: 'price' is not a number"),
    ErrorCase(
      id: "non-finite prediction", task: .regression, predictions: "1\nnan\n", labels: "1\n2\n",
      message: "{P}:2: 'nan' is not a finite number"),
    ErrorCase(
      id: "count mismatch", task: .regression, predictions: "1\n2\n", labels: "1\n2\n3\n",
      message: "{P}: has 2 predictions but {L} has 3 labels; they pair up in order"),
    ErrorCase(
      id: "binary label not 0 or 1", task: .binary, predictions: "0.2\n0.9\n", labels: "0\n\n2\n",
      message: "{L}:3: '2' is not a binary label (expected 0 or 1)"),
    ErrorCase(
      id: "multiclass label not an integer", task: .multiclass, predictions: "0\n1\n",
      labels: "0\n1.5\n",
      message: "{L}:2: '1.5' is not a class label (expected an integer from 0 to 999)"),
    ErrorCase(
      id: "multiclass label negative", task: .multiclass, predictions: "0\n1\n", labels: "-1\n1\n",
      message: "{L}:1: '-1' is not a class label (expected an integer from 0 to 999)"),
    ErrorCase(
      id: "multiclass predicted label not an integer", task: .multiclass,
      predictions: "{\"predicted_label\": 2.5}\n", labels: "2\n",
      message: "{P}:1: '2.5' is not a class label (expected an integer from 0 to 999)"),
    ErrorCase(
      id: "label beyond the probability columns", task: .multiclass,
      predictions: "0.2,0.3,0.5\n0.1,0.1,0.8\n0.6,0.2,0.2\n", labels: "0\n2\n3\n",
      message:
        "{L}:3: '3' is not a class label (expected an integer from 0 to 2, one per column of {P})"),
    ErrorCase(
      id: "probability rows of different widths", task: .multiclass,
      predictions: "0.2,0.3,0.5\n0.5,0.5\n", labels: "0\n1\n",
      message:
        "{P}:2: '0.5,0.5' has 2 values, but the first prediction (line 1) has 3 "
        + "(one probability per class)"
    ),
    ErrorCase(
      id: "JSON probability lists of different widths", task: .multiclass,
      predictions: "{\"score\": [0.5, 0.5]}\n{\"score\": [1]}\n", labels: "0\n1\n",
      message:
        "{P}:2: '[1]' has 1 value, but the first prediction (line 1) has 2 "
        + "(one probability per class)"
    ),
    ErrorCase(
      id: "list where one number is needed", task: .regression,
      predictions: "{\"predictions\": [{\"score\": [0.2, 0.8]}]}", labels: "1\n",
      message: "{P}:1: '[0.2, 0.8]' has 2 values; regression predictions need one number each"),
    ErrorCase(
      id: "JSON score not a number", task: .binary, predictions: "{\"score\": \"high\"}\n",
      labels: "1\n", message: "{P}:1: '\"high\"' is not a number"),
    ErrorCase(
      id: "JSON record without score or label", task: .binary,
      predictions: "{\"score\": 0.4}\n{\"label\": 1}\n", labels: "0\n1\n",
      message: "{P}:2: '{\"label\": 1}' has neither \"score\" nor \"predicted_label\""),
    ErrorCase(
      id: "predictions member not a list", task: .regression,
      predictions: "{\"predictions\": {\"score\": 1}}", labels: "1\n",
      message:
        "{P}:1: '{\"score\": 1}' is not a list (expected \"predictions\": [{\"score\": …}, …])"),
    ErrorCase(
      id: "JSON cut short", task: .binary,
      predictions: "{\"predictions\": [\n  {\"score\": 0.5},\n",
      labels: "1\n", message: "{P}:3: ends too early (expected a JSON value)"),
    ErrorCase(
      id: "JSON syntax", task: .binary, predictions: "{\"score\": 0.5}\n{\"score\" 0.7}\n",
      labels: "1\n0\n", message: "{P}:2: '0' is not valid JSON here (expected ':')"),
    ErrorCase(
      id: "empty predictions file", task: .regression, predictions: "", labels: "1\n",
      message: "{P}: holds no predictions"),
    ErrorCase(
      id: "blank labels file", task: .regression, predictions: "1\n", labels: "\n  \n",
      message: "{L}: holds no labels"),
    ErrorCase(
      id: "missing file", task: .regression, predictions: nil, labels: "1\n",
      message: "{P}: no such file"),
  ]

  @Test(arguments: cases) func messageNamesFileLineAndValue(_ errorCase: ErrorCase) throws {
    let files = try TemporaryFiles()
    let predictionsPath = files.path("predictions.csv")
    if let contents = errorCase.predictions { try files.write("predictions.csv", contents) }
    let labelsPath = try files.write("labels.csv", errorCase.labels)
    let expected = errorCase.message
      .replacingOccurrences(of: "{P}", with: predictionsPath)
      .replacingOccurrences(of: "{L}", with: labelsPath)
    #expect(throws: EvaluationError.self) {
      try Evaluation.run(
        task: errorCase.task, predictionsPath: predictionsPath, labelsPath: labelsPath)
    }
    do {
      _ = try Evaluation.run(
        task: errorCase.task, predictionsPath: predictionsPath, labelsPath: labelsPath)
    } catch {
      #expect("\(error)" == expected)
    }
  }

  @Test func longValuesAreCut() {
    let error = EvaluationError(
      file: "p.json", line: 1, value: String(repeating: "9", count: 50), problem: "is bad")
    #expect(error.description == "p.json:1: '" + String(repeating: "9", count: 39) + "…' is bad")
  }

  @Test func badArgumentsAreMetricErrors() throws {
    let files = try TemporaryFiles()
    let p = try files.write("p", "0.1,0.9\n")
    let l = try files.write("l", "1\n")
    #expect(throws: MetricError(argument: "topK", value: "0", problem: "is not ≥ 1")) {
      try Evaluation.run(task: .multiclass, predictionsPath: p, labelsPath: l, topK: 0)
    }
  }
}
