import ArgumentParser
import EVMCore
import Foundation
import GasEconomics
import GasLab

/// `gaslab snapshot`: gas budgets for CI, as `forge snapshot` keeps them.
struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Write or check .gas-snapshot: one line per distinct call of every scenario and variant.",
        discussion: """
            Scenarios are the files given, or the *.scenario.json files of the folders given \
            (default: Contracts); other JSON files are never read. Without flags, writes the file: \
            with --match or with scenario paths given, only the entries measured are replaced and \
            the others kept. --check compares and exits 1 on any difference (each changed statistic \
            with old, new and the percentage; new and removed entries); --regressions-only lets \
            improvements pass; --tolerance P accepts changes of at most P percent; --diff prints \
            every change sorted by size and exits 0; --budget FILE checks explicit limits \
            ('name <= N' lines) and exits 1 when one is exceeded; --json prints the result as JSON.
            """)

    @Argument(help: "Scenario files or folders (default: Contracts).") var paths: [String] = []
    @Option(name: .long, help: "The snapshot file.") var file: String = ".gas-snapshot"
    @Flag(name: .long, help: "Compare with the file instead of writing it.") var check = false
    @Flag(name: .long, help: "Print every change, largest first.") var diff = false
    @Option(name: .long, help: "Accept changes of at most this many percent (e.g. 0.5).") var tolerance: String?
    @Option(name: .long, help: "A budget file of 'name <= N' lines.") var budget: String?
    @Option(name: .long, help: "Only entries whose name contains this text (e.g. 'table1[vyper]').") var match: String?
    @Flag(name: .long, help: "With --check: fail only on regressions (a figure rose, a call count changed, an entry appeared or vanished).")
    var regressionsOnly = false
    @Flag(name: .long, help: "Print the result as one JSON object.") var json = false

    func run() throws {
        let tol: ExactDecimal?
        if let tolerance {
            guard let t = ExactDecimal(parsing: tolerance) else { throw CLIError("--tolerance '\(tolerance)' is not a percentage") }
            tol = t
        } else {
            tol = nil
        }
        let showProgress = isatty(2) == 1
        let current: GasSnapshot
        do {
            current = try GasSnapshot.measure(paths: paths.isEmpty ? ["Contracts"] : paths, match: match) { name in
                if showProgress && !json { StandardError.write("\rmeasuring \(name)                    ") }
            }
        }
        if showProgress && !json { StandardError.write("\n") }
        var jsonParts: [String] = []
        var failed = false
        if let budget {
            guard let text = try? String(contentsOfFile: budget, encoding: .utf8) else { throw CLIError("cannot read budget file '\(budget)'") }
            let b: GasBudget
            b = try GasBudget.parse(text, file: budget)
            let violations = b.violations(current)
            if json {
                jsonParts.append("\"budgets\":{\"passed\":\(b.limits.count - violations.count),\"failed\":\(violations.count),"
                                 + "\"violations\":[\(violations.map { JSONText.quote($0) }.joined(separator: ","))]}")
            } else {
                for v in violations { print("over budget: \(v)") }
                print("budgets: \(b.limits.count - violations.count) passed, \(violations.count) failed")
            }
            failed = failed || !violations.isEmpty
        }
        if check || diff {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw CLIError("cannot read '\(file)' (run 'gaslab snapshot' to write it)")
            }
            var old = try GasSnapshot.parse(text, file: file)
            // Only what was measured is compared: other scenarios' entries (or those --match
            // leaves out) are not "removed".
            let measuredPrefixes = Set(current.entries.keys.map { String($0[..<($0.firstIndex(of: ":") ?? $0.endIndex)]) })
            if match != nil || !paths.isEmpty {
                old = GasSnapshot(entries: old.filtered(match).entries.filter { name, _ in
                    match != nil || measuredPrefixes.contains(String(name[..<(name.firstIndex(of: ":") ?? name.endIndex)]))
                })
            }
            var changes = current.changes(from: old, tolerance: check ? tol : nil)
            if diff { changes.sort { abs($0.basisPoints) > abs($1.basisPoints) } }
            let failing = regressionsOnly ? changes.filter(\.isRegression) : changes
            let unchanged = current.entries.count - changes.filter { $0.kind != .removed }.count
            if json {
                jsonParts.append("\"snapshot\":{\"passed\":\(unchanged),\"changed\":\(changes.count),\"failed\":\(failing.count),"
                                 + "\"regressionsOnly\":\(regressionsOnly),\"changes\":[\(changes.map(\.json).joined(separator: ","))]}")
            } else {
                for c in changes { print(c.line + (regressionsOnly && !c.isRegression ? "  (improvement, passes)" : "")) }
                print("snapshot: \(current.entries.count - failing.filter { $0.kind != .removed }.count) passed, \(failing.count) failed"
                      + (tol.map { " (tolerance \($0)%)" } ?? "") + (regressionsOnly ? " (regressions only)" : ""))
            }
            if check && !failing.isEmpty { failed = true }
        } else if budget == nil {
            // A partial run (--match, or scenario paths given) replaces only what it measured.
            var written = current
            if match != nil || !paths.isEmpty, let text = try? String(contentsOfFile: file, encoding: .utf8) {
                written = current.merged(into: try GasSnapshot.parse(text, file: file), match: match)
            }
            do { try Data(written.render().utf8).write(to: URL(fileURLWithPath: file)) } catch {
                throw CLIError("cannot write '\(file)': \((error as NSError).localizedDescription)")
            }
            if json {
                jsonParts.append("\"written\":{\"file\":\(JSONText.quote(file)),\"measured\":\(current.entries.count),\"entries\":\(written.entries.count)}")
            } else {
                print("wrote \(current.entries.count) entries to \(file)" + (written.entries.count != current.entries.count
                      ? " (\(written.entries.count) in all; the others kept)" : ""))
            }
        }
        if json { print("{\(jsonParts.joined(separator: ","))}") }
        if failed { throw ExitCode(1) }
    }
}
