import EVMCore
import EVMState
import Foundation
@testable import GasLab
import Testing

/// Scenario runs fail with typed errors: a revert is an outcome with its status and reason,
/// an invalid transaction carries the validation error, a bad file is `invalid`.
@Suite struct ScenarioErrorTests {
    /// Initcode that deploys `60006000fd` (REVERT(0, 0)) as the runtime code.
    static let revertingContract = "6005600c60003960056000f3" + "60006000fd"

    func scenario(steps: String, gas: String = "") throws -> Scenario {
        let json = """
        {"name": "t", "fork": "Cancun", "accounts": {"a": {"balance": "1 ether"}},
         "contracts": {"c": {"source": "\(ScenarioErrorTests.revertingContract)", "from": "a"}},
         "steps": [\(steps)]}
        """
        return try Scenario.parse(Data(json.utf8), directory: ".")
    }

    @Test func aRevertIsAnUnexpectedOutcome() throws {
        let s = try scenario(steps: #"{"from": "a", "to": "c", "call": "f()", "label": "f"}"#)
        #expect(throws: ScenarioError.unexpectedOutcome(context: "t [default]: steps[0] f", status: .reverted,
                                                          revertReason: "revert without data")) {
            _ = try ScenarioRunner().run(s, variant: s.variants[0])
        }
    }

    @Test func anExpectedRevertPasses() throws {
        let s = try scenario(steps: #"{"from": "a", "to": "c", "call": "f()", "label": "f", "expectRevert": true}"#)
        let result = try ScenarioRunner().run(s, variant: s.variants[0])
        #expect(result.records.last?.status == .reverted)
    }

    @Test func aGasLimitBelowTheIntrinsicGasIsAnInvalidTransaction() throws {
        // 21,000 + 4 bytes of selector at 16 = 21,064 intrinsic gas (EIP-2028).
        let s = try scenario(steps: #"{"from": "a", "to": "c", "call": "f()", "label": "f", "gas": 21000}"#)
        do {
            _ = try ScenarioRunner().run(s, variant: s.variants[0])
            Issue.record("expected an invalid transaction")
        } catch let ScenarioError.invalidTransaction(_, error) {
            #expect(error == .intrinsicGasTooLow(needed: 21_064, limit: U256(21_000)))
        }
    }
}
