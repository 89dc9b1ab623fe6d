import ArgumentParser
import EVMCore
import Foundation
import GasLab

/// `gaslab blocktest`: conformance against filled blockchain tests.
struct BlockTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blocktest",
        abstract: "Run filled blockchain tests (execution-spec-tests and ethereum/tests formats).",
        discussion: """
            Each test builds a chain from its genesis and pre-state and imports its blocks in \
            order: a block with an expected exception must be rejected, every other one \
            accepted with the fixture's hash; then the head must be the test's lastblockhash \
            and its state the post state. Networks with a fork GasLab does not run (before \
            Istanbul) are counted as skipped; the engine-API variants are not read. \
            Exit code 1 if anything failed.
            """)

    @OptionGroup var options: ConformanceOptions

    var paths: [String] { options.paths }
    var fork: Fork? { options.fork }
    var filter: String? { options.filter }
    var json: Bool { options.json }

    func run() throws {
        let files = StateTestRunner.files(in: paths)
        if files.isEmpty { throw CLIError("no blockchain-test files under \(paths.joined(separator: " "))") }
        let runner = BlockchainTestRunner(forkFilter: fork, nameFilter: filter)
        let showProgress = isatty(2) == 1
        let quiet = json
        let count = files.count
        let started = Date()
        let report = runner.run(files: files, jobs: options.workers) { file, total, done in
            if !quiet { for f in file.failures { print(f.line) } }
            if showProgress {
                let t = total.total
                StandardError.write("\r[\(done)/\(count) files] passed \(t.passed) failed \(t.failed) skipped \(t.skipped)   ")
            }
        }
        if showProgress { StandardError.write("\n") }
        for e in report.fileErrors { StandardError.write("gaslab: \(e.file): \(e.error)\n") }
        let seconds = Date().timeIntervalSince(started)
        let total = report.total
        let others = report.otherReasons.sorted { $0.key < $1.key }.map { "\(jsonString($0.key)):\($0.value)" }
            .joined(separator: ",")
        if json {
            let failures = report.failures.map { f in
                "{\"file\":\(jsonString(f.file)),\"test\":\(jsonString(f.test)),\"network\":\(jsonString(f.network)),\"reason\":\(jsonString(f.reason))}"
            }
            print(ConformanceSummary.json(groups: report.byNetwork, groupKey: "networks", fileErrors: report.fileErrors.count,
                                          failures: failures,
                                          extra: ",\"blocksImported\":\(report.blocksImported),\"blocksRejected\":\(report.blocksRejected)"
                                              + ",\"rejectedUnderAnotherName\":{\(others)}"))
        } else {
            ConformanceSummary.printTable(groups: report.byNetwork, heading: "network")
            print("\(files.count) files, \(report.fileErrors.count) unreadable; \(report.blocksImported) blocks imported, "
                  + "\(report.blocksRejected) rejected as expected; \(String(format: "%.1f", seconds)) s")
            let renamed = report.otherReasons.values.reduce(0, +)
            if renamed > 0 {
                print("\(renamed) of the rejected blocks under another name than the fixture's (the fixture's → GasLab's):")
                for (pair, n) in report.otherReasons.sorted(by: { $0.key < $1.key }) { print("  \(lpad(n, 4))  \(pair)") }
            }
            print("blocktests: \(total.passed) passed, \(total.failed) failed, \(total.skipped) skipped")
        }
        if total.failed > 0 || !report.fileErrors.isEmpty { throw ExitCode(1) }
    }
}
