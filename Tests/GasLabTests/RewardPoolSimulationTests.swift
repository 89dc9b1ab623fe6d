import EVMCore
import GasLab
import Testing

/// The stake-weighted pool simulation's invariants: every epoch's reward is minted exactly
/// (totalSupply) in both designs, no participant is more than one unit per epoch from its
/// share, Jain's index is 1 to nine places, and a seed fixes the run.
@Suite struct RewardPoolSimulationTests {
    func run(_ sizes: [Int], epochs: Int = 2, seed: UInt64 = 1) throws -> [RewardPoolSimulation.Row] {
        var config = RewardPoolSimulation.Config()
        config.participants = sizes
        config.epochs = epochs
        config.seed = seed
        return try RewardPoolSimulation(config: config, contractsDirectory: TestPaths.contracts).run()
    }

    @Test func conservedAndFair() throws {
        let rows = try run([1, 7, 40], epochs: 3)
        #expect(rows.map(\.participants) == [1, 7, 40])
        for r in rows {
            #expect(r.conserved)
            #expect(r.largestDeviation <= U256(3))
            #expect(abs(r.jainIndex - 1) < 1e-9)
            #expect(r.pushGasFirstEpoch >= r.pushGasPerEpoch)
            #expect(r.merkleGasPerEpoch > r.claimGasMean * r.participants)  // claims plus postRoot
        }
        // More participants cost more gas per epoch in both designs.
        #expect(rows[2].pushGasPerEpoch > rows[1].pushGasPerEpoch && rows[2].merkleGasPerEpoch > rows[1].merkleGasPerEpoch)
    }

    @Test func aSeedFixesTheRun() throws {
        let a = try run([12], seed: 5), b = try run([12], seed: 5)
        #expect(a[0].pushGasPerEpoch == b[0].pushGasPerEpoch && a[0].merkleGasPerEpoch == b[0].merkleGasPerEpoch)
        #expect(a[0].largestDeviation == b[0].largestDeviation)
    }

    @Test func invalidSizesAreErrors() {
        #expect(throws: (any Error).self) { _ = try run([0]) }
        #expect(throws: (any Error).self) { _ = try run([5], epochs: 0) }
    }
}
