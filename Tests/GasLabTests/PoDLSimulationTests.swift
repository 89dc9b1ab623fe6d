import EVMCore
import GasLab
import Testing

/// The Proof-of-Deep-Learning simulation's invariants (not its random outcomes): shares sum to
/// 100%, every reward is credited on chain exactly once, a seed fixes the run, and escrow
/// charges the submitter for what it offers.
@Suite struct PoDLSimulationTests {
    func run(_ configure: (inout PoDLSimulation.Config) -> Void) throws -> PoDLSimulation.Result {
        var config = PoDLSimulation.Config()
        config.rounds = 24
        configure(&config)
        return try PoDLSimulation(config: config, contractsDirectory: TestPaths.contracts).run()
    }

    @Test func rewardsAreConservedOnChain() throws {
        for submitterPays in [false, true] {
            let r = try run { $0.byzantine = 1; $0.submitterPays = submitterPays }
            let reward = r.config.reward
            let credited = r.rewards.reduce(U256.zero, &+)
            #expect(credited == reward &* U256(UInt64(r.config.rounds)))
            #expect(r.totalCredited == credited)
            let wins = r.wins.reduce(0, +)
            #expect(wins == r.config.rounds)
            for (wins, rewards) in zip(r.wins, r.rewards) { #expect(rewards == reward &* U256(UInt64(wins))) }
            let shareSum = r.shares.reduce(0, +)
            #expect(abs(shareSum - 100) < 1e-9)
        }
    }

    @Test func everyPhaseRunsOncePerRoundAndNode() throws {
        let r = try run { $0.nodes = 4 }
        let counts = Dictionary(uniqueKeysWithValues: r.phases.map { ($0.name, $0.transactions) })
        #expect(counts == ["openRound": 24, "commit": 96, "startEvaluation": 24, "reveal": 96, "award": 24])
        #expect(r.transactions.count == 264)
        let summed = r.transactions.reduce(0) { $0 + $1.gasUsed }
        #expect(r.totalGas == summed)
    }

    @Test func aSeedFixesTheRun() throws {
        let a = try run { $0.seed = 7; $0.byzantine = 1 }
        let b = try run { $0.seed = 7; $0.byzantine = 1 }
        #expect(a.wins == b.wins && a.rewards == b.rewards && a.totalGas == b.totalGas)
        #expect(a.phases == b.phases)
    }

    /// Minted rewards cost submitters nothing; escrowed ones cost the Byzantine submitter one
    /// reward per round it opened, all of which it won.
    @Test func escrowChargesTheSubmitter() throws {
        let minted = try run { $0.byzantine = 1; $0.seed = 3 }
        let nothingPaid = minted.paid.allSatisfy(\.isZero)
        #expect(nothingPaid)
        let escrow = try run { $0.byzantine = 1; $0.seed = 3; $0.submitterPays = true }
        // Same seed, same draws: the same winners either way.
        #expect(escrow.wins == minted.wins)
        let ownRounds = escrow.paid[0]
        #expect(!ownRounds.isZero)
        let othersPaidNothing = escrow.paid.dropFirst().allSatisfy(\.isZero)
        #expect(othersPaidNothing)
        #expect(escrow.rewards[0] >= ownRounds)
    }

    @Test func invalidConfigurationsAreErrors() {
        let bad: [(inout PoDLSimulation.Config) -> Void] = [{ $0.byzantine = 6 }, { $0.byzantineShare = 1.5 }, { $0.nodes = 0 }]
        for configure in bad {
            #expect(throws: (any Error).self) { _ = try self.run(configure) }
        }
    }
}
