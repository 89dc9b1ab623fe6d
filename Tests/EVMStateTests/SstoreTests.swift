import EVMCore
import EVMState
import Testing

/// SSTORE by storage status: EIP-2200 (Istanbul), EIP-2929 (Berlin: cold +2,100, reset
/// 2,900), EIP-3529 (London: clear refund 4,800, refund cap gasUsed/5).
@Suite struct SstoreTests {
    @Test func setCold() {
        #expect(run("6001600055", fork: .berlin).used == 6 + 20_000 + 2_100)
        #expect(run("6001600055", fork: .istanbul).used == 6 + 20_000)
    }

    @Test func noopAndDirty() {
        // Writing the same value: only the (cold) read.
        #expect(run("6001600055", fork: .cancun, storage: [U256(0): U256(1)]).used == 6 + 100 + 2_100)
        // 0 → 1 → 2: the second write is to a dirty slot: warm read only.
        #expect(run("60016000556002600055", fork: .cancun).used == 12 + 22_100 + 100)
    }

    @Test func restoreRefunds() {
        // 0 → 1 → 0 in one transaction: refund 20,000 − 100 (EIP-2200 with EIP-2929's warm read).
        let r = run("60016000556000600055", fork: .cancun)
        #expect(r.used == 12 + 22_100 + 100)
        #expect(r.refund == 19_900)
        // 1 → 2 → 1: refund 2,900 − 100.
        let m = run("60026000556001600055", fork: .cancun, storage: [U256(0): U256(1)])
        #expect(m.refund == 2_800)
    }

    @Test func sentry() {
        // EIP-2200: SSTORE with 2,300 gas or less left fails.
        let r = run("6001600055", fork: .cancun, gas: 2_306)
        #expect(r.status == .outOfGas)
    }

    @Test func staticCallCannotStore() {
        #expect(run("6001600055", isStatic: true).status == .staticStateChange)
    }
}
