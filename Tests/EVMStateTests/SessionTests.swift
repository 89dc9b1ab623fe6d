import EVMCore
@testable import EVMState
import Testing

/// The session chooses the gas limit and drives view calls through the transaction pipeline.
@Suite struct SessionTests {
    @Test func defaultGasLimitIsTheBlocksCappedByEIP7825() {
        // EIP-7825: 2^24 = 16,777,216 from Osaka; the block's 30,000,000 before.
        #expect(Session(fork: .osaka).defaultGasLimit == 16_777_216)
        #expect(Session(fork: .prague).defaultGasLimit == 30_000_000)
        #expect(Session.defaultGasLimit(fork: .prague, blockGasLimit: 1_000_000) == 1_000_000)
    }

    @Test func negativeGasLimitIsAnInvalidTransactionNotATrap() {
        let session = Session(fork: .cancun)
        session.state.setAccount(caller, Account(balance: U256(1_000_000)))
        #expect(throws: TransactionError.intrinsicGasTooLow(needed: 21_000, limit: .zero)) {
            _ = try session.send(from: caller, to: contract, gasLimit: -5)
        }
    }

    @Test func viewCallsWarmTheCoinbaseFromShanghai() {
        // COINBASE, BALANCE, STOP: 2 + the access. EIP-3651 makes the coinbase warm from
        // Shanghai (WARM_STORAGE_READ_COST 100); in Paris it is cold (2,600).
        for (fork, access) in [(Fork.shanghai, 100), (Fork.paris, 2_600)] {
            let session = Session(fork: fork)
            session.state.setAccount(contract, Account(code: Code(bytes("41 31 00"))))
            let r = session.call(from: caller, to: contract, data: [])
            #expect(r.status == .stop)
            #expect(r.gasUsed == 21_000 + 2 + access, "\(fork)")
        }
    }
}
