import ArgumentParser
import EVMCore
import Foundation
import GasEconomics
import GasLab

/// Options shared by the reports: prices.
struct PriceOptions: ParsableArguments {
    @Option(name: .long, help: "Price preset: paper-2023 (20 gwei, $1,742) or today (1 gwei, $3,000; an assumption, not live data).")
    var preset: String = "paper-2023"

    @Option(name: .long, help: "Gas price, e.g. 20gwei, 0.5gwei or a number of wei (overrides the preset).")
    var gasPrice: String?

    @Option(name: .long, help: "Dollars per ETH, e.g. 1742 or 3456.78 (overrides the preset).")
    var ethUsd: String?

    func prices() throws -> Prices {
        guard var p = Prices.presets[preset] else {
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
        subcommands: [Table1.self, L2.self, All.self])

    static func contractsDirectory(_ given: String?) throws -> String {
        let dir = given ?? "Contracts"
        guard FileManager.default.fileExists(atPath: (dir as NSString).appendingPathComponent("table1.json")) else {
            throw CLIError("no table1.json in '\(dir)' (run from the package folder or pass --contracts)")
        }
        return dir
    }

    static func progress(enabled: Bool) -> ((String, Int, Int) -> Void)? {
        guard enabled else { return nil }
        return { name, done, total in
            if done % 100 == 0 || done == total {
                FileHandle.standardError.write(Data("\r\(name): \(done)/\(total) transactions   ".utf8))
                if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
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

        @Option(name: .long, help: "The folder with table1.json and the contracts.")
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
                let scenario = try Scenario.load((dir as NSString).appendingPathComponent("table1.json"))
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
        @Option(name: .long, help: "Fork rules of the execution.") var fork: Fork = .cancun
        @Option(name: .long, help: "Fee preset: paper-2023 or today.") var preset: String = "paper-2023"
        @Option(name: .long, help: "L1 base fee for data, e.g. 20gwei (overrides the preset).") var l1BaseFee: String?
        @Option(name: .long, help: "Blob base fee, e.g. 1wei.") var blobBaseFee: String?
        @Option(name: .long, help: "L2 gas price, e.g. 0.01gwei.") var l2GasPrice: String?
        @Option(name: .long, help: "Dollars per ETH.") var ethUsd: String?
        @Option(name: .long, help: "Write an SVG chart of cost per epoch against k.") var plot: String?
        @Option(name: .long, help: "The folder with table1.json and the contracts.") var contracts: String?
        @Flag(name: .long, help: "JSON output.") var json = false
        @Flag(name: .long, help: "Markdown output.") var md = false

        func environment() throws -> FeeEnvironment {
            guard var env = FeeEnvironment.presets[preset] else {
                throw CLIError("unknown preset '\(preset)': \(FeeEnvironment.presets.keys.sorted().joined(separator: ", "))")
            }
            func wei(_ text: String?, _ name: String) throws -> U256? {
                guard let text else { return nil }
                guard let w = Wei.parse(text) else { throw CLIError("--\(name) '\(text)' is not an amount like 20gwei") }
                env.name = "custom"
                return w
            }
            if let w = try wei(l1BaseFee, "l1-base-fee") { env.l1BaseFee = w; env.l1GasPrice = w; env.arbitrumPricePerUnit = w }
            if let w = try wei(blobBaseFee, "blob-base-fee") { env.blobBaseFee = w }
            if let w = try wei(l2GasPrice, "l2-gas-price") { env.l2GasPrice = w }
            if let ethUsd {
                guard let d = ExactDecimal(parsing: ethUsd) else { throw CLIError("--eth-usd '\(ethUsd)' is not a number") }
                env.ethUSD = d
                env.name = "custom"
            }
            return env
        }

        func run() throws {
            let env = try environment()
            let batches = try batch.split(separator: ",").map { part -> Int in
                guard let k = Int(part.trimmingCharacters(in: .whitespaces)), k >= 1 else {
                    throw CLIError("--batch takes positive integers like 1,10,100, found '\(part)'")
                }
                return k
            }
            var chains = LayerTwoStudy.defaultChains
            if chain != "all" {
                chains = try chain.split(separator: ",").map { name in
                    guard let c = Chain.byName[name.lowercased()] else {
                        throw CLIError("unknown chain '\(name)': l1, base, op, arbitrum, blobs")
                    }
                    return c
                }
                if !chains.contains(.ethereum) { chains.insert(.ethereum, at: 0) }
            }
            let dir = try ReportCommand.contractsDirectory(contracts)
            do {
                let study = try LayerTwoStudy.measure(contracts: dir, fork: fork, epochs: epochs, batches: batches, chains: chains,
                                                      env: env, progress: ReportCommand.progress(enabled: isatty(2) == 1 && !json))
                if json { print(study.json(env)) } else { print(study.table(env, markdown: md), terminator: "") }
                if let plot {
                    try Data(study.chart(env).utf8).write(to: URL(fileURLWithPath: plot))
                    FileHandle.standardError.write(Data("chart written to \(plot)\n".utf8))
                }
            }
        }
    }

    struct All: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "all",
            abstract: "The main job: Table I at the paper's and today's prices, the fork comparison, written to a folder.")

        @Option(name: .long, help: "Output folder.") var out: String = "report"
        @Option(name: .long, help: "The folder with table1.json and the contracts.") var contracts: String?

        func run() throws {
            let dir = try ReportCommand.contractsDirectory(contracts)
            let progress = ReportCommand.progress(enabled: isatty(2) == 1)
            do {
                let markdown = try MainReport.build(contracts: dir, outputDirectory: out, progress: progress) { headline in
                    print(headline)
                }
                _ = markdown
                FileHandle.standardError.write(Data("report written to \(out)/README.md\n".utf8))
            }
        }
    }
}
