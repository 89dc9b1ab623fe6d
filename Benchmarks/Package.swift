// swift-tools-version:6.1
// GasLab's benchmarks (ordo-one/benchmark): `swift package benchmark` from this folder.
// A package of its own so that GasLab itself does not depend on the benchmark harness.
import PackageDescription

let package = Package(
    name: "GasLabBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "GasLab", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(
            name: "BenchSupport",
            dependencies: [.product(name: "GasLab", package: "GasLab")]),
        .executableTarget(
            name: "Interpreter",
            dependencies: ["BenchSupport", .product(name: "Benchmark", package: "benchmark"),
                           .product(name: "GasLab", package: "GasLab"), .product(name: "EVMCore", package: "GasLab")],
            path: "Benchmarks/Interpreter",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(
            name: "Workload",
            dependencies: ["BenchSupport", .product(name: "Benchmark", package: "benchmark"),
                           .product(name: "GasLab", package: "GasLab"), .product(name: "EVMCore", package: "GasLab"),
                           .product(name: "EVMState", package: "GasLab"), .product(name: "EVMAssembler", package: "GasLab")],
            path: "Benchmarks/Workload",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(
            name: "Primitives",
            dependencies: [.product(name: "Benchmark", package: "benchmark"), .product(name: "EVMCore", package: "GasLab")],
            path: "Benchmarks/Primitives",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    ]
)
