import EVMCore
import Foundation
import GasEconomics

/// Table I of the paper, reproduced: its figures beside GasLab's measurements of the same
/// workload (`Contracts/table1.scenario.json`) for the faithful contract and each optimised variant.
public struct TableOne {
    /// The paper's rows, as published (../shared/docs/TABLE1.md).
    public static let paper: [(action: String, gas: Int)] = [
        ("addData()", 103_299), ("train()", 138_433), ("Full test execution", 276_305_223),
    ]

    public struct Variant: Sendable {
        public var name: String
        public var description: String
        /// Mean gas of addData over the nine calls, with min and max.
        public var addData: (mean: Int, min: Int, max: Int)
        /// Mean gas per epoch of training (train(), or trainEpochs(n) divided by n).
        public var trainPerEpoch: Int
        public var trainMin: Int
        public var trainMax: Int
        /// All transactions: deployment, 9 × addData, initParams, 2,000 epochs.
        public var total: Int
        public var finalWeights: [String]
    }

    public var fork: Fork
    public var prices: Prices
    public var variants: [Variant]

    /// Runs the workload (`table1.scenario.json` in the contracts folder) under a fork.
    public static func measure(contracts directory: String, fork: Fork, prices: Prices,
                               progress: ((String, Int, Int) -> Void)? = nil) throws -> TableOne {
        let scenario = try Scenario.load((directory as NSString).appendingPathComponent("table1.scenario.json"))
        return try measureScenario(scenario, fork: fork, prices: prices, progress: progress)
    }

    func measured(_ v: Variant) -> [Int] { [v.addData.mean, v.trainPerEpoch, v.total] }

    static func ratio(_ a: Int, _ b: Int) -> String {
        // Two decimals, rounded half up, in integers.
        let hundredths = (a * 200 + b) / (2 * b)
        return "\(hundredths / 100).\(String(format: "%02d", hundredths % 100))×"
    }

    func usd(_ gas: Int, paperStyle: Bool = false) -> String {
        "$" + prices.cost(gas: gas).usd.formatted(places: 2, rounding: paperStyle ? .down : .halfUp)
    }

    func gwei(_ gas: Int) -> String { prices.cost(gas: gas).gwei.formatted(places: 0) }

    /// The headline table: the paper's row, then GasLab's faithful measurement, per action.
    public func table(markdown: Bool) -> String {
        let faithful = variants.first!
        let at = pricesSuffix
        let header = ["action", "paper gas", "paper gwei" + at, "paper USD" + at, "GasLab gas", "GasLab gwei", "GasLab USD", "GasLab/paper"]
            + variants.dropFirst().map { "\($0.name) gas" }
        var rows: [[String]] = []
        for (i, p) in TableOne.paper.enumerated() {
            let m = measured(faithful)[i]
            var row = [p.action, grouped(p.gas), gwei(p.gas), usd(p.gas, paperStyle: true), grouped(m), gwei(m), usd(m),
                       TableOne.ratio(m, p.gas)]
            row += variants.dropFirst().map { v in i == 0 && v.addData.mean == 0 ? "—" : grouped(measured(v)[i]) }
            rows.append(row)
        }
        return render(header: header, rows: rows, markdown: markdown, right: Set(1..<header.count))
    }

    /// Every variant against the paper, with costs at these prices.
    public func variantTable(markdown: Bool) -> String {
        let header = ["variant", "addData gas", "train gas/epoch", "workload gas", "workload USD", "vs paper", "w0, w1 after 2,000 epochs"]
        let rows = variants.map { v in
            [v.name, v.addData.mean == 0 ? "—" : grouped(v.addData.mean), grouped(v.trainPerEpoch), grouped(v.total), usd(v.total),
             TableOne.ratio(v.total, TableOne.paper[2].gas), v.finalWeights.joined(separator: ", ")]
        }
        return render(header: header, rows: rows, markdown: markdown, right: [1, 2, 3, 4, 5])
    }

    /// Why the figures differ, from the measurements.
    public var explanation: [String] {
        let f = variants.first!
        var lines: [String] = []
        lines.append("Fork: \(fork.name) rules (cold/warm access from EIP-2929, refunds of EIP-3529). "
            + "Prices: \(prices.name), \(Wei.gwei(prices.gasPrice).formatted(places: 2)) gwei per gas, $\(prices.ethUSD.formatted(places: 2)) per ETH.")
        lines.append("addData() is measured from \(grouped(f.addData.min)) to \(grouped(f.addData.max)) gas (mean \(grouped(f.addData.mean))): "
            + "the first call creates both array lengths and each call writes two new slots (22,100 gas each when cold); "
            + "the paper's single figure, \(grouped(TableOne.paper[0].gas)), lies \(f.addData.max > TableOne.paper[0].gas ? "inside" : "above") that range.")
        lines.append("train() costs \(grouped(f.trainPerEpoch)) gas per epoch here against the paper's \(grouped(TableOne.paper[1].gas)): "
            + "both read the nine points from storage every epoch; the gap is compiler code (the paper's bytecode and "
            + "compiler settings were not published) and the unknown fork of its tooling, not the algorithm.")
        if let cached = variants.first(where: { $0.name == "cached" }) {
            lines.append("Reading each storage value once (cached) saves \(grouped(f.trainPerEpoch - cached.trainPerEpoch)) gas per epoch; "
                + "what remains is the cold reads of the data (2,100 gas per slot per transaction) and the 21,000-gas transaction base.")
        }
        if let epochs = variants.first(where: { $0.name == "epochs" }) {
            lines.append("Batching 200 epochs per transaction (epochs) brings an epoch to \(grouped(epochs.trainPerEpoch)) gas: "
                + "\(TableOne.ratio(f.trainPerEpoch, max(epochs.trainPerEpoch, 1))) cheaper than the faithful train(), on Layer 1, before any Layer 2.")
        }
        if let calldata = variants.first(where: { $0.name == "calldata" }) {
            lines.append("Passing the points as calldata and storing only the weights (calldata, 200 epochs per transaction) costs "
                + "\(grouped(calldata.total)) gas for the whole workload: no point is ever written to or read from storage.")
        }
        lines.append("All variants end at the same weights, equal to an independent computation of the same integer arithmetic.")
        return lines
    }

    public func json() -> String {
        let variantJSON = variants.map { v in
            "{\"name\":\(JSONText.quote(v.name)),\"addDataMean\":\(v.addData.mean),\"addDataMin\":\(v.addData.min),\"addDataMax\":\(v.addData.max),"
                + "\"trainPerEpoch\":\(v.trainPerEpoch),\"total\":\(v.total),\"totalUSD\":\(JSONText.quote(prices.cost(gas: v.total).usd.formatted(places: 2, grouping: false))),"
                + "\"weights\":[\(v.finalWeights.map(JSONText.quote).joined(separator: ","))]}"
        }
        let paperJSON = TableOne.paper.map { p in
            "{\"action\":\(JSONText.quote(p.action)),\"gas\":\(p.gas),\"gwei\":\(JSONText.quote(prices.cost(gas: p.gas).gwei.formatted(places: 0, grouping: false))),"
                + "\"usd\":\(JSONText.quote(prices.cost(gas: p.gas).usd.formatted(places: 2, rounding: .down, grouping: false)))}"
        }
        return "{\"fork\":\(JSONText.quote(fork.name)),\"prices\":{\"name\":\(JSONText.quote(prices.name)),\"gasPriceWei\":\"\(prices.gasPrice.decimalString)\","
            + "\"ethUSD\":\"\(prices.ethUSD)\"},\"paper\":[\(paperJSON.joined(separator: ","))],\"variants\":[\(variantJSON.joined(separator: ","))]}"
    }

    /// The paper's gwei and USD columns are the paper's gas at these prices: when the prices
    /// are not the paper's, the headers say which.
    var pricesSuffix: String { prices.name == "paper-2023" ? "" : " at \(prices.name)" }

    /// Every figure as CSV: a variant without a row (calldata has no addData) is an empty
    /// cell, not 0; each variant's gas and USD.
    public func csv() -> String {
        let at = prices.name == "paper-2023" ? "" : "_at_\(prices.name)"
        var out = "action,paper_gas,paper_gwei\(at),paper_usd\(at),"
            + variants.map { "\($0.name)_gas,\($0.name)_usd" }.joined(separator: ",") + "\n"
        for (i, p) in TableOne.paper.enumerated() {
            let c = prices.cost(gas: p.gas)
            out += "\(p.action),\(p.gas),\(c.gwei.formatted(places: 0, grouping: false)),\(c.usd.formatted(places: 2, rounding: .down, grouping: false)),"
                + variants.map { v in
                    let g = measured(v)[i]
                    if i == 0 && v.addData.mean == 0 { return "," }
                    return "\(g),\(prices.cost(gas: g).usd.formatted(places: 2, grouping: false))"
                }.joined(separator: ",") + "\n"
        }
        return out
    }
}

/// The faithful workload under several forks.
public struct ForkComparison {
    public var prices: Prices
    public var rows: [(fork: Fork, variant: TableOne.Variant)]

    public static let forks: [Fork] = [.istanbul, .berlin, .shanghai, .cancun, .prague, .osaka]

    public static func measure(contracts directory: String, prices: Prices, forks: [Fork] = forks,
                               progress: ((String, Int, Int) -> Void)? = nil) throws -> ForkComparison {
        let scenario = try Scenario.load((directory as NSString).appendingPathComponent("table1.scenario.json"))
        guard let faithful = scenario.variants.first else { throw ScenarioError("table1: no variants") }
        var rows: [(Fork, TableOne.Variant)] = []
        for fork in forks {
            var one = scenario
            one.variants = [faithful]
            let t = try TableOne.measureScenario(one, fork: fork, prices: prices, progress: progress)
            rows.append((fork, t.variants[0]))
        }
        return ForkComparison(prices: prices, rows: rows)
    }

    public func table(markdown: Bool) -> String {
        let header = ["fork", "addData gas", "train gas", "workload gas", "workload USD"]
        let rows = rows.map { r in
            [r.fork.name, grouped(r.variant.addData.mean), grouped(r.variant.trainPerEpoch), grouped(r.variant.total),
             "$" + prices.cost(gas: r.variant.total).usd.formatted(places: 2)]
        }
        return render(header: header, rows: rows, markdown: markdown, right: [1, 2, 3, 4])
    }
}

extension TableOne {
    /// Runs a scenario of the Table I workload: per variant, addData, the gas per epoch of
    /// train() (or trainEpochs(n) divided by the 2,000 epochs) and the whole workload.
    static func measureScenario(_ scenario: Scenario, fork: Fork, prices: Prices,
                                progress: ((String, Int, Int) -> Void)?) throws -> TableOne {
        var variants: [Variant] = []
        for v in scenario.variants {
            let runner = ScenarioRunner(fork: fork, progress: progress.map { p in { p("\(fork.name) \(v.name)", $0, $1) } })
            let result = try runner.run(scenario, variant: v)
            let rows = Dictionary(uniqueKeysWithValues: result.rows.map { ($0.label, $0) })
            // A variant that takes its data as calldata has no addData.
            let add = rows["addData(int256,int256)"] ?? ScenarioResult.Row(label: "", count: 0, min: 0, mean: 0, max: 0, total: 0)
            let training: (perEpoch: Int, min: Int, max: Int)
            if let train = rows["train()"] {
                training = (train.mean, train.min, train.max)
            } else if let batched = rows["trainEpochs(uint256)"] ?? rows["trainOn(int256[],int256[],uint256)"] {
                training = (batched.total / 2_000, batched.min, batched.max)
            } else {
                throw ScenarioError("table1: no training rows for \(v.name)")
            }
            variants.append(Variant(name: v.name, description: v.description, addData: (add.mean, add.min, add.max),
                                    trainPerEpoch: training.perEpoch, trainMin: training.min, trainMax: training.max,
                                    total: result.totalGas, finalWeights: result.records.last(where: \.isView)?.decoded ?? []))
        }
        return TableOne(fork: fork, prices: prices, variants: variants)
    }
}


/// A table as aligned text or Markdown.
public func render(header: [String], rows: [[String]], markdown: Bool, right: Set<Int>) -> String {
    if markdown {
        var out = "| " + header.joined(separator: " | ") + " |\n"
        out += "|" + header.indices.map { right.contains($0) ? "---:|" : "---|" }.joined() + "\n"
        for r in rows { out += "| " + r.joined(separator: " | ") + " |\n" }
        return out
    }
    let t = TextTable(columns: header, rightAligned: right)
    for r in rows { t.add(r) }
    return t.render()
}

/// Where one training transaction's gas goes, per variant: the transaction base, cold storage,
/// warm storage, computation and refunds (from the profiler).
public struct TrainingBreakdown {
    public var fork: Fork
    public var rows: [(variant: String, label: String, gasUsed: Int, shares: [String: Int])]
    public static let columns = ["transaction base", "cold storage and accounts", "warm storage and accounts", "computation", "refunds"]

    public static func measure(contracts directory: String, fork: Fork) throws -> TrainingBreakdown {
        let scenario = try Scenario.load((directory as NSString).appendingPathComponent("table1.scenario.json"))
        let training: Set<String> = ["train()", "trainEpochs(uint256)", "trainOn(int256[],int256[],uint256)"]
        var rows: [(String, String, Int, [String: Int])] = []
        for v in scenario.variants {
            // Profile every training transaction; report the last (a steady-state one).
            let result = try ScenarioRunner(fork: fork, profile: { _, label, _ in training.contains(label) }).run(scenario, variant: v)
            guard let index = result.profiles.keys.max(), let profiler = result.profiles[index] else { continue }
            let shares = profiler.coarse
            rows.append((v.name, result.records[index].label, result.records[index].gasUsed, shares))
        }
        return TrainingBreakdown(fork: fork, rows: rows)
    }

    public func table(markdown: Bool) -> String {
        let header = ["variant", "transaction", "gasUsed"] + TrainingBreakdown.columns
        let body = rows.map { r in
            [r.variant, r.label, grouped(r.gasUsed)] + TrainingBreakdown.columns.map { c in
                let g = r.shares[c] ?? 0
                return "\(grouped(g)) (\(GasProfile.share(g, r.gasUsed)))"
            }
        }
        return render(header: header, rows: body, markdown: markdown, right: Set(2..<header.count))
    }
}
