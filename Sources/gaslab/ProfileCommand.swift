import ArgumentParser
import EVMCore
import Foundation
import GasLab

/// `gaslab profile`: where the gas of a scenario's transactions goes.
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Profile a scenario's transaction(s): by category, opcode, .easm line and label, storage slot, call frame.",
        discussion: """
            --call picks the transactions: an index among the transactions (0 is the first deployment), a 4-byte \
            selector (0x…), or a label (all transactions with that label, summed). Default: the last transaction.
            """)

    @Argument(help: "The scenario JSON file.") var scenario: String
    @Option(name: .long, help: "Which transactions: INDEX, SELECTOR or LABEL.") var call: String?
    @Option(name: .long, help: "The variant (default: the first).") var variant: String?
    @Option(name: .long, help: "Override the scenario's fork.") var fork: Fork?
    @Option(name: .long, help: "Rows per table.") var top: Int = 15
    @Flag(name: .long, help: "JSON output.") var json = false
    @Option(name: .long, help: "Write a speedscope profile (gas as the weight).") var speedscope: String?
    @Option(name: .long, help: "Write an SVG flame graph.") var flamegraph: String?
    @Option(name: .long, help: "Write an SVG chart of gas per source line.") var linesSvg: String?
    @Option(name: .long, help: "Profile the same transactions of another variant and print both side by side with the difference (categories, opcodes).")
    var diff: String?

    func run() throws {
        if top < 1 { throw CLIError("--top must be at least 1") }
        let loaded: Scenario
        loaded = try Scenario.load(scenario)
        guard let v = variant.map({ name in loaded.variants.first { $0.name == name } }) ?? loaded.variants.first else {
            throw CLIError("no variant '\(variant ?? "")' in \(scenario): \(loaded.variants.map(\.name).joined(separator: ", "))")
        }
        let selection = call
        let selector: [UInt8]? = selection.flatMap { $0.hasPrefix("0x") ? try? Hex.decode($0) : nil }
        let index = selection.flatMap { Int($0) }
        let runner = ScenarioRunner(fork: fork, profile: { i, label, data in
            if let index { return i == index }
            if let selector { return data.starts(with: selector) && !selector.isEmpty }
            if let selection { return label == selection }
            return true
        })
        func profileOf(_ variant: Scenario.Variant) throws -> GasProfile {
            let result = try runner.run(loaded, variant: variant)
            var indexes = result.profiles.keys.sorted()
            if selection == nil, let last = indexes.last { indexes = [last] }
            if indexes.isEmpty { throw CLIError("no transaction matches --call \(selection ?? "") in \(variant.name)") }
            return GasProfile(result: result, indexes: indexes, slotNames: result.slotNames)
        }
        let profile = try profileOf(v)
        if let diff {
            guard let other = loaded.variants.first(where: { $0.name == diff }) else {
                throw CLIError("no variant '\(diff)' in \(scenario): \(loaded.variants.map(\.name).joined(separator: ", "))")
            }
            let comparison = ProfileDiff(profile, try profileOf(other), names: (v.name, other.name))
            print(json ? comparison.json() : comparison.text(top: top))
            return
        }
        print(json ? profile.json(top: top) : profile.text(top: top))
        func write(_ path: String?, _ text: @autoclosure () -> String) throws {
            guard let path else { return }
            do { try Data(text().utf8).write(to: URL(fileURLWithPath: path)) } catch {
                throw CLIError("cannot write '\(path)': \(error.localizedDescription)")
            }
        }
        try write(speedscope, profile.speedscope())
        try write(flamegraph, profile.flameGraph())
        try write(linesSvg, profile.linesChart(top: top))
    }
}
