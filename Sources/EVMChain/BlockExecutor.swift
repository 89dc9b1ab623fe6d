import EVMCore
import EVMState

/// Runs a block's contents on a world state under one fork: the system calls before the
/// transactions, the transactions in order, the withdrawals after them. What it computes
/// (receipts, gas used, blob gas, logs bloom, state root) is what the header commits to.
///
/// This first version covers the forks from Paris on whose system calls it knows (Paris,
/// Shanghai, Cancun's EIP-4788 beacon roots); block rewards, Prague's history contract and
/// requests, validation and transitions come next.
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
        public var receiptsRoot: U256 { Block.trieRoot(receipts.map(\.encoded)) }
        public var logsBloom: [UInt8] { LogsBloom.union(receipts.map(\.bloom)) }
    }

    public enum ExecutionError: Error, Equatable, CustomStringConvertible {
        case transaction(index: Int, TransactionError)
        case undecodable(index: Int, String)

        public var description: String {
            switch self {
            case .transaction(let i, let e): return "transaction \(i): \(e)"
            case .undecodable(let i, let e): return "transaction \(i): \(e)"
            }
        }
    }

    /// EIP-4788's contract and the system caller.
    public static let beaconRootsAddress = Address(hex: "0x000F3df6D732807Ef1319fB7B8bB8522d0Beac02")!
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
        state.schedule = fork.schedule
        if let root = block.header.parentBeaconBlockRoot, fork.schedule.hasBlobs {
            systemCall(to: BlockExecutor.beaconRootsAddress, data: root.bigEndianBytes, state: state, block: env)
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
        return Outcome(receipts: receipts, gasUsed: gasUsed, blobGasUsed: blobGasUsed)
    }

    /// A system call (EIP-4788): from the system address, with no gas charged and no value;
    /// its changes stay. A contract without code is a no-op.
    func systemCall(to address: Address, data: [UInt8], state: WorldState, block: BlockEnvironment) {
        guard let code = state.account(address)?.code, !code.isEmpty else { return }
        state.beginTransaction()
        state.context = ExecutionContext(origin: BlockExecutor.systemAddress, gasPrice: .zero, coinbase: block.coinbase,
                                         number: block.number, timestamp: block.timestamp, gasLimit: block.gasLimit,
                                         prevRandao: block.prevRandao, chainId: block.chainId, baseFee: block.baseFee,
                                         blobBaseFee: block.blobBaseFee(schedule: fork.schedule))
        state.warm(BlockExecutor.systemAddress)
        state.warm(address)
        _ = Executor(state: state, fork: fork).execute(
            Message(caller: BlockExecutor.systemAddress, recipient: address, input: data, gas: BlockExecutor.systemCallGas))
        state.endTransaction()
    }
}
