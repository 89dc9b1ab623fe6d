import EVMCore
import EVMState

/// Runs a block's contents on a world state under one upgrade: the system calls before the
/// transactions, the transactions in order (each within the gas and blob gas the block has
/// left), the block and ommer rewards before Paris, the withdrawals and requests after. What
/// it computes (receipts, gas used, blob gas, logs bloom, requests) is what the header
/// commits to; `Chain` compares the two.
public struct BlockExecutor {
    public let upgrade: Upgrade
    public let chainId: U256
    public var fork: Fork { upgrade.fork }

    public init(upgrade: Upgrade, chainId: U256 = .one) {
        self.upgrade = upgrade
        self.chainId = chainId
    }

    public init(fork: Fork, chainId: U256 = .one) {
        self.init(upgrade: Upgrade(name: fork.name, fork: fork, blobs: BlobParameters(schedule: fork.schedule)),
                  chainId: chainId)
    }

    /// What a block's execution produced.
    public struct Outcome: Sendable {
        public var receipts: [BlockReceipt]
        public var gasUsed: UInt64
        public var blobGasUsed: UInt64
        /// EIP-7685: the requests, each `type ‖ data`, empty ones left out.
        public var requests: [[UInt8]]

        public init(receipts: [BlockReceipt], gasUsed: UInt64, blobGasUsed: UInt64, requests: [[UInt8]]) {
            self.receipts = receipts
            self.gasUsed = gasUsed
            self.blobGasUsed = blobGasUsed
            self.requests = requests
        }
        public var receiptsRoot: U256 { Block.trieRoot(receipts.map(\.encoded)) }
        /// EIP-7685: sha256 of the concatenated sha256 of each request.
        public var requestsHash: U256 {
            U256(bigEndianBytes: SHA256Hash.of(requests.flatMap { SHA256Hash.of($0) }))
        }
        public var logsBloom: [UInt8] { LogsBloom.union(receipts.map(\.bloom)) }
    }

    /// EIP-4788's contract and the system caller.
    public static let beaconRootsAddress = Address(hex: "0x000F3df6D732807Ef1319fB7B8bB8522d0Beac02")!
    /// EIP-2935's history contract.
    public static let historyStorageAddress = Address(hex: "0x0000F90827F1C53a10cb7A02335B175320002935")!
    /// EIP-7002 and EIP-7251's request contracts.
    public static let withdrawalRequestAddress = Address(hex: "0x00000961Ef480Eb55e80D19ad83579A64c007002")!
    public static let consolidationRequestAddress = Address(hex: "0x0000BBdDc7CE488642fb579F8B00f3a590007251")!
    /// EIP-6110: mainnet's deposit contract and its DepositEvent's topic.
    public static let depositContractAddress = Address(hex: "0x00000000219ab540356cbb839cbe05303d7705fa")!
    public static let depositEventTopic = U256(hex: "649bbc62d0e31342afea4e5cd82d4049e7e1ee912fc0889aa790803be39038c5")!
    public static let systemAddress = Address(hex: "0xfffffffffffffffffffffffffffffffffffffffe")!
    public static let systemCallGas = 30_000_000

    /// The environment the block's transactions see.
    public func environment(_ header: BlockHeader) -> BlockEnvironment {
        // Before Paris the opcode at 0x44 reads the difficulty; from Paris, the mix hash
        // field carries PREVRANDAO (EIP-4399).
        BlockEnvironment(coinbase: header.coinbase, number: header.number, timestamp: header.timestamp,
                         gasLimit: header.gasLimit,
                         prevRandao: upgrade.schedule.hasProofOfStake ? header.mixHash : header.difficulty,
                         baseFee: header.baseFeePerGas ?? .zero, excessBlobGas: header.excessBlobGas ?? .zero,
                         chainId: chainId, blobMax: upgrade.blobs?.max,
                         blobBaseFeeUpdateFraction: upgrade.blobs?.updateFraction)
    }

    public func execute(_ block: Block, state: WorldState) throws(BlockError) -> Outcome {
        let env = environment(block.header)
        beginBlock(block.header, state: state, env: env)
        let processor = TransactionProcessor(fork: fork)
        var receipts: [BlockReceipt] = []
        var gasUsed: UInt64 = 0
        var blobGasUsed: UInt64 = 0
        for (i, bytes) in block.transactions.enumerated() {
            let tx: Transaction
            do { tx = try Transaction.decode(bytes).0 } catch { throw .undecodableTransaction(index: i, "\(error)") }
            // The execution specs' `check_transaction`: the block's gas and blob gas left.
            if let reason = roomLeft(for: tx, header: block.header, gasUsed: gasUsed, blobGasUsed: blobGasUsed) {
                throw reason == .gas ? .blockGasExceeded(index: i) : .blockBlobGasExceeded(index: i)
            }
            let receipt: Receipt
            do { receipt = try processor.execute(tx, state: state, block: env) } catch { throw .transaction(index: i, error) }
            gasUsed += UInt64(receipt.gasUsed)
            blobGasUsed += UInt64(receipt.blobGasUsed)
            receipts.append(BlockReceipt(type: tx.type, succeeded: receipt.succeeded, cumulativeGasUsed: gasUsed,
                                         logs: receipt.logs))
        }
        let requests = try endBlock(block, receipts: receipts, state: state, env: env)
        return Outcome(receipts: receipts, gasUsed: gasUsed, blobGasUsed: blobGasUsed, requests: requests)
    }

    /// What a transaction would exceed in a block that has used `gasUsed` and `blobGasUsed`.
    public enum Room: Sendable, Equatable { case gas, blobGas }

    /// The execution specs' `check_transaction`: nil when the block has room for `tx`.
    public func roomLeft(for tx: Transaction, header: BlockHeader, gasUsed: UInt64, blobGasUsed: UInt64) -> Room? {
        if tx.gasLimit > header.gasLimit &- U256(gasUsed) { return .gas }
        let schedule = fork.schedule
        if tx.type == 3, schedule.hasBlobs {
            let maxBlobGas = UInt64(upgrade.blobs?.max ?? 0) * UInt64(schedule.blobGasPerBlob)
            let blobGas = UInt64(tx.blobVersionedHashes.count) * UInt64(schedule.blobGasPerBlob)
            if blobGas > maxBlobGas - min(blobGasUsed, maxBlobGas) { return .blobGas }
        }
        return nil
    }

    /// Before the transactions: the parent's hash for BLOCKHASH (earlier ones were recorded
    /// as their blocks ran), then the EIP-4788 and EIP-2935 system calls.
    public func beginBlock(_ header: BlockHeader, state: WorldState, env: BlockEnvironment) {
        let schedule = fork.schedule
        state.schedule = schedule
        if !header.number.isZero { state.blockHashes[header.number &- .one] = header.parentHash }
        if schedule.hasBeaconRootsCall, let root = header.parentBeaconBlockRoot {
            _ = systemCall(to: BlockExecutor.beaconRootsAddress, data: root.bigEndianBytes, state: state, block: env)
        }
        if schedule.hasBlockHashHistoryCall {
            _ = systemCall(to: BlockExecutor.historyStorageAddress, data: header.parentHash.bigEndianBytes,
                           state: state, block: env)
        }
    }

    /// After the transactions: block and ommer rewards before Paris, EIP-4895 withdrawals,
    /// and the EIP-7685 requests (EIP-6110 deposits from the receipts, EIP-7002 and EIP-7251
    /// from their system contracts).
    public func endBlock(_ block: Block, receipts: [BlockReceipt], state: WorldState,
                         env: BlockEnvironment) throws(BlockError) -> [[UInt8]] {
        let schedule = fork.schedule
        if let reward = schedule.blockReward { payRewards(reward, block: block, state: state) }
        for w in block.withdrawals ?? [] {
            // EIP-4895: amounts are in gwei; no gas, no code runs; an account left empty (a
            // zero withdrawal to a new address) does not come to exist.
            state.addBalance(w.address, w.amount &* U256(1_000_000_000))
            if state.account(w.address)?.isEmpty == true { state.destroyAccount(w.address) }
        }
        var requests: [[UInt8]] = []
        if schedule.hasExecutionRequests {
            let deposits = try depositRequests(receipts)
            if !deposits.isEmpty { requests.append([0x00] + deposits) }
            for (type, address) in [(UInt8(0x01), BlockExecutor.withdrawalRequestAddress),
                                    (UInt8(0x02), BlockExecutor.consolidationRequestAddress)] {
                guard state.account(address)?.code.isEmpty == false else { throw .systemContractEmpty(address) }
                guard let output = systemCall(to: address, data: [], state: state, block: env) else {
                    throw .systemCallFailed(address)
                }
                if !output.isEmpty { requests.append([type] + output) }
            }
        }
        return requests
    }

    /// Before Paris: the miner earns the block reward plus 1/32 of it per ommer; an ommer's
    /// miner earns (8 − depth)/8 of it, depth being how many blocks older the ommer is.
    func payRewards(_ reward: U256, block: Block, state: WorldState) {
        state.beginTransaction()
        let perOmmer = reward.div(U256(32))
        state.addBalance(block.header.coinbase, reward &+ perOmmer &* U256(UInt64(block.ommers.count)))
        for ommer in block.ommers {
            let depth = block.header.number &- ommer.number
            state.addBalance(ommer.coinbase, (reward &* (U256(8) &- depth)).div(U256(8)))
        }
        state.endTransaction()
    }

    /// EIP-6110: the deposits the block's receipts log from the deposit contract, each as
    /// pubkey (48) ‖ withdrawal credentials (32) ‖ amount (8) ‖ signature (96) ‖ index (8),
    /// from the event's ABI layout (five byte strings at fixed offsets).
    func depositRequests(_ receipts: [BlockReceipt]) throws(BlockError) -> [UInt8] {
        var out: [UInt8] = []
        for receipt in receipts {
            for log in receipt.logs where log.address == BlockExecutor.depositContractAddress
                && log.topics.first == BlockExecutor.depositEventTopic {
                let d = log.data
                guard d.count == 576 else { throw .invalidDepositLog }
                func word(_ at: Int) -> U256 { U256(bigEndianBytes: d[at..<at + 32]) }
                let layout: [(offset: Int, size: Int)] = [(160, 48), (256, 32), (320, 8), (384, 96), (512, 8)]
                for (i, field) in layout.enumerated() {
                    guard word(32 * i) == U256(UInt64(field.offset)),
                          word(field.offset) == U256(UInt64(field.size)) else { throw .invalidDepositLog }
                    out += d[field.offset + 32..<field.offset + 32 + field.size]
                }
            }
        }
        return out
    }

    /// A system call (EIP-4788, EIP-2935, EIP-7002, EIP-7251): from the system address, with
    /// no gas charged and no value; its changes stay. Returns the output, or nil when the
    /// contract has no code or the call fails (fatal for the request contracts only).
    func systemCall(to address: Address, data: [UInt8], state: WorldState, block: BlockEnvironment) -> [UInt8]? {
        guard let code = state.account(address)?.code, !code.isEmpty else { return nil }
        state.beginTransaction()
        state.context = ExecutionContext(origin: BlockExecutor.systemAddress, gasPrice: .zero, coinbase: block.coinbase,
                                         number: block.number, timestamp: block.timestamp, gasLimit: block.gasLimit,
                                         prevRandao: block.prevRandao, chainId: block.chainId, baseFee: block.baseFee,
                                         blobBaseFee: block.blobBaseFee(schedule: fork.schedule))
        state.warm(BlockExecutor.systemAddress)
        state.warm(address)
        let result = Executor(state: state, fork: fork).execute(
            Message(caller: BlockExecutor.systemAddress, recipient: address, input: data, gas: BlockExecutor.systemCallGas))
        state.endTransaction()
        return result.status.isSuccess ? result.output : nil
    }
}
