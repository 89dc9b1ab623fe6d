import EVMCore
import EVMState

/// A signed transaction ready for a block: decoded, its sender known, and its network bytes
/// (what the transactions trie stores and what its hash is taken of).
public struct PendingTransaction: Sendable {
    public var transaction: Transaction
    public var bytes: [UInt8]
    public var hash: U256

    public init(transaction: Transaction, bytes: [UInt8], hash: U256? = nil) {
        self.transaction = transaction
        self.bytes = bytes
        self.hash = hash ?? Keccak256.hashWord(bytes)
    }

    /// Decodes network bytes and recovers the sender.
    public init(bytes: [UInt8]) throws(TransactionDecodingError) {
        self.init(transaction: try Transaction.decode(bytes).0, bytes: bytes)
    }
}

/// The header fields a block producer chooses; the rest follow from the parent and the
/// transactions.
public struct BlockTemplate: Sendable {
    public var coinbase: Address
    public var timestamp: U256
    public var gasLimit: U256
    public var extraData: [UInt8]
    /// PREVRANDAO (the mix hash field from Paris).
    public var prevRandao: U256
    public var parentBeaconBlockRoot: U256
    public var withdrawals: [Withdrawal]

    public init(coinbase: Address = .zero, timestamp: U256, gasLimit: U256, extraData: [UInt8] = [],
                prevRandao: U256 = .zero, parentBeaconBlockRoot: U256 = .zero, withdrawals: [Withdrawal] = []) {
        self.coinbase = coinbase
        self.timestamp = timestamp
        self.gasLimit = gasLimit
        self.extraData = extraData
        self.prevRandao = prevRandao
        self.parentBeaconBlockRoot = parentBeaconBlockRoot
        self.withdrawals = withdrawals
    }
}

/// A block a chain built: its entry, each included transaction with its full receipt and
/// the price it paid, and the transactions left out with the reason.
public struct BuiltBlock: Sendable {
    public struct Included: Sendable {
        public var pending: PendingTransaction
        public var receipt: Receipt
        /// The effective gas price (base fee plus the tip it paid, or its gas price).
        public var gasPrice: U256
        /// Gas used by this transaction and those before it in the block.
        public var cumulativeGasUsed: UInt64
    }

    public var entry: Chain.Entry
    public var included: [Included]
    public var rejected: [(pending: PendingTransaction, error: TransactionError)]
    /// A transaction that did not fit the block's gas or blob gas (it may fit the next).
    public var deferred: [PendingTransaction]
}

extension Chain {
    /// Builds a block on `parentHash` (default: the head) from `transactions` in order, as a
    /// block producer does: a transaction that is invalid on the state it meets is left out
    /// with its reason, one that does not fit the gas left is deferred, the rest run. The
    /// header gets the fields its parent determines (EIP-1559 base fee, EIP-4844 excess blob
    /// gas), the roots of what ran, and is checked by `HeaderValidation` against its parent
    /// before the block is stored and becomes the head (after the merge).
    ///
    /// The state root comes from the parent's tries updated by what the block changed
    /// (`StateTrie`), so building costs the block's work, not the state's size.
    public func build(on parentHash: U256? = nil, _ template: BlockTemplate,
                      transactions: [PendingTransaction]) throws(BlockError) -> BuiltBlock {
        let parentHash = parentHash ?? headHash
        guard let parent = entries[parentHash], !parent.statePruned else { throw .unknownParent(parentHash) }
        let parentHeader = parent.block.header
        let (first, upgrade) = nextHeader(after: parentHeader, parentHash: parentHash, template)
        var header = first
        let schedule = upgrade.schedule
        let executor = BlockExecutor(upgrade: upgrade, chainId: network.chainId)
        let env = executor.environment(header)
        let state = WorldState(accounts: parent.accounts, fork: upgrade.fork)
        let changes = StateChanges()
        state.changes = changes
        state.blockHashes = recentHashes(below: header, parentHash: parentHash)
        executor.beginBlock(header, state: state, env: env)

        let processor = TransactionProcessor(fork: upgrade.fork)
        var included: [BuiltBlock.Included] = []
        var rejected: [(pending: PendingTransaction, error: TransactionError)] = []
        var deferred: [PendingTransaction] = []
        var receipts: [BlockReceipt] = []
        var gasUsed: UInt64 = 0
        var blobGasUsed: UInt64 = 0
        for pending in transactions {
            let tx = pending.transaction
            if executor.roomLeft(for: tx, header: header, gasUsed: gasUsed, blobGasUsed: blobGasUsed) != nil {
                deferred.append(pending)
                continue
            }
            do {
                let receipt = try processor.execute(tx, state: state, block: env)
                gasUsed += UInt64(receipt.gasUsed)
                blobGasUsed += UInt64(receipt.blobGasUsed)
                receipts.append(BlockReceipt(type: tx.type, succeeded: receipt.succeeded, cumulativeGasUsed: gasUsed,
                                             logs: receipt.logs))
                let price = tx.usesFeeCaps ? min(tx.maxFeePerGas, env.baseFee &+ tx.maxPriorityFeePerGas) : tx.gasPrice
                included.append(.init(pending: pending, receipt: receipt, gasPrice: price, cumulativeGasUsed: gasUsed))
            } catch {
                rejected.append((pending, error))
            }
        }
        var block = Block(header: header, transactions: included.map(\.pending.bytes),
                          withdrawals: schedule.hasWithdrawals ? template.withdrawals : nil)
        let requests = try executor.endBlock(block, receipts: receipts, state: state, env: env)
        let outcome = BlockExecutor.Outcome(receipts: receipts, gasUsed: gasUsed, blobGasUsed: blobGasUsed,
                                            requests: requests)

        var trie = parent.stateTrie ?? StateTrie(accounts: parent.accounts)
        trie.update(accounts: state.accounts, changes: changes)
        header.stateRoot = trie.root
        header.transactionsRoot = block.transactionsRoot
        header.receiptsRoot = outcome.receiptsRoot
        header.logsBloom = outcome.logsBloom
        header.gasUsed = U256(gasUsed)
        if schedule.hasBlobs { header.blobGasUsed = U256(blobGasUsed) }
        header.withdrawalsRoot = block.withdrawalsRoot
        if schedule.hasExecutionRequests { header.requestsHash = outcome.requestsHash }
        block.header = header
        try HeaderValidation.validate(header, parent: parentHeader, upgrade: upgrade)

        let hash = header.hash
        let entry = Entry(block: block, hash: hash, accounts: state.accounts,
                          totalDifficulty: parent.totalDifficulty &+ header.difficulty, outcome: outcome, stateTrie: trie)
        entries[hash] = entry
        if schedule.hasProofOfStake || entry.totalDifficulty > head.totalDifficulty { headHash = hash }
        prune(below: header.number)
        return BuiltBlock(entry: entry, included: included, rejected: rejected, deferred: deferred)
    }

    /// The header of a block after `parent` before its transactions run: the producer's
    /// fields, and those the parent determines (EIP-1559 base fee, EIP-4844 excess blob gas).
    /// Also what a transaction pool validates pending transactions against.
    public func nextHeader(after parent: BlockHeader, parentHash: U256, _ template: BlockTemplate) -> (BlockHeader, Upgrade) {
        let number = parent.number &+ .one
        let upgrade = network.upgrade(number: number, timestamp: template.timestamp)
        let schedule = upgrade.schedule
        let header = BlockHeader(
            parentHash: parentHash, coinbase: template.coinbase, number: number, gasLimit: template.gasLimit,
            timestamp: template.timestamp, extraData: template.extraData, mixHash: template.prevRandao,
            baseFeePerGas: HeaderRules.baseFee(parent: parent, schedule: schedule),
            withdrawalsRoot: nil,
            blobGasUsed: schedule.hasBlobs ? .zero : nil,
            excessBlobGas: upgrade.blobs.map {
                HeaderRules.excessBlobGas(parent: parent, schedule: schedule, target: $0.target, max: $0.max,
                                          updateFraction: $0.updateFraction) ?? .zero
            },
            parentBeaconBlockRoot: schedule.hasBeaconRootsCall ? template.parentBeaconBlockRoot : nil)
        return (header, upgrade)
    }

    /// Drops the states of blocks more than `statesKept` below `number` (pinned ones stay).
    func prune(below number: U256) {
        guard let kept = statesKept, number >= U256(UInt64(kept)) else { return }
        let cutoff = number &- U256(UInt64(kept))
        // Only the block that just fell out of the window: earlier ones were pruned before.
        var cursor = headHash
        while let entry = entries[cursor], entry.block.header.number > cutoff, !entry.block.header.number.isZero {
            cursor = entry.block.header.parentHash
        }
        if var entry = entries[cursor], !entry.statePruned, !pinned.contains(cursor), entry.hash != genesisHash {
            entry.accounts = [:]
            entry.stateTrie = nil
            entry.statePruned = true
            entries[cursor] = entry
        }
    }

    /// Makes `hash` the head again and forgets every block above it (a development chain's
    /// `evm_revert`).
    public func rewind(to hash: U256) -> Bool {
        guard let target = entries[hash], !target.statePruned else { return false }
        let number = target.block.header.number
        entries = entries.filter { $0.value.block.header.number <= number || $0.key == hash }
        headHash = hash
        return true
    }

    /// Changes the head's state outside any block (a development chain's `anvil_setBalance`,
    /// `anvil_setCode`, `anvil_setStorageAt`): the next block builds on it. The head's header
    /// keeps the state root it was built with, as Anvil's does.
    public func amendHead(_ change: (WorldState) -> Void) {
        guard var entry = entries[headHash], !entry.statePruned else { return }
        let state = WorldState(accounts: entry.accounts, fork: network.upgrade(of: entry.block.header).fork)
        let changes = StateChanges()
        state.changes = changes
        change(state)
        var trie = entry.stateTrie ?? StateTrie(accounts: entry.accounts)
        trie.update(accounts: state.accounts, changes: changes)
        entry.accounts = state.accounts
        entry.stateTrie = trie
        entries[headHash] = entry
    }
}
