import EVMCore
import EVMState

/// A block as it travels: the header, the transactions (each in its network encoding: a
/// legacy transaction's RLP list, a typed one's `type ‖ payload` bytes), the ommers' headers
/// (none from Paris) and, from Shanghai (EIP-4895), the withdrawals.
public struct Block: Sendable, Equatable {
    public var header: BlockHeader
    /// Each transaction as the block carries it (the bytes its trie stores).
    public var transactions: [[UInt8]]
    public var ommers: [BlockHeader]
    public var withdrawals: [Withdrawal]?

    public init(header: BlockHeader, transactions: [[UInt8]] = [], ommers: [BlockHeader] = [],
                withdrawals: [Withdrawal]? = nil) {
        self.header = header
        self.transactions = transactions
        self.ommers = ommers
        self.withdrawals = withdrawals
    }

    /// The transactions trie's root: key rlp(index), value the transaction's encoding.
    public var transactionsRoot: U256 { Block.trieRoot(transactions) }

    /// EIP-4895: the withdrawals trie's root (nil before Shanghai).
    public var withdrawalsRoot: U256? { withdrawals.map { Block.trieRoot($0.map(\.rlp)) } }

    /// keccak256 of the ommers' RLP list.
    public var ommersHash: U256 { Keccak256.hashWord(RLP.encodeList(ommers.map(\.rlp))) }

    /// A list's trie root, keyed by rlp(index) as the transactions, receipts and withdrawals
    /// tries are.
    public static func trieRoot(_ values: [[UInt8]]) -> U256 {
        let pairs = values.enumerated().map { (key: RLP.encode(uint: UInt64($0.offset)), value: $0.element) }
        return U256(bigEndianBytes: MerklePatriciaTrie.root(pairs))
    }

    /// The block's RLP: [header, transactions, ommers(, withdrawals)].
    public var rlp: [UInt8] {
        var items = [header.rlp,
                     RLP.encodeList(transactions.map { $0.first.map { $0 >= 0xc0 } ?? false ? $0 : RLP.encode(bytes: $0) }),
                     RLP.encodeList(ommers.map(\.rlp))]
        if let withdrawals { items.append(RLP.encodeList(withdrawals.map(\.rlp))) }
        return RLP.encodeList(items)
    }
}

/// EIP-4895: a withdrawal from the beacon chain, credited in gwei after the transactions.
public struct Withdrawal: Sendable, Equatable {
    public var index: UInt64
    public var validatorIndex: UInt64
    public var address: Address
    /// In gwei.
    public var amount: U256

    public init(index: UInt64, validatorIndex: UInt64, address: Address, amount: U256) {
        self.index = index
        self.validatorIndex = validatorIndex
        self.address = address
        self.amount = amount
    }

    public var rlp: [UInt8] {
        RLP.encodeList([RLP.encode(uint: index), RLP.encode(uint: validatorIndex), RLP.encode(bytes: address.bytes),
                        RLP.encode(uint: amount)])
    }
}

extension Block {
    /// Why bytes are not a block.
    public enum DecodingError: Error, Equatable, CustomStringConvertible {
        case rlp(RLP.DecodingError)
        case shape(String)
        case header(BlockHeader.DecodingError)

        public var description: String {
            switch self {
            case .rlp(let e): return "block: \(e)"
            case .shape(let s): return "block: \(s)"
            case .header(let e): return "block: \(e)"
            }
        }
    }

    /// Decodes a block from its RLP.
    public init(rlp bytes: [UInt8]) throws(DecodingError) {
        let item: RLP.Item
        do { item = try RLP.decode(bytes) } catch { throw .rlp(error) }
        guard let parts = item.list, (3...4).contains(parts.count) else { throw .shape("not a list of 3 or 4 items") }
        let header: BlockHeader
        do { header = try BlockHeader(rlp: parts[0]) } catch { throw .header(error) }
        guard let txItems = parts[1].list else { throw .shape("transactions are not a list") }
        // A legacy transaction is an RLP list, stored as its encoding; a typed one is a byte
        // string holding `type ‖ payload`, stored as those bytes.
        let transactions = txItems.map { item -> [UInt8] in item.bytes ?? RLP.encode(item) }
        guard let ommerItems = parts[2].list else { throw .shape("ommers are not a list") }
        var ommers: [BlockHeader] = []
        for o in ommerItems {
            do { ommers.append(try BlockHeader(rlp: o)) } catch { throw .header(error) }
        }
        var withdrawals: [Withdrawal]? = nil
        if parts.count == 4 {
            guard let list = parts[3].list else { throw .shape("withdrawals are not a list") }
            withdrawals = []
            for w in list {
                guard let f = w.list, f.count == 4, let i = f[0].bytes, let v = f[1].bytes, let a = f[2].bytes,
                      let m = f[3].bytes, i.count <= 8, v.count <= 8, m.count <= 32, let address = Address(bytes: a),
                      a.count == 20 else { throw .shape("a withdrawal is not [index, validator, address, amount]") }
                withdrawals?.append(Withdrawal(index: U256(bigEndianBytes: i).w0, validatorIndex: U256(bigEndianBytes: v).w0,
                                               address: address, amount: U256(bigEndianBytes: m)))
            }
        }
        self.init(header: header, transactions: transactions, ommers: ommers, withdrawals: withdrawals)
    }
}
