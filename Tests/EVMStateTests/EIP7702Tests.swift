import EVMCore
import EVMPrecompiles
@testable import EVMState
import Testing

/// EIP-7702: a set-code transaction writes `0xef0100 ‖ address` to each valid authority, bumps
/// its nonce and refunds 12,500 for one that already existed; calls to the authority run the
/// delegate's code (a CALL opcode also pays for the delegate's access, 2,600 cold).
@Suite struct EIP7702Tests {
    static let authorityKey: [UInt8] = try! Hex.decode("4646464646464646464646464646464646464646464646464646464646464646")
    static let delegate = Address(hex: String(repeating: "de", count: 20))!

    func signed(chainId: U256 = .one, nonce: U256 = .zero) -> Authorization {
        let hash = Authorizations.signingHash(chainId: chainId, address: Self.delegate, nonce: nonce)
        let sig = Secp256k1.shared.sign(hash: hash, privateKey: Self.authorityKey)!
        return Authorization(chainId: chainId, address: Self.delegate, nonce: nonce, yParity: U256(UInt64(sig.recoveryId)),
                             r: sig.r, s: sig.s)
    }

    @Test func delegationIsWrittenAndFollowed() throws {
        let authority = Secp256k1.shared.address(privateKey: Self.authorityKey)!
        let state = WorldState(fork: .prague)
        state.setAccount(caller, Account(balance: U256(UInt64(1) << 60)))
        // The delegate stores 1 at slot 0: SSTORE runs in the authority's storage.
        state.setAccount(Self.delegate, Account(code: Code(bytes("6001600055"))))
        state.setAccount(authority, Account(balance: U256(1)))
        #expect(Authorizations.recover(signed()) == authority)
        let tx = Transaction(type: 4, maxFeePerGas: U256(10), gasLimit: U256(200_000), to: authority,
                             authorizations: [signed()], sender: caller)
        let receipt = try TransactionProcessor(fork: .prague).execute(tx, state: state, block: BlockEnvironment())
        #expect(state.codeObject(authority).delegationTarget == Self.delegate)
        #expect(state.nonce(authority) == 1)
        #expect(state.storage(authority, .zero) == .one)
        // 21,000 + 25,000 per authorization + two pushes + SSTORE (22,100), less the 12,500 refund
        // for an authority that existed (under the gasUsed/5 cap). The transaction's own target
        // pays nothing for its delegate: the specs' `process_message_call` only warms it.
        let before = 21_000 + 25_000 + 6 + 22_100
        #expect(receipt.gasUsedBeforeRefund == before)
        #expect(receipt.gasUsed == before - min(12_500, before / 5))
    }

    @Test func invalidAuthorizationsAreSkipped() throws {
        let authority = Secp256k1.shared.address(privateKey: Self.authorityKey)!
        let state = WorldState(fork: .prague)
        state.setAccount(caller, Account(balance: U256(UInt64(1) << 60)))
        var wrongChain = signed(chainId: U256(7))
        var wrongNonce = signed(nonce: U256(5))
        var highS = signed()
        highS.s = Secp256k1.order &- highS.s  // EIP-2: s above n/2 is refused
        let tx = Transaction(type: 4, maxFeePerGas: U256(10), gasLimit: U256(200_000), to: caller,
                             authorizations: [wrongChain, wrongNonce, highS], sender: caller)
        _ = try TransactionProcessor(fork: .prague).execute(tx, state: state, block: BlockEnvironment())
        #expect(state.account(authority) == nil)
        wrongChain.chainId = .zero  // chain id 0 is valid on any chain, but the signature no longer matches
        wrongNonce.nonce = .zero
        #expect(Authorizations.recover(wrongChain) != authority)
    }

    @Test func notBeforePrague() {
        let tx = Transaction(type: 4, gasLimit: U256(100_000), to: caller, authorizations: [signed()], sender: caller)
        let state = WorldState(fork: .cancun)
        state.setAccount(caller, Account(balance: U256(UInt64(1) << 60)))
        #expect(throws: TransactionError.typeNotSupported(4)) {
            _ = try TransactionProcessor(fork: .cancun).execute(tx, state: state, block: BlockEnvironment())
        }
    }
}

/// Nested calls run on an explicit frame stack: recursion to the 1,024-frame limit is an EVM
/// result, never a native stack overflow.
@Suite struct CallDepthTests {
    @Test func recursionStopsAtDepth1024() {
        // counter = SLOAD(0) + 1; SSTORE(0, counter); CALL(self, all gas); STOP
        let code = "60005460010160005500" .dropLast(2) + "5f5f5f5f5f305af100"
        let r = run(String(code), fork: .cancun, gas: 1 << 46)
        #expect(r.status == .stop)
        // Depths 0 … 1,024 ran: 1,025 frames; the call from depth 1,024 failed.
        #expect(r.state.storage(contract, .zero) == U256(1_025))
    }
}
