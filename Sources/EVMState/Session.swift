import EVMCore

/// One world state under one fork, and the one way GasLab drives transactions and view
/// calls on it: scenarios, `gaslab run`, the simulations and the tests all go through here.
///
/// The fork is given once; the transaction type (type 2 from London, legacy before), the
/// default gas limit (the block's, capped by EIP-7825) and the fee fields are chosen here;
/// view calls go through the transaction processor's pipeline (environment, warm sets,
/// EIP-7702 delegation) with validation and fees skipped.
public final class Session {
    public let fork: Fork
    public let state: WorldState
    public var block: BlockEnvironment
    /// What senders offer per gas (the effective price; on a fee-market fork the priority fee
    /// is what exceeds the base fee).
    public var gasPrice: U256
    let processor: TransactionProcessor

    /// The coinbase of GasLab's blocks.
    public static let coinbase = Address(hex: "0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba")!
    /// The block gas limit of GasLab's blocks.
    public static let blockGasLimit = 30_000_000

    public init(fork: Fork, state: WorldState? = nil, block: BlockEnvironment? = nil, gasPrice: U256 = .zero) {
        self.fork = fork
        self.state = state ?? WorldState(fork: fork)
        self.block = block ?? BlockEnvironment(coinbase: Session.coinbase, gasLimit: U256(UInt64(Session.blockGasLimit)))
        self.gasPrice = gasPrice
        processor = TransactionProcessor(fork: fork)
    }

    /// The gas limit of a transaction that names none: the block's, or the fork's cap
    /// (EIP-7825) when that is lower.
    public var defaultGasLimit: Int {
        Session.defaultGasLimit(fork: fork, blockGasLimit: block.gasLimit.asInt ?? Int.max)
    }

    /// The same rule for a fork and block gas limit, without a session.
    public static func defaultGasLimit(fork: Fork, blockGasLimit: Int = Session.blockGasLimit) -> Int {
        min(blockGasLimit, fork.schedule.txGasLimitCap ?? .max)
    }

    /// A transaction from `from` at its next nonce, of the fork's type, offering `gasPrice`.
    public func transaction(from: Address, to: Address?, data: [UInt8] = [], value: U256 = .zero,
                            gasLimit: Int? = nil) -> Transaction {
        let baseFee = block.baseFee
        let feeMarket = fork.schedule.hasBaseFee
        return Transaction(
            type: feeMarket ? 2 : 0, nonce: U256(state.nonce(from)), gasPrice: gasPrice,
            maxFeePerGas: max(gasPrice, baseFee), maxPriorityFeePerGas: gasPrice > baseFee ? gasPrice &- baseFee : .zero,
            // A negative limit becomes 0, which validation rejects with a named reason.
            gasLimit: U256(UInt64(clamping: gasLimit ?? defaultGasLimit)), to: to, value: value, data: data, sender: from)
    }

    /// Validates and executes a transaction (see `TransactionProcessor.execute`).
    public func send(_ tx: Transaction, tracer: (any Tracer)? = nil) throws(TransactionError) -> Receipt {
        var processor = self.processor
        processor.tracer = tracer
        return try processor.execute(tx, state: state, block: block)
    }

    /// Builds and sends a transaction (see `transaction`).
    public func send(from: Address, to: Address?, data: [UInt8] = [], value: U256 = .zero, gasLimit: Int? = nil,
                     tracer: (any Tracer)? = nil) throws(TransactionError) -> Receipt {
        try send(transaction(from: from, to: to, data: data, value: value, gasLimit: gasLimit), tracer: tracer)
    }

    /// A view call: no validation, no fees, no lasting change.
    public func call(from: Address, to: Address, data: [UInt8], value: U256 = .zero, gasLimit: Int? = nil,
                     tracer: (any Tracer)? = nil) -> (status: ExecutionStatus, output: [UInt8], gasUsed: Int) {
        var processor = self.processor
        processor.tracer = tracer
        return processor.call(from: from, to: to, data: data, value: value, gas: gasLimit ?? defaultGasLimit,
                              state: state, block: block)
    }
}
