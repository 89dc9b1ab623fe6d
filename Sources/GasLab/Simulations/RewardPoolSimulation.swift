import EVMAssembler
import EVMCore
import EVMState
import Foundation

/// Stake-weighted epoch rewards on our `RewardPool` contract, as participants grow: each
/// participant has a stake and a score (random from the seed), its weight is stake × score, and
/// each epoch's reward is paid in proportion to the weights, either pushed to all in one
/// `distribute` transaction or committed as a Merkle root that each participant claims.
///
/// For every size it reports the gas per epoch of each design and how fair the payout was:
/// each participant's reward against its share of the total weight (the largest deviation, in
/// token units, and Jain's index of reward ÷ fair reward, 1 when all are paid exactly their share).
public struct RewardPoolSimulation {
    public struct Config: Sendable {
        public var participants = [10, 100, 500, 1_000, 2_000]
        public var epochs = 2
        public var seed: UInt64 = 1
        public var fork: Fork = .prague
        /// Reward per epoch, in token units (1,000 tokens of 18 decimals).
        public var reward = U256(decimal: "1000000000000000000000")!
        public init() {}
    }

    public struct Row: Sendable {
        public var participants: Int
        /// Gas of one epoch pushed in one transaction, averaged over the epochs.
        public var pushGasPerEpoch: Int
        /// The first push, the dearest: every balance slot goes from zero to non-zero.
        public var pushGasFirstEpoch: Int
        /// Gas of one epoch by Merkle root: postRoot plus every claim.
        public var merkleGasPerEpoch: Int
        public var claimGasMean: Int
        /// Largest |reward − fair reward| over participants and epochs, in token units.
        public var largestDeviation: U256
        /// Jain's fairness index of reward ÷ fair reward.
        public var jainIndex: Double
        /// Every token of every epoch's reward is credited, in both designs (totalSupply).
        public var conserved: Bool
    }

    public var config: Config
    public var contractsDirectory: String

    public init(config: Config, contractsDirectory: String) {
        self.config = config
        self.contractsDirectory = contractsDirectory
    }

    public func run(progress: ((Int, Int) -> Void)? = nil) throws -> [Row] {
        guard config.epochs >= 1, config.participants.allSatisfy({ $0 >= 1 && $0 <= 20_000 }) else {
            throw ScenarioError("simulate pool: need epochs ≥ 1 and 1 to 20,000 participants")
        }
        var rows: [Row] = []
        for (i, n) in config.participants.enumerated() {
            rows.append(try run(participants: n))
            progress?(i + 1, config.participants.count)
        }
        return rows
    }

    func run(participants n: Int) throws -> Row {
        let file = (contractsDirectory as NSString).appendingPathComponent("RewardPool.easm")
        var random = SplitMix64(seed: config.seed &+ UInt64(n))
        let accounts = (0..<n).map { ScenarioRunner.address(for: "participant\($0 + 1)") }
        // Weight = stake (1 to 10,000 tokens) × score (1 to 100).
        let weights = (0..<n).map { _ in U256(UInt64(1 + random.next(below: 10_000)) * UInt64(1 + random.next(below: 100))) }
        let amounts = RewardMath.shares(reward: config.reward, weights: weights)
        let tree = RewardMerkleTree(accounts: accounts, amounts: amounts)
        let distributor = ScenarioRunner.address(for: "distributor")
        let what = "simulate pool (\(n) participants)"
        let list = { (items: [String]) in "[" + items.joined(separator: ",") + "]" }
        let epochs = config.epochs

        // Push: one distribute per epoch.
        let push = SimulationChain(fork: config.fork, blockGasLimit: 4_000_000_000, what: what)
        let pushPool = try push.deploy(file, from: distributor)
        var pushGas = 0, pushFirst = 0
        let distribute = try push.calldata("distribute(uint256,address[],uint256[])",
                                           [config.reward.decimalString, list(accounts.map(\.description)), list(weights.map(\.decimalString))])
        for epoch in 0..<epochs {
            let used = try push.send(from: distributor, to: pushPool, data: distribute).0.gasUsed
            if epoch == 0 { pushFirst = used }
            pushGas += used
        }

        // Merkle: postRoot, then every participant claims with its proof.
        let merkle = SimulationChain(fork: config.fork, blockGasLimit: 4_000_000_000, what: what)
        let merklePool = try merkle.deploy(file, from: distributor)
        var merkleGas = 0, claimGas = 0
        for epoch in 1...epochs {
            merkleGas += try merkle.send(from: distributor, to: merklePool,
                                         data: try merkle.calldata("postRoot(uint256,bytes32)", [String(epoch), tree.root.paddedHexString])).0.gasUsed
            for (i, account) in accounts.enumerated() {
                let data = try merkle.calldata("claim(uint256,uint256,bytes32[])",
                                               [String(epoch), amounts[i].decimalString, list(tree.proof(i).map(\.paddedHexString))])
                let used = try merkle.send(from: account, to: merklePool, data: data).0.gasUsed
                merkleGas += used
                claimGas += used
            }
        }

        // Fairness, from the balances the contract holds after the push epochs.
        let totalWeight = weights.reduce(U256.zero, &+)
        var largest = U256.zero
        var ratios: [Double] = []
        for (i, account) in accounts.enumerated() {
            let balance = try push.word(from: distributor, pushPool, "balanceOf(address)", [account.description])
            // Fair reward over all epochs, as an exact fraction: epochs · reward · w / Σw.
            let fairTimesTotal = U256(UInt64(epochs)) &* config.reward &* weights[i]
            let fair = fairTimesTotal.div(totalWeight)
            let deviation = balance > fair ? balance &- fair : fair &- balance
            if deviation > largest { largest = deviation }
            ratios.append(SimulationChain.double(balance) / (SimulationChain.double(fairTimesTotal) / SimulationChain.double(totalWeight)))
        }
        let sum = ratios.reduce(0, +), squares = ratios.reduce(0) { $0 + $1 * $1 }
        let jain = squares == 0 ? 0 : sum * sum / (Double(ratios.count) * squares)
        let minted = U256(UInt64(epochs)) &* config.reward
        let conserved = try push.word(from: distributor, pushPool, "totalSupply()") == minted
            && merkle.word(from: distributor, merklePool, "totalSupply()") == minted
        return Row(participants: n, pushGasPerEpoch: pushGas / epochs, pushGasFirstEpoch: pushFirst, merkleGasPerEpoch: merkleGas / epochs,
                   claimGasMean: claimGas / (epochs * n), largestDeviation: largest, jainIndex: jain, conserved: conserved)
    }
}
