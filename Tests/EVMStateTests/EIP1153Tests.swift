import EVMCore
import EVMState
import Testing

/// EIP-1153: TLOAD and TSTORE cost 100, are discarded at the end of the transaction and are
/// reverted with their frame.
@Suite struct EIP1153Tests {
    @Test func storeAndLoad() {
        // TSTORE(0, 7), TLOAD(0), MSTORE, RETURN 32 bytes
        let r = run("60076000 5d 6000 5c 600052 60206000f3")
        #expect(U256(bigEndianBytes: r.output) == U256(7))
        #expect(r.used == 6 + 100 + 3 + 100 + 6 + 3 + 6)
    }

    @Test func notBeforeCancun() {
        #expect(run("600760005d", fork: .shanghai).status == .invalidOpcode(0x5d))
    }

    @Test func staticContext() {
        #expect(run("600760005d", isStatic: true).status == .staticStateChange)
    }
}
