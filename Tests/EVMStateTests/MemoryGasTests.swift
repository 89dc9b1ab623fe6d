import EVMCore
import Testing

/// Memory expansion: C_mem(a) = 3a + a²/512 words (yellow paper, eq. 326), charged as the
/// difference before and after; copies cost 3 per word; KECCAK256 30 + 6 per word.
@Suite struct MemoryGasTests {
    @Test func mstoreExpandsOneWord() {
        #expect(run("6001600052").used == 3 + 3 + 3 + 3)
    }

    @Test func mstoreFarAway() {
        // MSTORE at 4096 needs 129 words: 3·129 + 129²/512 = 387 + 32.
        #expect(run("60016110005200").used == 3 + 3 + 3 + 419)
    }

    @Test func secondTouchIsFree() {
        // Two MSTOREs at 0: the second pays no expansion.
        #expect(run("60016000526002600052").used == 2 * (3 + 3 + 3) + 3)
    }

    @Test func keccakWordCost() {
        #expect(run("6020600020").used == 3 + 3 + 30 + 6 + 3)
    }

    @Test func calldatacopyWordCost() {
        #expect(run("602060006000 37", input: [1, 2, 3]).used == 9 + 3 + 3 + 3)
    }

    @Test func mcopy() {
        // MCOPY(dest 32, src 0, 32 bytes): 3 + copy 3 + memory to 2 words (6).
        #expect(run("602060006020 5e").used == 9 + 3 + 3 + 6)
    }

    @Test func hugeOffsetIsOutOfGas() {
        let r = run("68010000000000000000 51", gas: 100_000)
        #expect(r.status == .outOfGas)
        #expect(r.used == 100_000)
        let r2 = run("6000 7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff 52")
        #expect(r2.status == .outOfGas)
    }

    @Test func zeroLengthNeverExpands() {
        // KECCAK256 of 0 bytes at a huge offset: no memory, no word cost.
        let r = run("6000 7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff 20 59")
        #expect(r.status == .stop)
        #expect(r.used == 3 + 3 + 30 + 2)
    }

    @Test func returnDataCopyOutOfBounds() {
        // EIP-211: reading past the return data is an exceptional halt.
        let r = run("600160006000 3e", gas: 10_000)
        #expect(r.status == .returnDataOutOfBounds)
        #expect(r.used == 10_000)
    }
}
