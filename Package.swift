// swift-tools-version:6.1
// GasLab: exact EVM gas, measured fast, priced and compared.
import PackageDescription

let package = Package(
    name: "GasLab",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "EVMCore", targets: ["EVMCore"]),
        .library(name: "EVMPrecompiles", targets: ["EVMPrecompiles"]),
        .library(name: "EVMState", targets: ["EVMState"]),
        .library(name: "EVMChain", targets: ["EVMChain"]),
        .library(name: "EVMAssembler", targets: ["EVMAssembler"]),
        .library(name: "GasEconomics", targets: ["GasEconomics"]),
        .library(name: "GasLab", targets: ["GasLab"]),
        .library(name: "GasLabTesting", targets: ["GasLabTesting"]),
        .library(name: "GasLabNode", targets: ["GasLabNode"]),
        .executable(name: "gaslab", targets: ["gaslab"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        // The JSON-RPC node's HTTP server (`gaslab node`): NIO's HTTP/1.1 codec, no framework.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
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
        // `gaslab node`: a JSON-RPC development chain (blocks from EVMChain, profiles and fees
        // from GasLab and GasEconomics) behind an HTTP server on SwiftNIO.
        .target(
            name: "GasLabNode",
            dependencies: ["GasLab", "EVMChain", "EVMState", "EVMPrecompiles", "GasEconomics", "EVMAssembler",
                           .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "NIOPosix", package: "swift-nio"),
                           .product(name: "NIOHTTP1", package: "swift-nio")]),
        .executableTarget(
            name: "gaslab",
            dependencies: ["GasLab", "GasLabNode", "EVMChain", "EVMAssembler", "EVMPrecompiles", "GasEconomics", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        // MARK: Tests
        .testTarget(name: "EVMCoreTests", dependencies: ["EVMCore"]),
        .testTarget(name: "EVMPrecompilesTests", dependencies: ["EVMPrecompiles"]),
        .testTarget(name: "EVMStateTests", dependencies: ["EVMState"]),
        .testTarget(name: "EVMChainTests", dependencies: ["EVMChain", "EVMState", "GasLab"]),
        .testTarget(name: "EVMAssemblerTests", dependencies: ["EVMAssembler", "EVMState"]),
        .testTarget(name: "GasEconomicsTests", dependencies: ["GasEconomics", "EVMChain"]),
        .testTarget(name: "GasLabTests", dependencies: ["GasLab", "GasLabTesting", "CSecp256k1", "CGMP"]),
        .testTarget(name: "GasLabCLITests", dependencies: ["gaslab"]),
        .testTarget(name: "GasLabNodeTests", dependencies: ["GasLabNode", "EVMChain", "EVMState"]),
    ]
)
