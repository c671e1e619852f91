import Foundation
import Testing

@testable import SageIO

/// Every damaged input names the record and byte offset where it went wrong; nothing read before
/// the fault is returned as if it were the whole file.
@Suite struct RecordIOErrorTests {
  static let good: [UInt8] = Array(try! Data(contentsOf: URL(fileURLWithPath: SDKFixtures.path("worked_example.pbr"))))

  struct Case: Sendable, CustomStringConvertible {
    let id: String
    let bytes: [UInt8]
    let hasLabel: Bool
    let message: String
    var description: String { id }
  }

  static func framed(_ payload: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    RecordIO.appendRecord(payload, to: &out)
    return out
  }

  /// A record whose features["values"] is a dense float32 tensor of `values` with the given shape.
  static func record(values: [Float], shape: [UInt64] = [], label: Float? = 1, key: String = "values") -> [UInt8] {
    var record = Aialgs_Data_Record()
    var tensor = Aialgs_Data_Float32Tensor()
    tensor.values = values
    tensor.shape = shape
    var value = Aialgs_Data_Value()
    value.float32Tensor = tensor
    record.features[key] = value
    if let label {
      var l = Aialgs_Data_Value()
      var t = Aialgs_Data_Float32Tensor()
      t.values = [label]
      l.float32Tensor = t
      record.label["values"] = l
    }
    return framed(try! record.serializedBytes())
  }

  static let cases: [Case] = [
    Case(id: "wrong magic", bytes: good + [0x01, 0x02, 0x03, 0x04, 0, 0, 0, 0], hasLabel: true,
         message: "record 2 at byte 56 has magic 0x4030201, expected 0xCED7230A: not RecordIO, or the previous record's length is wrong"),
    Case(id: "truncated header", bytes: good + [0x0A, 0x23, 0xD7], hasLabel: true,
         message: "record 2 at byte 56 is truncated: the input ends inside its 8-byte header"),
    Case(id: "length past end", bytes: Array(good.prefix(40)), hasLabel: true,
         message: "record 1 at byte 0 declares a 48-byte payload but only 32 bytes remain"),
    Case(id: "not protobuf", bytes: framed([0xFF, 0xFF, 0xFF, 0xFF]), hasLabel: true,
         message: "record 1 at byte 0 is not a valid protobuf Record: "),
    Case(id: "missing feature key", bytes: record(values: [1, 2], key: "data"), hasLabel: true,
         message: "record 1 at byte 0 has no features[\"values\"] tensor (its feature keys: 'data')"),
    Case(id: "shape disagrees", bytes: record(values: [1, 2, 3], shape: [4]), hasLabel: true,
         message: "record 1 at byte 0 has a dense tensor of 3 values but shape [4]"),
    Case(id: "mixed widths", bytes: record(values: [1, 2]) + record(values: [1, 2, 3]), hasLabel: true,
         message: "record 2 at byte 52 has 3 features; earlier records have 2"),
    Case(id: "label missing", bytes: record(values: [1, 2], label: nil), hasLabel: true,
         message: "record 1 at byte 0 has no label[\"values\"]: this channel needs a label on every record"),
  ]

  @Test(arguments: cases) func damagedInputIsRefused(_ c: Case) {
    let path = TestFiles.directory + "/\(UUID().uuidString).pbr"
    _ = FileManager.default.createFile(atPath: path, contents: Data(c.bytes))
    do {
      _ = try readAll(path: path, contentType: .recordIOProtobuf, options: ReadOptions(hasLabel: c.hasLabel))
      Issue.record("expected an error")
    } catch {
      #expect(error.description.hasPrefix("\(path): \(c.message)"), "\(error.description)")
    }
  }

  @Test func emptyFileIsRefused() {
    let path = TestFiles.directory + "/empty.pbr"
    _ = FileManager.default.createFile(atPath: path, contents: Data())
    #expect(throws: DataError(file: path, problem: "is empty: expected at least one record")) {
      try readAll(path: path, contentType: .recordIOProtobuf, options: ReadOptions())
    }
  }
}
