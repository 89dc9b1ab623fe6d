import Foundation
import Testing

/// The small CLI faults a new user met, each fixed and held here: fork defaults shown by
/// name, one default for --jobs, negative numbers as values, "--" before negative arguments,
/// empty chain list items, unwritable plot paths, scenario reports that show every view and
/// keep expected reverts apart, and the new commands' happy paths.
@Suite struct SmallFixesTests {
    let cli = RunCommandTests()

    @Test func helpShowsForkNamesAndOneJobsDefault() throws {
        for command in [["run", "--help"], ["asm", "--help"], ["precompile", "--help"]] {
            let r = try cli.gaslab(command)
            #expect(r.status == 0)
            #expect(r.stdout.contains("default: osaka"), "\(command)")
            #expect(!r.stdout.contains("default: 7"), "\(command)")
        }
        let st = try cli.gaslab(["statetest", "--help"])
        #expect(st.stdout.components(separatedBy: "default").count == 2, "\(st.stdout)")
    }

    @Test func negativeValuesAreValues() throws {
        let gas = try cli.gaslab(["run", "--code", "00", "--gas", "-5"])
        #expect(gas.status == 2 && gas.stderr.contains("--gas must be positive"), "\(gas.stderr)")
        let dashed = try cli.gaslab(["run", "--code", "6000", "--json", "--call", "f(int256)", "--", "-7"])
        #expect(dashed.status == 0, "\(dashed.stderr)")
        #expect(dashed.stdout.contains("\"intrinsicGas\":21564"))
    }

    @Test func chainListsAndPlotPaths() throws {
        let chains = try cli.gaslab(["report", "l2", "--chain", "base,,op", "--epochs", "2", "--batch", "1", "--preset", "current"])
        #expect(chains.status == 2 && chains.stderr.contains("unknown chain ''"), "\(chains.stderr)")
        let plot = try cli.gaslab(["report", "l2", "--epochs", "2", "--batch", "1", "--plot", "/nonexistent/x.svg"])
        #expect(plot.status == 2 && plot.stderr.hasPrefix("gaslab: cannot write /nonexistent/x.svg"), "\(plot.stderr)")
        #expect(!plot.stderr.contains("NSCocoaErrorDomain"))
    }

    @Test func feeAndParamsAndCompare() throws {
        let tx = "02f8b30a832253fc8402d11f39842c8a46398301388094dc6ff44d5d932cbd77b52e5612ba0529dc6226f180b844a9059cbb000000000000000000000000d43e02db81f4d46cdf8521f623d21ea0ec7562a50000000000000000000000000000000000000000000000008ac7230489e80000c001a02947e24750723b48f886931562c55d9e07f856d8e06468e719755e18bbc3a570a0784da9ce59fd7754ea5be6e17a86b348e441348cd48ace59d174772465eadbd1"
        let fee = try cli.gaslab(["fee", tx, "--chain", "op", "--upgrade", "ecotone", "--preset", "current", "--json",
                                  "--set", "l1.baseFee=47036678951wei", "--set", "op.baseFeeScalar=1368", "--set", "op.blobBaseFeeScalar=0"])
        #expect(fee.status == 0, "\(fee.stderr)")
        // Ecotone with no blob part: ⌊2,456 × 16 × 1,368 × 47,036,678,951 / 16e6⌋ (op-revm's vector, blob scalar zeroed).
        #expect(fee.stdout.contains("\"dataWei\":\"158034210233\""), "\(fee.stdout)")
        let params = try cli.gaslab(["report", "params", "--preset", "paper-2023", "--json"])
        #expect(params.status == 0 && params.stdout.contains("\"op.overhead\""))
        let contracts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Contracts").path
        let compare = try cli.gaslab(["scenario", "compare", contracts + "/table1.scenario.json", "--variants", "faithful,vyper", "--json"])
        #expect(compare.status == 0 && compare.stdout.contains("\"vyper\""), "\(compare.stderr)")
    }
}

/// Table I's CSV keeps "—" empty, carries each variant's USD, and says when the paper's
/// columns are priced at other prices.
@Suite struct TableOneCSVTests {
    let cli = RunCommandTests()

    @Test func csvAndRepricedHeaders() throws {
        let contracts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Contracts").path
        let csv = try cli.gaslab(["report", "table1", "--csv", "--contracts", contracts])
        #expect(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines[0].contains("faithful_usd") && lines[0].contains("calldata_gas,calldata_usd"))
        #expect(lines[1].contains(",,,") || lines[1].contains(",,"), "\(lines[1])")  // calldata has no addData
        #expect(!lines[1].contains(",0,"))
        let repriced = try cli.gaslab(["report", "table1", "--preset", "current", "--contracts", contracts])
        #expect(repriced.stdout.contains("paper gwei at 2026-12"))
    }
}
