import ArgumentParser
import EVMAssembler
import EVMCore
import Foundation

/// `gaslab asm`: `.easm` to bytecode.
struct AsmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "asm",
        abstract: "Assemble a .easm file to hex bytecode (the runtime by default).")

    @Argument(help: "The .easm file.")
    var file: String

    @Flag(name: .long, help: "Print the runtime code (the default).")
    var runtime = false

    @Flag(name: .long, help: "Print the initcode that deploys the runtime.")
    var initcode = false

    @Option(name: .long, help: "Target fork: PUSH0 is used for zero from Shanghai on.")
    var fork = ForkArgument(.latest)

    @Option(name: .shortAndLong, help: "Write the hex to this file instead of standard output.")
    var output: String?

    func run() throws {
        if runtime && initcode { throw CLIError("choose one of --runtime and --initcode") }
        let program: Program
        do {
            program = try Assembler(options: AssemblerOptions(target: fork.fork)).assemble(file: file)
        } catch {
            throw CLIError(error.description)
        }
        let hex = Hex.encode(initcode ? program.initcode : program.runtime)
        if let output {
            do {
                try Data((hex + "\n").utf8).write(to: URL(fileURLWithPath: output))
            } catch {
                throw CLIError("cannot write '\(output)': \(error.localizedDescription)")
            }
        } else {
            print(hex)
        }
    }
}

/// `gaslab disasm`: bytecode to `.easm`.
struct DisasmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disasm",
        abstract: "Disassemble hex bytecode (or @FILE) to .easm that assembles back to the same bytes.")

    @Argument(help: "Hex bytecode, or @FILE holding hex.")
    var code: String

    func run() throws {
        print(Disassembler.text(try Inputs.bytes(code, what: "code")), terminator: "")
    }
}
