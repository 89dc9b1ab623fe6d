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
        // A gas limit below the floor makes the transaction invalid.
        let tight = Transaction(gasLimit: U256(24_999), to: contract, data: data, sender: caller)
        #expect(throws: TransactionError.intrinsicGasTooLow(needed: 25_000, limit: U256(24_999))) {
            _ = try TransactionProcessor(fork: .prague).execute(tight, state: world(.prague), block: BlockEnvironment())
        }
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

/// EIP-6780: SELFDESTRUCT deletes an account only in the transaction that created it.
@Suite struct EIP6780Tests {
    static let beneficiary = Address(hex: String(repeating: "be", count: 20))!

    @Test func preexistingContractKeepsCode() {
        let r = run("73" + String(repeating: "be", count: 20) + "ff", fork: .cancun)
        #expect(r.status == .stop)
        #expect(r.used == 3 + 5_000 + 2_600 + 25_000)  // cold beneficiary, new account with value
        #expect(r.state.balance(Self.beneficiary) == U256(1_000))
        #expect(r.state.balance(contract) == .zero)
        #expect(r.state.destructedAccounts.isEmpty)
    }

    @Test func shanghaiDeletes() {
        let r = run("73" + String(repeating: "be", count: 20) + "ff", fork: .shanghai)
        #expect(r.state.destructedAccounts.contains(contract))
    }
}
