import EVMCore
@testable import EVMState
import Testing

/// The incremental trie against the one-pass `MerklePatriciaTrie.root` (itself checked against
/// every state test's post-state root): the same pairs must give the same root, whatever the
/// order of inserts and deletes that led to them.
@Suite struct PersistentTrieTests {
    /// A small deterministic generator (xorshift), so failures reproduce.
    struct Rng {
        var s: UInt64
        mutating func next() -> UInt64 {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17
            return s
        }
    }

    @Test func randomInsertsAndDeletesMatchTheOnePassRoot() {
        var rng = Rng(s: 0x9e37_79b9_7f4a_7c15)
        for round in 0..<40 {
            var trie = PersistentTrie()
            var model: [[UInt8]: [UInt8]] = [:]
            // Short keys with shared prefixes and short values exercise inline nodes,
            // extensions and branch collapses; long ones the hashed references.
            let keyLength = round % 2 == 0 ? 2 : 32
            for _ in 0..<(20 + round * 5) {
                let key = (0..<keyLength).map { _ in UInt8(rng.next() % (round % 4 == 0 ? 3 : 256)) }
                if rng.next() % 3 == 0, let victim = model.keys.randomElement(using: &SystemRandomNumberGeneratorWrapper.shared) {
                    trie.update(victim, nil)
                    model[victim] = nil
                } else {
                    let value = (0..<Int(rng.next() % 40 + 1)).map { _ in UInt8(rng.next() & 0xff) }
                    trie.update(key, value)
                    model[key] = value
                }
                let expected = MerklePatriciaTrie.root(model.map { (key: $0.key, value: $0.value) })
                #expect(trie.root == expected, "round \(round), \(model.count) keys")
            }
            for key in model.keys { trie.update(key, nil) }
            #expect(trie.root == MerklePatriciaTrie.emptyRoot)
            #expect(trie.isEmpty)
        }
    }

    /// A key that is a prefix of another ends in a branch's value slot.
    @Test func keysThatArePrefixesOfOthers() {
        var trie = PersistentTrie()
        let pairs: [([UInt8], [UInt8])] = [([0x12], [1]), ([0x12, 0x34], [2]), ([0x12, 0x35], [3]), ([0x13], [4])]
        for (k, v) in pairs { trie.update(k, v) }
        #expect(trie.root == MerklePatriciaTrie.root(pairs.map { (key: $0.0, value: $0.1) }))
        trie.update([0x12], nil)
        #expect(trie.root == MerklePatriciaTrie.root(pairs.dropFirst().map { (key: $0.0, value: $0.1) }))
    }

    /// Old roots survive updates: a copy taken before is unchanged after.
    @Test func copiesArePersistent() {
        var trie = PersistentTrie([(key: [1, 2, 3], value: [9]), (key: [1, 2, 4], value: [8])])
        let before = trie
        let rootBefore = before.root
        trie.update([1, 2, 3], nil)
        trie.update([7], [7])
        #expect(before.root == rootBefore)
        #expect(trie.root != rootBefore)
    }

    /// The state trie follows a world state through transactions, creates, reverts and
    /// deletions, and agrees with the full recomputation after each.
    @Test func stateTrieFollowsTheWorldState() {
        let sender = Address(0xaaaa)
        let state = WorldState(accounts: [sender: Account(balance: U256(1) << 80)], fork: .osaka)
        var trie = StateTrie(accounts: state.accounts)
        #expect(trie.root == U256(bigEndianBytes: state.stateRoot))
        // Writes slots 0..n, then clears slot 0: SSTORE(i, i+1) loop by hand.
        let code = Code(try! Hex.decode("600160005560026001556000600055"))  // sstore(0,1) sstore(1,2) sstore(0,0)
        state.setAccount(Address(0xc0de), Account(nonce: 1, code: code))
        let processor = TransactionProcessor(fork: .osaka)
        for nonce in 0..<3 {
            let changes = StateChanges()
            state.changes = changes
            let tx = Transaction(type: 2, nonce: U256(UInt64(nonce)), maxFeePerGas: U256(10), gasLimit: U256(100_000),
                                 to: nonce == 1 ? nil : Address(0xc0de), data: nonce == 1 ? try! Hex.decode("6001600055") : [],
                                 sender: sender)
            _ = try? processor.execute(tx, state: state, block: BlockEnvironment(baseFee: U256(7)))
            changes.wiped.insert(Address(0xc0de))  // setAccount above, before this record
            trie.update(accounts: state.accounts, changes: changes)
            #expect(trie.root == U256(bigEndianBytes: state.stateRoot), "after transaction \(nonce)")
        }
        let changes = StateChanges()
        state.changes = changes
        state.destroyAccount(Address(0xc0de))
        trie.update(accounts: state.accounts, changes: changes)
        #expect(trie.root == U256(bigEndianBytes: state.stateRoot))
    }
}

/// `randomElement(using:)` needs a generator; a seeded one keeps the test reproducible.
struct SystemRandomNumberGeneratorWrapper: RandomNumberGenerator {
    nonisolated(unsafe) static var shared = SystemRandomNumberGeneratorWrapper()
    var s: UInt64 = 0x1234_5678
    mutating func next() -> UInt64 {
        s ^= s << 13; s ^= s >> 7; s ^= s << 17
        return s
    }
}
