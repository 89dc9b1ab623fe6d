import EVMCore
@testable import EVMState
import Testing

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
