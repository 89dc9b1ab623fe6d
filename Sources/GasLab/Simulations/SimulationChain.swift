import EVMAssembler
import EVMCore
import EVMState
import Foundation

/// The chain the simulations run on: one world state, fee-free transactions (the simulations
/// price gas afterwards), every receipt checked. Errors name the simulation (`what`).
final class SimulationChain {
    let session: Session
    let what: String
    var state: WorldState { session.state }
    var fork: Fork { session.fork }
    /// The gas limit of every transaction: the session's (the fork's cap, else the block's).
    var gasLimit: Int { session.defaultGasLimit }

    init(fork: Fork, blockGasLimit: Int, what: String) {
        self.what = what
        session = Session(fork: fork, block: BlockEnvironment(coinbase: Session.coinbase, gasLimit: U256(UInt64(clamping: blockGasLimit))))
    }

    /// Sends a transaction (the session's type and gas limit); a revert or halt is an error.
    /// Returns the receipt and the transaction, for signing and pricing.
    @discardableResult
    func send(from: Address, to: Address?, data: [UInt8], value: U256 = .zero) throws -> (Receipt, Transaction) {
        let tx = session.transaction(from: from, to: to, data: data, value: value)
        let receipt: Receipt
        do { receipt = try session.send(tx) } catch {
            throw ScenarioError.invalidTransaction(context: what, error)
        }
        guard receipt.status.isSuccess else {
            throw ScenarioError.unexpectedOutcome(context: "\(what): a call", status: receipt.status,
                                                  revertReason: ABI.describeRevert(receipt.output))
        }
        return (receipt, tx)
    }

    /// ABI calldata for a call.
    func calldata(_ signature: String, _ arguments: [String]) throws -> [UInt8] {
        do { return try ABI.encodeCall(signature, arguments) } catch {
            throw ScenarioError.build(context: "\(what): \(signature)", reason: "\(error)")
        }
    }

    /// Assembles `file` for this fork and deploys it with the ABI-encoded constructor arguments.
    func deploy(_ file: String, from: Address, constructor: String? = nil, arguments: [String] = []) throws -> Address {
        let program: Program
        do { program = try Assembler(options: AssemblerOptions(target: fork)).assemble(file: file) } catch {
            throw ScenarioError.build(context: what, reason: "\(error)")
        }
        var initcode = program.initcode
        if let constructor { initcode += try calldata("constructor" + constructor, arguments).dropFirst(4) }
        guard let address = try send(from: from, to: nil, data: initcode).0.createdAddress else {
            throw ScenarioError("\(what): deploying \((file as NSString).lastPathComponent) failed")
        }
        return address
    }

    /// A view returning one word.
    func word(from: Address, _ contract: Address, _ signature: String, _ arguments: [String] = []) throws -> U256 {
        U256(bigEndianBytes: try send(from: from, to: contract, data: try calldata(signature, arguments)).0.output.prefix(32))
    }

    /// A word as a Double (for shares and ratios; exact below 2^53).
    static func double(_ u: U256) -> Double {
        Double(u.w3) * 0x1p192 + Double(u.w2) * 0x1p128 + Double(u.w1) * 0x1p64 + Double(u.w0)
    }
}
