import ArgumentParser
import EVMCore
import EVMPrecompiles
import Foundation

/// `gaslab precompile`: one precompile on one input (or on many, a line each), as a call to
/// it would see: its gas, whether it succeeded, its output. No transaction around it.
struct PrecompileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "precompile",
        abstract: "Call a precompile directly: its gas for an input, status and output.",
        discussion: """
            The address is hex (0x0b) or decimal (11); it must be a precompile of the fork. \
            A failed call (invalid input) or one given too little gas consumes all its gas. \
            With --input -, every non-blank line of standard input is one hex input and every \
            result is printed on its own line (JSON lines with --json); without --input the \
            input is empty.
            Example: gaslab precompile 0x10 --input 00…00 --fork prague --json
            """)

    @Argument(help: "The precompile's address: 0x01 … 0x11, 0x100.")
    var address: String

    @Option(name: .long, help: "Input as hex, @FILE holding hex, or - for one hex input per line of standard input.")
    var input: String = ""

    @Option(name: .long, help: "Fork rules: \(Fork.allValueStrings.joined(separator: ", ")).")
    var fork = ForkArgument(.latest)

    @Option(name: .long, parsing: .unconditional, help: "Gas given to the call (default 30,000,000).")
    var gas: Int = 30_000_000

    @Flag(name: .long, help: "Print one JSON object per input.")
    var json = false

    func run() throws {
        let value: UInt64?
        if address.lowercased().hasPrefix("0x") {
            value = UInt64(address.dropFirst(2), radix: 16)
        } else {
            value = UInt64(address)
        }
        guard let value else { throw CLIError("'\(address)' is not an address (hex 0x0b or decimal 11)") }
        let target = Address(high: 0, middle: 0, low: value)
        let schedule = GasSchedule.of(fork.fork)
        guard schedule.isPrecompile(target) else {
            let active = schedule.precompiles.map { String(format: "0x%02x", $0) }.joined(separator: ", ")
            throw CLIError("\(address) is not a precompile in \(fork.fork.name) (active: \(active))")
        }
        guard gas >= 0 else { throw CLIError("--gas must not be negative") }
        if input == "-" {
            var line = 0
            while let text = readLine() {
                line += 1
                let trimmed = Inputs.withoutWhitespace(text)
                if trimmed.isEmpty { continue }
                let bytes: [UInt8]
                do { bytes = try Hex.decode(trimmed) } catch { throw CLIError("line \(line) of standard input is not valid hex: \(error)") }
                report(target, bytes, schedule)
            }
        } else {
            report(target, input.isEmpty ? [] : try Inputs.bytes(input, what: "input"), schedule)
        }
    }

    func report(_ target: Address, _ bytes: [UInt8], _ schedule: GasSchedule) {
        let result = Precompiles.run(target, input: bytes, gas: gas, schedule: schedule)
        let used = gas - result.gasLeft
        let status = result.status.isSuccess ? "success" : (result.status == .outOfGas ? "out-of-gas" : "failure")
        if json {
            print("{\"address\":\"\(target)\",\"fork\":\"\(fork.fork.name)\",\"status\":\"\(status)\",\"gasUsed\":\(used),\"output\":\"\(Hex.prefixed(result.output))\"}")
        } else {
            print("status: \(status)  gas used: \(used)  output: \(Hex.prefixed(result.output))")
        }
    }
}
