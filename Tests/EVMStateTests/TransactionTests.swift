import EVMCore
@testable import EVMState
import Testing

/// Transaction validation and accounting: an invalid transaction changes nothing, one that
/// runs out of gas keeps only the nonce and the fee; EIP-7623 and EIP-7825.
@Suite struct TransactionTests {
    func world(_ fork: Fork, code: String = "00", balance: U256 = U256(UInt64(1) << 62)) -> WorldState {
        let state = WorldState(fork: fork)
        state.setAccount(contract, Account(code: Code(try! Hex.decode(code)), storage: [U256(1): U256(9)]))
        state.setAccount(caller, Account(balance: balance))
        return state
    }

    @Test func invalidChangesNothing() {
        let state = world(.cancun)
        let tx = Transaction(nonce: U256(5), gasPrice: U256(10), gasLimit: U256(100_000), to: contract, sender: caller)
        #expect(throws: TransactionError.nonceTooHigh(expected: 0, got: U256(5))) {
            _ = try TransactionProcessor(fork: .cancun).execute(tx, state: state, block: BlockEnvironment())
        }
        #expect(state.nonce(caller) == 0)
        #expect(state.balance(caller) == U256(UInt64(1) << 62))
    }

    @Test func outOfGasKeepsNonceAndFee() throws {
        // JUMPDEST PUSH1 0 SSTORE-free loop: JUMPDEST, PUSH1 1, PUSH1 1, SSTORE, PUSH1 0, JUMP
        let state = world(.cancun, code: "5b600160015560005600")
        let tx = Transaction(gasPrice: U256(10), gasLimit: U256(100_000), to: contract, sender: caller)
        let receipt = try TransactionProcessor(fork: .cancun).execute(tx, state: state, block: BlockEnvironment())
        #expect(receipt.status == .outOfGas)
        #expect(receipt.gasUsed == 100_000)
        #expect(state.nonce(caller) == 1)
        #expect(state.balance(caller) == U256(UInt64(1) << 62) &- U256(1_000_000))
        #expect(state.storage(contract, U256(1)) == U256(9))
        #expect(state.balance(BlockEnvironment().coinbase) == U256(1_000_000))
    }

    @Test func insufficientBalance() {
        let state = world(.cancun, balance: U256(999_999))
        let tx = Transaction(gasPrice: U256(10), gasLimit: U256(100_000), to: contract, sender: caller)
        #expect(throws: TransactionError.self) {
            _ = try TransactionProcessor(fork: .cancun).execute(tx, state: state, block: BlockEnvironment())
        }
    }

    @Test func hugeGasLimitIsRefusedNotTrapped() {
        // A block limit of 2^256 − 1 lets any gas limit through its own check; 2^64 cannot be counted.
        let tx = Transaction(gasLimit: U256(1) << 64, to: contract, sender: caller)
        #expect(throws: TransactionError.gasLimitAboveBlock) {
            _ = try TransactionProcessor(fork: .cancun).execute(tx, state: world(.cancun), block: BlockEnvironment(gasLimit: .max))
        }
    }

    @Test func feesGoToCoinbaseAndBurn() throws {
        // EIP-1559: base fee 7 is burned; the tip min(2, 10 − 7) = 2 per gas goes to the coinbase.
        let state = world(.cancun)
        let block = BlockEnvironment(coinbase: Address(hex: String(repeating: "cb", count: 20))!, baseFee: U256(7))
        let tx = Transaction(type: 2, maxFeePerGas: U256(10), maxPriorityFeePerGas: U256(2), gasLimit: U256(50_000),
                             to: contract, sender: caller)
        let receipt = try TransactionProcessor(fork: .cancun).execute(tx, state: state, block: block)
        #expect(receipt.gasUsed == 21_000)
        #expect(state.balance(block.coinbase) == U256(21_000 * 2))
        #expect(state.balance(caller) == U256(UInt64(1) << 62) &- U256(21_000 * 9))
    }
}

