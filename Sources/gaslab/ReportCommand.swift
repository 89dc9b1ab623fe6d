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
        subcommands: [Table1.self, All.self])

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
                }
            } catch let e as CLIError {
                throw e
            } catch {
                throw CLIError("\(error)")
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
            } catch {
                throw CLIError("\(error)")
            }
        }
    }
}
