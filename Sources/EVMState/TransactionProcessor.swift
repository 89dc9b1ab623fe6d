import EVMCore
import EVMPrecompiles

/// The block a transaction runs in: the fields of a state test's `env`.
public struct BlockEnvironment: Sendable {
    public var coinbase: Address
    public var number: U256
    public var timestamp: U256
    public var gasLimit: U256
    public var prevRandao: U256
    public var baseFee: U256
    public var excessBlobGas: U256
    public var chainId: U256
    /// Blob parameters when they differ from the fork's (a state test's `config.blobSchedule`).
    public var blobMax: Int?
    public var blobBaseFeeUpdateFraction: Int?

    public init(coinbase: Address = .zero, number: U256 = .one, timestamp: U256 = .one,
                gasLimit: U256 = U256(30_000_000), prevRandao: U256 = .zero, baseFee: U256 = .zero,
                excessBlobGas: U256 = .zero, chainId: U256 = .one,
                blobMax: Int? = nil, blobBaseFeeUpdateFraction: Int? = nil) {
        self.coinbase = coinbase
        self.number = number
        self.timestamp = timestamp
        self.gasLimit = gasLimit
        self.prevRandao = prevRandao
        self.baseFee = baseFee
        self.excessBlobGas = excessBlobGas
        self.chainId = chainId
        self.blobMax = blobMax
        self.blobBaseFeeUpdateFraction = blobBaseFeeUpdateFraction
    }

    /// EIP-4844: the blob base fee, fake_exponential(1, excess, update fraction).
    public func blobBaseFee(schedule: GasSchedule) -> U256 {
        let fraction = blobBaseFeeUpdateFraction ?? schedule.blobBaseFeeUpdateFraction
        guard fraction > 0 else { return .one }
        return BlobFee.fakeExponential(factor: .one, numerator: excessBlobGas, denominator: U256(UInt64(fraction)))
    }
}

/// EIP-4844's blob fee arithmetic.
public enum BlobFee {
    /// factor · e^(numerator / denominator), by the Taylor loop of EIP-4844, in integers.
    public static func fakeExponential(factor: U256, numerator: U256, denominator: U256) -> U256 {
        var i = U256.one
        var output = U256.zero
        var accumulator = factor &* denominator
        while !accumulator.isZero {
            output = output &+ accumulator
            accumulator = (accumulator &* numerator).div(denominator &* i)
            i = i &+ .one
        }
        return output.div(denominator)
    }
}

/// Validates and executes transactions against a world state, in the execution specs'
/// `process_transaction` phases: validate (changes nothing), pre-execution (buy the gas,
/// bump the nonce, warm sets), execution (EIP-7702 authorizations, then the message on the
/// frame stack) and post-execution (refund, calldata floor, fees).
///
/// A tracer gets every opcode, and the charges no opcode makes: the intrinsic parts, the
/// refund and the floor (depth 0).
public struct TransactionProcessor {
    public let fork: Fork
    public let schedule: GasSchedule
    public var tracer: (any Tracer)?
    /// geth's rules for a call that is not a transaction (eth_call, eth_estimateGas): the
    /// nonce and the sender's code are not checked, and a call that offers no fee at all runs
    /// at gas price zero below the base fee (geth's `NoBaseFee`), so it needs no balance for
    /// gas. Everything else, gas included, is a transaction's.
    public var isCall = false
    /// Frame stacks and memories reused from one transaction to the next.
    public let buffers = FrameBufferPool()

    public init(fork: Fork, tracer: (any Tracer)? = nil) {
        self.fork = fork
        self.schedule = fork.schedule
        self.tracer = tracer
    }

    /// Intrinsic gas by part, and the EIP-7623 floor (0 before Prague).
    public func intrinsicGas(_ tx: Transaction) -> (intrinsic: GasMath.Intrinsic, floor: Int) {
        let intrinsic = GasMath.intrinsic(
            data: tx.data, isCreate: tx.isCreate, accessListAddresses: tx.accessList.count,
            accessListStorageKeys: tx.accessListStorageKeyCount, authorizations: tx.authorizations.count,
            schedule: schedule)
        return (intrinsic, GasMath.calldataFloor(tx.data, schedule: schedule) ?? 0)
    }

    /// What validation settles for execution.
    public struct Validated: Sendable {
        public var gasPrice: U256
        public var intrinsic: GasMath.Intrinsic
        public var floor: Int
        public var blobGas: Int
    }

    /// Checks a transaction against the state, the block and the fork. Changes nothing.
    public func validate(_ tx: Transaction, state: WorldState, block: BlockEnvironment) throws(TransactionError) -> Validated {
        switch tx.type {
        case 0: break
        case 1: if !schedule.hasTypedTransactions { throw .typeNotSupported(1) }
        case 2: if !schedule.hasBaseFee { throw .typeNotSupported(2) }
        case 3: if !schedule.hasBlobs { throw .typeNotSupported(3) }
        case 4: if !schedule.hasSetCode { throw .typeNotSupported(4) }
        default: throw .typeNotSupported(tx.type)
        }
        let (intrinsic, floor) = intrinsicGas(tx)
        if tx.gasLimit < U256(UInt64(intrinsic.total)) {
            throw .intrinsicGasTooLow(needed: max(intrinsic.total, floor), limit: tx.gasLimit)
        }
        if tx.gasLimit < U256(UInt64(floor)) { throw .belowCalldataFloor(needed: floor, limit: tx.gasLimit) }
        if tx.nonce >= U256(UInt64.max) { throw .nonceMaximum }
        if tx.isCreate, let limit = schedule.maxInitcodeSize, tx.data.count > limit {
            throw .initcodeTooLarge(size: tx.data.count, limit: limit)
        }
        if let cap = schedule.txGasLimitCap, tx.gasLimit > U256(UInt64(cap)) {
            throw .gasLimitAboveCap(limit: tx.gasLimit, cap: cap)
        }
        // A gas limit must also fit GasLab's 63-bit gas counters; no real block comes near.
        if tx.gasLimit > block.gasLimit || tx.gasLimit > U256(UInt64(Int.max)) { throw .gasLimitAboveBlock }
        // The block's blob gas comes first, as in the specs' `check_transaction`.
        let blobGas = tx.type == 3 ? tx.blobVersionedHashes.count * schedule.blobGasPerBlob : 0
        let blobMax = block.blobMax ?? schedule.blobMax
        if blobGas > blobMax * schedule.blobGasPerBlob { throw .blobGasAboveBlock }

        var gasPrice: U256
        var maxCost: (high: U256, low: U256)
        let unpricedCall = isCall && (tx.usesFeeCaps ? tx.maxFeePerGas.isZero && tx.maxPriorityFeePerGas.isZero
                                                     : tx.gasPrice.isZero)
        if unpricedCall {
            gasPrice = .zero
            maxCost = (.zero, .zero)
        } else if tx.usesFeeCaps {
            if tx.maxFeePerGas < tx.maxPriorityFeePerGas { throw .priorityFeeAboveMaxFee }
            if tx.maxFeePerGas < block.baseFee { throw .maxFeeBelowBaseFee }
            let priority = min(tx.maxPriorityFeePerGas, tx.maxFeePerGas &- block.baseFee)
            gasPrice = priority &+ block.baseFee
            maxCost = tx.gasLimit.multipliedFullWidth(by: tx.maxFeePerGas)
        } else {
            if tx.gasPrice < block.baseFee { throw .gasPriceBelowBaseFee }
            gasPrice = tx.gasPrice
            maxCost = tx.gasLimit.multipliedFullWidth(by: tx.gasPrice)
        }
        if tx.type == 3 {
            if tx.blobVersionedHashes.isEmpty { throw .noBlobs }
            if let limit = schedule.maxBlobsPerTransaction, tx.blobVersionedHashes.count > limit {
                throw .tooManyBlobs(count: tx.blobVersionedHashes.count, limit: limit)
            }
            for h in tx.blobVersionedHashes where h.w3 >> 56 != 0x01 { throw .invalidBlobVersionedHash }
            if tx.maxFeePerBlobGas < block.blobBaseFee(schedule: schedule) && !(isCall && tx.maxFeePerBlobGas.isZero) {
                throw .maxFeePerBlobGasTooLow
            }
            let blobCost = U256(UInt64(blobGas)).multipliedFullWidth(by: tx.maxFeePerBlobGas)
            maxCost = add512(maxCost, blobCost)
        }
        if (tx.type == 3 || tx.type == 4) && tx.isCreate { throw .createNotAllowed(type: tx.type) }
        if tx.type == 4 && tx.authorizations.isEmpty { throw .emptyAuthorizationList }

        let account = state.account(tx.sender)
        let accountNonce = account?.nonce ?? 0
        if !isCall {
            if U256(accountNonce) > tx.nonce { throw .nonceTooLow(expected: accountNonce, got: tx.nonce) }
            if U256(accountNonce) < tx.nonce { throw .nonceTooHigh(expected: accountNonce, got: tx.nonce) }
        }
        let total = add512(maxCost, (U256.zero, tx.value))
        let balance = account?.balance ?? .zero
        if !total.high.isZero || total.low > balance {
            let needed = total.high.isZero ? total.low.decimalString : "more than 2^256"
            throw .insufficientBalance(needed: needed, available: balance)
        }
        if !isCall, let code = account?.code, !code.isEmpty, code.delegationTarget == nil { throw .senderHasCode }
        return Validated(gasPrice: gasPrice, intrinsic: intrinsic, floor: floor, blobGas: blobGas)
    }

    func add512(_ a: (high: U256, low: U256), _ b: (high: U256, low: U256)) -> (high: U256, low: U256) {
        let (low, carry) = a.low.addingReportingOverflow(b.low)
        return (a.high &+ b.high &+ (carry ? .one : .zero), low)
    }

    /// Validates and executes a transaction. An invalid one throws and changes nothing.
    /// The state runs under this processor's fork from here on (a chain may change forks
    /// between blocks).
    public func execute(_ tx: Transaction, state: WorldState, block: BlockEnvironment) throws(TransactionError) -> Receipt {
        state.schedule = schedule
        let validated = try validate(tx, state: state, block: block)
        state.beginTransaction()
        let createNonce = preExecution(tx, validated, state: state, block: block)
        let executed = execution(tx, validated, createNonce: createNonce, state: state, block: block)
        let receipt = postExecution(tx, validated, executed, state: state, block: block)
        state.endTransaction()
        return receipt
    }

    /// Buys the gas, bumps the nonce, sets the environment and the warm sets (EIP-2929,
    /// EIP-2930, EIP-3651). Returns the sender's nonce before the bump (a create's address).
    func preExecution(_ tx: Transaction, _ v: Validated, state: WorldState, block: BlockEnvironment) -> UInt64 {
        // Only when tracing: the list of parts is two arrays, two mallocs a transaction.
        if let tracer { for c in v.intrinsic.charges { tracer.charge(c, depth: 0) } }
        let blobFee = isCall && tx.maxFeePerBlobGas.isZero ? .zero : U256(UInt64(v.blobGas)) &* block.blobBaseFee(schedule: schedule)
        state.context = environment(origin: tx.sender, gasPrice: v.gasPrice, block: block, blobHashes: tx.blobVersionedHashes)
        let sender = tx.sender
        let createNonce = state.nonce(sender)
        state.incrementNonce(sender)
        state.subtractBalance(sender, tx.gasLimit &* v.gasPrice &+ blobFee)
        warmAtStart(sender: sender, block: block, state: state)
        for entry in tx.accessList {
            state.warm(entry.address)
            for key in entry.storageKeys { state.warm(entry.address, slot: key) }
        }
        return createNonce
    }

    /// The environment opcodes read for a transaction (or a view call) in `block`.
    func environment(origin: Address, gasPrice: U256, block: BlockEnvironment, blobHashes: [U256] = []) -> ExecutionContext {
        ExecutionContext(
            origin: origin, gasPrice: gasPrice, coinbase: block.coinbase, number: block.number,
            timestamp: block.timestamp, gasLimit: block.gasLimit, prevRandao: block.prevRandao,
            chainId: block.chainId, baseFee: block.baseFee, blobBaseFee: block.blobBaseFee(schedule: schedule),
            blobHashes: blobHashes)
    }

    /// What every transaction and view call starts with warm: the sender, the precompiles
    /// and, from Shanghai, the coinbase (EIP-3651).
    func warmAtStart(sender: Address, block: BlockEnvironment, state: WorldState) {
        state.warm(sender)
        for address in schedule.precompiles { state.warm(Address(Int(address))) }
        if schedule.warmCoinbase { state.warm(block.coinbase) }
    }

    /// The execution phase's result.
    struct Executed {
        var result: FrameResult
        var refund: Int
        var createdAddress: Address?
    }

    /// Applies EIP-7702 authorizations, then runs the message to the recipient (following its
    /// delegation) or the create.
    func execution(_ tx: Transaction, _ v: Validated, createNonce: UInt64, state: WorldState,
                   block: BlockEnvironment) -> Executed {
        let sender = tx.sender
        let executionGas = Int(tx.gasLimit.w0) - v.intrinsic.total  // validated: fits, and covers the intrinsic gas
        let executor = Executor(state: state, fork: fork, tracer: tracer, buffers: buffers)
        if let to = tx.to {
            state.warm(to)
            let refund = tx.authorizations.isEmpty ? 0 : applyAuthorizations(tx.authorizations, state: state, block: block)
            let message = callMessage(from: sender, to: to, value: tx.value, data: tx.data, gas: executionGas, state: state)
            if schedule.deletesTouchedEmptyAccounts && state.account(to)?.isEmpty == true { state.touch(to) }
            let result = executor.execute(message)
            return Executed(result: result, refund: result.status.isSuccess ? refund + result.refund : refund,
                            createdAddress: nil)
        }
        let address = ContractAddress.create(sender: sender, nonce: createNonce)
        state.warm(address)
        let result: FrameResult
        if executor.hasCodeOrNonceOrStorage(address) {
            tracer?.charge(GasCharge(.createFailure, executionGas), depth: 0)
            result = FrameResult(status: .addressCollision, gasLeft: 0, refund: 0, output: [])
        } else {
            result = executor.execute(Message(kind: .create, caller: sender, recipient: address, value: tx.value,
                                              input: tx.data, gas: executionGas))
        }
        return Executed(result: result, refund: result.status.isSuccess ? result.refund : 0, createdAddress: address)
    }

    /// A call from `from` to `to`, running the code `to` delegates to (EIP-7702), which is
    /// warmed.
    func callMessage(from: Address, to: Address, value: U256, data: [UInt8], gas: Int, state: WorldState) -> Message {
        var message = Message(kind: .call, caller: from, recipient: to, value: value, input: data, gas: gas)
        if let delegate = state.delegationTarget(to) {
            state.warm(delegate)
            message.codeAddress = delegate
            message.isDelegated = true
        }
        return message
    }

    /// Refund (capped: EIP-3529), the calldata floor (EIP-7623), gas returned to the sender,
    /// the priority fee to the coinbase; the receipt.
    func postExecution(_ tx: Transaction, _ v: Validated, _ e: Executed, state: WorldState,
                       block: BlockEnvironment) -> Receipt {
        let gasLimit = Int(tx.gasLimit.w0)
        let usedBeforeRefund = gasLimit - e.result.gasLeft
        let appliedRefund = min(usedBeforeRefund / schedule.refundQuotient, max(e.refund, 0))
        let afterRefund = usedBeforeRefund - appliedRefund
        let gasUsed = max(afterRefund, v.floor)
        if appliedRefund != 0 { tracer?.charge(GasCharge(.refund, -appliedRefund), depth: 0) }
        if gasUsed > afterRefund { tracer?.charge(GasCharge(.calldataFloor, gasUsed - afterRefund), depth: 0) }
        state.addBalance(tx.sender, U256(UInt64(gasLimit - gasUsed)) &* v.gasPrice)
        // An unpriced call (`isCall`) pays nothing: its price is below the base fee.
        let fee = v.gasPrice > block.baseFee ? U256(UInt64(gasUsed)) &* (v.gasPrice &- block.baseFee) : .zero
        if schedule.deletesTouchedEmptyAccounts {
            // Before Paris a zero fee leaves the coinbase alone, but deletes it if it is empty.
            if !(state.balance(block.coinbase) &+ fee).isZero {
                state.addBalance(block.coinbase, fee)
            } else if state.account(block.coinbase)?.isEmpty == true {
                state.destroyAccount(block.coinbase)
            }
        } else {
            state.addBalance(block.coinbase, fee)
        }
        let succeeded = e.result.status.isSuccess
        return Receipt(status: e.result.status, gasUsed: gasUsed, gasUsedBeforeRefund: usedBeforeRefund,
                       refund: appliedRefund, intrinsicGas: v.intrinsic.total, logs: succeeded ? state.logs : [],
                       output: e.result.output, createdAddress: succeeded ? e.createdAddress : nil, blobGasUsed: v.blobGas)
    }

    /// A view call (eth_call) through the transaction's pipeline without validation, fees or
    /// any lasting change: the environment, the warm sets (EIP-3651's coinbase included) and
    /// EIP-7702 delegation are a transaction's. `gasUsed` is what the equivalent transaction
    /// would use before its refund.
    public func call(from: Address, to: Address, data: [UInt8], value: U256 = .zero, gas: Int, state: WorldState,
                     block: BlockEnvironment) -> (status: ExecutionStatus, output: [UInt8], gasUsed: Int) {
        state.schedule = schedule
        state.beginTransaction()
        let start = state.checkpoint
        let intrinsic = GasMath.intrinsicGas(data: data, isCreate: false, schedule: schedule)
        let executionGas = max(gas - intrinsic, 0)
        state.context = environment(origin: from, gasPrice: .zero, block: block)
        warmAtStart(sender: from, block: block, state: state)
        state.warm(to)
        let message = callMessage(from: from, to: to, value: value, data: data, gas: executionGas, state: state)
        let result = Executor(state: state, fork: fork, tracer: tracer, buffers: buffers).execute(message)
        state.revert(to: start)
        return (result.status, result.output, intrinsic + executionGas - result.gasLeft)
    }

    /// EIP-7702: writes the delegations whose authorizations are valid; returns the refund for
    /// authorities that already existed. Runs before the message, outside its revert scope.
    func applyAuthorizations(_ list: [Authorization], state: WorldState, block: BlockEnvironment) -> Int {
        var refund = 0
        for auth in list {
            if !auth.chainId.isZero && auth.chainId != block.chainId { continue }
            if auth.nonce >= U256(UInt64.max) { continue }
            guard let authority = auth.signer ?? Authorizations.recover(auth) else { continue }
            state.warm(authority)
            let account = state.account(authority)
            if let code = account?.code, !code.isEmpty, code.delegationTarget == nil { continue }
            if U256(account?.nonce ?? 0) != auth.nonce { continue }
            if account != nil {
                refund += schedule.authorizationEmptyAccount - schedule.authorizationBase
            }
            state.setCode(authority, auth.address == .zero ? .empty : Code.delegation(to: auth.address))
            state.incrementNonce(authority)
        }
        return refund
    }
}
