@testable import EVMCore
import Testing

/// The KECCAK256 memo must return exactly Keccak-256, for hits, misses and evictions.
@Suite struct KeccakMemoTests {
    /// A deterministic byte stream (xorshift), independent of the memo's hashing.
    struct Bytes {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        mutating func next() -> UInt8 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        }
    }

    @Test func agreesWithKeccakOnRepeatsAndEvictions() {
        let memo = KeccakMemo()
        var random = Bytes()
        // 40 distinct inputs (more than the 16 entries) of the memoised and other lengths,
        // each hashed three times in interleaved order.
        let lengths = [32, 64, 0, 1, 31, 33, 63, 65, 136]
        var inputs: [[UInt8]] = []
        for i in 0..<40 {
            let n = lengths[i % lengths.count]
            inputs.append((0..<n).map { _ in random.next() })
        }
        // Words that differ in one byte only, and small slot numbers (Solidity's x[], y[]).
        for slot in 0..<4 as Range<UInt64> { inputs.append(U256(slot).bigEndianBytes) }
        inputs.append([UInt8](repeating: 0, count: 64))
        inputs.append([UInt8](repeating: 0, count: 63) + [1])
        for _ in 0..<3 {
            for input in inputs {
                let expected = input.withUnsafeBytes { Keccak256.hashWord($0) }
                let got = input.withUnsafeBytes { memo.hash($0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, count: input.count) }
                #expect(got == expected)
            }
        }
    }

    /// A 32-byte input and a 64-byte input that starts with it are different entries.
    @Test func lengthIsPartOfTheKey() {
        let memo = KeccakMemo()
        let word = U256(7).bigEndianBytes
        let double = word + [UInt8](repeating: 0, count: 32)
        for input in [word, double, word, double] {
            let got = input.withUnsafeBytes { memo.hash($0.baseAddress!, count: input.count) }
            #expect(got == input.withUnsafeBytes { Keccak256.hashWord($0) })
        }
    }
}
