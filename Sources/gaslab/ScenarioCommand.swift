import ArgumentParser
import EVMCore
import Foundation
import GasEconomics
import GasLab

/// `gaslab scenario`: deploy contracts and run transactions, report gas per call.
struct ScenarioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "Run scenario files (deployments, transactions, view calls).",
        subcommands: [Run.self, Compare.self])

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a scenario: one gas table per variant (count, min, mean, max, total).")

        @Argument(help: "The scenario JSON file.")
        var file: String

        @Option(name: .long, help: "Override the scenario's fork.")
        var fork: Fork?

        @Option(name: .long, help: "Only this variant.")
        var variant: String?

        @Flag(name: .long, help: "Print every receipt's gasUsed and status, and decoded view returns, as JSON.")
        var json = false

        @Flag(name: .long, help: "Price every call on Ethereum and the Layer 2s of --preset (signed transaction bytes, each chain's fee rules).")
        var price = false

        @Option(name: .long, help: "With --price: chains, a comma-separated list of l1, base, op, arbitrum, blobs (default: all).")
        var chain: String?

        @OptionGroup var fees: FeeOptions

        func run() throws {
            let scenario: Scenario
            scenario = try Scenario.load(file)
            var variants = scenario.variants
            if let variant {
                variants = variants.filter { $0.name == variant }
                if variants.isEmpty {
                    throw CLIError("no variant '\(variant)' in \(file): \(scenario.variants.map(\.name).joined(separator: ", "))")
                }
            }
            let showProgress = isatty(2) == 1 && !json
            var results: [ScenarioResult] = []
            for v in variants {
                let runner = ScenarioRunner(fork: fork, progress: showProgress ? { done, total in
                    if done % 50 == 0 || done == total {
                        StandardError.write("\r\(v.name): \(done)/\(total) transactions")
                    }
                } : nil)
                results.append(try runner.run(scenario, variant: v))
                if showProgress { StandardError.write("\n") }
            }
            if price {
                let preset = try fees.resolved()
                let ids = try chain.map { try FeeOptions.chainList($0, preset: preset) }
                var parts: [String] = []
                for r in results {
                    let pricing = try ScenarioPricing.price(r, scenario: scenario, preset: preset, chains: ids)
                    if json {
                        parts.append("{\"variant\":\(jsonString(r.variant)),\"pricing\":\(pricing.json())}")
                    } else {
                        print("\(r.scenario) [\(r.variant)] under \(r.fork.name), priced with \(preset.name) (\(preset.date))")
                        print(pricing.table(markdown: false))
                    }
                }
                if json { print("[" + parts.joined(separator: ",") + "]") }
                return
            }
            if json {
                print(ScenarioReport.json(results))
            } else {
                print(ScenarioReport.text(results))
            }
        }
    }

    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Two variants of a scenario side by side: mean gas per call and the difference.")

        @Argument(help: "The scenario JSON file.") var file: String
        @Option(name: .long, help: "The two variants, comma-separated (default: the first two).") var variants: String?
        @Option(name: .long, help: "Override the scenario's fork.") var fork: Fork?
        @Flag(name: .long, help: "JSON output.") var json = false
        @Flag(name: .long, help: "Markdown output.") var md = false

        func run() throws {
            let scenario = try Scenario.load(file)
            let names = variants.map { $0.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) } }
                ?? scenario.variants.prefix(2).map(\.name)
            guard names.count == 2 else { throw CLIError("--variants takes two names, like faithful,vyper") }
            let chosen = try names.map { name -> Scenario.Variant in
                guard let v = scenario.variants.first(where: { $0.name == name }) else {
                    throw CLIError("no variant '\(name)' in \(file): \(scenario.variants.map(\.name).joined(separator: ", "))")
                }
                return v
            }
            let a = try ScenarioRunner(fork: fork).run(scenario, variant: chosen[0])
            let b = try ScenarioRunner(fork: fork).run(scenario, variant: chosen[1])
            let comparison = VariantComparison(a, b)
            if json { print(comparison.json()) } else {
                print("\(scenario.name) under \(a.fork.name): \(names[0]) against \(names[1])\n")
                print(comparison.table(markdown: md), terminator: "")
            }
        }
    }
}
