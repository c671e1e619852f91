import Foundation
import Testing

@testable import SageIO

/// model.tar.gz: what sagesim packs, GNU tar opens, and what GNU tar packs, sagesim opens.
@Suite struct ModelArchiveTests {
  private func freshDirectory(_ name: String) -> String {
    let path = TestFiles.directory + "/\(UUID().uuidString)-\(name)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// A model directory with a nested folder, an empty file, a 512-byte file (no padding) and a long path.
  private func modelDirectory() throws -> String {
    let root = freshDirectory("model")
    let longFolder = root + "/" + String(repeating: "d", count: 90) + "/" + String(repeating: "e", count: 30)
    try FileManager.default.createDirectory(atPath: longFolder, withIntermediateDirectories: true)
    try Data("{\"algorithm\":\"pca\"}\n".utf8).write(to: URL(fileURLWithPath: root + "/model.json"))
    try Data().write(to: URL(fileURLWithPath: root + "/empty"))
    try Data(repeating: 7, count: 512).write(to: URL(fileURLWithPath: longFolder + "/block.bin"))
    return root
  }

  private func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
  }

  @Test func gnuTarOpensWhatSagesimPacks() throws {
    let model = try modelDirectory()
    let archive = freshDirectory("out") + "/model.tar.gz"
    try ModelArchive.pack(directory: model, to: archive)
    let listing = try run(["tar", "-tzf", archive])
    #expect(listing.status == 0, "\(listing.output)")
    #expect(listing.output.contains("model.json\n"))
    #expect(listing.output.contains(String(repeating: "e", count: 30) + "/block.bin\n"))
    let target = freshDirectory("unpacked")
    #expect(try run(["tar", "-xzf", archive, "-C", target]).status == 0)
    let diff = try run(["diff", "-r", model, target])
    #expect(diff.status == 0, "\(diff.output)")
  }

  @Test func sagesimOpensWhatGnuTarPacks() throws {
    let model = try modelDirectory()
    let archive = freshDirectory("out") + "/model.tar.gz"
    #expect(try run(["tar", "-czf", archive, "-C", model, "."]).status == 0)
    let target = freshDirectory("unpacked")
    try ModelArchive.unpack(archive, into: target)
    #expect(try run(["diff", "-r", model, target]).status == 0)
  }

  @Test func theSameModelGivesTheSameArchiveBytes() throws {
    let model = try modelDirectory()
    let out = freshDirectory("out")
    try ModelArchive.pack(directory: model, to: out + "/a.tar.gz")
    try ModelArchive.pack(directory: model, to: out + "/b.tar.gz")
    #expect(FileManager.default.contents(atPath: out + "/a.tar.gz") == FileManager.default.contents(atPath: out + "/b.tar.gz"))
  }

  /// The ustar header checksum, worked by hand for a one-byte file named "a": the sum of every
  /// header byte with the checksum field as eight spaces.
  @Test func headerChecksumIsTheByteSum() throws {
    let archive = try Tar.archive([Tar.Entry(path: "a", bytes: [65])])
    #expect(archive.count == 512 + 512 + 1024)
    let stored = Int(String(decoding: archive[148..<154], as: UTF8.self), radix: 8)
    var header = Array(archive[0..<512])
    for i in 148..<156 { header[i] = 32 }
    #expect(stored == header.reduce(0) { $0 + Int($1) })
    #expect(try Tar.entries(of: archive) == [Tar.Entry(path: "a", bytes: [65])])
  }

  @Test func refusesPathsThatLeaveTheModelDirectory() throws {
    let archive = try Gzip.compress(try Tar.archive([Tar.Entry(path: "../evil", bytes: [1])]))
    let path = freshDirectory("out") + "/evil.tar.gz"
    try Data(archive).write(to: URL(fileURLWithPath: path))
    #expect(throws: ArchiveError.self) { try ModelArchive.unpack(path, into: freshDirectory("x")) }
    do {
      try ModelArchive.unpack(path, into: freshDirectory("x"))
    } catch let error as ArchiveError {
      #expect(error.message.contains("'../evil'") && error.message.contains(path))
    }
  }

  @Test func refusesDataThatIsNotGzipOrIsTruncated() throws {
    #expect(throws: ArchiveError.self) { try Gzip.decompress(Array("not gzip at all, just text".utf8)) }
    let whole = try Gzip.compress(Array(repeating: 3, count: 100_000) + Array(0...255))
    #expect(try Gzip.decompress(whole) == Array(repeating: 3, count: 100_000) + Array(0...255))
    #expect(throws: ArchiveError.self) { try Gzip.decompress(Array(whole.prefix(whole.count / 2))) }
    let tar = try Tar.archive([Tar.Entry(path: "f", bytes: Array(repeating: 1, count: 600))])
    #expect(throws: ArchiveError.self) { try Tar.entries(of: Array(tar.prefix(700))) }
  }
}
