import EVMCore
import EVMState

/// A block header as the yellow paper and the EIPs after it define it: the fifteen fields of
/// Frontier, then one field more per upgrade that added one. A header carries the fields of its
/// fork and no others; the RLP list ends after the last one present (London's base fee,
/// Shanghai's withdrawals root, Cancun's blob gas and beacon root, Prague's requests hash).
/// 32-byte hashes are words (`U256`) as elsewhere in GasLab.
public struct BlockHeader: Sendable, Equatable {
    public var parentHash: U256
    /// The ommers' (uncles') list hash; keccak256 of an empty list from Paris.
    public var ommersHash: U256
    public var coinbase: Address
    public var stateRoot: U256
    public var transactionsRoot: U256
    public var receiptsRoot: U256
    /// 256 bytes.
    public var logsBloom: [UInt8]
    /// Zero from Paris (EIP-3675).
    public var difficulty: U256
    public var number: U256
    public var gasLimit: U256
    public var gasUsed: U256
    public var timestamp: U256
    public var extraData: [UInt8]
    /// PREVRANDAO from Paris (EIP-4399), the proof-of-work mix hash before.
    public var mixHash: U256
    /// 8 bytes; zero from Paris.
    public var nonce: [UInt8]
    /// EIP-1559 (London).
    public var baseFeePerGas: U256?
    /// EIP-4895 (Shanghai).
    public var withdrawalsRoot: U256?
    /// EIP-4844 (Cancun).
    public var blobGasUsed: U256?
    public var excessBlobGas: U256?
    /// EIP-4788 (Cancun).
    public var parentBeaconBlockRoot: U256?
    /// EIP-7685 (Prague).
    public var requestsHash: U256?

    /// keccak256(rlp([])): the ommers hash of every block without ommers.
    public static let emptyOmmersHash = Keccak256.hashWord(RLP.encodeList([]))

    public init(parentHash: U256 = .zero, ommersHash: U256 = BlockHeader.emptyOmmersHash, coinbase: Address = .zero,
                stateRoot: U256 = .zero, transactionsRoot: U256 = .zero, receiptsRoot: U256 = .zero,
                logsBloom: [UInt8] = [UInt8](repeating: 0, count: 256), difficulty: U256 = .zero, number: U256 = .zero,
                gasLimit: U256 = .zero, gasUsed: U256 = .zero, timestamp: U256 = .zero, extraData: [UInt8] = [],
                mixHash: U256 = .zero, nonce: [UInt8] = [UInt8](repeating: 0, count: 8), baseFeePerGas: U256? = nil,
                withdrawalsRoot: U256? = nil, blobGasUsed: U256? = nil, excessBlobGas: U256? = nil,
                parentBeaconBlockRoot: U256? = nil, requestsHash: U256? = nil) {
        self.parentHash = parentHash
        self.ommersHash = ommersHash
        self.coinbase = coinbase
        self.stateRoot = stateRoot
        self.transactionsRoot = transactionsRoot
        self.receiptsRoot = receiptsRoot
        self.logsBloom = logsBloom
        self.difficulty = difficulty
        self.number = number
        self.gasLimit = gasLimit
        self.gasUsed = gasUsed
        self.timestamp = timestamp
        self.extraData = extraData
        self.mixHash = mixHash
        self.nonce = nonce
        self.baseFeePerGas = baseFeePerGas
        self.withdrawalsRoot = withdrawalsRoot
        self.blobGasUsed = blobGasUsed
        self.excessBlobGas = excessBlobGas
        self.parentBeaconBlockRoot = parentBeaconBlockRoot
        self.requestsHash = requestsHash
    }

    /// The optional fields in list order, each after the one before it.
    var optionalFields: [U256?] {
        [baseFeePerGas, withdrawalsRoot, blobGasUsed, excessBlobGas, parentBeaconBlockRoot, requestsHash]
    }

    /// The header's RLP. The optional fields are written up to the last one present; a header
    /// with a later field but not an earlier one has no encoding in any fork (`isWellFormed`).
    public var rlp: [UInt8] {
        var items: [[UInt8]] = [
            hash32(parentHash), hash32(ommersHash), RLP.encode(bytes: coinbase.bytes), hash32(stateRoot),
            hash32(transactionsRoot), hash32(receiptsRoot), RLP.encode(bytes: logsBloom), RLP.encode(uint: difficulty),
            RLP.encode(uint: number), RLP.encode(uint: gasLimit), RLP.encode(uint: gasUsed), RLP.encode(uint: timestamp),
            RLP.encode(bytes: extraData), hash32(mixHash), RLP.encode(bytes: nonce),
        ]
        let optional = optionalFields
        let present = optional.lastIndex { $0 != nil }.map { $0 + 1 } ?? 0
        // The roots and hashes among the optional fields are 32-byte strings, the counts integers.
        let isHash = [false, true, false, false, true, true]
        for i in 0..<present {
            let value = optional[i] ?? .zero
            items.append(isHash[i] ? hash32(value) : RLP.encode(uint: value))
        }
        return RLP.encodeList(items)
    }

    /// Whether the optional fields form a prefix of the list (no gap), as every fork's do.
    public var isWellFormed: Bool {
        let optional = optionalFields
        guard let last = optional.lastIndex(where: { $0 != nil }) else { return true }
        return optional[...last].allSatisfy { $0 != nil }
    }

    /// keccak256 of the RLP: the block's hash.
    public var hash: U256 { Keccak256.hashWord(rlp) }

    func hash32(_ value: U256) -> [UInt8] { RLP.encode(bytes: value.bigEndianBytes) }
}

extension BlockHeader {
    /// Why bytes are not a block header.
    public enum DecodingError: Error, Equatable, CustomStringConvertible {
        case rlp(RLP.DecodingError)
        case notAList
        case fieldCount(Int)
        case field(name: String, reason: String)

        public var description: String {
            switch self {
            case .rlp(let e): return "block header: \(e)"
            case .notAList: return "block header: not an RLP list"
            case .fieldCount(let n): return "block header: \(n) fields, expected 15 to 21"
            case .field(let name, let reason): return "block header: \(name) \(reason)"
            }
        }
    }

    /// Decodes a header from its RLP item (a block's first element).
    public init(rlp item: RLP.Item) throws(DecodingError) {
        guard let fields = item.list else { throw .notAList }
        guard (15...21).contains(fields.count) else { throw .fieldCount(fields.count) }
        func bytes(_ i: Int, _ name: String, count: Int? = nil) throws(DecodingError) -> [UInt8] {
            guard let b = fields[i].bytes else { throw .field(name: name, reason: "is a list") }
            if let count, b.count != count { throw .field(name: name, reason: "has \(b.count) bytes, not \(count)") }
            return b
        }
        func hash(_ i: Int, _ name: String) throws(DecodingError) -> U256 {
            U256(bigEndianBytes: try bytes(i, name, count: 32))
        }
        func uint(_ i: Int, _ name: String) throws(DecodingError) -> U256 {
            let b = try bytes(i, name)
            if b.count > 32 { throw .field(name: name, reason: "is longer than 32 bytes") }
            if b.first == 0 { throw .field(name: name, reason: "has a leading zero") }
            return U256(bigEndianBytes: b)
        }
        let coinbaseBytes = try bytes(2, "coinbase", count: 20)
        self.init(
            parentHash: try hash(0, "parentHash"), ommersHash: try hash(1, "ommersHash"),
            coinbase: Address(bytes: coinbaseBytes)!, stateRoot: try hash(3, "stateRoot"),
            transactionsRoot: try hash(4, "transactionsRoot"), receiptsRoot: try hash(5, "receiptsRoot"),
            logsBloom: try bytes(6, "logsBloom", count: 256), difficulty: try uint(7, "difficulty"),
            number: try uint(8, "number"), gasLimit: try uint(9, "gasLimit"), gasUsed: try uint(10, "gasUsed"),
            timestamp: try uint(11, "timestamp"), extraData: try bytes(12, "extraData"), mixHash: try hash(13, "mixHash"),
            nonce: try bytes(14, "nonce", count: 8))
        let n = fields.count
        if n > 15 { baseFeePerGas = try uint(15, "baseFeePerGas") }
        if n > 16 { withdrawalsRoot = try hash(16, "withdrawalsRoot") }
        if n > 17 { blobGasUsed = try uint(17, "blobGasUsed") }
        if n > 18 { excessBlobGas = try uint(18, "excessBlobGas") }
        if n > 19 { parentBeaconBlockRoot = try hash(19, "parentBeaconBlockRoot") }
        if n > 20 { requestsHash = try hash(20, "requestsHash") }
    }

    /// Decodes a header from bytes (its own RLP).
    public init(rlp bytes: [UInt8]) throws(DecodingError) {
        let item: RLP.Item
        do { item = try RLP.decode(bytes) } catch { throw .rlp(error) }
        try self.init(rlp: item)
    }
}
