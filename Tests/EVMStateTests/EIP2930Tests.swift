import EVMCore
import EVMState
import Testing

/// EIP-2930: access lists warm addresses and slots before execution, for 2,400 and 1,900 gas.
@Suite struct EIP2930Tests {
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
