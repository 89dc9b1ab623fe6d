import EVMCore
import EVMState

/// A chain of blocks from a genesis: imports blocks on any known parent, keeps each block's
/// post-state, and chooses the head (the heaviest total difficulty before the merge, the
/// last block imported after it, as a consensus client would direct). An invalid block is
/// rejected with a `BlockError` and changes nothing.
///
/// States are kept per block as copy-on-write account tables, which suits tests and a
/// development node; it is not a pruning database.
public final class Chain {
    public let network: Network

    /// One imported block.
    public struct Entry: Sendable {
        public var block: Block
        public var hash: U256
        /// The accounts after the block.
        public var accounts: [Address: Account]
        public var totalDifficulty: U256
        public var outcome: BlockExecutor.Outcome?
        /// The state's tries, kept by chains that build blocks (`build`), so that the next
        /// block's state root costs only what it changed.
        public var stateTrie: StateTrie?
        /// The state was dropped to bound memory (`statesKept`); the block is still known.
        public var statePruned = false
    }

    public internal(set) var entries: [U256: Entry] = [:]
    public internal(set) var headHash: U256
    /// How many of the newest blocks keep their whole state (nil: all). Older ones keep
    /// their block and receipts; `state(at:)` returns nil for them, as a pruning node answers.
    public var statesKept: Int?
    /// Blocks whose state is never pruned (a development chain's snapshots).
    public var pinned: Set<U256> = []
    /// The last BLOCKHASH table `recentHashes` made, and the block it ends at.
    var hashWindow: (top: U256, hashes: [U256: U256])?
    public let genesisHash: U256

    public var head: Entry { entries[headHash]! }

    /// A chain from a genesis header and its state. The genesis state root is checked.
    public init(network: Network, genesis: BlockHeader, accounts: [Address: Account],
                genesisBody: Block? = nil) throws(BlockError) {
        self.network = network
        let state = WorldState(accounts: accounts, fork: network.upgrade(of: genesis).fork)
        if U256(bigEndianBytes: state.stateRoot) != genesis.stateRoot { throw .stateRoot }
        let hash = genesis.hash
        genesisHash = hash
        headHash = hash
        entries[hash] = Entry(block: genesisBody ?? Block(header: genesis, withdrawals: genesis.withdrawalsRoot.map { _ in [] }),
                              hash: hash, accounts: accounts, totalDifficulty: genesis.difficulty, outcome: nil)
    }

    /// A world state of the head (or of any imported block), to read or to run calls on.
    public func state(at hash: U256? = nil) -> WorldState? {
        guard let entry = entries[hash ?? headHash], !entry.statePruned else { return nil }
        let upgrade = network.upgrade(of: entry.block.header)
        let state = WorldState(accounts: entry.accounts, fork: upgrade.fork)
        state.blockHashes = recentHashes(below: entry.block.header, parentHash: entry.hash)
        return state
    }

    /// Decodes and imports a block in its network encoding.
    @discardableResult
    public func importBlock(rlp bytes: [UInt8]) throws(BlockError) -> Entry {
        let block: Block
        do { block = try Block(rlp: bytes) } catch { throw .undecodable("\(error)") }
        return try importBlock(block, size: bytes.count)
    }

    /// Validates and executes a block on its parent's state; on success the block is stored
    /// and the head chosen again.
    @discardableResult
    public func importBlock(_ block: Block, size: Int? = nil) throws(BlockError) -> Entry {
        let header = block.header
        guard let parent = entries[header.parentHash], !parent.statePruned else { throw .unknownParent(header.parentHash) }
        let upgrade = network.upgrade(of: header)
        let schedule = upgrade.schedule
        if let limit = schedule.maxBlockRLPSize {
            let encoded = size ?? block.rlp.count
            if encoded > limit { throw .tooLarge(size: encoded, limit: limit) }
        }
        try HeaderValidation.validate(header, parent: parent.block.header, upgrade: upgrade)
        try validateBody(block, schedule: schedule)

        let state = WorldState(accounts: parent.accounts, fork: upgrade.fork)
        state.blockHashes = recentHashes(below: header, parentHash: header.parentHash)
        let outcome = try BlockExecutor(upgrade: upgrade, chainId: network.chainId).execute(block, state: state)

        // The comparisons in the execution specs' order (`state_transition`).
        if U256(outcome.gasUsed) != header.gasUsed { throw .gasUsed(computed: U256(outcome.gasUsed), header: header.gasUsed) }
        if block.transactionsRoot != header.transactionsRoot { throw .transactionsRoot }
        if U256(bigEndianBytes: state.stateRoot) != header.stateRoot { throw .stateRoot }
        if outcome.receiptsRoot != header.receiptsRoot { throw .receiptsRoot }
        if outcome.logsBloom != header.logsBloom { throw .logsBloom }
        if let root = block.withdrawalsRoot, root != header.withdrawalsRoot { throw .withdrawalsRoot }
        if schedule.hasBlobs, header.blobGasUsed != U256(outcome.blobGasUsed) {
            throw .blobGasUsed(computed: U256(outcome.blobGasUsed), header: header.blobGasUsed)
        }
        if schedule.hasExecutionRequests, header.requestsHash != outcome.requestsHash { throw .requestsHash }

        let hash = header.hash
        let entry = Entry(block: block, hash: hash, accounts: state.accounts,
                          totalDifficulty: parent.totalDifficulty &+ header.difficulty, outcome: outcome)
        entries[hash] = entry
        if schedule.hasProofOfStake || entry.totalDifficulty > head.totalDifficulty { headHash = hash }
        return entry
    }

    /// The body's shape against the fork, and the ommers, before execution (the roots are
    /// compared after it, as the execution specs do).
    func validateBody(_ block: Block, schedule: GasSchedule) throws(BlockError) {
        if (block.withdrawals != nil) != schedule.hasWithdrawals { throw .withdrawalsPresence }
        if block.ommersHash != block.header.ommersHash { throw .ommersHash }
        if schedule.hasProofOfStake {
            if !block.ommers.isEmpty { throw .proofOfWorkFields }
        } else {
            try validateOmmers(block)
        }
    }

    /// Before Paris: at most two ommers, each a valid header whose parent is one of the
    /// block's six nearest ancestors, neither an ancestor itself nor an ommer already
    /// included by one of them, and no ommer twice.
    func validateOmmers(_ block: Block) throws(BlockError) {
        guard !block.ommers.isEmpty else { return }
        if block.ommers.count > 2 { throw .ommers("\(block.ommers.count) ommers, at most 2") }
        var ancestors: [U256: BlockHeader] = [:]
        var included: Set<U256> = []
        var cursor = block.header.parentHash
        for _ in 0..<7 {
            guard let entry = entries[cursor] else { break }
            ancestors[entry.hash] = entry.block.header
            for ommer in entry.block.ommers { included.insert(ommer.hash) }
            if entry.block.header.number.isZero { break }
            cursor = entry.block.header.parentHash
        }
        var seen: Set<U256> = []
        for ommer in block.ommers {
            let hash = ommer.hash
            guard seen.insert(hash).inserted else { throw .ommers("the same ommer twice") }
            if ancestors[hash] != nil { throw .ommers("an ancestor as ommer") }
            if included.contains(hash) { throw .ommers("an ommer already included") }
            guard let parent = ancestors[ommer.parentHash], ommer.number < block.header.number,
                  block.header.number &- ommer.number <= U256(6)
            else { throw .ommers("ommer not a child of one of the six nearest ancestors") }
            do {
                try HeaderValidation.validate(ommer, parent: parent, upgrade: network.upgrade(of: ommer))
            } catch {
                throw .ommers("invalid ommer header: \(error)")
            }
        }
    }

    /// BLOCKHASH's table for a block: the hashes of its 256 nearest ancestors by number.
    /// The last table is kept: a block built or a call run on the same parent reuses it, and
    /// the next block's is the last one moved by one block (a development chain asks for it
    /// on every transaction and call).
    func recentHashes(below header: BlockHeader, parentHash: U256) -> [U256: U256] {
        if let cached = hashWindow {
            if cached.top == parentHash { return cached.hashes }
            if let parent = entries[parentHash], parent.block.header.parentHash == cached.top, !parent.block.header.number.isZero {
                var hashes = cached.hashes
                let number = parent.block.header.number
                hashes[number] = parentHash
                if number >= U256(256) { hashes[number &- U256(256)] = nil }
                hashWindow = (parentHash, hashes)
                return hashes
            }
        }
        var hashes: [U256: U256] = [:]
        var cursor = parentHash
        for _ in 0..<256 {
            guard let entry = entries[cursor] else { break }
            hashes[entry.block.header.number] = cursor
            if entry.block.header.number.isZero { break }
            cursor = entry.block.header.parentHash
        }
        hashWindow = (parentHash, hashes)
        return hashes
    }
}
