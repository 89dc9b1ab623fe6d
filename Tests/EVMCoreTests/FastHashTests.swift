import EVMCore
import Testing

/// Words and addresses hash through `FastHash` (not SipHash): sets and dictionaries keyed by
/// them must still find every key, and keys that differ only in one limb must not collide.
@Suite struct FastHashTests {
    @Test func wordsDifferingInAnyLimbAreDistinct() {
        var keys: [U256] = []
        for i in 0..<2_000 as Range<UInt64> {
            keys.append(U256(w0: i, w1: 0, w2: 0, w3: 0))
            keys.append(U256(w0: 0, w1: i + 1, w2: 0, w3: 0))
            keys.append(U256(w0: 0, w1: 0, w2: i + 1, w3: 0))
            keys.append(U256(w0: 0, w1: 0, w2: 0, w3: i + 1))
        }
        let set = Set(keys)
        #expect(set.count == keys.count)
        #expect(keys.allSatisfy { set.contains($0) })
        // The finished hashes of sequential keys are all different (the mixer is a bijection).
        let hashes = Set(keys.prefix(4_000).map { $0._rawHashValue(seed: 12_345) })
        #expect(hashes.count == 4_000)
    }

    @Test func addressesAsDictionaryKeys() {
        var map: [Address: Int] = [:]
        for i in 0..<3_000 {
            map[Address(high: UInt32(i % 7), middle: UInt64(i / 7), low: UInt64(i))] = i
        }
        #expect(map.count == 3_000)
        for i in 0..<3_000 {
            #expect(map[Address(high: UInt32(i % 7), middle: UInt64(i / 7), low: UInt64(i))] == i)
        }
    }

    @Test func seedChangesTheHash() {
        let word = U256(0xdead_beef)
        #expect(word._rawHashValue(seed: 1) != word._rawHashValue(seed: 2))
        #expect(word._rawHashValue(seed: 1) == word._rawHashValue(seed: 1))
    }
}
