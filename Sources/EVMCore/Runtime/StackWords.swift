import Synchronization

/// Stack words are read and written as four 8-byte limbs, never as wider vector moves.
///
/// Why: a load is served from a store still in flight (store-to-load forwarding) only when
/// the store covers it with the same width; a 16-byte load of a word written by four
/// 8-byte stores, or an 8-byte load of half a 16-byte store, waits for the stores to reach
/// the cache instead. Arithmetic works on 8-byte limbs, so every access is made 8 bytes
/// wide. Left to itself the optimizer copies words (DUP, SWAP, a pushed constant's zero
/// limbs) and does AND, OR, XOR and zero tests with 16-byte vector moves, so every word
/// that one instruction writes and the next reads crossed widths. The limbs go through
/// relaxed atomic loads and stores: on x86-64 and arm64 these are the plain 8-byte moves,
/// and the optimizer neither merges them into vectors nor splits them. The limbs are
/// addressed in place: `U256` is `@frozen` with `w0` … `w3` in that order (`StackWordsTests`
/// checks the plain view agrees), and `Atomic<UInt64>` has `UInt64`'s layout.
///
/// Measured for this change alone (2026-12-03, medians of 31 runs; the loops are `scripts/width_benchmarks.py`'s,
/// 2,048 iterations of 100 pairs): DUP1 ADD 2.11 → 1.28 ms (evmone's baseline 1.50),
/// DUP1 PUSH1 LT ISZERO ADD 3.99 → 2.17 ms (evmone 2.53), DUP1 AND 1.27 → 0.92 ms;
/// micro/signextend 0.121 → 0.074 ms, micro/memory_grow_mstore/by32 0.121 → 0.067 ms; the
/// main cases' geometric mean −2.5%, although callgrind counts 8% more instructions. With
/// the JUMPDEST and code-pointer changes after it, see `Benchmarks/README.md`.
extension UnsafeMutablePointer where Pointee == U256 {
    @inline(__always)
    private func limbs(_ offset: Int) -> UnsafeMutablePointer<Atomic<UInt64>> {
        UnsafeMutableRawPointer(self + offset).assumingMemoryBound(to: Atomic<UInt64>.self)
    }

    /// The word `offset` slots from here (−1 is the top when `self` is the stack pointer).
    @inline(__always)
    func word(_ offset: Int) -> U256 {
        let p = limbs(offset)
        return U256(w0: p[0].load(ordering: .relaxed), w1: p[1].load(ordering: .relaxed),
                    w2: p[2].load(ordering: .relaxed), w3: p[3].load(ordering: .relaxed))
    }

    /// The low limb of the word `offset` slots from here.
    @inline(__always)
    func limb0(_ offset: Int) -> UInt64 { limbs(offset)[0].load(ordering: .relaxed) }

    /// Writes the word `offset` slots from here.
    @inline(__always)
    func setWord(_ offset: Int, _ value: U256) {
        let p = limbs(offset)
        p[0].store(value.w0, ordering: .relaxed)
        p[1].store(value.w1, ordering: .relaxed)
        p[2].store(value.w2, ordering: .relaxed)
        p[3].store(value.w3, ordering: .relaxed)
    }
}
