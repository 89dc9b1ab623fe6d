import ArgumentParser
import EVMCore
import Foundation
import GasEconomics
import GasLab

/// `gaslab simulate`: the reward protocols of decentralised training, run on our contracts.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate reward protocols on GasLab's contracts, every step a transaction in its EVM.",
        subcommands: [PoDL.self, Pool.self])

    struct PoDL: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "podl",
            abstract: "Proof-of-Deep-Learning rounds on TrainingRound: commits, reveals, ECRECOVER-checked certificates, awards.",
            discussion: """
                Nodes of equal power compete for each round's reward. A Byzantine node that also submits \
                posts, in --byzantine-share of the rounds, a problem it has already solved, and wins it. \
                With --submitter-pays the submitter escrows each reward (the contract's escrow mode), \
                so the Byzantine node pays for what it wins on its own problems; otherwise rewards are minted.
                """)

        @Option(name: .long, help: "Miners of equal power.") var nodes = 5
        @Option(name: .long, help: "Rounds.") var rounds = 1_000
        @Option(name: .long, help: "Byzantine nodes (the first ones), which also submit problems.") var byzantine = 0
        @Option(name: .long, help: "Share of the rounds whose problem a Byzantine node submits, solved in advance.")
        var byzantineShare = 0.5
        @Flag(name: .long, help: "Submitters escrow the rewards they offer (instead of minted rewards).") var submitterPays = false
        @Option(name: .long, help: "Seed of the simulation's randomness.") var seed: UInt64 = 1
        @Option(name: .long, help: "Fork rules.") var fork = ForkArgument(.osaka)
        @Option(name: .long, help: "Layer 2 to price the run on: base, op, arbitrum, blobs.") var chain = "base"
        @Option(name: .long, help: "Fee preset: 2026-12 (alias current) or paper-2023 (no Base then); see `gaslab report params`.") var preset = "current"
        @Option(name: .long, help: "Replace a preset parameter, KEY=VALUE (repeatable), e.g. l1.baseFee=5gwei.") var set: [String] = []
        @Option(name: .long, help: "The folder with TrainingRound.easm.") var contracts = "Contracts"
        @Option(name: .long, help: "Write a chart of the shares per node (SVG).") var plot: String?
        @Flag(name: .long, help: "JSON output.") var json = false

        func validate() throws {
            guard nodes >= 1 && nodes <= 1_000 else { throw ValidationError("--nodes must be 1 to 1,000") }
            // Every transaction is kept, signed, for pricing: 100,000 rounds of 5 nodes are 1.3M of them.
            guard rounds >= 0 && rounds <= 100_000 else { throw ValidationError("--rounds must be 0 to 100,000") }
            guard byzantine >= 0 && byzantine <= nodes else { throw ValidationError("--byzantine must be 0 to --nodes") }
            guard byzantineShare >= 0 && byzantineShare <= 1 else { throw ValidationError("--byzantine-share must be 0 to 1") }
        }

        func run() throws {
            let env = try FeeOptions.preset(preset, set: set)
            guard let l2 = env.chain(chain), l2.rules != .ethereum, let l1Chain = env.chain("l1") else {
                throw CLIError("unknown chain '\(chain)': base, op, arbitrum, blobs")
            }
            guard l2.isAvailable else { throw CLIError("\(l2.name) is n/a in the \(env.name) preset: \(l2.unavailable ?? "")") }
            guard FileManager.default.fileExists(atPath: (contracts as NSString).appendingPathComponent("TrainingRound.easm")) else {
                throw CLIError("no TrainingRound.easm in '\(contracts)' (run from the package folder or pass --contracts)")
            }
            var config = PoDLSimulation.Config()
            config.nodes = nodes
            config.rounds = rounds
            config.byzantine = byzantine
            config.byzantineShare = byzantineShare
            config.submitterPays = submitterPays
            config.seed = seed
            config.fork = fork.fork
            let showProgress = isatty(2) == 1 && !json
            let result: PoDLSimulation.Result
            do {
                result = try PoDLSimulation(config: config, contractsDirectory: contracts).run { done, total in
                    guard showProgress, done % 50 == 0 || done == total else { return }
                    StandardError.write("\rround \(done)/\(total)   \(done == total ? "\n" : "")")
                }
            }
            let l1Cost = env.cost(try env.quote(result.transactions, on: l1Chain).total)
            let l2Cost = env.cost(try env.quote(result.transactions, on: l2).total)
            if json {
                print(jsonText(result, l1: l1Cost, l2: l2Cost, l2Name: l2.name, env: env))
            } else {
                print(table(result, l1: l1Cost, l2: l2Cost, l2Name: l2.name, env: env), terminator: "")
            }
            if let plot {
                let chart = SVGBarChart(
                    title: "Share of rewards per node, \(rounds) rounds" + (byzantine > 0 ? ", \(byzantine) Byzantine" : ""),
                    yLabel: "% of rewards",
                    categories: (0..<nodes).map { PoDLSimulation.nodeName($0) + ($0 < byzantine ? " (B)" : "") },
                    series: [("share", result.shares), ("fair share", Array(repeating: 100 / Double(nodes), count: nodes))])
                do { try Data(chart.render().utf8).write(to: URL(fileURLWithPath: plot)) } catch {
                    throw CLIError("cannot write \(plot): \(error.localizedDescription)")
                }
                StandardError.write("chart written to \(plot)\n")
            }
        }

        func table(_ r: PoDLSimulation.Result, l1: Cost, l2: Cost, l2Name: String, env: FeePreset) -> String {
            var out = "Proof-of-Deep-Learning: \(nodes) nodes, \(rounds) rounds, \(byzantine) Byzantine"
            out += byzantine > 0 ? " (own problems in \(Int((byzantineShare * 100).rounded()))% of the rounds)" : ""
            out += ", rewards \(submitterPays ? "escrowed by the submitter" : "minted"), seed \(seed), \(fork.fork.name) rules\n\n"
            let header = ["node", "wins", "share", "rewards (ETH)", "paid (ETH)", "net (ETH)"]
            var rows: [[String]] = []
            let shares = r.shares, net = r.netEther
            for i in 0..<nodes {
                rows.append([PoDLSimulation.nodeName(i) + (i < byzantine ? " (Byzantine)" : ""), grouped(r.wins[i]),
                             String(format: "%.1f%%", shares[i]), Wei.ether(r.rewards[i]).formatted(places: 2),
                             Wei.ether(r.paid[i]).formatted(places: 2), String(format: "%.2f", net[i])])
            }
            let nodeTable = TextTable(columns: header, rightAligned: [1, 2, 3, 4, 5])
            rows.forEach(nodeTable.add)
            out += nodeTable.render() + "\n"
            var phaseRows: [[String]] = []
            for p in r.phases {
                phaseRows.append([p.name, grouped(p.transactions), grouped(p.gas),
                                  rounds == 0 ? "0" : grouped(Int((Double(p.gas) / Double(rounds)).rounded()))])
            }
            phaseRows.append(["total", grouped(r.phases.reduce(0) { $0 + $1.transactions }), grouped(r.totalGas),
                              grouped(Int(r.gasPerRound.rounded()))])
            let phaseTable = TextTable(columns: ["phase", "transactions", "gas", "gas per round"], rightAligned: [1, 2, 3])
            phaseRows.forEach(phaseTable.add)
            out += phaseTable.render() + "\n"
            out += "Cost of the run (\(env.name) prices): Ethereum L1 \(l1.ether.formatted(places: 4)) ETH = $\(l1.usd.formatted(places: 2)); "
            out += "\(l2Name) \(l2.ether.formatted(places: 6)) ETH = $\(l2.usd.formatted(places: 4))\n"
            return out
        }

        func jsonText(_ r: PoDLSimulation.Result, l1: Cost, l2: Cost, l2Name: String, env: FeePreset) -> String {
            let nodesJSON = (0..<nodes).map { i in
                "{\"name\":\"\(PoDLSimulation.nodeName(i))\",\"byzantine\":\(i < byzantine),\"wins\":\(r.wins[i]),"
                    + "\"sharePercent\":\(r.shares[i]),\"rewardsWei\":\"\(r.rewards[i])\",\"paidWei\":\"\(r.paid[i])\",\"netEther\":\(r.netEther[i])}"
            }
            let phasesJSON = r.phases.map { "{\"phase\":\"\($0.name)\",\"transactions\":\($0.transactions),\"gas\":\($0.gas)}" }
            return "{\"nodes\":\(nodes),\"rounds\":\(rounds),\"byzantine\":\(byzantine),\"byzantineShare\":\(byzantineShare),"
                + "\"submitterPays\":\(submitterPays),\"seed\":\(seed),\"fork\":\"\(fork.fork.name)\","
                + "\"totalCreditedWei\":\"\(r.totalCredited)\",\"totalGas\":\(r.totalGas),\"gasPerRound\":\(r.gasPerRound),"
                + "\"perNode\":[\(nodesJSON.joined(separator: ","))],\"phases\":[\(phasesJSON.joined(separator: ","))],"
                + "\"cost\":{\"prices\":\"\(env.name)\",\"l1Wei\":\"\(l1.wei)\",\"l1USD\":\"\(l1.usd.formatted(places: 2, grouping: false))\","
                + "\"l2\":\"\(l2Name)\",\"l2Wei\":\"\(l2.wei)\",\"l2USD\":\"\(l2.usd.formatted(places: 6, grouping: false))\"}}"
        }
    }

    struct Pool: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pool",
            abstract: "Stake-weighted epoch rewards on RewardPool, pushed or claimed by Merkle proof, as participants grow.",
            discussion: """
                Each participant's weight is stake × score (random from the seed). Reports the gas of one \
                epoch in each design, the mean claim, and fairness: the largest difference between a \
                participant's reward and its share of the weights (in token units) and Jain's index.
                """)

        @Option(name: .long, help: "Participant counts, comma-separated.") var participants = "10,100,500,1000,2000"
        @Option(name: .long, help: "Epochs per count.") var epochs = 2
        @Option(name: .long, help: "Seed of the stakes and scores.") var seed: UInt64 = 1
        @Option(name: .long, help: "Fork rules (Prague: Osaka's 16,777,216 gas cap per transaction stops large pushes).")
        var fork = ForkArgument(.prague)
        @Option(name: .long, help: "The folder with RewardPool.easm.") var contracts = "Contracts"
        @Option(name: .long, help: "Write a chart of gas per epoch against participants (SVG).") var plot: String?
        @Flag(name: .long, help: "JSON output.") var json = false

        func counts() throws -> [Int] {
            let parts = participants.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !parts.isEmpty, parts.allSatisfy({ ($0 ?? 0) >= 1 && ($0 ?? 0) <= 20_000 }) else {
                throw ValidationError("--participants must be counts from 1 to 20,000, e.g. 10,100,1000")
            }
            return parts.compactMap { $0 }
        }

        func validate() throws {
            _ = try counts()
            guard epochs >= 1 && epochs <= 100 else { throw ValidationError("--epochs must be 1 to 100") }
        }

        func run() throws {
            guard FileManager.default.fileExists(atPath: (contracts as NSString).appendingPathComponent("RewardPool.easm")) else {
                throw CLIError("no RewardPool.easm in '\(contracts)' (run from the package folder or pass --contracts)")
            }
            var config = RewardPoolSimulation.Config()
            config.participants = try counts()
            config.epochs = epochs
            config.seed = seed
            config.fork = fork.fork
            let showProgress = isatty(2) == 1 && !json
            let rows: [RewardPoolSimulation.Row]
            do {
                rows = try RewardPoolSimulation(config: config, contractsDirectory: contracts).run { done, total in
                    if showProgress { StandardError.write("\rsize \(done)/\(total)   \(done == total ? "\n" : "")") }
                }
            }
            // Osaka's per-transaction cap (EIP-7825), from its schedule.
            let cap = GasSchedule.of(.osaka).txGasLimitCap ?? .max
            if json {
                let items = rows.map { r in
                    "{\"participants\":\(r.participants),\"pushGasPerEpoch\":\(r.pushGasPerEpoch),\"pushGasFirstEpoch\":\(r.pushGasFirstEpoch),\"merkleGasPerEpoch\":\(r.merkleGasPerEpoch),"
                        + "\"claimGasMean\":\(r.claimGasMean),\"largestDeviationUnits\":\"\(r.largestDeviation)\",\"jainIndex\":\(r.jainIndex),"
                        + "\"conserved\":\(r.conserved),\"pushFitsOsakaCap\":\(r.pushGasFirstEpoch <= cap)}"
                }
                print("{\"epochs\":\(epochs),\"seed\":\(seed),\"fork\":\"\(fork.fork.name)\",\"rows\":[\(items.joined(separator: ","))]}")
            } else {
                print("RewardPool: weights stake × score (seed \(seed)), \(epochs) epochs of 1,000 tokens, \(fork.fork.name) rules\n")
                let table = TextTable(columns: ["participants", "first push", "push gas/epoch", "fits Osaka cap", "Merkle gas/epoch",
                                                "mean claim", "largest deviation (units)", "Jain's index", "conserved"],
                                      rightAligned: [0, 1, 2, 4, 5, 6, 7])
                for r in rows {
                    table.add([grouped(r.participants), grouped(r.pushGasFirstEpoch), grouped(r.pushGasPerEpoch),
                               r.pushGasFirstEpoch <= cap ? "yes" : "no",
                               grouped(r.merkleGasPerEpoch), grouped(r.claimGasMean), r.largestDeviation.decimalString,
                               String(format: "%.9f", r.jainIndex), r.conserved ? "yes" : "NO"])
                }
                print(table.render(), terminator: "")
                print("\nGas per epoch is the mean over the epochs; the first push is the dearest (every balance is new).")
                print("A deviation is at most one unit (10^-18 token) per epoch: the remainder of the integer division.")
            }
            if let plot {
                let chart = SVGChart(
                    title: "RewardPool: gas per epoch against participants", xLabel: "participants", yLabel: "gas per epoch",
                    logX: true, logY: true,
                    series: [
                        .init(name: "push, first epoch", points: rows.map { (Double($0.participants), Double($0.pushGasFirstEpoch)) }),
                        .init(name: "push, mean", points: rows.map { (Double($0.participants), Double($0.pushGasPerEpoch)) }),
                        .init(name: "Merkle (root + claims)", points: rows.map { (Double($0.participants), Double($0.merkleGasPerEpoch)) }),
                        .init(name: "Osaka tx gas cap", points: rows.map { (Double($0.participants), Double(cap)) }, dashed: true),
                    ])
                do { try Data(chart.render().utf8).write(to: URL(fileURLWithPath: plot)) } catch {
                    throw CLIError("cannot write \(plot): \(error.localizedDescription)")
                }
                StandardError.write("chart written to \(plot)\n")
            }
        }
    }
}
