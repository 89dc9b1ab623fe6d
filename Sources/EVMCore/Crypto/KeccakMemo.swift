/// Recent KECCAK256 results for 32- and 64-byte inputs, per frame.
///
/// Solidity hashes the same words again and again: `x[i]` is `keccak256(slot) + i` on every
/// access, `m[k]` is `keccak256(k ‖ slot)`. The faithful Table I contract runs about thirty
/// such hashes per `train()`, almost all repeats, and perf put the permutation at a fifth of
/// the workload's time. A hit costs a compare of two words instead of a permutation; the
/// result is the hash itself, so gas and semantics are untouched.
///
/// Sixteen entries, direct-mapped on the input's folded hash; other lengths always hash.
public final class KeccakMemo {
    @usableFromInline struct Entry {
        var length: Int
        var first: U256
        var second: U256
        var hash: U256
    }

    @usableFromInline let entries: UnsafeMutablePointer<Entry>
    static let capacity = 16

    public init() {
        entries = .allocate(capacity: KeccakMemo.capacity)
        entries.initialize(repeating: Entry(length: -1, first: .zero, second: .zero, hash: .zero),
                           count: KeccakMemo.capacity)
    }

    deinit { entries.deallocate() }

    /// keccak256 of `count` bytes at `p`.
    public func hash(_ p: UnsafeRawPointer, count: Int) -> U256 {
        guard count == 32 || count == 64 else {
            return Keccak256.hashWord(UnsafeRawBufferPointer(start: p, count: count))
        }
        let first = U256(loadingBigEndianFrom: p)
        let second = count == 64 ? U256(loadingBigEndianFrom: p + 32) : .zero
        let index = FastHash.finish(first.foldedHash ^ (second.foldedHash &* 0x9E37_79B9_7F4A_7C15), seed: count)
            & (KeccakMemo.capacity - 1)
        let slot = entries + index
        if slot.pointee.length == count && slot.pointee.first == first && slot.pointee.second == second {
            return slot.pointee.hash
        }
        let hash = Keccak256.hashWord(UnsafeRawBufferPointer(start: p, count: count))
        slot.pointee = Entry(length: count, first: first, second: second, hash: hash)
        return hash
    }
}
