import Foundation
import GasLab

/// Where the benchmarks find their inputs: GasLab's repository (for `Contracts/`) and the
/// shared fixtures (for the EVM benchmark programs), found from this file's location so that
/// `swift package benchmark` works from any directory. `GASLAB_FIXTURES` overrides the
/// fixtures folder.
public enum BenchPaths {
    /// The GasLab repository root (two levels above this package's `Sources/BenchSupport`).
    public static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    public static var fixtures: String {
        if let path = ProcessInfo.processInfo.environment["GASLAB_FIXTURES"], !path.isEmpty { return path }
        return repository.deletingLastPathComponent().appendingPathComponent("shared/fixtures").path
    }

    /// The standard EVM benchmark programs, or nil (with a message) when the fixtures are absent.
    public static var evmBenchmarks: String? {
        let path = fixtures + "/evm-benchmarks/benchmarks"
        guard FileManager.default.fileExists(atPath: path) else {
            FileHandle.standardError.write(Data("SKIPPED: \(path) not found (set GASLAB_FIXTURES); no interpreter benchmarks.\n".utf8))
            return nil
        }
        return path
    }

    public static var tableOneScenario: String { repository.appendingPathComponent("Contracts/table1.scenario.json").path }
}

/// The Table I workload: the paper's faithful contract deployed, nine addData, initParams
/// and 2,000 train() transactions (2,015 transactions with the views), as `gaslab scenario
/// run Contracts/table1.scenario.json --variant faithful` runs it.
public struct TableOneWorkload {
    public let scenario: Scenario
    public let variant: Scenario.Variant

    public init() throws {
        scenario = try Scenario.load(BenchPaths.tableOneScenario)
        guard let faithful = scenario.variants.first(where: { $0.name == "faithful" }) else {
            throw ScenarioError("table1.scenario.json has no 'faithful' variant")
        }
        variant = faithful
    }

    /// Runs the whole workload once; returns the result (state, receipts).
    public func run() throws -> ScenarioResult { try ScenarioRunner().run(scenario, variant: variant) }
}
