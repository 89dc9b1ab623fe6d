// swift-tools-version:6.1
// GasLab: exact EVM gas, measured fast, priced and compared.
import PackageDescription

let package = Package(
    name: "GasLab",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "EVMCore", targets: ["EVMCore"]),
        .library(name: "EVMPrecompiles", targets: ["EVMPrecompiles"]),
        .library(name: "EVMState", targets: ["EVMState"]),
        .library(name: "EVMChain", targets: ["EVMChain"]),
        .library(name: "EVMAssembler", targets: ["EVMAssembler"]),
        .library(name: "GasEconomics", targets: ["GasEconomics"]),
        .library(name: "GasLab", targets: ["GasLab"]),
        .library(name: "GasLabTesting", targets: ["GasLabTesting"]),
        .executable(name: "gaslab", targets: ["gaslab"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        // MARK: C libraries reached through thin shims
        .systemLibrary(
            name: "CSecp256k1", path: "Sources/CSecp256k1", pkgConfig: "libsecp256k1",
            providers: [.apt(["libsecp256k1-dev"])]),
        .systemLibrary(
            name: "CGMP", path: "Sources/CGMP",
            providers: [.apt(["libgmp-dev"])]),
        .systemLibrary(
            name: "CBrotli", path: "Sources/CBrotli",
            providers: [.apt(["libbrotli-dev"])]),

        // MARK: The EVM: primitives, fork schedules, interpreter (the hot path)
        .target(name: "EVMCore"),
        .target(
            name: "EVMPrecompiles",
            dependencies: ["EVMCore", "CSecp256k1", "CGMP", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "EVMState", dependencies: ["EVMCore", "EVMPrecompiles"]),
        // Blocks above transactions: headers, bodies, receipts, block processing and validation.
        .target(name: "EVMChain", dependencies: ["EVMCore", "EVMState", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "EVMAssembler", dependencies: ["EVMCore"]),
        .target(name: "GasEconomics", dependencies: ["EVMCore", "EVMState", "EVMChain", "CBrotli"]),

        // MARK: Scenarios, reports and the CLI
        .target(name: "GasLab", dependencies: ["EVMCore", "EVMPrecompiles", "EVMState", "EVMChain", "EVMAssembler", "GasEconomics"]),
        .target(name: "GasLabTesting", dependencies: ["EVMState"]),
        .executableTarget(
            name: "gaslab",
            dependencies: ["GasLab", "EVMChain", "EVMAssembler", "EVMPrecompiles", "GasEconomics", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        // MARK: Tests
        .testTarget(name: "EVMCoreTests", dependencies: ["EVMCore"]),
        .testTarget(name: "EVMPrecompilesTests", dependencies: ["EVMPrecompiles"]),
        .testTarget(name: "EVMStateTests", dependencies: ["EVMState"]),
        .testTarget(name: "EVMChainTests", dependencies: ["EVMChain", "EVMState", "GasLab"]),
        .testTarget(name: "EVMAssemblerTests", dependencies: ["EVMAssembler", "EVMState"]),
        .testTarget(name: "GasEconomicsTests", dependencies: ["GasEconomics", "EVMChain"]),
        .testTarget(name: "GasLabTests", dependencies: ["GasLab", "GasLabTesting", "CSecp256k1", "CGMP"]),
        .testTarget(name: "GasLabCLITests", dependencies: ["gaslab"]),
    ]
)
