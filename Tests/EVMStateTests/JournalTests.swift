import EVMCore
@testable import EVMState
import Testing

/// A reverted frame undoes everything it did; a successful one keeps it.
@Suite struct JournalTests {
    @Test func revertUndoesStorageBalanceLogsAndWarmth() {
        let state = WorldState(fork: .cancun)
        state.setAccount(caller, Account(balance: U256(100)))
        state.beginTransaction()
        let checkpoint = state.checkpoint
        _ = state.sstore(contract, U256(1), U256(5))
        state.transfer(from: caller, to: contract, value: U256(40))
        state.emitLog(address: contract, topics: [U256(1)], data: [1])
        state.tstore(contract, U256(2), U256(3))
        _ = state.accessAccount(Address(7))
        state.incrementNonce(caller)
        state.revert(to: checkpoint)
        #expect(state.storage(contract, U256(1)) == .zero)
        #expect(state.balance(caller) == U256(100))
        #expect(state.account(contract) == nil)
        #expect(state.logs.isEmpty)
        #expect(state.tload(contract, U256(2)) == .zero)
        #expect(state.accessAccount(Address(7)) == .cold)  // cold again
        #expect(state.nonce(caller) == 0)
    }

    @Test func failedCallRevertsChildOnly() {
        // The callee stores then reverts; the caller's own store stays.
        let callee = Address(hex: String(repeating: "ca", count: 20))!
        let accounts = [callee: Account(code: Code(try! Hex.decode("600160015560006000fd")))]
        let code = "600260025500" // placeholder replaced below
        _ = code
        let caller = "6002600255" + "6000600060006000" + "6000" + "73" + String(repeating: "ca", count: 20) + "5a" + "f1" + "00"
        let r = run(caller, accounts: accounts)
        #expect(r.status == .stop)
        #expect(r.state.storage(contract, U256(2)) == U256(2))
        #expect(r.state.storage(callee, U256(1)) == .zero)
    }
}
