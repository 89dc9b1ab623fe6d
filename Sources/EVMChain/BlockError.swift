import EVMCore
import EVMState

/// Why a block is rejected. A rejected block changes nothing: the importer runs it on a copy
/// of its parent's state and keeps the copy only when every check passes.
public enum BlockError: Error, Equatable, Sendable, CustomStringConvertible {
    // The bytes.
    case undecodable(String)
    /// EIP-7934 (Osaka): the RLP-encoded block is larger than the limit.
    case tooLarge(size: Int, limit: Int)
    case unknownParent(U256)
    /// The fields a header carries do not match its fork's (a London header without a base
    /// fee, a Cancun header without blob gas fields …).
    case headerFormat(String)

    // The header against its parent.
    case numberNotParentPlusOne(U256)
    case timestampNotAfterParent(U256)
    case extraDataTooLong(Int)
    case gasLimitOutOfBounds(limit: U256, parent: U256)
    case gasUsedAboveLimit
    case gasLimitTooBig(U256)
    case baseFee(expected: U256, got: U256)
    case excessBlobGas(expected: U256, got: U256)
    case difficulty(expected: U256, got: U256)
    /// From Paris (EIP-3675): difficulty 0, nonce 0, no ommers.
    case proofOfWorkFields

    // The body against the header.
    case transactionsRoot
    case withdrawalsRoot
    case ommersHash
    case ommers(String)
    case withdrawalsPresence

    // Execution.
    case transaction(index: Int, TransactionError)
    case undecodableTransaction(index: Int, String)
    /// The transaction's gas limit exceeds the gas the block has left.
    case blockGasExceeded(index: Int)
    /// The transaction's blobs exceed the blob gas the block has left.
    case blockBlobGasExceeded(index: Int)
    /// A system contract the block needs has no code (EIP-7002, EIP-7251).
    case systemContractEmpty(Address)
    /// A system call the block needs failed (EIP-7002, EIP-7251).
    case systemCallFailed(Address)
    /// A deposit contract log whose data is not the EIP-6110 layout.
    case invalidDepositLog

    // What execution produced against what the header says.
    case gasUsed(computed: U256, header: U256)
    case blobGasUsed(computed: U256, header: U256?)
    case stateRoot
    case receiptsRoot
    case logsBloom
    case requestsHash

    /// The execution-spec-tests name of the reason ("BlockException.INVALID_GASLIMIT", or the
    /// transaction's "TransactionException.…"), so a run can be compared with a fixture's.
    public var name: String {
        switch self {
        case .transaction(_, let e): return e.fixtureName
        case .blockGasExceeded: return "TransactionException.GAS_ALLOWANCE_EXCEEDED"
        case .blockBlobGasExceeded: return "TransactionException.TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED"
        default: return "BlockException." + blockName
        }
    }

    var blockName: String {
        switch self {
        case .undecodable, .undecodableTransaction: return "RLP_STRUCTURES_ENCODING"
        case .tooLarge: return "RLP_BLOCK_LIMIT_EXCEEDED"
        case .unknownParent: return "UNKNOWN_PARENT"
        case .headerFormat, .withdrawalsPresence: return "INCORRECT_BLOCK_FORMAT"
        case .numberNotParentPlusOne: return "INVALID_BLOCK_NUMBER"
        case .timestampNotAfterParent: return "INVALID_BLOCK_TIMESTAMP_OLDER_THAN_PARENT"
        case .extraDataTooLong: return "EXTRA_DATA_TOO_BIG"
        case .gasLimitOutOfBounds: return "INVALID_GASLIMIT"
        case .gasUsedAboveLimit: return "GAS_USED_OVERFLOW"
        case .gasLimitTooBig: return "GASLIMIT_TOO_BIG"
        case .baseFee: return "INVALID_BASEFEE_PER_GAS"
        case .excessBlobGas: return "INCORRECT_EXCESS_BLOB_GAS"
        case .difficulty: return "INVALID_DIFFICULTY"
        case .proofOfWorkFields: return "INVALID_PROOF_OF_STAKE_FIELDS"
        case .transactionsRoot: return "INVALID_TRANSACTIONS_ROOT"
        case .withdrawalsRoot: return "INVALID_WITHDRAWALS_ROOT"
        case .ommersHash: return "INVALID_OMMERS_HASH"
        case .ommers: return "INVALID_OMMERS"
        case .systemContractEmpty: return "SYSTEM_CONTRACT_EMPTY"
        case .systemCallFailed: return "SYSTEM_CONTRACT_CALL_FAILED"
        case .invalidDepositLog: return "INVALID_DEPOSIT_EVENT_LAYOUT"
        case .gasUsed: return "INVALID_GAS_USED"
        case .blobGasUsed: return "INCORRECT_BLOB_GAS_USED"
        case .stateRoot: return "INVALID_STATE_ROOT"
        case .receiptsRoot: return "INVALID_RECEIPTS_ROOT"
        case .logsBloom: return "INVALID_LOG_BLOOM"
        case .requestsHash: return "INVALID_REQUESTS"
        case .transaction, .blockGasExceeded, .blockBlobGasExceeded: return "INVALID_TRANSACTION"
        }
    }

    public var description: String {
        let detail: String
        switch self {
        case .undecodable(let e): detail = e
        case .tooLarge(let s, let l): detail = "\(s) bytes, more than the \(l) of EIP-7934"
        case .unknownParent(let h): detail = "no block \(h.paddedHexString)"
        case .headerFormat(let e): detail = e
        case .numberNotParentPlusOne(let n): detail = "number \(n.decimalString) does not follow the parent's"
        case .timestampNotAfterParent(let t): detail = "timestamp \(t.decimalString) not after the parent's"
        case .extraDataTooLong(let n): detail = "extra data of \(n) bytes, more than 32"
        case .gasLimitOutOfBounds(let l, let p):
            detail = "gas limit \(l.decimalString) moves more than 1/1024 from the parent's \(p.decimalString) or is below 5000"
        case .gasUsedAboveLimit: detail = "gas used above the gas limit"
        case .gasLimitTooBig(let l): detail = "gas limit \(l.decimalString) above 2^63 − 1"
        case .baseFee(let e, let g): detail = "base fee \(g.decimalString), expected \(e.decimalString) (EIP-1559)"
        case .excessBlobGas(let e, let g): detail = "excess blob gas \(g.decimalString), expected \(e.decimalString) (EIP-4844)"
        case .difficulty(let e, let g): detail = "difficulty \(g.decimalString), expected \(e.decimalString)"
        case .proofOfWorkFields: detail = "difficulty, nonce or ommers set after the merge (EIP-3675)"
        case .transactionsRoot: detail = "transactions root does not match the body"
        case .withdrawalsRoot: detail = "withdrawals root does not match the body"
        case .ommersHash: detail = "ommers hash does not match the body"
        case .ommers(let e): detail = e
        case .withdrawalsPresence: detail = "withdrawals present or absent against the fork (EIP-4895)"
        case .transaction(let i, let e): detail = "transaction \(i): \(e)"
        case .undecodableTransaction(let i, let e): detail = "transaction \(i): \(e)"
        case .blockGasExceeded(let i): detail = "transaction \(i): gas limit above the gas left in the block"
        case .blockBlobGasExceeded(let i): detail = "transaction \(i): blob gas above the blob gas left in the block"
        case .systemContractEmpty(let a): detail = "system contract \(a) has no code"
        case .systemCallFailed(let a): detail = "system call to \(a) failed"
        case .invalidDepositLog: detail = "deposit contract log with invalid data (EIP-6110)"
        case .gasUsed(let c, let h): detail = "gas used \(c.decimalString), header says \(h.decimalString)"
        case .blobGasUsed(let c, let h):
            detail = "blob gas used \(c.decimalString), header says \(h?.decimalString ?? "nothing")"
        case .stateRoot: detail = "state root differs from the header's"
        case .receiptsRoot: detail = "receipts root differs from the header's"
        case .logsBloom: detail = "logs bloom differs from the header's"
        case .requestsHash: detail = "requests hash differs from the header's (EIP-7685)"
        }
        return "\(name): \(detail)"
    }
}
