import EVMCore

/// A Merkle Patricia Trie that is updated in place of rebuilt: inserting or deleting a key
/// copies the nodes on its path and shares the rest, and every node keeps its RLP once
/// computed, so a new root costs a handful of hashes instead of one per key. A block builder
/// needs this: EIP-2935's and EIP-4788's ring buffers grow to 8,191 slots and change every
/// block, and `MerklePatriciaTrie.root` over them takes milliseconds. Old roots stay valid
/// (nodes are immutable), which is what a snapshot of a development chain keeps.
public struct PersistentTrie: @unchecked Sendable {
    /// Nodes are immutable after construction but for the cached encoding, written once
    /// under the caller's exclusive access (a chain is driven from one thread at a time).
    final class Node {
        enum Kind {
            case leaf(path: ArraySlice<UInt8>, value: [UInt8])
            case ext(path: ArraySlice<UInt8>, child: Node)
            case branch(children: [Node?], value: [UInt8]?)
        }

        let kind: Kind
        private var cachedEncoding: [UInt8]?

        init(_ kind: Kind) { self.kind = kind }

        var encoded: [UInt8] {
            if let cachedEncoding { return cachedEncoding }
            let e: [UInt8]
            switch kind {
            case .leaf(let path, let value):
                e = RLP.encodeList([RLP.encode(bytes: MerklePatriciaTrie.hexPrefix(path, leaf: true)), RLP.encode(bytes: value)])
            case .ext(let path, let child):
                e = RLP.encodeList([RLP.encode(bytes: MerklePatriciaTrie.hexPrefix(path, leaf: false)), child.reference])
            case .branch(let children, let value):
                var items = children.map { $0?.reference ?? RLP.encode(bytes: []) }
                items.append(RLP.encode(bytes: value ?? []))
                e = RLP.encodeList(items)
            }
            cachedEncoding = e
            return e
        }

        var reference: [UInt8] { MerklePatriciaTrie.reference(encoded) }
    }

    var top: Node?

    public init() {}

    /// A trie holding `pairs` (values must be non-empty).
    public init(_ pairs: [(key: [UInt8], value: [UInt8])]) {
        for (k, v) in pairs { update(k, v) }
    }

    public var isEmpty: Bool { top == nil }

    /// The root hash (keccak256 of the top node's RLP; the empty trie's root when empty).
    public var root: [UInt8] {
        guard let top else { return MerklePatriciaTrie.emptyRoot }
        return Keccak256.hash(top.encoded)
    }

    /// Sets a key's value; nil or an empty value deletes the key.
    public mutating func update(_ key: [UInt8], _ value: [UInt8]?) {
        let path = MerklePatriciaTrie.nibbles(key)[...]
        if let value, !value.isEmpty {
            top = Self.insert(top, path, value)
        } else {
            top = Self.delete(top, path)
        }
    }

    static func commonPrefix(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Int {
        var n = 0
        var i = a.startIndex, j = b.startIndex
        while i < a.endIndex, j < b.endIndex, a[i] == b[j] {
            n += 1
            i += 1
            j += 1
        }
        return n
    }

    /// A branch holding two disjoint remainders (one of which may be empty: the branch's value).
    static func branch(_ a: ArraySlice<UInt8>, _ aNode: (ArraySlice<UInt8>) -> Node?, aValue: [UInt8]?,
                       _ b: ArraySlice<UInt8>, _ bValue: [UInt8]) -> Node {
        var children = [Node?](repeating: nil, count: 16)
        var value: [UInt8]?
        if a.isEmpty { value = aValue } else { children[Int(a.first!)] = aNode(a.dropFirst()) }
        if b.isEmpty { value = bValue } else { children[Int(b.first!)] = Node(.leaf(path: b.dropFirst(), value: bValue)) }
        return Node(.branch(children: children, value: value))
    }

    static func insert(_ node: Node?, _ path: ArraySlice<UInt8>, _ value: [UInt8]) -> Node {
        guard let node else { return Node(.leaf(path: path, value: value)) }
        switch node.kind {
        case .leaf(let p, let v):
            if p.elementsEqual(path) { return Node(.leaf(path: p, value: value)) }
            let c = commonPrefix(p, path)
            let b = branch(p.dropFirst(c), { Node(.leaf(path: $0, value: v)) }, aValue: v, path.dropFirst(c), value)
            return c > 0 ? Node(.ext(path: p.prefix(c), child: b)) : b
        case .ext(let p, let child):
            let c = commonPrefix(p, path)
            if c == p.count { return Node(.ext(path: p, child: insert(child, path.dropFirst(c), value))) }
            // The extension splits at nibble c: its rest (if any) stays an extension below.
            let b = branch(p.dropFirst(c), { $0.isEmpty ? child : Node(.ext(path: $0, child: child)) }, aValue: nil,
                           path.dropFirst(c), value)
            return c > 0 ? Node(.ext(path: p.prefix(c), child: b)) : b
        case .branch(var children, let v):
            guard let first = path.first else { return Node(.branch(children: children, value: value)) }
            children[Int(first)] = insert(children[Int(first)], path.dropFirst(), value)
            return Node(.branch(children: children, value: v))
        }
    }

    /// `path` in front of a node that replaces a collapsed branch or extension child.
    static func prefixed(_ path: ArraySlice<UInt8>, _ node: Node) -> Node {
        if path.isEmpty { return node }
        switch node.kind {
        case .leaf(let q, let v): return Node(.leaf(path: ArraySlice(Array(path) + q), value: v))
        case .ext(let q, let c): return Node(.ext(path: ArraySlice(Array(path) + q), child: c))
        case .branch: return Node(.ext(path: path, child: node))
        }
    }

    static func delete(_ node: Node?, _ path: ArraySlice<UInt8>) -> Node? {
        guard let node else { return nil }
        switch node.kind {
        case .leaf(let p, _):
            return p.elementsEqual(path) ? nil : node
        case .ext(let p, let child):
            guard path.starts(with: p) else { return node }
            let newChild = delete(child, path.dropFirst(p.count))
            if newChild === child { return node }
            guard let newChild else { return nil }
            return prefixed(p, newChild)
        case .branch(var children, var value):
            if let first = path.first {
                let old = children[Int(first)]
                let new = delete(old, path.dropFirst())
                if new === old { return node }
                children[Int(first)] = new
            } else {
                if value == nil { return node }
                value = nil
            }
            let live = children.indices.filter { children[$0] != nil }
            if live.count + (value == nil ? 0 : 1) >= 2 { return Node(.branch(children: children, value: value)) }
            if let value { return Node(.leaf(path: [], value: value)) }
            guard let i = live.first else { return nil }
            return prefixed([UInt8(i)], children[i]!)
        }
    }
}

/// The state trie and every account's storage trie, kept up to date from a `StateChanges`
/// record: the state root of a block in time proportional to what the block changed.
public struct StateTrie: @unchecked Sendable {
    var accountTrie = PersistentTrie()
    var storageTries: [Address: PersistentTrie] = [:]

    /// The tries of a whole state (genesis, a loaded state).
    public init(accounts: [Address: Account]) {
        for (address, account) in accounts {
            storageTries[address] = Self.storageTrie(account.storage)
            accountTrie.update(Keccak256.hash(address.bytes), leaf(account, address))
        }
    }

    static func storageTrie(_ storage: [U256: U256]) -> PersistentTrie {
        var trie = PersistentTrie()
        for (key, value) in storage where !value.isZero {
            trie.update(Keccak256.hash(key.bigEndianBytes), RLP.encode(uint: value))
        }
        return trie
    }

    func leaf(_ account: Account, _ address: Address) -> [UInt8] {
        RLP.encodeList([RLP.encode(uint: U256(account.nonce)), RLP.encode(uint: account.balance),
                        RLP.encode(bytes: storageTries[address]?.root ?? MerklePatriciaTrie.emptyRoot),
                        RLP.encode(bytes: account.code.hash.bigEndianBytes)])
    }

    /// Applies what `changes` recorded, reading the new values from `accounts`.
    public mutating func update(accounts: [Address: Account], changes: StateChanges) {
        var dirty = changes.accounts.union(changes.wiped)
        for address in changes.wiped {
            storageTries[address] = accounts[address].map { Self.storageTrie($0.storage) }
        }
        for (address, keys) in changes.slots where !changes.wiped.contains(address) {
            dirty.insert(address)
            var trie = storageTries[address] ?? PersistentTrie()
            let storage = accounts[address]?.storage ?? [:]
            for key in keys {
                let value = storage[key] ?? .zero
                trie.update(Keccak256.hash(key.bigEndianBytes), value.isZero ? nil : RLP.encode(uint: value))
            }
            storageTries[address] = trie
        }
        for address in dirty {
            if let account = accounts[address] {
                accountTrie.update(Keccak256.hash(address.bytes), leaf(account, address))
            } else {
                storageTries[address] = nil
                accountTrie.update(Keccak256.hash(address.bytes), nil)
            }
        }
    }

    public var root: U256 { U256(bigEndianBytes: accountTrie.root) }
}
