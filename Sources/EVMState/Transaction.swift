import EVMCore

/// An entry of an EIP-2930 access list.
public struct AccessListEntry: Sendable, Equatable {
    public var address: Address
    public var storageKeys: [U256]
    public init(address: Address, storageKeys: [U256] = []) {
        self.address = address
        self.storageKeys = storageKeys
    }
}

/// An EIP-7702 authorization: the authority (recovered from the signature) delegates its code
/// to `address`.
public struct Authorization: Sendable, Equatable {
    public var chainId: U256
    public var address: Address
    public var nonce: U256
    public var yParity: U256
    public var r: U256
    public var s: U256
    /// The signer, when already known (state tests list it); otherwise recovered.
    public var signer: Address?

    public init(chainId: U256, address: Address, nonce: U256, yParity: U256, r: U256, s: U256, signer: Address? = nil) {
        self.chainId = chainId
        self.address = address
        self.nonce = nonce
        self.yParity = yParity
        self.r = r
        self.s = s
        self.signer = signer
    }
}

/// A transaction of any type: 0 (legacy), 1 (EIP-2930), 2 (EIP-1559), 3 (EIP-4844 blobs),
/// 4 (EIP-7702 set code). Fields a type does not have are left at their defaults.
public struct Transaction: Sendable {
    public var type: Int
    public var chainId: U256
    public var nonce: U256
    /// Type 0 and 1: the gas price. Types 2+: use maxFeePerGas / maxPriorityFeePerGas.
    public var gasPrice: U256
    public var maxFeePerGas: U256
    public var maxPriorityFeePerGas: U256
    public var gasLimit: U256
    /// nil for a contract creation.
    public var to: Address?
    public var value: U256
    public var data: [UInt8]
    public var accessList: [AccessListEntry]
    public var maxFeePerBlobGas: U256
    public var blobVersionedHashes: [U256]
    public var authorizations: [Authorization]
    public var sender: Address

    public init(type: Int = 0, chainId: U256 = .one, nonce: U256 = .zero, gasPrice: U256 = .zero,
                maxFeePerGas: U256 = .zero, maxPriorityFeePerGas: U256 = .zero, gasLimit: U256,
                to: Address?, value: U256 = .zero, data: [UInt8] = [], accessList: [AccessListEntry] = [],
                maxFeePerBlobGas: U256 = .zero, blobVersionedHashes: [U256] = [],
                authorizations: [Authorization] = [], sender: Address) {
        self.type = type
        self.chainId = chainId
        self.nonce = nonce
        self.gasPrice = gasPrice
        self.maxFeePerGas = maxFeePerGas
        self.maxPriorityFeePerGas = maxPriorityFeePerGas
        self.gasLimit = gasLimit
        self.to = to
        self.value = value
        self.data = data
        self.accessList = accessList
        self.maxFeePerBlobGas = maxFeePerBlobGas
        self.blobVersionedHashes = blobVersionedHashes
        self.authorizations = authorizations
        self.sender = sender
    }

    public var isCreate: Bool { to == nil }

    /// Whether the transaction pays by EIP-1559 fee caps (types 2, 3, 4).
    public var usesFeeCaps: Bool { type >= 2 }

    public var accessListStorageKeyCount: Int { accessList.reduce(0) { $0 + $1.storageKeys.count } }
}

/// Why a transaction cannot be included. An invalid transaction changes nothing.
public enum TransactionError: Error, Equatable, Sendable, CustomStringConvertible {
    case intrinsicGasTooLow(needed: Int, limit: U256)
    /// The gas limit pays the intrinsic gas but not the EIP-7623 calldata floor.
    case belowCalldataFloor(needed: Int, limit: U256)
    case gasLimitAboveCap(limit: U256, cap: Int)
    case gasLimitAboveBlock
    case nonceTooLow(expected: UInt64, got: U256)
    case nonceTooHigh(expected: UInt64, got: U256)
    case nonceMaximum
    case insufficientBalance(needed: String, available: U256)
    case senderHasCode
    case priorityFeeAboveMaxFee
    case maxFeeBelowBaseFee
    case gasPriceBelowBaseFee
    case initcodeTooLarge(size: Int, limit: Int)
    case typeNotSupported(Int)
    case createNotAllowed(type: Int)
    case noBlobs
    case tooManyBlobs(count: Int, limit: Int)
    case invalidBlobVersionedHash
    case maxFeePerBlobGasTooLow
    case blobGasAboveBlock
    case emptyAuthorizationList

    public var description: String {
        switch self {
        case .intrinsicGasTooLow(let n, let l): return "intrinsic gas too low: needs \(n), gas limit \(l)"
        case .belowCalldataFloor(let n, let l): return "gas limit \(l) below the calldata floor of \(n) (EIP-7623)"
        case .gasLimitAboveCap(let l, let c): return "gas limit \(l) above the transaction cap \(c) (EIP-7825)"
        case .gasLimitAboveBlock: return "gas limit above the block gas limit"
        case .nonceTooLow(let e, let g): return "nonce too low: account has \(e), transaction \(g)"
        case .nonceTooHigh(let e, let g): return "nonce too high: account has \(e), transaction \(g)"
        case .nonceMaximum: return "nonce at its maximum (EIP-2681)"
        case .insufficientBalance(let n, let a): return "insufficient funds: needs \(n) wei, has \(a)"
        case .senderHasCode: return "sender has code (EIP-3607)"
        case .priorityFeeAboveMaxFee: return "max priority fee above max fee"
        case .maxFeeBelowBaseFee: return "max fee per gas below the base fee"
        case .gasPriceBelowBaseFee: return "gas price below the base fee"
        case .initcodeTooLarge(let s, let l): return "initcode of \(s) bytes above the limit of \(l) (EIP-3860)"
        case .typeNotSupported(let t): return "transaction type \(t) not supported by this fork"
        case .createNotAllowed(let t): return "type \(t) transactions cannot create contracts"
        case .noBlobs: return "blob transaction without blobs"
        case .tooManyBlobs(let c, let l): return "\(c) blobs, more than the limit of \(l)"
        case .invalidBlobVersionedHash: return "blob versioned hash without the KZG version byte"
        case .maxFeePerBlobGasTooLow: return "max fee per blob gas below the blob base fee"
        case .blobGasAboveBlock: return "blob gas above the block's limit"
        case .emptyAuthorizationList: return "set-code transaction without authorizations"
        }
    }
}

extension TransactionError {
    /// The execution-spec-tests name of this error ("TransactionException.NONCE_MISMATCH_TOO_LOW"),
    /// as fixtures and client test runners report it.
    public var fixtureName: String {
        let name: String
        switch self {
        case .intrinsicGasTooLow: name = "INTRINSIC_GAS_TOO_LOW"
        case .belowCalldataFloor: name = "INTRINSIC_GAS_BELOW_FLOOR_GAS_COST"
        case .gasLimitAboveCap: name = "GAS_LIMIT_EXCEEDS_MAXIMUM"
        case .gasLimitAboveBlock: name = "GAS_ALLOWANCE_EXCEEDED"
        case .nonceTooLow: name = "NONCE_MISMATCH_TOO_LOW"
        case .nonceTooHigh: name = "NONCE_MISMATCH_TOO_HIGH"
        case .nonceMaximum: name = "NONCE_IS_MAX"
        case .insufficientBalance: name = "INSUFFICIENT_ACCOUNT_FUNDS"
        case .senderHasCode: name = "SENDER_NOT_EOA"
        case .priorityFeeAboveMaxFee: name = "PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS"
        case .maxFeeBelowBaseFee, .gasPriceBelowBaseFee: name = "INSUFFICIENT_MAX_FEE_PER_GAS"
        case .initcodeTooLarge: name = "INITCODE_SIZE_EXCEEDED"
        case .typeNotSupported(let t): name = "TYPE_\(t)_TX_PRE_FORK"
        case .createNotAllowed(let t): name = "TYPE_\(t)_TX_CONTRACT_CREATION"
        case .noBlobs: name = "TYPE_3_TX_ZERO_BLOBS"
        case .tooManyBlobs: name = "TYPE_3_TX_BLOB_COUNT_EXCEEDED"
        case .invalidBlobVersionedHash: name = "TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH"
        case .maxFeePerBlobGasTooLow: name = "INSUFFICIENT_MAX_FEE_PER_BLOB_GAS"
        case .blobGasAboveBlock: name = "TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED"
        case .emptyAuthorizationList: name = "TYPE_4_EMPTY_AUTHORIZATION_LIST"
        }
        return "TransactionException." + name
    }
}

/// What a transaction did.
public struct Receipt: Sendable {
    public var status: ExecutionStatus
    /// Gas charged: intrinsic + execution − refund, at least the EIP-7623 floor.
    public var gasUsed: Int
    /// Gas used before the refund was subtracted.
    public var gasUsedBeforeRefund: Int
    /// The refund applied (after its cap).
    public var refund: Int
    public var intrinsicGas: Int
    public var logs: [Log]
    public var output: [UInt8]
    public var createdAddress: Address?
    public var blobGasUsed: Int

    public var succeeded: Bool { status.isSuccess }
}
