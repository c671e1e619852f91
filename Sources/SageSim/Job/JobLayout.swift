import Foundation

/// `sagesim job init`: lays out a job directory as SageMaker lays out `/opt/ml` inside a training
/// container, so a learner can look at every file a built-in algorithm reads.
public enum JobLayout {
  /// Writes the config files, copies each channel's files into `input/data/<channel>/`, and makes
  /// the empty `model/` and `output/data/` folders. `sources[channel]` lists files or folders (a
  /// folder's files are copied with their relative paths, as S3 keys under a prefix would be).
  /// Returns the files copied per channel, relative to the channel's folder, in key order.
  @discardableResult
  public static func initialize(
    _ directory: JobDirectory, config: JobConfig, sources: [ChannelName: [String]]
  ) throws -> [ChannelName: [String]] {
    let fm = FileManager.default
    if fm.fileExists(atPath: directory.path("input")) {
      throw JobError("\(directory.path("input")): already exists; give 'job init' a new --root (or remove the old job directory)")
    }
    for channel in config.channels where (sources[channel.name] ?? []).isEmpty {
      throw JobError("the \(channel.name.rawValue) channel has no files: give --\(channel.name.rawValue) PATH")
    }
    // Plan every copy before writing anything, so a mistake leaves no half-made directory.
    var plans: [ChannelName: [(from: String, to: String)]] = [:]
    for (name, paths) in sources {
      var copies: [(from: String, to: String)] = []
      for path in paths {
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
          throw JobError("\(path): no such file or folder (given for the \(name.rawValue) channel)")
        }
        if isDirectory.boolValue {
          let inside = try dataFiles(in: path)
          guard !inside.isEmpty else {
            throw JobError("\(path): the folder holds no files (given for the \(name.rawValue) channel)")
          }
          copies += inside.map { (URL(fileURLWithPath: path).appendingPathComponent($0).path, $0) }
        } else {
          copies.append((path, URL(fileURLWithPath: path).lastPathComponent))
        }
      }
      var seen: [String: String] = [:]
      for copy in copies {
        if let earlier = seen[copy.to] {
          throw JobError("\(copy.from) and \(earlier) would both become input/data/\(name.rawValue)/\(copy.to); rename one (S3 keys in one prefix are distinct)")
        }
        seen[copy.to] = copy.from
      }
      plans[name] = copies
    }
    for name in sources.keys where config.channel(name) == nil {
      throw JobError("files given for the \(name.rawValue) channel, which the job's inputdataconfig does not have")
    }

    do {
      for folder in [directory.configDirectory, directory.modelDirectory, directory.outputDataDirectory] {
        try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
      }
      for (path, data) in try config.files(in: directory) {
        try data.write(to: URL(fileURLWithPath: path))
      }
      var copied: [ChannelName: [String]] = [:]
      for (name, copies) in plans {
        let channelDirectory = URL(fileURLWithPath: directory.channelDirectory(name.rawValue))
        for copy in copies {
          let target = channelDirectory.appendingPathComponent(copy.to)
          try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
          try fm.copyItem(atPath: copy.from, toPath: target.path)
        }
        copied[name] = copies.map(\.to).sorted(by: keyOrder)
      }
      return copied
    } catch let error as JobError {
      throw error
    } catch {
      throw JobError("\(directory.root): cannot lay out the job directory: \(error.localizedDescription)")
    }
  }

  /// The regular files under `folder`, as paths relative to it, in S3 key order (byte order of
  /// the UTF-8 path). Hidden files (`.DS_Store`, `.ipynb_checkpoints/…`) are skipped.
  public static func dataFiles(in folder: String) throws -> [String] {
    let fm = FileManager.default
    guard let walker = fm.enumerator(atPath: folder) else { throw JobError("\(folder): cannot be read") }
    var files: [String] = []
    for case let relative as String in walker {
      if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
      var isDirectory: ObjCBool = false
      let full = URL(fileURLWithPath: folder).appendingPathComponent(relative).path
      if fm.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue { files.append(relative) }
    }
    return files.sorted(by: keyOrder)
  }

  /// S3 lists keys in the byte order of their UTF-8 text.
  public static func keyOrder(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
  }
}
