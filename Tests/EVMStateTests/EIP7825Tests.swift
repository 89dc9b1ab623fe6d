import EVMCore
@testable import EVMState
import Testing

/// EIP-7825: the transaction gas limit cap (Osaka).
@Suite struct EIP7825Tests {
    func world(_ fork: Fork, code: String = "00", balance: U256 = U256(UInt64(1) << 62)) -> WorldState {
        let state = WorldState(fork: fork)
        state.setAccount(contract, Account(code: Code(try! Hex.decode(code)), storage: [U256(1): U256(9)]))
        state.setAccount(caller, Account(balance: balance))
        return state
    }

    @Test func gasLimitCap() {
        // EIP-7825: at most 2^24 gas per transaction from Osaka.
        let tx = Transaction(gasLimit: U256(16_777_217), to: contract, sender: caller)
        let block = BlockEnvironment(gasLimit: U256(60_000_000))
        #expect(throws: TransactionError.gasLimitAboveCap(limit: U256(16_777_217), cap: 16_777_216)) {
            _ = try TransactionProcessor(fork: .osaka).execute(tx, state: world(.osaka), block: block)
        }
        #expect(throws: Never.self) {
            _ = try TransactionProcessor(fork: .prague).execute(tx, state: world(.prague), block: block)
        }
    }

}
