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
    public static let coinbase = Session.coinbase

    public var code: [UInt8]
    public var input: [UInt8]
    public var fork: Fork
    public var gasLimit: Int
    public var value: U256

    /// The default gas limit: a session's (30,000,000, or a fork's EIP-7825 cap when it is lower).
    public static func defaultGasLimit(_ fork: Fork) -> Int { Session.defaultGasLimit(fork: fork) }

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
        let session = Session(fork: fork, block: BlockEnvironment(
            coinbase: Session.coinbase, gasLimit: U256(UInt64(clamping: max(gasLimit, Session.blockGasLimit)))))
        session.state.setAccount(CodeRun.sender, Account(balance: U256(decimal: "1000000000000000000000000")!))
        session.state.setAccount(CodeRun.contract, Account(code: Code(code)))
        let receipt = try session.send(from: CodeRun.sender, to: CodeRun.contract, data: input, value: value,
                                       gasLimit: gasLimit, tracer: tracer)
        return Outcome(receipt: receipt, state: session.state)
    }
}
