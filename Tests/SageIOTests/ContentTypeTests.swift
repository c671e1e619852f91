import Testing

@testable import SageIO

@Suite struct ContentTypeTests {
  @Test(arguments: [
    ("text/csv", ContentType.csv(labelSize: 1)),
    ("text/csv;label_size=0", .csv(labelSize: 0)),
    ("CSV ; label_size=1", .csv(labelSize: 1)),
    ("text/libsvm", .libsvm),
    ("text/x-libsvm", .libsvm),
    ("libsvm", .libsvm),
    ("application/x-recordio-protobuf", .recordIOProtobuf),
  ])
  func parsesAcceptedSpellings(text: String, expected: ContentType) throws {
    #expect(try ContentType(parsing: text) == expected)
  }

  /// `label_size` belongs to CSV only, whichever spelling of the other types carries it.
  @Test(arguments: [
    "text/libsvm;label_size=0", "text/x-libsvm;label_size=1", "libsvm;label_size=0",
    "application/x-recordio-protobuf;label_size=1", "recordio-protobuf;label_size=0",
    "text/csv;label_size=2", "text/plain",
  ])
  func refusesOtherSpellings(text: String) {
    #expect(throws: ContentTypeError.self) { try ContentType(parsing: text) }
  }
}
