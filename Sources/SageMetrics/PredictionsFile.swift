/// One prediction as read from a file, before the task decides what it means.
struct PredictionRecord {
  /// The 1-based line the prediction starts on.
  var line: Int
  /// The score: one number, or one per class. Empty when a JSON record has only a label.
  var scores: [Double] = []
  /// True when the score was a list: a JSON array, or a CSV row of several fields.
  var isList = false
  /// The score as written (a CSV record's whole line), for error messages.
  var scoreText: String?
  /// A JSON record's `predicted_label` and its text, if it has one.
  var predictedLabel: (value: Double, text: String)?
}

/// Reads a predictions file in any of the three accepted shapes.
///
/// - JSON (first non-space character `{`): a sequence of objects. An object with a
///   `predictions` member holds a list of records (SageMaker's `application/json` response,
///   `{"predictions": [{"score": 0.7, "predicted_label": 1}, …]}`); any other object is a record
///   itself (JSON Lines, `application/jsonlines`). A record has a `score` (a number, or a list of
///   class probabilities) and/or a `predicted_label`; other members are ignored.
/// - CSV / plain text: one prediction per non-blank line, either one number or several
///   comma-separated numbers (class probabilities).
enum PredictionsFile {
  static func read(_ file: TextFile) throws(EvaluationError) -> [PredictionRecord] {
    let isJSON = file.text.first(where: { !$0.isWhitespace }) == "{"
    let records = try isJSON ? readJSON(file) : readCSV(file)
    guard !records.isEmpty else { throw file.error("holds no predictions") }
    return records
  }

  static func readCSV(_ file: TextFile) throws(EvaluationError) -> [PredictionRecord] {
    var records: [PredictionRecord] = []
    for (number, text) in file.lines {
      var scores: [Double] = []
      for field in TextFile.fields(text) { scores.append(try file.number(field, line: number)) }
      records.append(
        PredictionRecord(
          line: number, scores: scores, isList: scores.count > 1, scoreText: String(text)))
    }
    return records
  }

  static func readJSON(_ file: TextFile) throws(EvaluationError) -> [PredictionRecord] {
    var scanner = JSONScanner(file.text)
    var records: [PredictionRecord] = []
    while let node = try next(&scanner, in: file) {
      guard let list = node.member("predictions") else {
        records.append(try record(node, scanner, file))
        continue
      }
      guard case .array(let items) = list.value else {
        throw file.error(
          line: list.line, value: scanner.text(list.span),
          "is not a list (expected \"predictions\": [{\"score\": …}, …])")
      }
      for item in items { records.append(try record(item, scanner, file)) }
    }
    return records
  }

  private static func next(_ scanner: inout JSONScanner, in file: TextFile) throws(EvaluationError)
    -> JSONNode?
  {
    do {
      return try scanner.next()
    } catch {
      if let found = error.found {
        throw file.error(
          line: error.line, value: found, "is not valid JSON here (expected \(error.expected))")
      }
      throw file.error(line: error.line, "ends too early (expected \(error.expected))")
    }
  }

  /// A `{"score": …, "predicted_label": …}` object as a record.
  private static func record(
    _ node: JSONNode, _ scanner: JSONScanner, _ file: TextFile
  ) throws(EvaluationError) -> PredictionRecord {
    let source = scanner.text(node.span)
    guard case .object = node.value else {
      throw file.error(
        line: node.line, value: source, "is not a prediction object (expected {\"score\": …})")
    }
    let score = node.member("score")
    let label = node.member("predicted_label")
    guard score != nil || label != nil else {
      throw file.error(
        line: node.line, value: source, "has neither \"score\" nor \"predicted_label\"")
    }
    var record = PredictionRecord(line: node.line)
    if let label {
      record.predictedLabel = (try number(label, scanner, file), scanner.text(label.span))
    }
    if let score {
      record.scoreText = scanner.text(score.span)
      if case .array(let items) = score.value {
        record.isList = true
        for item in items { record.scores.append(try number(item, scanner, file)) }
      } else {
        record.scores = [try number(score, scanner, file)]
      }
    }
    return record
  }

  /// A JSON number node as a finite Double.
  private static func number(
    _ node: JSONNode, _ scanner: JSONScanner, _ file: TextFile
  ) throws(EvaluationError) -> Double {
    guard case .number(let text) = node.value else {
      throw file.error(line: node.line, value: scanner.text(node.span), "is not a number")
    }
    return try file.number(text, line: node.line)
  }
}
