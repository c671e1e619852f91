// swift-tools-version:6.0
// Benchmarks: sagesim side by side with the reference implementations (run.sh drives them).
// A package of its own, so that the main build and CI never compile or run it.
import Foundation
import PackageDescription

// A path dependency is named after its folder, which differs between clones.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let rootName = root.lastPathComponent

let package = Package(
  name: "sagesim-benchmarks",
  dependencies: [.package(path: "..")],
  targets: [
    .executableTarget(
      name: "sagesim-bench",
      dependencies: [
        .product(name: "SageSim", package: rootName),
        .product(name: "SageIO", package: rootName),
      ]),
  ]
)
