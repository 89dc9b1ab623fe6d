// swift-tools-version:6.1
// libFuzzer harnesses for GasLab (see README.md): built with -sanitize=fuzzer, so a package of
// its own, apart from GasLab's normal builds.
import PackageDescription

let package = Package(
    name: "GasLabFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "GasLab", path: "..")],
    targets: [
        .target(name: "CFuzzerDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzerDriver"]),
        .executableTarget(
            name: "FuzzInterpreter",
            dependencies: ["FuzzSupport", .product(name: "EVMCore", package: "GasLab"), .product(name: "EVMState", package: "GasLab")]),
        .executableTarget(name: "FuzzAssembler", dependencies: ["FuzzSupport", .product(name: "EVMAssembler", package: "GasLab")]),
        .executableTarget(
            name: "FuzzRLP",
            dependencies: ["FuzzSupport", .product(name: "EVMCore", package: "GasLab"), .product(name: "EVMState", package: "GasLab")]),
        .executableTarget(
            name: "FuzzPrecompiles",
            dependencies: ["FuzzSupport", .product(name: "EVMCore", package: "GasLab"), .product(name: "EVMPrecompiles", package: "GasLab")]),
        .executableTarget(name: "FuzzStateTest", dependencies: ["FuzzSupport", .product(name: "GasLab", package: "GasLab")]),
    ]
)
