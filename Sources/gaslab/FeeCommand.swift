import ArgumentParser
import EVMCore
import EVMState
import Foundation
import GasEconomics
import GasLab

/// `gaslab fee`: what one signed transaction costs on each chain, every intermediate value
/// shown, so it can be checked against a block explorer.
struct FeeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fee",
        abstract: "The L1 data fee and total fee of a signed transaction on Ethereum and each Layer 2.",
        discussion: """
            The transaction is given as hex, @FILE (hex) or - (hex on standard input), in its \
            network encoding (EIP-2718 envelope for typed transactions). Its execution gas is \
            --gas-used, or its gas limit when not given (an upper bound). Each chain's fee rules \
            and parameters come from --preset, replaced with --set (`gaslab report params`).
            """)

    @Argument(help: "The signed transaction: HEX, @FILE or -.") var transaction: String
    @Option(name: .long, help: "Chains: all, or a comma-separated list of l1, base, op, arbitrum, blobs.") var chain = "all"
    @Option(name: .long, help: "The execution gas the transaction used (default: its gas limit).") var gasUsed: Int?
    @OptionGroup var fees: FeeOptions
    @Flag(name: .long, help: "JSON output.") var json = false

    func validate() throws {
        if let gasUsed, gasUsed < 0 { throw ValidationError("--gas-used must not be negative") }
    }

    func run() throws {
        let preset = try fees.resolved()
        var text = transaction
        if transaction == "-" {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self).filter { !$0.isWhitespace }
        }
        let bytes = try Inputs.bytes(text, what: "transaction")
        let tx: Transaction
        do { tx = try Transaction.decode(bytes).0 } catch { throw CLIError("not a signed transaction: \(error)") }
        guard tx.gasLimit <= U256(UInt64(Int.max)) else { throw CLIError("gas limit \(tx.gasLimit) is too large") }
        let gas = gasUsed ?? Int(tx.gasLimit.w0)
        let ids = chain == "all" ? preset.chains.map(\.id) : try FeeOptions.chainList(chain, preset: preset)
        let charged = ChargedTransaction(gasUsed: gas, signedBytes: bytes)
        var results: [(FeeChain, Result<FeeQuote, FeeError>)] = []
        for id in ids {
            guard let c = preset.chain(id) else { continue }
            results.append((c, Result { () throws(FeeError) in try preset.quote(charged, on: c) }))
        }
        if json {
            let items = results.map { c, r -> String in
                switch r {
                case .failure(let e):
                    return "{\"chain\":\(JSONText.quote(c.id)),\"error\":\(JSONText.quote("\(e)"))}"
                case .success(let q):
                    let details = q.details.map { "\(JSONText.quote($0.name)):\(JSONText.quote($0.value))" }
                    let fields = q.fields(on: c, preset).map { "\(JSONText.quote($0.key)):\(JSONText.quote($0.value))" }
                    return "{\"chain\":\(JSONText.quote(c.id)),\(fields.joined(separator: ",")),"
                        + "\"details\":{\(details.joined(separator: ","))}}"
                }
            }
            print("{\"preset\":\(JSONText.quote(preset.name)),\"bytes\":\(bytes.count),\"type\":\(tx.type),\"gasUsed\":\(gas),"
                  + "\"chains\":[\(items.joined(separator: ","))]}")
            return
        }
        print("type-\(tx.type) transaction, \(bytes.count) bytes, execution gas \(grouped(gas))\(gasUsed == nil ? " (its gas limit)" : ""), preset \(preset.name)\n")
        for (c, r) in results {
            print("\(c.name) — \(c.isAvailable ? c.rules.name : "n/a")")
            switch r {
            case .failure(let e): print("  \(e)\n")
            case .success(let q):
                for d in q.details { print("  \(pad(d.name, 44)) \(d.value)") }
                print("  \(pad("execution fee", 44)) \(q.execution.decimalString) wei")
                if case .ethereum = c.rules {} else { print("  \(pad("L1 data fee", 44)) \(q.data.decimalString) wei") }
                if case .opStack(let u) = c.rules, u >= .isthmus { print("  \(pad("operator fee", 44)) \(q.operatorFee.decimalString) wei") }
                let cost = preset.cost(q.total)
                print("  \(pad("total", 44)) \(q.total.decimalString) wei = \(cost.ether.formatted(places: 9)) ETH = $\(cost.usd.formatted(places: 6))\n")
            }
        }
    }
}
