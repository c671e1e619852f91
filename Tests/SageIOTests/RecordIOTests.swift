import Foundation
import SageCore
import Testing

@testable import SageIO

/// Fixtures written by the SageMaker Python SDK (Tests/Fixtures/recordio/make_fixtures.py), with
/// the values the SDK's own `read_records` decodes from them in expected.json.
enum SDKFixtures {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/recordio")

  static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

  struct Row {
    let values: [Double]
    let keys: [Int]
    let shape: [Int]
    let label: Double?
  }

  static func expected(_ name: String) throws -> [Row] {
    let data = try Data(contentsOf: folder.appendingPathComponent("expected.json"))
    let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let files = try #require(root["files"] as? [String: Any])
    let rows = try #require(files[name] as? [[String: Any]])
    return rows.map { row in
      Row(values: (row["values"] as! [String]).map { Double($0)! }, keys: (row["keys"] as! [NSNumber]).map(\.intValue),
          shape: (row["shape"] as! [NSNumber]).map(\.intValue), label: (row["label"] as? [String])?.first.flatMap(Double.init))
    }
  }
}

@Suite struct RecordIOSDKCompatibilityTests {
  @Test(arguments: ["dense_float32.pbr", "dense_float64.pbr", "dense_int32_nolabel.pbr", "worked_example.pbr"])
  func denseFixturesReadExactly(name: String) throws {
    let expected = try SDKFixtures.expected(name)
    let hasLabel = expected.first?.label != nil
    let batch = try readAll(path: SDKFixtures.path(name), contentType: .recordIOProtobuf, options: ReadOptions(hasLabel: hasLabel))
    guard case .dense(let m) = batch.features else { Issue.record("expected dense rows"); return }
    #expect(m.rows == expected.count)
    for (i, row) in expected.enumerated() {
      #expect(m.row(i) == row.values, "record \(i + 1)")
    }
    #expect(batch.labels == expected.compactMap(\.label))
    #expect(batch.lines == Array(1...expected.count))
  }

  @Test func sparseFixtureKeepsItsSparsity() throws {
    let expected = try SDKFixtures.expected("sparse_float32.pbr")
    let batch = try readAll(path: SDKFixtures.path("sparse_float32.pbr"), contentType: .recordIOProtobuf, options: ReadOptions())
    guard case .sparse(let s) = batch.features else { Issue.record("expected sparse rows"); return }
    #expect(s.rows == expected.count && s.columns == 10)
    for (i, row) in expected.enumerated() {
      let stored = s.row(i)
      #expect(stored.columns.map(Int.init) == row.keys, "record \(i + 1)")
      #expect(Array(stored.values) == row.values, "record \(i + 1)")
    }
    #expect(s.row(2).columns.isEmpty)  // the all-zero row: a record with no keys
    #expect(batch.labels == [0, 1, 2, 3, 4, 5])
  }

  /// sagesim writes the same bytes as the SDK for the same float32 data.
  @Test(arguments: [("dense_float32.pbr", false), ("sparse_float32.pbr", true), ("worked_example.pbr", false)])
  func writerMatchesTheSDKByteForByte(name: String, sparse: Bool) throws {
    let source = try readAll(path: SDKFixtures.path(name), contentType: .recordIOProtobuf, options: ReadOptions())
    let out = TestFiles.directory + "/\(UUID().uuidString)-\(name)"
    let writer = try DataWriter(path: out, contentType: .recordIOProtobuf, sparse: sparse)
    try writer.write(source)
    try writer.finish()
    #expect(FileManager.default.contents(atPath: out) == FileManager.default.contents(atPath: SDKFixtures.path(name)))
  }
}

@Suite struct RecordIOFramingTests {
  /// A payload containing the magic word, split the way dmlc's writer splits it (cflag 1 then 3),
  /// is joined back with the magic re-inserted.
  @Test func splitRecordIsReassembled() throws {
    var bytes: [UInt8] = []
    let head: [UInt8] = [1, 2, 3, 4], tail: [UInt8] = [9, 9]
    RecordIO.appendWord(RecordIO.magic, to: &bytes)
    RecordIO.appendWord((1 << 29) | 4, to: &bytes)
    bytes += head
    RecordIO.appendWord(RecordIO.magic, to: &bytes)
    RecordIO.appendWord((3 << 29) | 2, to: &bytes)
    bytes += tail + [0, 0]
    let path = TestFiles.directory + "/split.rec"
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    let reader = try RecordIOReader(path: path)
    let payload = try #require(try reader.next())
    #expect(payload.bytes == head + [0x0A, 0x23, 0xD7, 0xCE] + tail)
    #expect(try reader.next() == nil)
  }

  @Test func paddingKeepsRecordsAligned() {
    var out: [UInt8] = []
    RecordIO.appendRecord([7, 7, 7, 7, 7], to: &out)
    #expect(out.count == 16)  // 8 header bytes, 5 payload bytes, 3 zero bytes
    #expect(Array(out[13...]) == [0, 0, 0])
  }
}

@Suite struct RecordFastDecoderTests {
  /// The direct decoder and SwiftProtobuf read every SDK fixture record the same; Int32 tensors are
  /// left to SwiftProtobuf.
  @Test(arguments: ["dense_float32.pbr", "dense_float64.pbr", "dense_int32_nolabel.pbr", "sparse_float32.pbr"])
  func agreesWithSwiftProtobuf(name: String) throws {
    let reader = try RecordIOReader(path: SDKFixtures.path(name))
    var records = 0
    while let payload = try reader.next() {
      records += 1
      let record = try Aialgs_Data_Record(serializedBytes: payload.bytes)
      let fast = RecordFastDecoder.decode(payload.bytes)
      guard case .float32Tensor(let t)? = record.features["values"]?.value else {
        if case .float64Tensor(let t)? = record.features["values"]?.value {
          #expect(fast?.features.values == t.values)
        } else {
          #expect(fast == nil)  // int32: the fallback decodes it
        }
        continue
      }
      #expect(fast?.features.values == t.values.map(Double.init))
      #expect(fast?.features.keys == t.keys && fast?.features.shape == t.shape)
      #expect(fast?.label?.values == record.label["values"]?.float32Tensor.values.map(Double.init))
    }
    #expect(records > 0)
  }
}
