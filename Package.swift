// swift-tools-version:6.0
// sagesim: SageMaker's built-in algorithms, re-implemented in miniature on OpenBLAS/LAPACKE.
import PackageDescription

let package = Package(
  name: "sagesim",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "sagesim", targets: ["sagesim"]),
    .library(name: "SageSim", targets: ["SageSim"]),
    .library(name: "SageIO", targets: ["SageIO"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    // RecordIO-protobuf records; the generated Record.pb.swift is committed (no build plugin).
    .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
    // The endpoint of `sagesim serve` (only SageServe and the CLI depend on it).
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
  ],
  targets: [
    // MARK: C libraries
    // Debian's openblas.pc says NO_LAPACKE, so the module map links lapacke itself.
    .systemLibrary(
      name: "COpenBLAS",
      pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
    ),

    // gzip for model.tar.gz (zlib itself: a well-kept C library every Debian system has).
    .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),

    // MARK: Numeric core, data and metrics
    .target(name: "SageCore", dependencies: ["COpenBLAS"]),
    .target(
      name: "SageIO",
      dependencies: ["SageCore", "CZlib", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
      exclude: ["Protobuf/record.proto", "Protobuf/README.md"]
    ),
    .target(name: "SageMetrics"),

    // MARK: Algorithms and CLI
    .target(
      name: "SageSim",
      dependencies: ["SageCore", "SageIO", "SageMetrics"],
      exclude: [
        "Algorithms/PCA/README.md", "Algorithms/LinearLearner/README.md", "Algorithms/XGBoost/README.md",
        "Algorithms/FactorizationMachines/README.md", "Algorithms/KMeans/README.md",
      ]
    ),
    // Request decoding / response encoding shared by the endpoint and batch transform, and the
    // Hummingbird routes of `sagesim serve`.
    .target(
      name: "SageServe",
      dependencies: [
        "SageCore", "SageIO", "SageMetrics", "SageSim", .product(name: "Hummingbird", package: "hummingbird"),
      ]
    ),
    .target(
      name: "SageCLI",
      dependencies: [
        "SageSim", "SageIO", "SageMetrics", "SageServe",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(name: "sagesim", dependencies: ["SageCLI"]),

    // MARK: Tests (Swift Testing)
    .testTarget(
      name: "SageCoreTests",
      dependencies: ["SageCore", .product(name: "Numerics", package: "swift-numerics")]
    ),
    .testTarget(name: "SageIOTests", dependencies: ["SageIO"]),
    .testTarget(
      name: "SageMetricsTests",
      dependencies: ["SageMetrics", .product(name: "Numerics", package: "swift-numerics")]
    ),
    .testTarget(
      name: "SageSimTests",
      dependencies: ["SageSim", .product(name: "Numerics", package: "swift-numerics")]
    ),
    .testTarget(name: "SageCLITests", dependencies: ["SageCLI", "sagesim"]),
    .testTarget(name: "SageServeTests", dependencies: ["SageServe", "SageSim", "SageIO"]),
  ]
)
