/// Block and transaction values the environment opcodes read (the state test's `env` and
/// the transaction's fields).
public struct ExecutionContext: Sendable {
    public var origin: Address
    public var gasPrice: U256
    public var coinbase: Address
    public var number: U256
    public var timestamp: U256
    public var gasLimit: U256
    /// PREVRANDAO (DIFFICULTY before Paris).
    public var prevRandao: U256
    public var chainId: U256
    public var baseFee: U256
    public var blobBaseFee: U256
    public var blobHashes: [U256]

    public init(origin: Address = .zero, gasPrice: U256 = .zero, coinbase: Address = .zero, number: U256 = .zero,
                timestamp: U256 = .zero, gasLimit: U256 = U256(30_000_000), prevRandao: U256 = .zero,
                chainId: U256 = .one, baseFee: U256 = .zero, blobBaseFee: U256 = .one, blobHashes: [U256] = []) {
        self.origin = origin
        self.gasPrice = gasPrice
        self.coinbase = coinbase
        self.number = number
        self.timestamp = timestamp
        self.gasLimit = gasLimit
        self.prevRandao = prevRandao
        self.chainId = chainId
        self.baseFee = baseFee
        self.blobBaseFee = blobBaseFee
        self.blobHashes = blobHashes
    }
}

/// Whether an account or a storage slot had already been accessed in the transaction
/// (EIP-2929). Hosts answer it for every fork; before Berlin the schedule prices both alike.
@frozen
public enum Access: Sendable, Equatable {
    case warm, cold
}

/// The world an interpreter frame runs in. The interpreter never owns state: it asks the
/// host, which answers with the value and whether the access was cold (and marks it warm).
/// Every change a host makes must be undoable when a frame reverts.
public protocol Host: AnyObject {
    var context: ExecutionContext { get }

    /// Marks an account accessed (warm); returns whether it was cold before.
    func accessAccount(_ address: Address) -> Access
    /// Whether an account exists and is not empty (EIP-161): CALL's new-account charge.
    func isAlive(_ address: Address) -> Bool
    func balance(_ address: Address) -> U256
    /// The code of an account (not following EIP-7702 delegation).
    func code(_ address: Address) -> AnalyzedCode
    /// EXTCODEHASH: zero for an account that does not exist or is empty.
    func codeHash(_ address: Address) -> U256
    /// The target of an EIP-7702 delegation designator in the account's code, if any.
    func delegationTarget(_ address: Address) -> Address?

    /// SLOAD: the value, and whether the slot was cold (it is warm now).
    func sload(_ address: Address, _ key: U256) -> (value: U256, access: Access)
    /// SSTORE: writes the value; returns the storage status of the write (from the original,
    /// current and new values) and whether the slot was cold.
    func sstore(_ address: Address, _ key: U256, _ value: U256) -> (status: StorageStatus, access: Access)
    func tload(_ address: Address, _ key: U256) -> U256
    func tstore(_ address: Address, _ key: U256, _ value: U256)

    func emitLog(address: Address, topics: [U256], data: [UInt8])
    /// SELFDESTRUCT's effects (moving the balance, marking the account); returns whether the
    /// account earns the pre-London refund (it was not already destroyed in this transaction).
    func selfDestruct(_ address: Address, beneficiary: Address) -> Bool

    /// BLOCKHASH of a block number (zero outside the last 256 blocks).
    func blockHash(_ number: U256) -> U256
}
