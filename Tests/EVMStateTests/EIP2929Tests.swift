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

    @Test func accessListWarmsBeforeExecution() throws {
        // SLOAD of slot 5 with the slot in the access list: warm 100; the list itself costs
        // 2,400 per address + 1,900 per key (EIP-2930).
        let state = WorldState(fork: .berlin)
        state.setAccount(contract, Account(code: Code(try Hex.decode("600554"))))
        state.setAccount(caller, Account(balance: U256(UInt64(1) << 60)))
        let tx = Transaction(type: 1, gasLimit: U256(100_000), to: contract,
                             accessList: [AccessListEntry(address: contract, storageKeys: [U256(5)])], sender: caller)
        let receipt = try TransactionProcessor(fork: .berlin).execute(tx, state: state, block: BlockEnvironment())
        #expect(receipt.gasUsed == 21_000 + 2_400 + 1_900 + 3 + 100)
    }
}
