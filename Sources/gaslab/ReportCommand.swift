import ArgumentParser
import EVMCore
import Foundation
import GasEconomics
import GasLab

/// Options shared by the reports: prices.
struct PriceOptions: ParsableArguments {
    @Option(name: .long, help: "Price preset: paper-2023 (20 gwei, $1,742) or 2026-12 (alias current; market figures assumed, see `gaslab report params`).")
    var preset: String = "paper-2023"

    @Option(name: .long, help: "Gas price, e.g. 20gwei, 0.5gwei or a number of wei (overrides the preset).")
    var gasPrice: String?

    @Option(name: .long, help: "Dollars per ETH, e.g. 1742 or 3456.78 (overrides the preset).")
    var ethUsd: String?

    func prices() throws -> Prices {
        guard var p = Prices.presets[preset.lowercased()] else {
            throw CLIError("unknown preset '\(preset)': \(Prices.presets.keys.sorted().joined(separator: ", "))")
        }
        if let gasPrice {
            guard let wei = Wei.parse(gasPrice) else { throw CLIError("--gas-price '\(gasPrice)' is not an amount like 20gwei") }
            p.gasPrice = wei
            p.name = "custom"
        }
        if let ethUsd {
            guard let d = ExactDecimal(parsing: ethUsd) else { throw CLIError("--eth-usd '\(ethUsd)' is not a number") }
            p.ethUSD = d
            p.name = "custom"
        }
        return p
    }
}

/// `gaslab report`: the paper's Table I, forks and Layer 2.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Cost reports: Table I against the paper, fork comparison, Layer 2.",
        subcommands: [Table1.self, L2.self, Params.self, All.self])

    static func contractsDirectory(_ given: String?) throws -> String {
        let dir = given ?? "Contracts"
        guard FileManager.default.fileExists(atPath: (dir as NSString).appendingPathComponent("table1.scenario.json")) else {
            throw CLIError("no table1.scenario.json in '\(dir)' (run from the package folder or pass --contracts)")
        }
        return dir
    }

    static func progress(enabled: Bool) -> ((String, Int, Int) -> Void)? {
        guard enabled else { return nil }
        return { name, done, total in
            if done % 100 == 0 || done == total {
                StandardError.write("\r\(name): \(done)/\(total) transactions   ")
                if done == total { StandardError.write("\n") }
            }
        }
    }

    struct Table1: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "table1",
            abstract: "Table I: the paper's gas, gwei and USD beside GasLab's measurement of the same workload.")

        @Option(name: .long, help: "Fork rules (default: the scenario's, Shanghai), or 'all' for a fork comparison.")
        var fork: String?

        @OptionGroup var priceOptions: PriceOptions

        @Option(name: .long, help: "The folder with table1.scenario.json and the contracts.")
        var contracts: String?

        @Flag(name: .long, help: "JSON output.") var json = false
        @Flag(name: .long, help: "Markdown output.") var md = false
        @Flag(name: .long, help: "CSV output.") var csv = false
        @Flag(name: .long, help: "Add where a training transaction's gas goes, per variant (from the profiler).")
        var breakdown = false

        func run() throws {
            if [json, md, csv].filter({ $0 }).count > 1 { throw CLIError("choose one of --json, --md, --csv") }
            let prices = try priceOptions.prices()
            let dir = try ReportCommand.contractsDirectory(contracts)
            let progress = ReportCommand.progress(enabled: isatty(2) == 1 && !json)
            do {
                if fork?.lowercased() == "all" {
                    let comparison = try ForkComparison.measure(contracts: dir, prices: prices, progress: progress)
                    print(comparison.table(markdown: md), terminator: "")
                    return
                }
                var chosen: Fork? = nil
                if let fork {
                    guard let f = Fork(name: fork) else { throw CLIError("unknown fork '\(fork)'") }
                    chosen = f
                }
                let scenario = try Scenario.load((dir as NSString).appendingPathComponent("table1.scenario.json"))
                let t = try TableOne.measure(contracts: dir, fork: chosen ?? scenario.fork, prices: prices, progress: progress)
                if json {
                    print(t.json())
                } else if csv {
                    print(t.csv(), terminator: "")
                } else {
                    print(t.table(markdown: md))
                    print(t.variantTable(markdown: md))
                    for line in t.explanation { print((md ? "- " : "") + line) }
                    if breakdown {
                        print("\nWhere one training transaction's gas goes (the last of the workload):\n")
                        print(try TrainingBreakdown.measure(contracts: dir, fork: t.fork).table(markdown: md), terminator: "")
                    }
                }
            }
        }
    }

    struct L2: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "l2",
            abstract: "Training on Ethereum against Layer 2: E epochs, k per transaction, data in storage or calldata.",
            discussion: "Every transaction runs in GasLab's EVM and is signed and RLP-encoded; each chain prices the real bytes.")

        @Option(name: .long, help: "Chains: all, or a comma-separated list of l1, base, op, arbitrum, blobs.")
        var chain: String = "all"

        @Option(name: .long, help: "Epochs of training.") var epochs: Int = 2_000
        @Option(name: .long, help: "Epochs per transaction, comma-separated.") var batch: String = "1,10,100,1000"
        @OptionGroup var fees: FeeOptions
        @Option(name: .long, help: "Write an SVG chart of cost per epoch against k.") var plot: String?
        @Option(name: .long, help: "The folder with table1.scenario.json and the contracts.") var contracts: String?
        @Flag(name: .long, help: "JSON output.") var json = false
        @Flag(name: .long, help: "Markdown output.") var md = false

        func run() throws {
            let preset = try fees.resolved()
            let batches = try batch.split(separator: ",", omittingEmptySubsequences: false).map { part -> Int in
                guard let k = Int(part.trimmingCharacters(in: .whitespaces)), k >= 1 else {
                    throw CLIError("--batch takes positive integers like 1,10,100, found '\(part)'")
                }
                return k
            }
            var chains: [String]? = nil
            if chain != "all" {
                var ids = try FeeOptions.chainList(chain, preset: preset)
                if !ids.contains("l1") { ids.insert("l1", at: 0) }
                chains = ids
            }
            let dir = try ReportCommand.contractsDirectory(contracts)
            let study = try LayerTwoStudy.measure(contracts: dir, presets: [preset], epochs: epochs, batches: batches,
                                                  progress: ReportCommand.progress(enabled: isatty(2) == 1 && !json))
            let pricing = try study.priced(preset, chains: chains)
            if json {
                print(pricing.json())
            } else {
                print("\(preset.name): \(preset.summary)\n")
                print(pricing.columns(markdown: md))
                print(pricing.table(markdown: md), terminator: "")
                for line in pricing.notes() { print("\n" + line, terminator: "") }
                print("")
            }
            if let plot {
                try FeeOptions.write(pricing.chart(), to: plot)
                StandardError.write("chart written to \(plot)\n")
            }
        }
    }

    struct Params: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "params",
            abstract: "Every fee parameter of a preset with its meaning, source and date.",
            discussion: "Keys are CHAIN.NAME (l1.baseFee, base.baseFeeScalar, arbitrum.batchBytes); any of them can be replaced with --set in report l2, fee and simulate.")

        @OptionGroup var fees: FeeOptions
        @Flag(name: .long, help: "JSON output.") var json = false
        @Flag(name: .long, help: "Markdown output.") var md = false

        func run() throws {
            let preset = try fees.resolved()
            if json { print(FeeParameterTable.json(preset)) } else {
                print("\(preset.name) (\(preset.date)): \(preset.summary)\n")
                print(FeeParameterTable.render(preset, markdown: md), terminator: "")
            }
        }
    }

    struct All: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "all",
            abstract: "The main job: Table I at the paper's and the current preset's prices, the fork comparison, Layer 2 by era, written to a folder.")

        @Option(name: .long, help: "Output folder.") var out: String = "report"
        @Option(name: .long, help: "The folder with table1.scenario.json and the contracts.") var contracts: String?

        func run() throws {
            let dir = try ReportCommand.contractsDirectory(contracts)
            let progress = ReportCommand.progress(enabled: isatty(2) == 1)
            do {
                let markdown = try MainReport.build(contracts: dir, outputDirectory: out, progress: progress) { headline in
                    print(headline)
                }
                _ = markdown
                StandardError.write("report written to \(out)/README.md\n")
            }
        }
    }
}
