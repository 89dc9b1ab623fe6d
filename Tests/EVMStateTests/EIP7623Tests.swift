import EVMCore
@testable import EVMState
import Testing

/// EIP-7623: the calldata floor (Prague).
@Suite struct EIP7623Tests {
    func world(_ fork: Fork, code: String = "00", balance: U256 = U256(UInt64(1) << 62)) -> WorldState {
        let state = WorldState(fork: fork)
        state.setAccount(contract, Account(code: Code(try! Hex.decode(code)), storage: [U256(1): U256(9)]))
        state.setAccount(caller, Account(balance: balance))
        return state
    }

    @Test func calldataFloor() throws {
        // EIP-7623: 100 non-zero bytes are 400 tokens; the floor 21,000 + 10·400 = 25,000
        // exceeds 21,000 + 16·100 = 22,600 + execution.
        let data = [UInt8](repeating: 1, count: 100)
        let state = world(.prague)
        let tx = Transaction(gasLimit: U256(100_000), to: contract, data: data, sender: caller)
        let receipt = try TransactionProcessor(fork: .prague).execute(tx, state: state, block: BlockEnvironment())
        #expect(receipt.gasUsed == 25_000)
        let cancun = try TransactionProcessor(fork: .cancun).execute(tx, state: world(.cancun), block: BlockEnvironment())
        #expect(cancun.gasUsed == 22_600)
        // A gas limit that pays the intrinsic 22,600 but not the floor makes the transaction
        // invalid, with the floor's own reason; one below the intrinsic gas, the intrinsic one.
        let tight = Transaction(gasLimit: U256(24_999), to: contract, data: data, sender: caller)
        #expect(throws: TransactionError.belowCalldataFloor(needed: 25_000, limit: U256(24_999))) {
            _ = try TransactionProcessor(fork: .prague).execute(tight, state: world(.prague), block: BlockEnvironment())
        }
        let tighter = Transaction(gasLimit: U256(22_599), to: contract, data: data, sender: caller)
        #expect(throws: TransactionError.intrinsicGasTooLow(needed: 25_000, limit: U256(22_599))) {
            _ = try TransactionProcessor(fork: .prague).execute(tighter, state: world(.prague), block: BlockEnvironment())
        }
    }

}
