import EVMCore
import EVMState
import Testing

/// EIP-2929: cold access costs 2,100 (slot) or 2,600 (account), warm 100; Istanbul's flat
/// EIP-1884 prices before.
@Suite struct EIP2929Tests {
    @Test func sloadColdThenWarm() {
        #expect(run("600054", fork: .berlin).used == 3 + 2_100)
        #expect(run("600054600054", fork: .berlin).used == 3 + 2_100 + 3 + 100)
        #expect(run("600054600054", fork: .istanbul).used == 2 * (3 + 800))
    }

    @Test func balanceColdThenWarm() {
        let other = "73" + String(repeating: "11", count: 20)
        #expect(run(other + "31", fork: .berlin).used == 3 + 2_600)
        #expect(run(other + "31" + other + "31", fork: .berlin).used == 3 + 2_600 + 3 + 100)
        #expect(run(other + "31", fork: .istanbul).used == 3 + 700)
        // The executing contract is warm (it is the transaction's recipient).
        #expect(run("3031", fork: .berlin).used == 2 + 100)
    }

    @Test func extcodeFamily() {
        let other = "73" + String(repeating: "22", count: 20)
        #expect(run(other + "3b", fork: .cancun).used == 3 + 2_600)
        #expect(run(other + "3f", fork: .cancun).used == 3 + 2_600)
        // EXTCODECOPY of 32 bytes to 0: cold 2,600 + copy 3 + memory 3.
        #expect(run("6020 6000 6000"  + other + "3c", fork: .cancun).used
                == 3 * 4 + 2_600 + 3 + 3)
    }

}
