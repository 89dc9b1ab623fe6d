import EVMCore
import EVMState
import Foundation
import GasEconomics
@testable import GasLab
import GasLabTesting
import Testing

/// Gas snapshots and budgets: a contract change fails --check with a readable diff, a tolerance
/// lets a small change through, corrupt files are reported by line.
@Suite struct GasSnapshotTests {
    /// A folder with a one-function contract and its scenario; `extra` instructions make it dearer.
    func project(extra: Int) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gaslab-snap-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let code = String(repeating: "push 1\npop\n", count: extra) + "push 7\npush 0\nsstore\nstop\n"
        try code.write(toFile: dir + "/Counter.easm", atomically: true, encoding: .utf8)
        let scenario = """
            {"name": "counter", "accounts": {"a": {"balance": "1 ether"}},
             "contracts": {"c": {"source": "Counter.easm", "from": "a"}},
             "steps": [{"from": "a", "to": "c", "call": "bump()", "repeat": 3}]}
            """
        try scenario.write(toFile: dir + "/counter.scenario.json", atomically: true, encoding: .utf8)
        return dir
    }

    @Test func renderAndParseRoundTrip() throws {
        let dir = try project(extra: 0)
        let snapshot = try GasSnapshot.measure(paths: [dir])
        let text = snapshot.render()
        #expect(text.contains("counter[default]:bump() (calls: 3, min: "))
        #expect(text.contains("counter[default]:deploy c (gas: "))
        #expect(try GasSnapshot.parse(text) == snapshot)
    }

    @Test func contractChangeFailsCheckReadably() throws {
        let before = try GasSnapshot.measure(paths: [try project(extra: 0)])
        let after = try GasSnapshot.measure(paths: [try project(extra: 10)])
        let changes = after.changes(from: before)
        let bump = try #require(changes.first { $0.name == "counter[default]:bump()" })
        // Ten PUSH1 + POP pairs: 50 more gas per call.
        #expect(bump.new!.mean - bump.old!.mean == 50)
        #expect(bump.line.hasPrefix("~ counter[default]:bump(): "))
        #expect(bump.line.contains("→") && bump.line.contains("%"))
        // A 1% tolerance accepts +50 on a call of about 43,000 gas; 0.01% does not.
        #expect(after.changes(from: before, tolerance: ExactDecimal(parsing: "1")).allSatisfy { $0.name != bump.name })
        #expect(after.changes(from: before, tolerance: ExactDecimal(parsing: "0.01")).contains { $0.name == bump.name })
    }

    @Test func newAndRemovedEntries() throws {
        var old = try GasSnapshot.measure(paths: [try project(extra: 0)])
        let new = old
        old.entries["gone[default]:f()"] = .init(count: 1, min: 1, mean: 1, max: 1)
        let changes = new.changes(from: old)
        #expect(changes.map(\.line) == ["- gone[default]:f() (gas: 1) (removed)"])
        #expect(old.changes(from: new).first?.kind == .added)
    }

    @Test func hugeHandEditedFiguresDoNotTrap() throws {
        let old = try GasSnapshot.parse("f (gas: 1)\n")
        let new = try GasSnapshot.parse("f (gas: \(Int.max))\n")
        let change = try #require(new.changes(from: old).first)
        #expect(change.basisPoints == Int.max)
        #expect(change.line == "~ f: gas 1 → \(Int.max) (+∞%)")
    }

    @Test func corruptFilesNameTheLine() {
        do {
            _ = try GasSnapshot.parse("a (gas: 1)\nb (gas: x)\n", file: "snap")
            Issue.record("no error")
        } catch let e as GasSnapshot.FormatError {
            #expect(e.line == 2)
            #expect(e.description.hasPrefix("snap:2: "))
        } catch {
            Issue.record("\(error)")
        }
        #expect(throws: GasSnapshot.FormatError.self) { try GasSnapshot.parse("no parenthesis") }
        #expect(throws: GasSnapshot.FormatError.self) { try GasSnapshot.parse("a (gas: 1)\na (gas: 2)") }
        #expect(throws: GasSnapshot.FormatError.self) { try GasBudget.parse("a < 5", file: "b") }
    }

    @Test func budgets() throws {
        let snapshot = try GasSnapshot.measure(paths: [try project(extra: 0)])
        let bump = snapshot.entries["counter[default]:bump()"]!
        let ok = try GasBudget.parse("# limits\ncounter[default]:bump() <= \(bump.max)\n", file: "b")
        #expect(ok.violations(snapshot).isEmpty)
        let tight = try GasBudget.parse("counter[default]:bump() <= \(bump.max - 1)\nmissing() <= 5\n", file: "b")
        let v = tight.violations(snapshot)
        #expect(v.count == 2)
        #expect(v[0].contains("over its budget"))
        #expect(v[1].contains("no call named"))
    }

    @Test func expectGasHelper() throws {
        let chain = TestChain(accounts: ["a"])
        let pool = try chain.deploy("RewardPool.easm", from: "a")
        let receipt = try chain.call("a", pool, "totalSupply()")
        expectGas(of: receipt, atMost: 30_000, "RewardPool.totalSupply()")
        withKnownIssue { expectGas(of: receipt, atMost: 21_000, "RewardPool.totalSupply()") }
        withKnownIssue { expectGas(of: receipt, equals: receipt.gasUsed + 1, "RewardPool.totalSupply()") }
    }
}

/// Snapshots for CI: only `*.scenario.json` files are read, scenario names are unique, a
/// change names the statistic that moved, improvements can pass, partial updates keep the
/// other entries.
@Suite struct GasSnapshotCITests {
    @Test func onlyScenarioFilesAreRead() throws {
        let dir = try GasSnapshotTests().project(extra: 0)
        // An ABI and a speedscope profile beside the scenario are not scenarios.
        try "[{\"type\":\"function\"}]".write(toFile: dir + "/Counter.abi.json", atomically: true, encoding: .utf8)
        try "{\"$schema\": \"https://www.speedscope.app/file-format-schema.json\"}".write(toFile: dir + "/profile.json", atomically: true, encoding: .utf8)
        let snapshot = try GasSnapshot.measure(paths: [dir])
        #expect(snapshot.entries.keys.allSatisfy { $0.hasPrefix("counter[default]:") })
        // A second file with the same scenario name would merge silently: an error instead.
        try String(contentsOfFile: dir + "/counter.scenario.json", encoding: .utf8)
            .write(toFile: dir + "/copy.scenario.json", atomically: true, encoding: .utf8)
        #expect(throws: ScenarioError.self) { try GasSnapshot.measure(paths: [dir]) }
    }

    @Test func changesNameTheStatisticAndImprovementsCanPass() {
        let old = GasSnapshot(entries: ["s[v]:f()": .init(count: 3, min: 30_479, mean: 30_500, max: 30_600)])
        let minOnly = GasSnapshot(entries: ["s[v]:f()": .init(count: 3, min: 30_400, mean: 30_500, max: 30_600)])
        let change = minOnly.changes(from: old)[0]
        #expect(change.line == "~ s[v]:f(): min 30479 → 30400 (-0.25%)")
        #expect(!change.isRegression)
        let worse = GasSnapshot(entries: ["s[v]:f()": .init(count: 3, min: 30_479, mean: 30_510, max: 30_600)])
        #expect(worse.changes(from: old)[0].isRegression)
        #expect(worse.changes(from: old)[0].json.contains("\"moved\":[{\"stat\":\"mean\",\"old\":30500,\"new\":30510}]"))
    }

    @Test func partialUpdatesKeepTheOthers() {
        let old = GasSnapshot(entries: ["a[v]:f()": .init(count: 1, min: 1, mean: 1, max: 1),
                                        "b[v]:g()": .init(count: 1, min: 2, mean: 2, max: 2),
                                        "b[v]:gone()": .init(count: 1, min: 3, mean: 3, max: 3)])
        let measuredB = GasSnapshot(entries: ["b[v]:g()": .init(count: 1, min: 5, mean: 5, max: 5)])
        let merged = measuredB.merged(into: old, match: nil)
        #expect(merged.entries["a[v]:f()"]?.mean == 1)  // another scenario: kept
        #expect(merged.entries["b[v]:g()"]?.mean == 5)  // measured: replaced
        #expect(merged.entries["b[v]:gone()"] == nil)  // measured scenario, no longer a call: dropped
        // With --match only matching entries are replaced.
        let kept = measuredB.merged(into: old, match: "g()")
        #expect(kept.entries["b[v]:gone()"]?.mean == 3)
    }
}
