import EVMCore
import Foundation
import GasEconomics
@testable import GasLab
import Testing

/// Any scenario priced per call, two variants compared, two profiles diffed.
@Suite struct ScenarioPricingTests {
    static func counterScenario() throws -> (Scenario, ScenarioResult) {
        let dir = try GasSnapshotTests().project(extra: 0)
        let scenario = try Scenario.load(dir + "/counter.scenario.json")
        return (scenario, try ScenarioRunner().run(scenario, variant: scenario.variants[0]))
    }

    @Test func pricesEveryCallOnEachChain() throws {
        let (scenario, result) = try Self.counterScenario()
        let preset = FeePreset.current2026
        let pricing = try ScenarioPricing.price(result, scenario: scenario, preset: preset)
        #expect(pricing.rows.map(\.label) == ["deploy c", "bump()"])
        // On L1 a call costs its gas × (base fee + tip), exactly.
        let bump = try #require(result.rows.first { $0.label == "bump()" })
        #expect(pricing.rows[1].costs["l1"]?.wei == U256(UInt64(bump.total)) &* preset.l1GasPrice)
        #expect(pricing.totals["l1"]?.wei == U256(UInt64(result.totalGas)) &* preset.l1GasPrice)
        // Every Layer 2 is cheaper than L1 for these calls; paper-2023 has no Base.
        for id in ["base", "op", "arbitrum", "blobs"] { #expect(pricing.totals[id]!.wei < pricing.totals["l1"]!.wei, "\(id)") }
        let old = try ScenarioPricing.price(result, scenario: scenario, preset: .paper2023)
        #expect(old.totals["base"] == nil)
        #expect(old.table(markdown: false).contains("n/a"))
    }

    @Test func variantsSideBySide() throws {
        let scenario = try Scenario.load(TestPaths.contracts + "/table1.scenario.json")
        let a = try ScenarioRunner().run(scenario, variant: scenario.variants.first { $0.name == "faithful" }!)
        let b = try ScenarioRunner().run(scenario, variant: scenario.variants.first { $0.name == "cached" }!)
        let c = VariantComparison(a, b)
        let train = try #require(c.rows.first { $0.label == "train()" })
        #expect(train.a!.mean - train.b!.mean == a.rows.first { $0.label == "train()" }!.mean - b.rows.first { $0.label == "train()" }!.mean)
        #expect(c.table(markdown: true).contains("| train() |"))
        #expect(c.totals == (a.totalGas, b.totalGas))
    }

    /// The categories of each profile add up to its gas, so the differences add up to the
    /// difference of the gas used.
    @Test func profileDiffAddsUp() throws {
        let scenario = try Scenario.load(TestPaths.contracts + "/table1.scenario.json")
        func profile(_ name: String) throws -> GasProfile {
            let r = try ScenarioRunner(profile: { i, label, _ in label == "initParams(int256,int256)" })
                .run(scenario, variant: scenario.variants.first { $0.name == name }!)
            return GasProfile(result: r, indexes: r.profiles.keys.sorted(), slotNames: r.slotNames)
        }
        let d = ProfileDiff(try profile("faithful"), try profile("vyper"), names: ("faithful", "vyper"))
        #expect(d.categories.reduce(0) { $0 + $1.b - $1.a } == d.b.gasUsed - d.a.gasUsed)
        #expect(d.text(top: 5).contains("Δ gas"))
    }
}
