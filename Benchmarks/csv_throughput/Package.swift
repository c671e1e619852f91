// swift-tools-version:6.0
// Measures CSV reading throughput of SageIO on one core: `swift run -c release`.
import PackageDescription

let package = Package(
  name: "csv_throughput",
  platforms: [.macOS(.v13)],
  dependencies: [.package(name: "sagesim", path: "../..")],
  targets: [
    .executableTarget(
      name: "csv_throughput",
      dependencies: [.product(name: "SageIO", package: "sagesim")]
    )
  ]
)
