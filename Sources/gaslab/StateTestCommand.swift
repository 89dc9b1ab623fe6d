import ArgumentParser
import EVMCore
import Foundation
import GasLab

/// `gaslab statetest`: conformance against filled state tests.
struct StateTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statetest",
        abstract: "Run filled state tests (ethereum/tests and execution-spec-tests formats).",
        discussion: """
            Every post entry of every supported fork is run and its state root, logs hash and \
            expected exception compared. Forks GasLab does not run are counted as skipped. \
            Exit code 1 if anything failed.
            """)

    @OptionGroup var options: ConformanceOptions

    @Flag(name: .long, help: "Print EIP-3155 traces of every run to standard error (runs serially).")
    var trace = false

    var paths: [String] { options.paths }
    var fork: Fork? { options.fork }
    var filter: String? { options.filter }
    var json: Bool { options.json }

    func run() throws {
        let files = StateTestRunner.files(in: paths)
        if files.isEmpty { throw CLIError("no state-test files under \(paths.joined(separator: " "))") }
        let writeLine: @Sendable (String) -> Void = { line in StandardError.write(line + "\n") }
        let sink = trace ? writeLine : nil
        let runner = StateTestRunner(forkFilter: fork, nameFilter: filter, traceSink: sink)
        let showProgress = isatty(2) == 1 && !trace

        let quiet = json
        let count = files.count
        let report = runner.run(files: files, jobs: options.workers) { fileReport, total, done in
            if !quiet { for f in fileReport.failures { print(f.line) } }
            if showProgress {
                let t = total.total
                StandardError.write("\r[\(done)/\(count) files] passed \(t.passed) failed \(t.failed) skipped \(t.skipped)   ")
            }
        }
        if showProgress { StandardError.write("\n") }
        for e in report.fileErrors { StandardError.write("gaslab: \(e.file): \(e.error)\n") }

        let total = report.total
        if json {
            let failures = report.failures.map { f in
                "{\"file\":\(jsonString(f.file)),\"test\":\(jsonString(f.test)),\"fork\":\"\(f.fork)\",\"data\":\(f.indexes.data),\"gas\":\(f.indexes.gas),\"value\":\(f.indexes.value),\"reason\":\(jsonString(f.reason))}"
            }
            print(ConformanceSummary.json(groups: report.byFork, groupKey: "forks", fileErrors: report.fileErrors.count,
                                          failures: failures))
        } else {
            ConformanceSummary.printTable(groups: report.byFork, heading: "fork")
            print("\(files.count) files, \(report.fileErrors.count) unreadable")
            print("statetests: \(total.passed) passed, \(total.failed) failed, \(total.skipped) skipped")
        }
        if trace { try StandardError.checkWritten("the trace") }
        if total.failed > 0 || !report.fileErrors.isEmpty { throw ExitCode(1) }
    }
}

/// The per-fork (or per-network) summary `statetest` and `blocktest` print.
enum ConformanceSummary {
    typealias Tally = StateTestRunner.Tally

    /// Forks in their order, then other names (transitions, skipped forks) alphabetically.
    static func ordered(_ groups: [String: Tally]) -> [(key: String, value: Tally)] {
        groups.sorted { (Fork(name: $0.key)?.rawValue ?? -1, $0.key) < (Fork(name: $1.key)?.rawValue ?? -1, $1.key) }
    }

    static func total(_ groups: [String: Tally]) -> Tally { Tally.total(groups) }

    static func printTable(groups: [String: Tally], heading: String) {
        let width = max(16, (groups.keys.map(\.count).max() ?? 0) + 2)
        print("")
        print(pad(heading, width) + "  passed   failed  skipped")
        for (name, t) in ordered(groups) {
            print(pad(name, width) + lpad(t.passed, 8) + lpad(t.failed, 9) + lpad(t.skipped, 9))
        }
        let t = total(groups)
        print(pad("total", width) + lpad(t.passed, 8) + lpad(t.failed, 9) + lpad(t.skipped, 9))
    }

    static func json(groups: [String: Tally], groupKey: String, fileErrors: Int, failures: [String],
                     extra: String = "") -> String {
        let t = total(groups)
        let rows = ordered(groups).map { name, t in
            "\(jsonString(name)):{\"passed\":\(t.passed),\"failed\":\(t.failed),\"skipped\":\(t.skipped)}"
        }
        return "{\"passed\":\(t.passed),\"failed\":\(t.failed),\"skipped\":\(t.skipped),\"fileErrors\":\(fileErrors)\(extra),"
            + "\"\(groupKey)\":{\(rows.joined(separator: ","))},\"failures\":[\(failures.joined(separator: ","))]}"
    }
}

func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
func lpad(_ v: Int, _ n: Int) -> String {
    let s = String(v)
    return s.count >= n ? s : String(repeating: " ", count: n - s.count) + s
}

/// A JSON string literal.
func jsonString(_ s: String) -> String { JSONText.quote(s) }
