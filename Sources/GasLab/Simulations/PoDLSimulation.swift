import EVMAssembler
import EVMCore
import EVMPrecompiles
import EVMState
import Foundation
import GasEconomics

/// The Proof-of-Deep-Learning reward protocol of the second seed paper, simulated round by round
/// on our `TrainingRound` contract: every commit, reveal and award is a transaction in our EVM,
/// and the winner's certificate is checked on chain with ECRECOVER.
///
/// The model follows the paper's simulation: `nodes` miners of equal power compete for each
/// round's reward, so an honest round's winner is drawn uniformly. With Byzantine nodes, each
/// round is, with probability `byzantineShare`, a problem a Byzantine node submits after solving
/// it itself: it opens the round and wins it. Without `submitterPays`, rewards are minted (the
/// contract's mint mode); with it, the submitter escrows the reward, so a Byzantine node pays for
/// the rewards it wins on its own problems. Randomness comes from `seed` alone.
public struct PoDLSimulation {
    public struct Config: Sendable {
        public var nodes = 5
        public var rounds = 1_000
        public var byzantine = 0
        public var byzantineShare = 0.5
        public var submitterPays = false
        public var seed: UInt64 = 1
        public var fork: Fork = .osaka
        /// The reward per round, in wei (1 ether).
        public var reward = U256(decimal: "1000000000000000000")!
        public init() {}
    }

    /// Gas of one phase over the whole run.
    public struct Phase: Sendable, Equatable {
        public var name: String
        public var transactions = 0
        public var gas = 0
    }

    public struct Result: Sendable {
        public var config: Config
        /// Rewards credited to each node by the contract (read back from `balanceOf`), in wei.
        public var rewards: [U256]
        /// Rewards each node escrowed as a submitter, in wei (zero in mint mode).
        public var paid: [U256]
        /// Rounds each node won.
        public var wins: [Int]
        /// The contract's `totalRewards()`.
        public var totalCredited: U256
        /// openRound, commit, startEvaluation, reveal, award.
        public var phases: [Phase]
        /// Every transaction, for pricing on other chains.
        public var transactions: [ChargedTransaction]

        public var totalGas: Int { phases.reduce(0) { $0 + $1.gas } }
        public var gasPerRound: Double { config.rounds == 0 ? 0 : Double(totalGas) / Double(config.rounds) }
        /// Each node's share of all rewards, in percent.
        public var shares: [Double] {
            let total = Self.ether(rewards.reduce(U256.zero, &+))
            return rewards.map { total == 0 ? 0 : 100 * Self.ether($0) / total }
        }
        /// Rewards net of what the node escrowed, in ether.
        public var netEther: [Double] { zip(rewards, paid).map { Self.ether($0) - Self.ether($1) } }

        static func ether(_ wei: U256) -> Double { SimulationChain.double(wei) / 1e18 }
    }

    public var config: Config
    /// The folder holding TrainingRound.easm.
    public var contractsDirectory: String

    public init(config: Config, contractsDirectory: String) {
        self.config = config
        self.contractsDirectory = contractsDirectory
    }

    public static func nodeName(_ i: Int) -> String { "node\(i + 1)" }

    public func run(progress: ((Int, Int) -> Void)? = nil) throws -> Result {
        let c = config
        guard c.nodes >= 1, c.rounds >= 0, c.byzantine >= 0, c.byzantine <= c.nodes,
              c.byzantineShare >= 0, c.byzantineShare <= 1 else {
            throw ScenarioError("simulate podl: need nodes ≥ 1, rounds ≥ 0, 0 ≤ byzantine ≤ nodes, 0 ≤ share ≤ 1")
        }
        let chain = SimulationChain(fork: c.fork, blockGasLimit: 60_000_000, what: "simulate podl")
        let nodes = (0..<c.nodes).map { ScenarioRunner.address(for: Self.nodeName($0)) }
        let nodeKeys = (0..<c.nodes).map { ScenarioRunner.key(for: Self.nodeName($0)) }
        let submitter = ScenarioRunner.address(for: "submitter"), submitterKey = ScenarioRunner.key(for: "submitter")
        let funds = U256(decimal: "1000000000000000000000000000")!  // 10^9 ether each
        for a in nodes + [submitter] { chain.state.setAccount(a, Account(balance: funds)) }

        // Deploy: constructor(bool mint); mint mode unless submitters pay.
        let contract = try chain.deploy((contractsDirectory as NSString).appendingPathComponent("TrainingRound.easm"),
                                        from: submitter, constructor: "(bool)", arguments: [c.submitterPays ? "false" : "true"])

        var phases = ["openRound", "commit", "startEvaluation", "reveal", "award"].map { Phase(name: $0) }
        var transactions: [ChargedTransaction] = []
        /// A phase's transaction: its gas counted, and signed with gasLimit = gasUsed for pricing.
        func send(_ from: Address, key: [UInt8], data: [UInt8], value: U256 = .zero, phase: Int) throws {
            let (receipt, sent) = try chain.send(from: from, to: contract, data: data, value: value)
            var tx = sent
            phases[phase].transactions += 1
            phases[phase].gas += receipt.gasUsed
            tx.gasLimit = U256(UInt64(receipt.gasUsed))
            guard let signed = tx.signed(privateKey: key)?.bytes else {
                throw ScenarioError("could not sign a PoDL transaction (an invalid key)")
            }
            transactions.append(ChargedTransaction(gasUsed: receipt.gasUsed, signedBytes: signed))
        }
        func call(_ signature: String, _ arguments: [String]) throws -> [UInt8] { try chain.calldata(signature, arguments) }

        var random = SplitMix64(seed: c.seed)
        var paid = [U256](repeating: .zero, count: c.nodes)
        var wins = [Int](repeating: 0, count: c.nodes)
        for round in stride(from: 1, through: c.rounds, by: 1) {
            let r = String(round)
            // Who submits, and who wins.
            let byzantineRound = c.byzantine > 0 && random.nextDouble() < c.byzantineShare
            let owner = byzantineRound ? random.next(below: c.byzantine) : nil
            let winner = owner ?? random.next(below: c.nodes)
            let (from, key) = owner.map { (nodes[$0], nodeKeys[$0]) } ?? (submitter, submitterKey)
            let value = c.submitterPays ? c.reward : .zero
            try send(from, key: key, data: try call("openRound(uint256,uint256)", [r, c.reward.description]), value: value, phase: 0)
            if let owner, c.submitterPays { paid[owner] = paid[owner] &+ c.reward }
            // Each node commits to its predictions, then reveals them.
            let reveals: [(predictions: String, salt: String)] = (0..<c.nodes).map { _ in
                (U256(random.nextWord()).paddedHexString, U256(random.nextWord()).paddedHexString)
            }
            for (i, rv) in reveals.enumerated() {
                let commitment = Keccak256.hashWord(try Hex.decode(rv.predictions) + Hex.decode(rv.salt)).paddedHexString
                try send(nodes[i], key: nodeKeys[i], data: try call("commit(uint256,bytes32)", [r, commitment]), phase: 1)
            }
            try send(from, key: key, data: try call("startEvaluation(uint256)", [r]), phase: 2)
            for (i, rv) in reveals.enumerated() {
                try send(nodes[i], key: nodeKeys[i], data: try call("reveal(uint256,bytes32,bytes32)", [r, rv.predictions, rv.salt]),
                         phase: 3)
            }
            // The submitter's certificate names the winner; the winner presents it.
            let hash = Keccak256.hash(contract.bytes + U256(UInt64(round)).bigEndianBytes + nodes[winner].bytes)
            guard let sig = Secp256k1.shared.sign(hash: hash, privateKey: key) else { throw ScenarioError("simulate podl: signing failed") }
            try send(nodes[winner], key: nodeKeys[winner],
                         data: try call("award(uint256,address,uint8,bytes32,bytes32)",
                                        [r, nodes[winner].description, String(27 + sig.recoveryId), sig.r.paddedHexString, sig.s.paddedHexString]),
                         phase: 4)
            wins[winner] += 1
            progress?(round, c.rounds)
        }

        // Read the credited rewards back from the contract.
        let rewards = try nodes.map { try chain.word(from: submitter, contract, "balanceOf(address)", [$0.description]) }
        let total = try chain.word(from: submitter, contract, "totalRewards()")
        return Result(config: c, rewards: rewards, paid: paid, wins: wins, totalCredited: total, phases: phases,
                      transactions: transactions)
    }
}

/// SplitMix64: a small, well-mixed generator whose whole state is the seed.
public struct SplitMix64: Sendable {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func nextWord() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1), from the top 53 bits.
    public mutating func nextDouble() -> Double { Double(nextWord() >> 11) / Double(UInt64(1) << 53) }
    /// Uniform in 0..<n (n ≥ 1), without modulo bias.
    public mutating func next(below n: Int) -> Int {
        let bound = UInt64(n)
        let limit = UInt64.max - UInt64.max % bound
        var x = nextWord()
        while x >= limit { x = nextWord() }
        return Int(x % bound)
    }
}
