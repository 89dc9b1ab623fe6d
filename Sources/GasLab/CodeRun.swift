import EVMCore
import EVMPrecompiles
import EVMState

/// Runs a piece of bytecode as the code of a contract called by a transaction: the engine
/// behind `gaslab run`. The sender is the well-known test account, funded; the contract sits
/// at `CodeRun.contract`; the block is a plain one (base fee 0, so gas costs nothing).
public struct CodeRun {
    public static let senderKey: [UInt8] = try! Hex.decode("45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8")
    public static let sender = Secp256k1.shared.address(privateKey: senderKey)!
    public static let contract = Address(hex: "0x00000000000000000000000000000000c0dec0de")!
    public static let coinbase = Address(hex: "0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba")!

    public var code: [UInt8]
    public var input: [UInt8]
    public var fork: Fork
    public var gasLimit: Int
    public var value: U256

    /// The default gas limit: 30,000,000, or a fork's EIP-7825 cap when it is lower.
    public static func defaultGasLimit(_ fork: Fork) -> Int { min(30_000_000, fork.schedule.txGasLimitCap ?? .max) }

    public init(code: [UInt8], input: [UInt8] = [], fork: Fork = .latest, gasLimit: Int? = nil, value: U256 = .zero) {
        self.code = code
        self.input = input
        self.fork = fork
        self.gasLimit = gasLimit ?? CodeRun.defaultGasLimit(fork)
        self.value = value
    }

    /// What `gaslab run` reports.
    public struct Outcome {
        public var receipt: Receipt
        public var state: WorldState

        /// "success", "revert" or "halt".
        public var status: String {
            if receipt.status.isSuccess { return "success" }
            return receipt.status == .reverted ? "revert" : "halt"
        }

        /// Gas spent by the code itself (before refund): gasUsed before refund − intrinsic.
        public var executionGas: Int { receipt.gasUsedBeforeRefund - receipt.intrinsicGas }
    }

    public func execute(tracer: (any Tracer)? = nil) throws(TransactionError) -> Outcome {
        let state = WorldState(fork: fork)
        state.setAccount(CodeRun.sender, Account(balance: U256(decimal: "1000000000000000000000000")!))
        state.setAccount(CodeRun.contract, Account(code: Code(code)))
        let block = BlockEnvironment(coinbase: CodeRun.coinbase, gasLimit: U256(UInt64(max(gasLimit, 30_000_000))))
        let tx = Transaction(type: fork.schedule.hasBaseFee ? 2 : 0, gasLimit: U256(UInt64(gasLimit)),
                             to: CodeRun.contract, value: value, data: input, sender: CodeRun.sender)
        let receipt = try TransactionProcessor(fork: fork, tracer: tracer).execute(tx, state: state, block: block)
        return Outcome(receipt: receipt, state: state)
    }
}
