import EVMCore
import Foundation
@testable import GasLab
import Testing

/// A scenario file is read strictly: unknown keys, wrong types and out-of-range counts are
/// errors naming the file, line, column and JSON path; nothing is silently ignored.
@Suite struct ScenarioSchemaTests {
    func parse(_ text: String) throws -> Scenario {
        try Scenario.parse(Data(text.utf8), directory: ".", file: "s.json")
    }

    func error(_ text: String) -> String {
        do { _ = try parse(text) } catch { return "\(error)" }
        return "no error"
    }

    static let base = #"{"accounts": {"a": {}}, "contracts": {"c": {"source": "00"}}, "steps": [STEP]}"#
    func step(_ s: String) -> String { Self.base.replacingOccurrences(of: "STEP", with: s) }

    @Test func unknownKeysAreErrorsWithAHint() {
        let e = error(step(#"{"to": "c", "call": "f()", "repeats": 5}"#))
        #expect(e.hasPrefix("s.json:1:"), "\(e)")
        #expect(e.contains("steps[0].repeats: unknown key") && e.contains("did you mean 'repeat'?"), "\(e)")
        let c = error(#"{"contracts": {"c": {"source": "00", "constructer": "()"}}, "steps": []}"#)
        #expect(c.contains("contracts.c.constructer: unknown key") && c.contains("'constructor'"), "\(c)")
        #expect(error(#"{"stepz": [], "steps": []}"#).contains("stepz: unknown key"))
    }

    @Test func wrongTypesNameThePath() {
        // A boolean is not a uint256.
        let b = error(step(#"{"to": "c", "call": "f(uint256)", "args": [true]}"#))
        #expect(b.contains("steps[0].args[0]: must be a string or an integer (a boolean is not a number)"), "\(b)")
        #expect(error(step(#"{"to": "c", "call": "f()", "expectRevert": "yes"}"#)).contains("steps[0].expectRevert: must be true or false"))
        #expect(error(step(#"{"to": "c", "call": 7}"#)).contains("steps[0].call: must be a string"))
    }

    @Test func malformedJSONHasLineAndColumn() {
        let e = error("{\n  \"steps\": [\n    {\"to\": \"c\",, }\n  ]\n}")
        #expect(e.hasPrefix("s.json:3:16: malformed JSON"), "\(e)")
        #expect(error("{\"a\": 1, \"a\": 2}").contains("key 'a' appears twice"))
    }

    /// Counts are capped (a hundred billion repetitions failed allocating memory before).
    @Test func repeatAndEachAreCapped() {
        let r = error(step(#"{"to": "c", "call": "f()", "repeat": 100000000000}"#))
        #expect(r.contains("steps[0].repeat: must be 1 to 1,000,000"), "\(r)")
        let e = error(step(#"{"to": "c", "call": "f()", "each": {"prefix": "p", "count": 100000000000}}"#))
        #expect(e.contains("steps[0].each.count: must be 1 to 1,000,000"), "\(e)")
        #expect(error(step(#"{"to": "c", "call": "f()", "repeat": 0}"#)).contains("must be 1 to"))
    }

    @Test func amountsTakeDecimalsAndUnits() throws {
        let s = try parse(#"{"accounts": {"a": {"balance": "0.5 ether"}, "b": {"balance": "20 gwei"}, "d": {"balance": 7}}, "steps": []}"#)
        #expect(s.accounts["a"] == U256(500_000_000_000_000_000))
        #expect(s.accounts["b"] == U256(20_000_000_000))
        #expect(s.accounts["d"] == U256(7))
        #expect(error(#"{"accounts": {"a": {"balance": "0.5 wei"}}, "steps": []}"#).contains("accounts.a.balance: '0.5 wei' is not an amount"))
    }

    @Test func namesAreUnique() {
        let e = error(#"{"contracts": {"c": {"source": "00"}}, "variants": [{"name": "v"}, {"name": "v"}], "steps": []}"#)
        #expect(e.contains("variants[1].name: 'v' names two variants"), "\(e)")
        #expect(error(#"{"contracts": {"c": {"source": "00"}}, "variants": [{"name": "v", "sources": {"d": "x.easm"}}], "steps": []}"#)
            .contains("names no contract"))
    }
}
