import ArgumentParser
import EVMCore
import Foundation
import GasEconomics
import GasLab

/// `gaslab bench`: the standard EVM benchmark programs, timed.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time the EVM benchmark programs (state-test JSON, one labelled input each), as evmone-bench runs them.",
        discussion: "Build with -c release to measure. Each case runs once to warm up, then --repetitions times; the median is reported.")

    @Argument(help: "Benchmark JSON files or folders.") var paths: [String]
    @Option(name: .long, help: "Timed runs per case.") var repetitions: Int = 5
    @Option(name: .long, help: "Fork rules.") var fork = ForkArgument(.istanbul)
    @Option(name: .long, help: "Only cases whose name contains this text.") var filter: String?
    @Flag(name: .long, help: "JSON output.") var json = false

    func run() throws {
        let cases: [EVMBench.Case]
        cases = try EVMBench.cases(paths: paths, filter: filter)
        if cases.isEmpty { throw CLIError("no benchmark cases under \(paths.joined(separator: " "))") }
        var results: [EVMBench.Measurement] = []
        for (i, c) in cases.enumerated() {
            if isatty(2) == 1 && !json { StandardError.write("\r[\(i + 1)/\(cases.count)] \(c.name)                    ") }
            results.append(EVMBench.run(c, fork: fork.fork, repetitions: repetitions))
        }
        if isatty(2) == 1 && !json { StandardError.write("\n") }
        if json {
            print("[" + results.map { "{\"name\":\(jsonString($0.name)),\"gasUsed\":\($0.gasUsed),\"medianNanoseconds\":\($0.medianNanoseconds)}" }
                .joined(separator: ",") + "]")
        } else {
            let rows = results.map { r in
                [r.name, grouped(r.gasUsed), String(format: "%.3f ms", Double(r.medianNanoseconds) / 1e6),
                 String(format: "%.1f", r.mgasPerSecond), r.status.isSuccess ? "ok" : "\(r.status)"]
            }
            print(render(header: ["case", "gas", "median", "Mgas/s", "status"], rows: rows, markdown: false, right: [1, 2, 3]), terminator: "")
        }
        if results.contains(where: { !$0.status.isSuccess }) { throw ExitCode(1) }
    }
}
