import EVMCore
@testable import EVMState
import Testing

/// CALL family gas: EIP-2929 access, 9,000 for value, 25,000 for a new account, the 2,300
/// stipend, EIP-150's 63/64 cap (execution specs `system.py`, `calculate_message_call_gas`).
@Suite struct CallGasTests {
    static let empty = "73" + String(repeating: "ee", count: 20)

    /// retSize retOffset argsSize argsOffset value(PUSH1 v) address GAS CALL
    static func call(value: UInt8) -> String {
        "6000600060006000" + "60" + Hex.encode([value]) + empty + "5a" + "f1"
    }

    @Test func callEmptyAccountWithoutValue() {
        let r = run(Self.call(value: 0))
        #expect(r.status == .stop)
        #expect(r.used == 5 * 3 + 3 + 2 + 2_600)
    }

    @Test func callNewAccountWithValue() {
        // Value 9,000 and new account 25,000; the callee returns its stipend unused.
        let r = run(Self.call(value: 1))
        #expect(r.used == 5 * 3 + 3 + 2 + 2_600 + 9_000 + 25_000 - 2_300)
        #expect(r.state.balance(Address(hex: String(repeating: "ee", count: 20))!) == U256(1))
    }

    @Test func callWithValueInStaticFrameFails() {
        #expect(run(Self.call(value: 1), isStatic: true).status == .staticStateChange)
        #expect(run(Self.call(value: 0), isStatic: true).status == .stop)
    }

    @Test func insufficientBalancePushesZero() {
        // The contract holds 1,000 wei; sending 0xff… fails the call (pushes 0) but not the frame.
        let code = "6000600060006000" + "7f" + String(repeating: "ff", count: 32) + Self.empty + "5a" + "f1" + "60005260206000f3"
        let r = run(code)
        #expect(r.status == .returned)
        #expect(U256(bigEndianBytes: r.output) == .zero)
    }

    @Test func sixtyThreeSixtyFourths() {
        // The callee (at 0x…ee) records GAS: it receives all but 1/64 of what is left.
        let callee = Address(hex: String(repeating: "ee", count: 20))!
        let accounts = [callee: Account(code: Code(try! Hex.decode("5a60005500")))]
        // Asks for 0xffffff gas (PUSH3), more than is left: the cap applies.
        let r = run("60006000600060006000" + Self.empty + "62ffffff" + "f1", accounts: accounts, gas: 100_000)
        let before = 100_000 - (5 * 3 + 3 + 3) - 2_600
        let given = before - before / 64
        #expect(r.state.storage(callee, .zero) == U256(UInt64(given - 2)))
    }
}

/// CREATE and CREATE2 addresses (EIP-1014 examples) and the EIP-3860 initcode limit.
@Suite struct CreateTests {
    @Test func createAddress() {
        #expect(ContractAddress.create(sender: caller, nonce: 0) == Address(hex: "6295ee1b4f6dd65047762f924ecd367c17eabf8f"))
        #expect(ContractAddress.create(sender: contract, nonce: 1) == Address(hex: "90de6cafb09917cb77c6f9901225ac3bbc579469"))
    }

    @Test func create2Examples() {
        #expect(ContractAddress.create2(sender: .zero, salt: .zero, initcode: [0])
                == Address(hex: "4D1A2e2bB4F88F0250f26Ffff098B0b30B26BF38"))
        #expect(ContractAddress.create2(sender: Address(hex: "00000000000000000000000000000000deadbeef")!,
                                        salt: U256(0xcafebabe), initcode: [0xde, 0xad, 0xbe, 0xef])
                == Address(hex: "60f3f640a8508fC6a86d45DF051962668E1e8AC7"))
    }

    @Test func createDeploysCode() {
        // Initcode: MSTORE8(0, 0xfe) RETURN(0, 1) — deploys the one-byte code 0xfe.
        let initcode = "60fe60005360016000f3"
        let push = "69" + initcode  // PUSH10 initcode
        // MSTORE(0, initcode) puts it right-aligned in the first word: offset 22, size 10.
        let code = push + "600052" + "600a6016" + "6000" + "f0" + "60005260206000f3"
        let r = run(code)
        #expect(r.status == .returned)
        let created = Address(U256(bigEndianBytes: r.output))
        #expect(created == ContractAddress.create(sender: contract, nonce: 0))
        #expect(r.state.codeObject(created).bytes == [0xfe])
        #expect(r.state.nonce(created) == 1)
        #expect(r.state.nonce(contract) == 1)
    }

}
