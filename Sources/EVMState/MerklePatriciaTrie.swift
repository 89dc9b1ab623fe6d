import EVMCore

/// The root hash of a Merkle Patricia Trie (yellow paper, appendix D), built in one pass from
/// all its (key, value) pairs: leaves, extensions and branches with hex-prefix encoded paths,
/// nodes under 32 bytes of RLP inlined in their parent, everything else referenced by hash.
public enum MerklePatriciaTrie {
    /// keccak256(rlp("")): the root of an empty trie.
    public static let emptyRoot: [UInt8] = Keccak256.hash(RLP.encode(bytes: []))

    /// The root of a trie holding `pairs` (keys need not be sorted; values must be non-empty).
    public static func root(_ pairs: [(key: [UInt8], value: [UInt8])]) -> [UInt8] {
        if pairs.isEmpty { return emptyRoot }
        let entries = pairs.map { (nibbles: nibbles($0.key), value: $0.value) }
            .sorted { $0.nibbles.lexicographicallyPrecedes($1.nibbles) }
        return Keccak256.hash(encodeNode(entries[...], depth: 0))
    }

    static func nibbles(_ bytes: [UInt8]) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(b >> 4)
            out.append(b & 0x0f)
        }
        return out
    }

    /// Hex-prefix encoding of a nibble path (appendix C): a flag nibble for leaf/extension
    /// and odd length, then the nibbles packed two to a byte.
    static func hexPrefix(_ path: ArraySlice<UInt8>, leaf: Bool) -> [UInt8] {
        let flag: UInt8 = leaf ? 2 : 0
        var out: [UInt8] = []
        var rest = path
        if path.count % 2 == 1 {
            out.append((flag + 1) << 4 | rest.removeFirst())
        } else {
            out.append(flag << 4)
        }
        while let hi = rest.popFirst() {
            out.append(hi << 4 | rest.removeFirst())
        }
        return out
    }

    /// How a node appears in its parent: inline when its RLP is under 32 bytes, else its hash.
    static func reference(_ encoded: [UInt8]) -> [UInt8] {
        encoded.count < 32 ? encoded : RLP.encode(bytes: Keccak256.hash(encoded))
    }

    /// The RLP of the node for sorted entries sharing their first `depth` nibbles.
    static func encodeNode(_ entries: ArraySlice<(nibbles: [UInt8], value: [UInt8])>, depth: Int) -> [UInt8] {
        let first = entries[entries.startIndex]
        if entries.count == 1 {
            return RLP.encodeList([RLP.encode(bytes: hexPrefix(first.nibbles[depth...], leaf: true)),
                                   RLP.encode(bytes: first.value)])
        }
        // Shared prefix of all entries beyond `depth` (sorted: first and last bound it).
        let last = entries[entries.index(before: entries.endIndex)]
        var shared = 0
        while depth + shared < first.nibbles.count, depth + shared < last.nibbles.count,
              first.nibbles[depth + shared] == last.nibbles[depth + shared] {
            shared += 1
        }
        if shared > 0 {
            let child = encodeNode(entries, depth: depth + shared)
            return RLP.encodeList([RLP.encode(bytes: hexPrefix(first.nibbles[depth..<depth + shared], leaf: false)),
                                   reference(child)])
        }
        // Branch: sixteen children and the value of a key ending here.
        var items: [[UInt8]] = []
        var value: [UInt8] = RLP.encode(bytes: [])
        var index = entries.startIndex
        if first.nibbles.count == depth {
            value = RLP.encode(bytes: first.value)
            index += 1
        }
        for nibble in UInt8(0)..<16 {
            let start = index
            while index < entries.endIndex && entries[index].nibbles[depth] == nibble { index += 1 }
            if start == index {
                items.append(RLP.encode(bytes: []))
            } else {
                items.append(reference(encodeNode(entries[start..<index], depth: depth + 1)))
            }
        }
        items.append(value)
        return RLP.encodeList(items)
    }
}

extension WorldState {
    /// The state root: the secure trie of accounts, keccak256(address) → rlp([nonce, balance,
    /// storage root, code hash]).
    public var stateRoot: [UInt8] {
        var pairs: [(key: [UInt8], value: [UInt8])] = []
        pairs.reserveCapacity(accounts.count)
        for (address, account) in accounts {
            let body = RLP.encodeList([
                RLP.encode(uint: U256(account.nonce)),
                RLP.encode(uint: account.balance),
                RLP.encode(bytes: WorldState.storageRoot(account.storage)),
                RLP.encode(bytes: account.code.hash.bigEndianBytes),
            ])
            pairs.append((Keccak256.hash(address.bytes), body))
        }
        return MerklePatriciaTrie.root(pairs)
    }

    /// The storage root: keccak256(slot) → rlp(value), zero values absent.
    public static func storageRoot(_ storage: [U256: U256]) -> [UInt8] {
        let pairs = storage.compactMap { key, value -> (key: [UInt8], value: [UInt8])? in
            value.isZero ? nil : (Keccak256.hash(key.bigEndianBytes), RLP.encode(uint: value))
        }
        return MerklePatriciaTrie.root(pairs)
    }
}

extension Log {
    /// The RLP of a log: [address, [topics], data].
    public var rlp: [UInt8] {
        RLP.encodeList([RLP.encode(bytes: address.bytes),
                        RLP.encodeList(topics.map { RLP.encode(bytes: $0.bigEndianBytes) }),
                        RLP.encode(bytes: data)])
    }

    /// keccak256 of the RLP list of logs: the state tests' `logs` field.
    public static func hash(_ logs: [Log]) -> [UInt8] {
        Keccak256.hash(RLP.encodeList(logs.map(\.rlp)))
    }
}
