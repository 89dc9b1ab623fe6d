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
        .executableTarget(
            name: "FuzzInterpreter",
            dependencies: ["CFuzzerDriver", .product(name: "EVMCore", package: "GasLab"), .product(name: "EVMState", package: "GasLab")]),
        .executableTarget(name: "FuzzAssembler", dependencies: ["CFuzzerDriver", .product(name: "EVMAssembler", package: "GasLab")]),
        .executableTarget(
            name: "FuzzRLP",
            dependencies: ["CFuzzerDriver", .product(name: "EVMCore", package: "GasLab"), .product(name: "EVMState", package: "GasLab")]),
        .executableTarget(name: "FuzzStateTest", dependencies: ["CFuzzerDriver", .product(name: "GasLab", package: "GasLab")]),
    ]
)
