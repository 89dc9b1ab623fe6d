import ArgumentParser
import EVMCore
import EVMState
import Foundation
import GasLab

/// `gaslab run`: bytecode as the code of a contract called by a transaction.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run bytecode as a contract called by a transaction; print status, gas and output.",
        discussion: """
            gasUsed is the receipt's figure: intrinsic gas + execution gas − refund (and at least \
            the EIP-7623 floor from Prague). With --trace, EIP-3155 lines go to standard error.
            Example: gaslab run --code 600260030160005500 --fork cancun --json
            """)

    @Option(name: .long, help: "The code, as hex or @FILE.")
    var code: String

    @Option(name: .long, help: "Calldata, as hex or @FILE.")
    var input: String = ""

    @Option(name: .long, help: "Fork rules: \(Fork.allValueStrings.joined(separator: ", ")).")
    var fork: Fork = .latest

    @Option(name: .long, help: "Transaction gas limit (default 30,000,000, or the fork's EIP-7825 cap).")
    var gas: Int?

    @Flag(name: .long, help: "Print one JSON object.")
    var json = false

    @Flag(name: .long, help: "Print an EIP-3155 trace to standard error.")
    var trace = false

    func run() throws {
        let codeBytes = try Inputs.bytes(code, what: "code")
        let inputBytes = input.isEmpty ? [] : try Inputs.bytes(input, what: "input")
        if let gas, gas <= 0 { throw CLIError("--gas must be positive") }
        let tracer: EIP3155Tracer? = trace ? EIP3155Tracer { line in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        } : nil
        let outcome: CodeRun.Outcome
        do {
            outcome = try CodeRun(code: codeBytes, input: inputBytes, fork: fork, gasLimit: gas).execute(tracer: tracer)
        } catch {
            throw CLIError("invalid transaction: \(error)")
        }
        let r = outcome.receipt
        if trace {
            let error = r.status.isSuccess ? nil : EIP3155.specName(r.status)
            FileHandle.standardError.write(Data((EIP3155.summary(output: r.output, gasUsed: outcome.executionGas, error: error) + "\n").utf8))
        }
        if json {
            var fields: [(String, String)] = [
                ("status", "\"\(outcome.status)\""),
                ("gasUsed", "\(r.gasUsed)"),
                ("executionGas", "\(outcome.executionGas)"),
                ("intrinsicGas", "\(r.intrinsicGas)"),
                ("refund", "\(r.refund)"),
                ("output", "\"\(Hex.prefixed(r.output))\""),
                ("fork", "\"\(fork.name)\""),
            ]
            if !r.status.isSuccess { fields.append(("error", "\"\(r.status)\"")) }
            fields.append(("logs", "\(r.logs.count)"))
            print("{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}")
        } else {
            print("status:        \(outcome.status)\(r.status.isSuccess ? "" : " (\(r.status))")")
            print("fork:          \(fork.name)")
            print("gas used:      \(r.gasUsed)  (intrinsic \(r.intrinsicGas) + execution \(outcome.executionGas) − refund \(r.refund))")
            print("output:        \(Hex.prefixed(r.output))")
            if !r.logs.isEmpty { print("logs:          \(r.logs.count)") }
        }
    }
}
