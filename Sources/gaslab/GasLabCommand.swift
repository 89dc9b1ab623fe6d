import ArgumentParser
import Foundation

/// `gaslab`: exact EVM gas, measured, priced and compared.
@main
struct GasLabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gaslab",
        abstract: "Exact EVM gas: run bytecode, reproduce Table I, compare forks and Layer-2 costs.",
        version: "0.1.0",
        subcommands: [RunCommand.self, ScenarioCommand.self, ReportCommand.self, ProfileCommand.self, SnapshotCommand.self, BenchCommand.self, SimulateCommand.self, StateTestCommand.self, BlockTestCommand.self, FeeCommand.self, NodeCommand.self, PrecompileCommand.self, AsmCommand.self, DisasmCommand.self])

    /// Exit codes: 0 done (an EVM revert or halt is a result, not an error), 1 a check failed,
    /// 2 bad input (arguments, files, hex, JSON) with a one-line message on standard error.
    /// Commands let the library's typed errors (`ScenarioError`, `TransactionError`, …)
    /// through: they are printed here, once, by their description.
    static func main() {
        do {
            var command = try parseAsRoot(withOptionalValues(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is ExitCode {
                exit(withError: error)
            }
            let message = (error as? CLIError)?.description ?? oneLine(GasLabCommand.message(for: error))
            StandardError.write("gaslab: " + message + "\n")
            Foundation.exit(2)
        }
    }
}

/// `--gas-report [FILE]`: an option whose value may be left out (ArgumentParser has no such
/// option), given "-" when the next argument is missing or another option.
func withOptionalValues(_ arguments: [String]) -> [String] {
    var out: [String] = []
    for (i, a) in arguments.enumerated() {
        out.append(a)
        if a == "--gas-report", i + 1 == arguments.count || arguments[i + 1].hasPrefix("-") { out.append("-") }
    }
    return out
}

/// ArgumentParser's multi-line messages ("... one of the following:\n  - a\n  - b") on one line.
func oneLine(_ message: String) -> String {
    let lines = message.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    guard let first = lines.first else { return message }
    let rest = lines.dropFirst().map { $0.hasPrefix("- ") ? String($0.dropFirst(2)) : $0 }
    return rest.isEmpty ? first : first + " " + rest.joined(separator: ", ")
}

/// A user-facing error: one line, exit code 2.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
