import Foundation
import Testing

@testable import SageIO

/// A bad input and the exact message it must produce, after the file's path.
struct ErrorCase: Sendable, CustomTestStringConvertible {
  var name: String
  var content: String
  var contentType: ContentType = .csv(labelSize: 1)
  var options = ReadOptions()
  var message: String

  var testDescription: String { name }
}

@Suite struct ErrorMessageTests {
  static let nanFeature = "is not a valid feature: expected a number (missing values are not allowed here)"
  static let zeroBased = "expected a non-negative integer (indices are zero-based)"
  static let header = "(SageMaker CSV has no header row; remove the header line)"
  static let libsvm = ContentType.libsvm
  static let missingAllowed = ReadOptions(allowsMissing: true)

  static let cases: [ErrorCase] = [
    // CSV: cells
    ErrorCase(name: "header row", content: "sepal_length,sepal_width\n5.1,3.5\n",
              message: ":1:1: 'sepal_length' is not a number \(header)"),
    ErrorCase(name: "header with a numeric first cell", content: "0,width\n1,2\n",
              message: ":1:2: 'width' is not a number \(header)"),
    ErrorCase(name: "header after blank lines", content: "\n\r\nlabel,x\n",
              message: ":3:1: 'label' is not a number \(header)"),
    ErrorCase(name: "non-numeric cell", content: "1,2\n3,abc\n", message: ":2:2: 'abc' is not a number"),
    ErrorCase(name: "long rubbish is cut", content: "1,2\n3," + String(repeating: "x", count: 60) + "\n",
              message: ":2:2: '" + String(repeating: "x", count: 37) + "...' is not a number"),
    ErrorCase(name: "nan not allowed", content: "1,nan\n", message: ":1:2: 'nan' \(nanFeature)"),
    ErrorCase(name: "empty field not allowed", content: "1,,2\n",
              message: ":1:2: empty feature: expected a number (missing values are not allowed here)"),
    ErrorCase(name: "infinity", content: "1,-Infinity\n", options: missingAllowed,
              message: ":1:2: '-Infinity' is not a valid feature: expected a finite number"),
    ErrorCase(name: "overflow", content: "1,1e999\n",
              message: ":1:2: '1e999' is out of range: expected a finite number (at most ±1.7976931348623157e308)"),
    ErrorCase(name: "nan label", content: "nan,1\n", options: missingAllowed,
              message: ":1:1: 'nan' is not a valid label: expected a number (labels cannot be missing)"),
    ErrorCase(name: "empty label", content: "1,2\n,1\n", options: missingAllowed,
              message: ":2:1: empty label: expected a number (labels cannot be missing)"),
    ErrorCase(name: "nan weight", content: "1,nan,2\n",
              options: ReadOptions(hasWeightColumn: true, allowsMissing: true),
              message: ":1:2: 'nan' is not a valid weight: expected a number (weights cannot be missing)"),
    // CSV: rows
    ErrorCase(name: "too few fields", content: "1,2,3\n4,5\n",
              message: ":2: row has 2 fields, expected 3 like the first row (line 1)"),
    ErrorCase(name: "too many fields", content: "1,2\n\n3,4,5,6\n",
              message: ":3: row has 4 fields, expected 2 like the first row (line 1)"),
    ErrorCase(name: "trailing comma", content: "1,2\n3,4,\n",
              message: ":2: row has 3 fields, expected 2 like the first row (line 1)"),
    ErrorCase(name: "width against feature_dim", content: "1,2,3\n", options: ReadOptions(featureDim: 3),
              message: ":1: row has 3 fields, expected 4 (label + 3 features from feature_dim)"),
    ErrorCase(name: "width against feature_dim and weight", content: "1,1,2,3,4\n",
              options: ReadOptions(hasWeightColumn: true, featureDim: 2),
              message: ":1: row has 5 fields, expected 4 (label + weight + 2 features from feature_dim)"),
    ErrorCase(name: "unlabelled width against feature_dim", content: "1,2,3\n", contentType: .csv(labelSize: 0),
              options: ReadOptions(featureDim: 2),
              message: ":1: row has 3 fields, expected 2 (2 features from feature_dim)"),
    ErrorCase(name: "feature_dim below 1", content: "1,2\n", options: ReadOptions(featureDim: 0),
              message: ": cannot be read with feature_dim = 0: expected at least 1 feature"),
    ErrorCase(name: "label without features", content: "1\n2\n",
              message: ":1: row has 1 field, expected at least 2 (label + at least one feature)"),
    ErrorCase(name: "empty file", content: "", message: ": is empty: expected at least one row"),
    ErrorCase(name: "only blank lines", content: "\n  \r\n\t\n", message: ": is empty: expected at least one row"),
    // libsvm
    ErrorCase(name: "libsvm non-integer index", content: "1 1.5:3\n", contentType: libsvm,
              message: ":1:2: '1.5' is not a valid feature index: \(zeroBased)"),
    ErrorCase(name: "libsvm negative index", content: "1 -1:3\n", contentType: libsvm,
              message: ":1:2: '-1' is a negative feature index: \(zeroBased)"),
    ErrorCase(name: "libsvm index beyond feature_dim", content: "1 0:1 5:2\n", contentType: libsvm,
              options: ReadOptions(featureDim: 5),
              message: ":1:3: '5' is out of range: expected a feature index below feature_dim = 5 (indices are zero-based)"),
    ErrorCase(name: "libsvm huge index", content: "1 99999999999:1\n", contentType: libsvm,
              message: ":1:2: '99999999999' is too large: expected a feature index below 2147483647"),
    ErrorCase(name: "libsvm missing colon", content: "1 0:1\n0 3.5\n", contentType: libsvm,
              message: ":2:2: '3.5' is not an index:value pair: expected a feature index, ':' and a value"),
    ErrorCase(name: "libsvm non-numeric value", content: "1 3:abc\n", contentType: libsvm,
              message: ":1:2: 'abc' is not a number"),
    ErrorCase(name: "libsvm infinite value", content: "1 0:inf\n", contentType: libsvm,
              message: ":1:2: 'inf' is not a valid feature: expected a finite number"),
    ErrorCase(name: "libsvm duplicate index", content: "1 3:1 2:2 3:4\n", contentType: libsvm,
              message: ":1:4: '3:4' repeats feature index 3: expected each index once per row (first at token 2)"),
    ErrorCase(name: "libsvm qid", content: "1 qid:3 1:2\n", contentType: libsvm,
              message: ":1:2: 'qid:3' is a query id: ranking data (qid) is not supported"),
    ErrorCase(name: "libsvm nan label", content: "nan 1:2\n", contentType: libsvm, options: missingAllowed,
              message: ":1:1: 'nan' is not a valid label: expected a number (labels cannot be missing)"),
    ErrorCase(name: "libsvm non-numeric label", content: "yes 1:2\n", contentType: libsvm,
              message: ":1:1: 'yes' is not a number"),
    ErrorCase(name: "libsvm nan weight", content: "1:nan 1:2\n", contentType: libsvm, options: missingAllowed,
              message: ":1:1: 'nan' is not a valid weight: expected a number (weights cannot be missing)"),
    ErrorCase(name: "libsvm feature_dim below 1", content: "1 0:1\n", contentType: libsvm,
              options: ReadOptions(featureDim: -3),
              message: ": cannot be read with feature_dim = -3: expected at least 1 feature"),
    ErrorCase(name: "libsvm only comments", content: "# nothing\n\n", contentType: libsvm,
              message: ": is empty: expected at least one row"),
  ]

  @Test(arguments: cases)
  func reportsTheFullMessage(_ bad: ErrorCase) {
    let path = TestFiles.write(bad.content)
    let error = dataError { () throws(DataError) in
      _ = try readAll(path: path, contentType: bad.contentType, options: bad.options)
    }
    #expect(error?.description == path + bad.message)
    #expect(error?.file == path)
  }

  @Test(arguments: [ContentType.csv(labelSize: 1), .libsvm, .recordIOProtobuf])
  func aMissingFileNamesThePathAndTheReason(contentType: ContentType) {
    let path = TestFiles.directory + "/no-such-file.csv"
    let error = dataError { () throws(DataError) in
      _ = try readAll(path: path, contentType: contentType, options: ReadOptions())
    }
    #expect(error?.description == path + ": cannot be opened: No such file or directory")
  }

  @Test func aDirectoryCannotBeRead() {
    let error = dataError { () throws(DataError) in
      _ = try readAll(path: TestFiles.directory, contentType: .csv(labelSize: 1), options: ReadOptions())
    }
    #expect(error?.description == TestFiles.directory + ": cannot be read: Is a directory")
  }
}
