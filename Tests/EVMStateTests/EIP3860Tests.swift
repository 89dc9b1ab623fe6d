import EVMCore
@testable import EVMState
import Testing

/// EIP-3860: initcode at most 49,152 bytes, 2 gas per word (Shanghai).
@Suite struct EIP3860Tests {
    @Test func initcodeLimitForOpcode() {
        // CREATE with 49,153 bytes of initcode: exceptional halt (EIP-3860).
        let r = run("620c0001 6000 6000 f0", fork: .shanghai, gas: 10_000_000)
        #expect(r.status == .outOfGas)
    }

    @Test func initcodeLimitForTransaction() throws {
        let state = WorldState(fork: .shanghai)
        state.setAccount(caller, Account(balance: U256(UInt64(1) << 62)))
        let tx = Transaction(gasLimit: U256(10_000_000), to: nil, data: [UInt8](repeating: 0, count: 49_153), sender: caller)
        #expect(throws: TransactionError.initcodeTooLarge(size: 49_153, limit: 49_152)) {
            _ = try TransactionProcessor(fork: .shanghai).execute(tx, state: state, block: BlockEnvironment())
        }
    }
}
