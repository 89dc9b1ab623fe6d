import EVMCore
import Foundation
@testable import GasLab
import Testing

/// The scenario report shows every view call's result, and keeps a label's expected
/// reverts out of its min, mean and max.
@Suite struct ScenarioReportTests {
    /// Runtime: revert when the calldata is shorter than 5 bytes (a call without arguments),
    /// stop otherwise. PUSH1 5, CALLDATASIZE, LT, PUSH1 8, JUMPI, STOP, JUMPDEST, PUSH1 0,
    /// PUSH1 0, REVERT, deployed by a 12-byte constructor.
    static let initcode = "600e600c600039600e6000f3" + "60053610600857005b60006000fd"

    @Test func viewsAndRevertsApart() throws {
        let text = """
            {"accounts": {"a": {}}, "contracts": {"c": {"source": "\(Self.initcode)"}},
             "steps": [
               {"to": "c", "call": "f(uint256)", "args": ["1"], "label": "f"},
               {"to": "c", "call": "g()", "label": "f", "expectRevert": true},
               {"to": "c", "view": "f(uint256)", "args": ["2"], "label": "first"},
               {"to": "c", "view": "f(uint256)", "args": ["3"], "label": "second"}
             ]}
            """
        let scenario = try Scenario.parse(Data(text.utf8), directory: ".", file: "r.json")
        let result = try ScenarioRunner().run(scenario, variant: scenario.variants[0])
        let labels = result.rows.map(\.label)
        #expect(labels.contains("f") && labels.contains("f (reverted)"), "\(labels)")
        #expect(result.rows.first { $0.label == "f" }?.count == 1)
        let report = ScenarioReport.text([result])
        #expect(report.contains("view first:") && report.contains("view second:"), "\(report)")
    }
}
