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

/// Validates and executes transactions against a world state: fees, nonce, intrinsic gas,
/// warm sets, the message, refunds, the calldata floor and payment to the coinbase, as the
/// execution specs' `process_transaction` does.
public struct TransactionProcessor {
    public let fork: Fork
    public let schedule: GasSchedule
    public var tracer: (any Tracer)?

    public init(fork: Fork, tracer: (any Tracer)? = nil) {
        self.fork = fork
        self.schedule = fork.schedule
        self.tracer = tracer
    }

    /// Intrinsic gas and the EIP-7623 floor (0 before Prague).
    public func intrinsicGas(_ tx: Transaction) -> (intrinsic: Int, floor: Int) {
        let intrinsic = GasMath.intrinsicGas(
            data: tx.data, isCreate: tx.isCreate, accessListAddresses: tx.accessList.count,
            accessListStorageKeys: tx.accessListStorageKeyCount, authorizations: tx.authorizations.count,
            schedule: schedule)
        return (intrinsic, GasMath.calldataFloor(tx.data, schedule: schedule) ?? 0)
    }

    /// Checks a transaction; returns the effective gas price and the most the sender can be
    /// charged. Changes nothing.
    public func validate(_ tx: Transaction, state: WorldState, block: BlockEnvironment) throws(TransactionError) -> (gasPrice: U256, intrinsic: Int, floor: Int) {
        switch tx.type {
        case 0: break
        case 1: if !schedule.hasTypedTransactions { throw .typeNotSupported(1) }
        case 2: if !schedule.hasBaseFee { throw .typeNotSupported(2) }
        case 3: if !schedule.hasBlobs { throw .typeNotSupported(3) }
        case 4: if !schedule.hasSetCode { throw .typeNotSupported(4) }
        default: throw .typeNotSupported(tx.type)
        }
        let (intrinsic, floor) = intrinsicGas(tx)
        let needed = max(intrinsic, floor)
        if tx.gasLimit < U256(UInt64(needed)) { throw .intrinsicGasTooLow(needed: needed, limit: tx.gasLimit) }
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
        if tx.usesFeeCaps {
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
            if tx.maxFeePerBlobGas < block.blobBaseFee(schedule: schedule) { throw .maxFeePerBlobGasTooLow }
            let blobCost = U256(UInt64(blobGas)).multipliedFullWidth(by: tx.maxFeePerBlobGas)
            maxCost = add512(maxCost, blobCost)
        }
        if (tx.type == 3 || tx.type == 4) && tx.isCreate { throw .createNotAllowed(type: tx.type) }
        if tx.type == 4 && tx.authorizations.isEmpty { throw .emptyAuthorizationList }

        let account = state.account(tx.sender)
        let accountNonce = account?.nonce ?? 0
        if U256(accountNonce) > tx.nonce { throw .nonceTooLow(expected: accountNonce, got: tx.nonce) }
        if U256(accountNonce) < tx.nonce { throw .nonceTooHigh(expected: accountNonce, got: tx.nonce) }
        let total = add512(maxCost, (U256.zero, tx.value))
        let balance = account?.balance ?? .zero
        if !total.high.isZero || total.low > balance {
            let needed = total.high.isZero ? total.low.decimalString : "more than 2^256"
            throw .insufficientBalance(needed: needed, available: balance)
        }
        if let code = account?.code, !code.isEmpty, code.delegationTarget == nil { throw .senderHasCode }
        return (gasPrice, intrinsic, floor)
    }

    func add512(_ a: (high: U256, low: U256), _ b: (high: U256, low: U256)) -> (high: U256, low: U256) {
        let (low, carry) = a.low.addingReportingOverflow(b.low)
        return (a.high &+ b.high &+ (carry ? .one : .zero), low)
    }

    /// Validates and executes a transaction. An invalid one throws and changes nothing.
    public func execute(_ tx: Transaction, state: WorldState, block: BlockEnvironment) throws(TransactionError) -> Receipt {
        state.schedule = schedule
        let (gasPrice, intrinsic, floor) = try validate(tx, state: state, block: block)
        let gasLimit = Int(tx.gasLimit.w0)  // validated: at most the block gas limit
        let blobGas = tx.type == 3 ? tx.blobVersionedHashes.count * schedule.blobGasPerBlob : 0
        let blobFee = U256(UInt64(blobGas)) &* block.blobBaseFee(schedule: schedule)

        state.beginTransaction()
        state.context = ExecutionContext(
            origin: tx.sender, gasPrice: gasPrice, coinbase: block.coinbase, number: block.number,
            timestamp: block.timestamp, gasLimit: block.gasLimit, prevRandao: block.prevRandao,
            chainId: block.chainId, baseFee: block.baseFee, blobBaseFee: block.blobBaseFee(schedule: schedule),
            blobHashes: tx.blobVersionedHashes)

        // Buy the gas, bump the nonce.
        let sender = tx.sender
        let createNonce = state.nonce(sender)
        state.incrementNonce(sender)
        state.subtractBalance(sender, tx.gasLimit &* gasPrice &+ blobFee)

        // Warm sets (EIP-2929, EIP-2930, EIP-3651).
        state.warm(sender)
        for address in schedule.precompiles { state.warm(Address(Int(address))) }
        if schedule.warmCoinbase { state.warm(block.coinbase) }
        for entry in tx.accessList {
            state.warm(entry.address)
            for key in entry.storageKeys { state.warm(entry.address, slot: key) }
        }

        var refund = 0
        let executionGas = gasLimit - intrinsic
        let executor = Executor(state: state, fork: fork, tracer: tracer)
        var result: FrameResult
        var createdAddress: Address? = nil
        if let to = tx.to {
            state.warm(to)
            if !tx.authorizations.isEmpty { refund += applyAuthorizations(tx.authorizations, state: state, block: block) }
            var message = Message(kind: .call, caller: sender, recipient: to, value: tx.value,
                                  input: tx.data, gas: executionGas)
            if let delegate = state.delegationTarget(to) {
                state.warm(delegate)
                message.codeAddress = delegate
                message.isDelegated = true
            }
            if schedule.deletesTouchedEmptyAccounts && state.account(to)?.isEmpty == true { state.touch(to) }
            result = executor.execute(message)
        } else {
            let address = ContractAddress.create(sender: sender, nonce: createNonce)
            state.warm(address)
            createdAddress = address
            if executor.hasCodeOrNonceOrStorage(address) {
                result = FrameResult(status: .addressCollision, gasLeft: 0, refund: 0, output: [])
            } else {
                let message = Message(kind: .create, caller: sender, recipient: address, value: tx.value,
                                      input: tx.data, gas: executionGas)
                result = executor.execute(message)
            }
        }
        if result.status.isSuccess { refund += result.refund }

        // Refund (capped: EIP-3529), then the calldata floor (EIP-7623).
        let usedBeforeRefund = gasLimit - result.gasLeft
        let appliedRefund = min(usedBeforeRefund / schedule.refundQuotient, max(refund, 0))
        let gasUsed = max(usedBeforeRefund - appliedRefund, floor)
        let gasLeft = gasLimit - gasUsed
        state.addBalance(sender, U256(UInt64(gasLeft)) &* gasPrice)
        let tip = gasPrice &- block.baseFee
        let fee = U256(UInt64(gasUsed)) &* tip
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
        let logs = result.status.isSuccess ? state.logs : []
        state.endTransaction()
        return Receipt(status: result.status, gasUsed: gasUsed, gasUsedBeforeRefund: usedBeforeRefund,
                       refund: appliedRefund, intrinsicGas: intrinsic, logs: logs, output: result.output,
                       createdAddress: result.status.isSuccess ? createdAddress : nil, blobGasUsed: blobGas,
                       missingPrecompiles: executor.missingPrecompiles)
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
