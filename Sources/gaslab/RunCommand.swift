import ArgumentParser
import EVMAssembler
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

    @Option(name: .long, help: "The code: hex, @FILE holding hex, or a .easm file (its runtime).")
    var code: String

    @Option(name: .long, help: "Calldata, as hex or @FILE.")
    var input: String = ""

    @Option(name: .long, help: "Calldata from a function signature, e.g. 'addData(int256,int256)'; arguments follow.")
    var call: String?

    @Argument(parsing: .allUnrecognized, help: "Arguments of --call, as text (20, -3, 0xabc…, true, [1,2]).")
    var arguments: [String] = []

    @Option(name: .long, help: "Fork rules: \(Fork.allValueStrings.joined(separator: ", ")).")
    var fork = ForkArgument(.latest)

    @Option(name: .long, parsing: .unconditional, help: "Transaction gas limit (default 30,000,000, or the fork's EIP-7825 cap).")
    var gas: Int?

    @Flag(name: .long, help: "Print one JSON object.")
    var json = false

    @Flag(name: .long, help: "Print an EIP-3155 trace to standard error.")
    var trace = false

    func run() throws {
        let codeBytes: [UInt8]
        if code.hasSuffix(".easm") {
            do {
                codeBytes = try Assembler(options: AssemblerOptions(target: fork.fork)).assemble(file: code).runtime
            } catch {
                throw CLIError(error.description)
            }
        } else {
            codeBytes = try Inputs.bytes(code, what: "code")
        }
        var inputBytes = input.isEmpty ? [] : try Inputs.bytes(input, what: "input")
        if let call {
            if !input.isEmpty { throw CLIError("use --input or --call, not both") }
            // "--" ends the options (so that "-7" is an argument); it is not an argument itself.
            inputBytes = try ABI.encodeCall(call, arguments.first == "--" ? Array(arguments.dropFirst()) : arguments)
        } else if !arguments.isEmpty && arguments != ["--"] {
            throw CLIError("unexpected arguments \(arguments.joined(separator: " ")) (they belong to --call)")
        }
        if let gas, gas <= 0 { throw CLIError("--gas must be positive") }
        let tracer: EIP3155Tracer? = trace ? EIP3155Tracer { line in
            StandardError.write(line + "\n")
        } : nil
        let outcome: CodeRun.Outcome
        do {
            outcome = try CodeRun(code: codeBytes, input: inputBytes, fork: fork.fork, gasLimit: gas).execute(tracer: tracer)
        } catch {
            throw CLIError("invalid transaction: \(error)")
        }
        let r = outcome.receipt
        if trace {
            let error = r.status.isSuccess ? nil : EIP3155.specName(r.status)
            StandardError.write(EIP3155.summary(output: r.output, gasUsed: outcome.executionGas, error: error) + "\n")
        }
        if json {
            var fields: [(String, String)] = [
                ("status", "\"\(outcome.status)\""),
                ("gasUsed", "\(r.gasUsed)"),
                ("executionGas", "\(outcome.executionGas)"),
                ("intrinsicGas", "\(r.intrinsicGas)"),
                ("refund", "\(r.refund)"),
                ("output", "\"\(Hex.prefixed(r.output))\""),
                ("fork", "\"\(fork.fork.name)\""),
            ]
            if !r.status.isSuccess { fields.append(("error", "\"\(r.status)\"")) }
            if r.status == .reverted { fields.append(("revertReason", jsonString(ABI.describeRevert(r.output)))) }
            fields.append(("logs", "\(r.logs.count)"))
            print("{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}")
        } else {
            print("status:        \(outcome.status)\(outcome.status == "halt" ? " (\(r.status))" : "")")
            print("fork:          \(fork.fork.name)")
            print("gas used:      \(r.gasUsed)  (intrinsic \(r.intrinsicGas) + execution \(outcome.executionGas) − refund \(r.refund))")
            print("output:        \(Hex.prefixed(r.output))")
            if r.status == .reverted { print("revert reason: \(ABI.describeRevert(r.output))") }
            if !r.logs.isEmpty { print("logs:          \(r.logs.count)") }
        }
        // The result is printed either way; a trace that could not be written is still an error.
        if trace { try StandardError.checkWritten("the trace") }
    }
}
