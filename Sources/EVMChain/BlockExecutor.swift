import EVMCore
import EVMState

/// Runs a block's contents on a world state under one fork: the system calls before the
/// transactions, the transactions in order, the withdrawals after them. What it computes
/// (receipts, gas used, blob gas, logs bloom, state root) is what the header commits to.
///
/// It covers the forks from Paris on: Cancun's EIP-4788 beacon roots, Prague's EIP-2935
/// history contract and EIP-7685 requests (EIP-6110 deposits, EIP-7002 withdrawals, EIP-7251
/// consolidations). Block rewards before Paris, validation and fork transitions come next.
public struct BlockExecutor {
    public let fork: Fork
    public let chainId: U256

    public init(fork: Fork, chainId: U256 = .one) {
        self.fork = fork
        self.chainId = chainId
    }

    /// What a block's execution produced.
    public struct Outcome: Sendable {
        public var receipts: [BlockReceipt]
        public var gasUsed: UInt64
        public var blobGasUsed: UInt64
        /// EIP-7685: the requests, each `type ‖ data`, empty ones left out.
        public var requests: [[UInt8]]
        public var receiptsRoot: U256 { Block.trieRoot(receipts.map(\.encoded)) }
        /// EIP-7685: sha256 of the concatenated sha256 of each request.
        public var requestsHash: U256 {
            U256(bigEndianBytes: SHA256Hash.of(requests.flatMap { SHA256Hash.of($0) }))
        }
        public var logsBloom: [UInt8] { LogsBloom.union(receipts.map(\.bloom)) }
    }

    public enum ExecutionError: Error, Equatable, CustomStringConvertible {
        case transaction(index: Int, TransactionError)
        case undecodable(index: Int, String)
        /// A system contract the block needs has no code, or its call failed (EIP-7002, EIP-7251).
        case systemCallFailed(Address)
        /// A deposit contract log whose data is not the EIP-6110 layout.
        case invalidDepositLog

        public var description: String {
            switch self {
            case .transaction(let i, let e): return "transaction \(i): \(e)"
            case .undecodable(let i, let e): return "transaction \(i): \(e)"
            case .systemCallFailed(let a): return "system call to \(a) failed"
            case .invalidDepositLog: return "deposit contract log with invalid data (EIP-6110)"
            }
        }
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
        BlockEnvironment(coinbase: header.coinbase, number: header.number, timestamp: header.timestamp,
                         gasLimit: header.gasLimit, prevRandao: header.mixHash, baseFee: header.baseFeePerGas ?? .zero,
                         excessBlobGas: header.excessBlobGas ?? .zero, chainId: chainId)
    }

    public func execute(_ block: Block, state: WorldState) throws(ExecutionError) -> Outcome {
        let env = environment(block.header)
        let schedule = fork.schedule
        state.schedule = schedule
        // BLOCKHASH of the parent (earlier ones were recorded as their blocks ran).
        if !block.header.number.isZero { state.blockHashes[block.header.number &- .one] = block.header.parentHash }
        if schedule.hasBeaconRootsCall, let root = block.header.parentBeaconBlockRoot {
            _ = systemCall(to: BlockExecutor.beaconRootsAddress, data: root.bigEndianBytes, state: state, block: env)
        }
        if schedule.hasBlockHashHistoryCall {
            _ = systemCall(to: BlockExecutor.historyStorageAddress, data: block.header.parentHash.bigEndianBytes,
                           state: state, block: env)
        }
        let processor = TransactionProcessor(fork: fork)
        var receipts: [BlockReceipt] = []
        var gasUsed: UInt64 = 0
        var blobGasUsed: UInt64 = 0
        for (i, bytes) in block.transactions.enumerated() {
            let tx: Transaction
            do { tx = try Transaction.decode(bytes).0 } catch { throw .undecodable(index: i, "\(error)") }
            let receipt: Receipt
            do { receipt = try processor.execute(tx, state: state, block: env) } catch { throw .transaction(index: i, error) }
            gasUsed += UInt64(receipt.gasUsed)
            blobGasUsed += UInt64(receipt.blobGasUsed)
            receipts.append(BlockReceipt(type: tx.type, succeeded: receipt.succeeded, cumulativeGasUsed: gasUsed,
                                         logs: receipt.logs))
        }
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
                guard let output = systemCall(to: address, data: [], state: state, block: env) else {
                    throw .systemCallFailed(address)
                }
                if !output.isEmpty { requests.append([type] + output) }
            }
        }
        return Outcome(receipts: receipts, gasUsed: gasUsed, blobGasUsed: blobGasUsed, requests: requests)
    }

    /// EIP-6110: the deposits the block's receipts log from the deposit contract, each as
    /// pubkey (48) ‖ withdrawal credentials (32) ‖ amount (8) ‖ signature (96) ‖ index (8),
    /// from the event's ABI layout (five byte strings at fixed offsets).
    func depositRequests(_ receipts: [BlockReceipt]) throws(ExecutionError) -> [UInt8] {
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
