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
            Without flags, writes the file. --check compares and exits 1 on any difference (changed lines \
            with old, new and the percentage; new and removed entries); --tolerance P accepts changes of \
            at most P percent; --diff prints every change sorted by size and exits 0; --budget FILE checks \
            explicit limits ('name <= N' lines) and exits 1 when one is exceeded.
            """)

    @Argument(help: "Scenario files or folders (default: Contracts).") var paths: [String] = []
    @Option(name: .long, help: "The snapshot file.") var file: String = ".gas-snapshot"
    @Flag(name: .long, help: "Compare with the file instead of writing it.") var check = false
    @Flag(name: .long, help: "Print every change, largest first.") var diff = false
    @Option(name: .long, help: "Accept changes of at most this many percent (e.g. 0.5).") var tolerance: String?
    @Option(name: .long, help: "A budget file of 'name <= N' lines.") var budget: String?

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
            current = try GasSnapshot.measure(paths: paths.isEmpty ? ["Contracts"] : paths) { name in
                if showProgress { FileHandle.standardError.write(Data("\rmeasuring \(name)                    ".utf8)) }
            }
        }
        if showProgress { FileHandle.standardError.write(Data("\n".utf8)) }
        var failed = false
        if let budget {
            guard let text = try? String(contentsOfFile: budget, encoding: .utf8) else { throw CLIError("cannot read budget file '\(budget)'") }
            let b: GasBudget
            b = try GasBudget.parse(text, file: budget)
            let violations = b.violations(current)
            for v in violations { print("over budget: \(v)") }
            print("budgets: \(b.limits.count - violations.count) passed, \(violations.count) failed")
            failed = failed || !violations.isEmpty
        }
        if check || diff {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw CLIError("cannot read '\(file)' (run 'gaslab snapshot' to write it)")
            }
            let old: GasSnapshot
            old = try GasSnapshot.parse(text, file: file)
            var changes = current.changes(from: old, tolerance: check ? tol : nil)
            if diff { changes.sort { abs($0.basisPoints) > abs($1.basisPoints) } }
            for c in changes { print(c.line) }
            let unchanged = current.entries.count - changes.filter { $0.kind != .removed }.count
            print("snapshot: \(unchanged) passed, \(changes.count) failed" + (tol.map { " (tolerance \($0)%)" } ?? ""))
            if check && !changes.isEmpty { failed = true }
        } else if budget == nil {
            do { try Data(current.render().utf8).write(to: URL(fileURLWithPath: file)) } catch {
                throw CLIError("cannot write '\(file)': \(error.localizedDescription)")
            }
            print("wrote \(current.entries.count) entries to \(file)")
        }
        if failed { throw ExitCode(1) }
    }
}
