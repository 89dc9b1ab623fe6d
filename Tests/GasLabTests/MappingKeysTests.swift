import EVMCore
import Foundation
@testable import GasLab
import Testing

/// Mapping entries in profiles are named by their keys, read from the KECCAK256 inputs the
/// profiler saw: RewardPool's `balances[account]` and `claimed[epoch][account]`.
@Suite struct MappingKeysTests {
    func profile(variant: String, call: String) throws -> GasProfile {
        let scenario = try Scenario.load(TestPaths.contracts + "/rewards-10.scenario.json")
        let r = try ScenarioRunner(profile: { _, label, _ in label == call })
            .run(scenario, variant: scenario.variants.first { $0.name == variant }!)
        return GasProfile(result: r, indexes: r.profiles.keys.sorted(), slotNames: r.slotNames)
    }

    @Test func balancesAndClaimsByKey() throws {
        // The ten participants p1 … p10 of rewards-10, their addresses from their names.
        let participants = (1...10).map { ScenarioRunner.address(for: "p\($0)").description }
        let claims = try profile(variant: "merkle", call: "claim")
        let slots = Set(claims.bySlot.map(\.slot))
        for p in participants {
            #expect(slots.contains("balances[\(p)]"), "\(p)")
            #expect(slots.contains("claimed[1][\(p)]"), "\(p)")
        }
        #expect(slots.contains("totalSupply"))
    }

    @Test func keysReadAsPeopleWriteThem() {
        #expect(GasProfile.keyText(U256(7)) == "7")
        #expect(GasProfile.keyText(U256(hex: "00000000000000000000000000000000000000000000000000000000deadbeef01")!)
                    .hasPrefix("0x"))
    }
}
