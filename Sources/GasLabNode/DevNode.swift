import EVMChain
import EVMCore
import EVMPrecompiles
import EVMState
import Foundation

/// A transaction in one of the node's blocks, with everything its receipt reports.
public struct MinedTransaction: Sendable {
    public var pending: PendingTransaction
    public var signature: TransactionSignature
    public var receipt: Receipt
    public var gasPrice: U256
    public var cumulativeGasUsed: UInt64
    public var blockHash: U256
    public var blockNumber: U256
    public var timestamp: U256
    public var index: Int
    /// The index in its block of its first log.
    public var firstLogIndex: Int
    public var blobGasPrice: U256
    public var transaction: Transaction { pending.transaction }
    public var hash: U256 { pending.hash }
}

/// A transaction waiting for a block (mining every `blockTime` seconds).
struct QueuedTransaction {
    var pending: PendingTransaction
    var signature: TransactionSignature
}

/// The development chain behind `gaslab node`: a `Chain` that builds its own blocks, the
/// development accounts and their keys, a pool when blocks are mined on a timer, indexes of
/// transactions and logs, snapshots, filters and the gas report. Every method runs under one
/// lock: requests from several connections are served one at a time, so every transaction is
/// mined exactly once and nonces stay in order.
public final class DevNode: @unchecked Sendable {
    public let config: NodeConfig
    public let accounts: [HDWallet.Account]
    let chain: Chain
    let lock = NSLock()
    var keys: [Address: [UInt8]] = [:]
    var impersonated: Set<Address> = []
    var pool: [QueuedTransaction] = []
    /// The pool's transactions applied to the head's state (validation of the next one).
    var pendingState: WorldState?
    /// Block hashes of the canonical chain by number.
    var canonical: [U256] = []
    var mined: [U256: MinedTransaction] = [:]
    var blockTransactions: [U256: [U256]] = [:]
    var timeOffset: Int64 = 0
    var nextTimestamp: UInt64?
    var snapshots: [Int: Snapshot] = [:]
    var nextSnapshot = 1
    var filters: [Int: Filter] = [:]
    var nextFilter = 1
    public let gasReport: GasReportRecorder
    var miningTimer: DispatchSourceTimer?

    struct Snapshot {
        var head: U256
        var timeOffset: Int64
        var nextTimestamp: UInt64?
        var pool: [QueuedTransaction]
    }

    public enum StartError: Error, CustomStringConvertible {
        case fork(String)
        case accounts(String)
        case genesis(String)
        public var description: String {
            switch self {
            case .fork(let s), .accounts(let s), .genesis(let s): return s
            }
        }
    }

    /// A chain from a genesis of its own: the development accounts funded, the system
    /// contracts of the fork deployed.
    public convenience init(config: NodeConfig) throws(StartError) {
        let accounts: [HDWallet.Account]
        do { accounts = try HDWallet.accounts(mnemonic: config.mnemonic, count: config.accountCount) } catch {
            throw .accounts("\(error)")
        }
        var alloc = SystemContracts.accounts(for: config.upgrade.schedule)
        for a in accounts { alloc[a.address] = Account(balance: config.balance) }
        try self.init(config: config, accounts: accounts, alloc: alloc,
                      timestamp: config.genesisTimestamp ?? UInt64(Date().timeIntervalSince1970))
    }

    init(config: NodeConfig, accounts: [HDWallet.Account], alloc: [Address: Account], timestamp: UInt64) throws(StartError) {
        let schedule = config.upgrade.schedule
        guard schedule.hasProofOfStake else {
            throw .fork("gaslab node runs proof-of-stake forks (Paris to Osaka, BPO1, BPO2), not \(config.upgrade.name)")
        }
        self.config = config
        self.accounts = accounts
        for a in accounts { keys[a.address] = a.privateKey }
        let network = Network(name: config.upgrade.name, chainId: U256(config.chainId),
                              upgrades: [(.block(0), config.upgrade)])
        let trie = StateTrie(accounts: alloc)
        let empty = U256(bigEndianBytes: MerklePatriciaTrie.emptyRoot)
        let genesis = BlockHeader(
            stateRoot: trie.root, transactionsRoot: empty, receiptsRoot: empty, number: .zero,
            gasLimit: U256(config.gasLimit), timestamp: U256(timestamp),
            baseFeePerGas: schedule.hasBaseFee ? config.baseFee : nil,
            withdrawalsRoot: schedule.hasWithdrawals ? empty : nil,
            blobGasUsed: schedule.hasBlobs ? .zero : nil, excessBlobGas: schedule.hasBlobs ? .zero : nil,
            parentBeaconBlockRoot: schedule.hasBeaconRootsCall ? .zero : nil,
            requestsHash: schedule.hasExecutionRequests
                ? BlockExecutor.Outcome(receipts: [], gasUsed: 0, blobGasUsed: 0, requests: []).requestsHash : nil)
        do {
            chain = try Chain(network: network, genesis: genesis, accounts: alloc)
        } catch {
            throw .genesis("genesis: \(error)")
        }
        chain.statesKept = config.statesKept
        canonical = [chain.genesisHash]
        gasReport = GasReportRecorder(config: config)
    }

    /// Runs `body` with the node to itself.
    func locked<T>(_ body: () throws(RPCError) -> T) throws(RPCError) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    // MARK: Time and the next block

    var head: Chain.Entry { chain.head }
    var headNumber: U256 { head.block.header.number }

    func now() -> UInt64 {
        let t = Int64(Date().timeIntervalSince1970) + timeOffset
        return UInt64(max(t, 0))
    }

    /// The next block's producer fields: the timestamp set by evm_setNextBlockTimestamp, or
    /// the clock (never before the parent's plus one second).
    func template(timestamp: UInt64? = nil) -> BlockTemplate {
        let parent = head.block.header
        let parentTime = parent.timestamp.w0
        let time = timestamp ?? nextTimestamp ?? max(now(), parentTime + 1)
        let number = parent.number &+ .one
        return BlockTemplate(coinbase: .zero, timestamp: U256(time), gasLimit: U256(config.gasLimit),
                             prevRandao: Keccak256.hashWord(number.bigEndianBytes))
    }

    /// The environment the next block's transactions will see.
    func nextEnvironment() -> (header: BlockHeader, env: BlockEnvironment, upgrade: Upgrade) {
        let (header, upgrade) = chain.nextHeader(after: head.block.header, parentHash: chain.headHash, template())
        return (header, BlockExecutor(upgrade: upgrade, chainId: chain.network.chainId).environment(header), upgrade)
    }

    /// The next block's base fee (what a transaction must offer at least).
    var nextBaseFee: U256 { nextEnvironment().env.baseFee }

    // MARK: Submitting and mining

    /// The nonce the account's next transaction must carry (its pending transactions counted).
    func pendingNonce(_ address: Address) -> UInt64 {
        pool.reduce(head.accounts[address]?.nonce ?? 0) { $0 + ($1.pending.transaction.sender == address ? 1 : 0) }
    }

    /// Validates a signed transaction against the pending state and the next block, then mines
    /// it (automine) or queues it. Returns its hash. An invalid one changes nothing.
    func submit(_ pending: PendingTransaction, signature: TransactionSignature) throws(RPCError) -> U256 {
        let tx = pending.transaction
        if mined[pending.hash] != nil || pool.contains(where: { $0.pending.hash == pending.hash }) {
            throw .server("already known")
        }
        let next = nextEnvironment()
        let processor = TransactionProcessor(fork: next.upgrade.fork)
        do {
            if config.blockTime == nil {
                // Automine: the block about to be built starts from the head's state.
                _ = try processor.validate(tx, state: WorldState(accounts: head.accounts, fork: next.upgrade.fork), block: next.env)
            } else {
                let state = pendingState ?? pendingWorld()
                _ = try processor.execute(tx, state: state, block: next.env)
                pendingState = state
            }
        } catch {
            throw RPCError.server(NodeErrors.message(error, tx: tx, baseFee: next.env.baseFee))
        }
        if config.blockTime == nil {
            let block = try mine([QueuedTransaction(pending: pending, signature: signature)])
            if let r = block.rejected.first { throw RPCError.server(NodeErrors.message(r.error, tx: tx, baseFee: next.env.baseFee)) }
        } else {
            pool.append(QueuedTransaction(pending: pending, signature: signature))
        }
        return pending.hash
    }

    /// The head's state with the pool's transactions applied.
    func pendingWorld() -> WorldState {
        let next = nextEnvironment()
        let state = chain.state() ?? WorldState(fork: next.upgrade.fork)
        let processor = TransactionProcessor(fork: next.upgrade.fork)
        for q in pool { _ = try? processor.execute(q.pending.transaction, state: state, block: next.env) }
        return state
    }

    /// Mines one block with `transactions` (default: the pool) and indexes it.
    @discardableResult
    func mine(_ transactions: [QueuedTransaction]? = nil, timestamp: UInt64? = nil) throws(RPCError) -> BuiltBlock {
        let queue = transactions ?? pool
        let signatures = Dictionary(queue.map { ($0.pending.hash, $0.signature) }, uniquingKeysWith: { a, _ in a })
        let built: BuiltBlock
        do {
            built = try chain.build(template(timestamp: timestamp), transactions: queue.map(\.pending))
        } catch {
            throw RPCError.server("block not built: \(error)")
        }
        nextTimestamp = nil
        if transactions == nil {
            let left = Set(built.deferred.map(\.hash))
            pool = pool.filter { left.contains($0.pending.hash) }
        }
        pendingState = nil
        let header = built.entry.block.header
        let hash = built.entry.hash
        canonical.append(hash)
        let blobPrice = BlockExecutor(upgrade: chain.network.upgrade(of: header), chainId: chain.network.chainId)
            .environment(header).blobBaseFee(schedule: chain.network.upgrade(of: header).schedule)
        var logIndex = 0
        var hashes: [U256] = []
        for (i, inc) in built.included.enumerated() {
            let m = MinedTransaction(pending: inc.pending, signature: signatures[inc.pending.hash] ?? TransactionSignature(v: .zero, r: .zero, s: .zero),
                                     receipt: inc.receipt, gasPrice: inc.gasPrice, cumulativeGasUsed: inc.cumulativeGasUsed,
                                     blockHash: hash, blockNumber: header.number, timestamp: header.timestamp, index: i,
                                     firstLogIndex: logIndex, blobGasPrice: blobPrice)
            logIndex += inc.receipt.logs.count
            mined[m.hash] = m
            hashes.append(m.hash)
            if config.recordsGasReport { gasReport.record(m, state: built.entry.accounts) }
        }
        blockTransactions[hash] = hashes
        return built
    }

    // MARK: Snapshots

    func snapshot() -> Int {
        let id = nextSnapshot
        nextSnapshot += 1
        snapshots[id] = Snapshot(head: chain.headHash, timeOffset: timeOffset, nextTimestamp: nextTimestamp, pool: pool)
        chain.pinned.insert(chain.headHash)
        return id
    }

    /// Back to snapshot `id`: the blocks after it are forgotten, with their transactions; the
    /// snapshot and every later one are used up (Anvil's and Hardhat's rule).
    func revert(to id: Int) -> Bool {
        guard let snap = snapshots[id], chain.rewind(to: snap.head) else { return false }
        guard let number = chain.entries[snap.head]?.block.header.number else { return false }
        let keep = Int(number.w0) + 1
        for hash in canonical.dropFirst(keep) {
            for tx in blockTransactions[hash] ?? [] { mined[tx] = nil }
            blockTransactions[hash] = nil
        }
        canonical.removeLast(max(canonical.count - keep, 0))
        timeOffset = snap.timeOffset
        nextTimestamp = snap.nextTimestamp
        pool = snap.pool
        pendingState = nil
        for key in snapshots.keys where key >= id { snapshots[key] = nil }
        chain.pinned = Set(snapshots.values.map(\.head))
        return true
    }

    // MARK: Blocks by tag

    /// A block by its tag: "latest", "pending" (the head; pending state is the pool's),
    /// "earliest", "safe", "finalized" (the head: a development chain finalises at once), a
    /// number, or an EIP-1898 object {"blockHash"} / {"blockNumber"}.
    func block(_ tag: JSON?) throws(RPCError) -> Chain.Entry {
        guard let tag else { return head }
        switch tag {
        case .string(let s):
            switch s {
            case "latest", "pending", "safe", "finalized": return head
            case "earliest": return chain.entries[canonical[0]]!
            default:
                let n = try Params.quantity(tag, bad: { RPCError.invalidParams("invalid block tag: \($0)") })
                guard n < U256(UInt64(canonical.count)), let e = chain.entries[canonical[Int(n.w0)]] else { throw .unknownBlock }
                return e
            }
        case .object:
            if let h = tag["blockHash"] {
                let b = try Params.data(h, bad: { RPCError.invalidParams("invalid blockHash: \($0)") })
                guard b.count == 32, let e = chain.entries[U256(bigEndianBytes: b)] else { throw .unknownBlock }
                return e
            }
            return try block(tag["blockNumber"])
        default:
            throw .invalidParams("invalid block tag")
        }
    }

    /// The state after a block (or the pending state for "pending").
    func state(_ tag: JSON?) throws(RPCError) -> WorldState {
        if tag?.string == "pending", config.blockTime != nil { return pendingState ?? pendingWorld() }
        let entry = try block(tag)
        guard let s = chain.state(at: entry.hash) else {
            throw .server("state of block \(entry.block.header.number) is not kept (the last \(config.statesKept) blocks are)")
        }
        return s
    }

    func isCanonical(_ entry: Chain.Entry) -> Bool {
        let n = entry.block.header.number
        return n < U256(UInt64(canonical.count)) && canonical[Int(n.w0)] == entry.hash
    }
}

/// TransactionError in geth's words (core/error.go, txpool), which clients match on.
enum NodeErrors {
    static func message(_ e: TransactionError, tx: Transaction, baseFee: U256) -> String {
        let from = RPCHex.address(tx.sender)
        switch e {
        case .nonceTooLow(let expected, let got): return "nonce too low: address \(from), tx: \(got) state: \(expected)"
        case .nonceTooHigh(let expected, let got): return "nonce too high: address \(from), tx: \(got) state: \(expected)"
        case .insufficientBalance(let needed, let available):
            return "insufficient funds for gas * price + value: address \(from) have \(available) want \(needed)"
        case .intrinsicGasTooLow(let needed, let limit): return "intrinsic gas too low: gas \(limit), minimum needed \(needed)"
        case .belowCalldataFloor(let needed, let limit):
            return "insufficient gas for floor data gas cost: gas \(limit), minimum needed \(needed)"
        case .maxFeeBelowBaseFee:
            return "max fee per gas less than block base fee: address \(from), maxFeePerGas: \(tx.maxFeePerGas), baseFee: \(baseFee)"
        case .gasPriceBelowBaseFee:
            return "transaction underpriced: address \(from), gasPrice: \(tx.gasPrice), baseFee: \(baseFee)"
        case .priorityFeeAboveMaxFee: return "max priority fee per gas higher than max fee per gas"
        case .senderHasCode: return "sender not an eoa: address \(from)"
        case .gasLimitAboveBlock: return "exceeds block gas limit"
        case .gasLimitAboveCap(let limit, let cap): return "transaction gas limit too high (cap: \(cap), tx: \(limit))"
        case .initcodeTooLarge(let size, let limit): return "max initcode size exceeded: code size \(size) limit \(limit)"
        case .typeNotSupported: return "transaction type not supported"
        case .maxFeePerBlobGasTooLow: return "max fee per blob gas less than block blob gas fee"
        case .emptyAuthorizationList: return "EIP-7702 transaction with empty auth list"
        default: return e.description
        }
    }
}

extension DevNode {
    /// Stops mining on the timer and waits for a block being mined to finish: after this the
    /// node's records (state, gas report) no longer change.
    public func shutdown() {
        lock.lock()
        defer { lock.unlock() }
        miningTimer?.cancel()
        miningTimer = nil
    }

    /// With `blockTime`, a block every `blockTime` seconds holding the pool's transactions
    /// (empty blocks too, as Anvil mines them). Without it, nothing: transactions mine themselves.
    public func startMining() {
        guard let interval = config.blockTime else { return }
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "gaslab.node.miner"))
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler { [weak self] in
            guard let self else { return }
            self.lock.lock()
            defer { self.lock.unlock() }
            _ = try? self.mine()
        }
        timer.resume()
        miningTimer = timer
    }
}
