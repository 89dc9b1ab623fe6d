import EVMCore
import EVMState
import Testing

/// EIP-3529: the clearing refund falls to 4,800 and the refund cap to gasUsed/5 (London).
@Suite struct EIP3529Tests {
    @Test func clearRefunds() {
        let london = run("6000600055", fork: .london, storage: [U256(0): U256(1)])
        #expect(london.used == 6 + 2_900 + 2_100)
        #expect(london.refund == 4_800)
        let berlin = run("6000600055", fork: .berlin, storage: [U256(0): U256(1)])
        #expect(berlin.refund == 15_000)
        let istanbul = run("6000600055", fork: .istanbul, storage: [U256(0): U256(1)])
        #expect(istanbul.used == 6 + 5_000)
        #expect(istanbul.refund == 15_000)
    }

    @Test func refundCapByFork() throws {
        // Clearing a slot: London caps the refund at gasUsed/5, Istanbul at gasUsed/2.
        let london = try transact("6000600055", fork: .london, storage: [U256(0): U256(1)])
        #expect(london.gasUsed == 21_000 + 6 + 5_000 - 4_800)
        let istanbul = try transact("6000600055", fork: .istanbul, storage: [U256(0): U256(1)])
        #expect(istanbul.gasUsed == (21_000 + 6 + 5_000) - (21_000 + 6 + 5_000) / 2)
    }

}
