import ArgumentParser
import EVMCore
import Foundation
import GasLab

/// `gaslab scenario`: deploy contracts and run transactions, report gas per call.
struct ScenarioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "Run scenario files (deployments, transactions, view calls).",
        subcommands: [Run.self])

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
                        FileHandle.standardError.write(Data("\r\(v.name): \(done)/\(total) transactions".utf8))
                    }
                } : nil)
                results.append(try runner.run(scenario, variant: v))
                if showProgress { FileHandle.standardError.write(Data("\n".utf8)) }
            }
            if json {
                print(ScenarioReport.json(results))
            } else {
                print(ScenarioReport.text(results))
            }
        }
    }
}
