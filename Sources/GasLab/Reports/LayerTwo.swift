import EVMCore
import EVMState
import Foundation
import GasEconomics

/// On-chain training on Ethereum against Layer 2: the paper's workload trained E epochs, one
/// epoch per transaction (the paper's design) or k per transaction (`trainEpochs`), with the
/// data in storage or travelling as calldata (`trainOn`). Every transaction is executed in
/// GasLab's EVM under the EVM rules each chain ran in the preset's era (L1 and the L2s differ),
/// signed with libsecp256k1 per chain (its chain id, its fees, and on Arbitrum a gas limit
/// that covers the poster gas) and priced by that chain's fee rules on its real bytes
/// (`FeePreset`).
public struct LayerTwoStudy {
    public enum Design: String, CaseIterable, Sendable {
        /// train(): one epoch per transaction, data in storage (the paper's).
        case faithful
        /// trainEpochs(k): data in storage.
        case storage
        /// trainOn(xs, ys, k): data as calldata, only the weights stored.
        case calldata
        /// train() of the cached and packed variants, one epoch per transaction.
        case cached, packed

        public var label: String {
            switch self {
            case .faithful: return "train() per epoch (paper)"
            case .storage: return "trainEpochs(k), data in storage"
            case .calldata: return "trainOn(xs, ys, k), data in calldata"
            case .cached: return "train() per epoch, reads cached"
            case .packed: return "train() per epoch, points packed"
            }
        }
    }

    /// One training transaction as executed, before signing.
    public struct Call: Sendable {
        public var from: Address
        public var to: Address?
        public var data: [UInt8]
        public var gasUsed: Int
        public var nonce: Int
    }

    public struct Row: Sendable {
        public var design: Design
        public var epochsPerTransaction: Int
        /// The training transactions as each fork's EVM ran them.
        public var callsByFork: [Fork: [Call]]
        public var transactionCount: Int { callsByFork.values.first?.count ?? 0 }
        public func gas(_ fork: Fork) -> Int { (callsByFork[fork] ?? []).reduce(0) { $0 + $1.gasUsed } }
    }

    public var epochs: Int
    public var forks: [Fork]
    public var rows: [Row]

    /// Runs every design and batch size under each EVM fork the presets' chains need;
    /// `progress` gets (label, done, total).
    public static func measure(contracts directory: String, presets: [FeePreset], epochs: Int, batches: [Int],
                               progress: ((String, Int, Int) -> Void)? = nil) throws -> LayerTwoStudy {
        guard epochs >= 1 else { throw ScenarioError("epochs must be at least 1") }
        let forks = Set(presets.flatMap { $0.chains.filter(\.isAvailable).map(\.evmFork) }).sorted()
        let table1 = try Scenario.load((directory as NSString).appendingPathComponent("table1.scenario.json"))
        var plans: [(Design, Int)] = [(.faithful, 1), (.cached, 1), (.packed, 1)]
        for k in batches where k >= 1 {
            plans.append((.storage, min(k, epochs)))
            plans.append((.calldata, min(k, epochs)))
        }
        var rows: [Row] = []
        for (design, k) in plans {
            let scenario = try workload(table1, design: design, epochsPerTransaction: k, epochs: epochs)
            var byFork: [Fork: [Call]] = [:]
            for fork in forks {
                let label = "\(design.rawValue) k=\(k) \(fork.name)"
                let result = try ScenarioRunner(fork: fork, progress: progress.map { p in { p(label, $0, $1) } })
                    .run(scenario, variant: scenario.variants[0])
                let transactions = result.records.filter { !$0.isView }
                let training = transactions.filter { $0.label == "training" }
                let firstNonce = transactions.count - training.count
                byFork[fork] = training.enumerated().map { i, r in
                    Call(from: r.from, to: r.to, data: r.calldata, gasUsed: r.gasUsed, nonce: firstNonce + i)
                }
            }
            rows.append(Row(design: design, epochsPerTransaction: k, callsByFork: byFork))
        }
        return LayerTwoStudy(epochs: epochs, forks: forks, rows: rows)
    }

    /// The table1 scenario cut to one design: setup, then `epochs` epochs in transactions of k.
    static func workload(_ table1: Scenario, design: Design, epochsPerTransaction k: Int, epochs: Int) throws -> Scenario {
        var s = table1
        let variantName: String
        switch design {
        case .faithful: variantName = "faithful"
        case .storage: variantName = "epochs"
        case .calldata: variantName = "calldata"
        case .cached: variantName = "cached"
        case .packed: variantName = "packed"
        }
        guard let variant = table1.variants.first(where: { $0.name == variantName }) else {
            throw ScenarioError("table1.scenario.json has no '\(variantName)' variant")
        }
        s.variants = [variant]
        // Setup: every transaction step before training, for this variant.
        var steps = table1.steps.filter { step in
            step.kind == .transaction && (step.only?.contains(variantName) ?? true)
                && !["train()", "trainEpochs(uint256)", "trainOn(int256[],int256[],uint256)"].contains(step.function)
        }
        guard let template = table1.steps.first(where: { $0.kind == .transaction }) else {
            throw ScenarioError("table1.scenario.json has no transaction steps")
        }
        func step(_ function: String, _ args: [String], repeatCount: Int) -> Scenario.Step {
            var t = template
            t.function = function
            t.arguments = args
            t.repeatCount = repeatCount
            t.label = "training"
            t.only = nil
            t.each = nil
            t.gasLimit = nil
            return t
        }
        let xs = "[0,20,50,10,70,90,20,30,10]", ys = "[70,80,40,90,20,0,40,60,90]"
        let full = epochs / k, rest = epochs % k
        switch design {
        case .faithful, .cached, .packed:
            steps.append(step("train()", [], repeatCount: epochs))
        case .storage:
            if full > 0 { steps.append(step("trainEpochs(uint256)", [String(k)], repeatCount: full)) }
            if rest > 0 { steps.append(step("trainEpochs(uint256)", [String(rest)], repeatCount: 1)) }
        case .calldata:
            if full > 0 { steps.append(step("trainOn(int256[],int256[],uint256)", [xs, ys, String(k)], repeatCount: full)) }
            if rest > 0 { steps.append(step("trainOn(int256[],int256[],uint256)", [xs, ys, String(rest)], repeatCount: 1)) }
        }
        s.steps = steps
        return s
    }

    /// Prices every row on the chosen chains of a preset (all when `chainIDs` is nil).
    public func priced(_ preset: FeePreset, chains chainIDs: [String]? = nil) throws -> LayerTwoPricing {
        let chains = try preset.chains(chainIDs)
        var out: [LayerTwoPricing.PricedRow] = []
        for row in rows {
            var quotes: [String: FeeQuote] = [:]
            var bytes: [String: Int] = [:]
            for chain in chains where chain.isAvailable {
                guard let calls = row.callsByFork[chain.evmFork] else {
                    throw ScenarioError("the study did not run \(chain.evmFork.name), which \(chain.name) needs")
                }
                let signed = try LayerTwoStudy.sign(calls, on: chain, preset)
                quotes[chain.id] = try preset.quote(signed, on: chain)
                bytes[chain.id] = signed.reduce(0) { $0 + $1.signedBytes.count }
            }
            out.append(LayerTwoPricing.PricedRow(row: row, quotes: quotes, bytes: bytes))
        }
        return LayerTwoPricing(preset: preset, epochs: epochs, chains: chains, rows: out)
    }

    /// Signs calls for a chain: its chain id, its gas price as max fee and its tip; on
    /// Arbitrum the gas limit grows until it covers execution plus poster gas (the poster
    /// gas depends on the signed bytes, which depend on the gas limit).
    public static func sign(_ calls: [Call], on chain: FeeChain, _ preset: FeePreset,
                            key: (Address) -> [UInt8]? = { _ in ScenarioRunner.key(for: "owner") }) throws -> [ChargedTransaction] {
        let (maxFee, tip) = try preset.signingPrices(chain)
        return try calls.map { call in
            guard let owner = key(call.from) else { throw ScenarioError("no key for the sender \(call.from)") }
            var limit = call.gasUsed
            for _ in 0..<8 {
                let tx = Transaction(type: 2, chainId: chain.chainId, nonce: U256(UInt64(call.nonce)), maxFeePerGas: maxFee,
                                     maxPriorityFeePerGas: tip, gasLimit: U256(UInt64(limit)), to: call.to, data: call.data,
                                     sender: call.from)
                guard let bytes = tx.signed(privateKey: owner)?.bytes else {
                    throw ScenarioError("could not sign a training transaction for \(chain.name)")
                }
                let charged = ChargedTransaction(gasUsed: call.gasUsed, signedBytes: bytes)
                guard case .arbitrum = chain.rules else { return charged }
                let needed = Int(clamping: try preset.quote(charged, on: chain).receiptGas.w0)
                if needed <= limit { return charged }
                limit = needed
            }
            throw ScenarioError("the Arbitrum gas limit of a training transaction did not settle")
        }
    }
}

/// A study priced under one preset: per row, each chain's quote (absent when the chain is n/a).
public struct LayerTwoPricing {
    public struct PricedRow {
        public var row: LayerTwoStudy.Row
        public var quotes: [String: FeeQuote]
        public var bytes: [String: Int]
    }

    public var preset: FeePreset
    public var epochs: Int
    public var chains: [FeeChain]
    public var rows: [PricedRow]

    func usd(_ q: FeeQuote?) -> String { q.map { "$" + preset.cost($0.total).usd.formatted(places: 4) } ?? "n/a" }

    /// Per design and k: USD for the whole training on each chain ("n/a" where the chain did not exist).
    public func table(markdown: Bool) -> String {
        let l1Fork = chains.first { $0.rules == .ethereum }?.evmFork ?? preset.l1Upgrade.fork
        let header = ["design", "k", "txs", "L1 gas (\(l1Fork.name))"] + chains.map { "\($0.name) USD" } + ["cheapest USD/epoch"]
        let rows = rows.map { r -> [String] in
            let costs = chains.map { r.quotes[$0.id] }
            let cheapest = costs.compactMap { $0 }.min { $0.total < $1.total }
            let perEpoch = cheapest.map { "$" + preset.cost($0.total).usd.dividedApproximately(by: epochs) } ?? "n/a"
            return [r.row.design.label, grouped(r.row.epochsPerTransaction), grouped(r.row.transactionCount), grouped(r.row.gas(l1Fork))]
                + costs.map(usd) + [perEpoch]
        }
        return render(header: header, rows: rows, markdown: markdown, right: Set(1..<header.count))
    }

    /// For each chain column: the rules, the upgrade and the date of its parameters.
    public func columns(markdown: Bool) -> String {
        let header = ["chain", "fee rules", "upgrade", "EVM", "parameters as of"]
        let rows = chains.map { c -> [String] in
            let dates = Set(c.parameters.entries.map(\.date)).sorted()
            return [c.name, c.unavailable == nil ? c.rules.name : "n/a", c.unavailable ?? c.upgradeNote,
                    c.isAvailable ? c.evmFork.name : "—", c.rules == .ethereum ? preset.date : (dates.isEmpty ? "—" : dates.joined(separator: ", "))]
        }
        return render(header: header, rows: rows, markdown: markdown, right: [])
    }

    /// The derived prices a reader should see next to the table: the blob market and
    /// Arbitrum's price per unit with the batch model it assumes.
    public func notes() -> [String] {
        var out: [String] = []
        if let market = preset.blobMarket {
            var line = "Blob base fee \(Parameter.weiText(market.blobBaseFee)) at excess blob gas \(market.excessBlobGas.decimalString) "
                + "(\(preset.l1Upgrade.name)'s update fraction \(grouped(preset.l1Upgrade.blobs?.updateFraction ?? 0)))"
            if let reserve = market.reservePrice(l1BaseFee: preset.l1BaseFee) {
                line += ", EIP-7918 reserve price \(Parameter.weiText(reserve)); the L2s read \(Parameter.weiText(preset.blobBaseFee))"
            }
            out.append(line + ".")
        }
        for c in chains where c.isAvailable {
            guard case .arbitrum(let era) = c.rules, let ppu = try? preset.arbitrumPricePerUnit(c, era: era) else { continue }
            if let fixed = c.parameters["pricePerUnit"]?.value, !fixed.isZero {
                out.append("\(c.name): price per unit \(Parameter.weiText(ppu)), set directly.")
            } else if let model = try? preset.arbitrumModel(c, era: era) {
                out.append("\(c.name): price per unit \(Parameter.weiText(ppu)), the L1 pricer's equilibrium for \(model.assumption) (an assumption).")
            }
        }
        return out
    }

    public func json() -> String {
        let items = rows.map { r -> String in
            let fees = chains.map { c -> String in
                guard let q = r.quotes[c.id] else {
                    return "{\"chain\":\(JSONText.quote(c.id)),\"available\":false,\"reason\":\(JSONText.quote(c.unavailable ?? ""))}"
                }
                return "{\"chain\":\(JSONText.quote(c.id)),\"available\":true,\"upgrade\":\(JSONText.quote(c.rules.name)),"
                    + "\"evm\":\(JSONText.quote(c.evmFork.name)),\"executionWei\":\"\(q.execution.decimalString)\","
                    + "\"dataWei\":\"\(q.data.decimalString)\",\"operatorWei\":\"\(q.operatorFee.decimalString)\","
                    + "\"receiptGas\":\"\(q.receiptGas.decimalString)\",\"bytes\":\(r.bytes[c.id] ?? 0),"
                    + "\"usd\":\(JSONText.quote(preset.cost(q.total).usd.formatted(places: 6, grouping: false)))}"
            }
            let gas = r.row.callsByFork.sorted { $0.key < $1.key }.map { "\(JSONText.quote($0.key.name)):\(r.row.gas($0.key))" }
            return "{\"design\":\"\(r.row.design.rawValue)\",\"epochsPerTransaction\":\(r.row.epochsPerTransaction),"
                + "\"transactions\":\(r.row.transactionCount),\"gasByFork\":{\(gas.joined(separator: ","))},\"fees\":[\(fees.joined(separator: ","))]}"
        }
        return "{\"preset\":\(JSONText.quote(preset.name)),\"date\":\(JSONText.quote(preset.date)),\"l1Upgrade\":\(JSONText.quote(preset.l1Upgrade.name)),"
            + "\"epochs\":\(epochs),\"rows\":[\(items.joined(separator: ","))]}"
    }

    public func quote(_ design: LayerTwoStudy.Design, k: Int, chain: String) -> FeeQuote? {
        rows.first { $0.row.design == design && $0.row.epochsPerTransaction == k }?.quotes[chain]
    }
}

extension ExactDecimal {
    /// Text of value / n with 6 decimals (for per-epoch figures), rounded down.
    func dividedApproximately(by n: Int) -> String {
        let scaled = ExactDecimal(units: units &* U256(1_000_000), scale: scale + 6)
        return ExactDecimal(units: scaled.units.div(U256(UInt64(max(n, 1)))), scale: scaled.scale).formatted(places: 6)
    }
}

extension LayerTwoPricing {
    var shortNames: [String] { chains.map { String($0.name.split(separator: " ").first!) } }

    /// Every design at one batch size per chain: bars of the whole training's cost.
    public func variantChart(batch: Int) -> String {
        let chosen = rows.filter { [.faithful, .cached, .packed].contains($0.row.design) || $0.row.epochsPerTransaction == batch }
        let categories = chosen.map { r in
            r.row.epochsPerTransaction == 1 && [.faithful, .cached, .packed].contains(r.row.design)
                ? r.row.design.rawValue : "\(r.row.design == .storage ? "epochs" : "calldata") k=\(r.row.epochsPerTransaction)"
        }
        let series = chains.filter(\.isAvailable).map { chain in
            (name: String(chain.name.split(separator: " ").first!),
             values: chosen.map { r in r.quotes[chain.id].map { preset.cost($0.total).usd.approximate } ?? 0 })
        }
        return SVGBarChart(title: "\(grouped(epochs)) epochs of training by design (\(preset.name))", yLabel: "USD",
                           categories: categories, series: series).render()
    }

    /// Cost per epoch against epochs per transaction, per chain: data in storage (solid) and in
    /// calldata (dashed).
    public func chart() -> String {
        var series: [SVGChart.Series] = []
        for design in [LayerTwoStudy.Design.storage, .calldata] {
            for (ci, chain) in chains.enumerated() where chain.isAvailable {
                let points = rows.filter { $0.row.design == design }.compactMap { r -> (x: Double, y: Double)? in
                    guard let q = r.quotes[chain.id] else { return nil }
                    return (x: Double(r.row.epochsPerTransaction), y: preset.cost(q.total).usd.approximate / Double(epochs))
                }
                series.append(SVGChart.Series(name: "\(chain.name.split(separator: " ").first!) \(design == .storage ? "storage" : "calldata")",
                                              points: points, dashed: design == .calldata, color: ci))
            }
        }
        return SVGChart(title: "Training cost per epoch (\(preset.name))",
                        xLabel: "epochs per transaction (k)", yLabel: "USD per epoch", logX: true, logY: true,
                        series: series).render()
    }
}

/// How the cost of a training design moves with one preset parameter ("l1.baseFee",
/// "l1.excessBlobGas", "base.l2BaseFee", "l1.ethUSD", any key of the preset).
public struct PriceSweep {
    public var key: String
    public var values: [String]
    /// Per value, per chain: the whole training's cost (nil where the chain is n/a).
    public var costs: [[Cost?]]
    public var chains: [FeeChain]
    public var rowLabel: String

    public static func run(_ study: LayerTwoStudy, row: LayerTwoStudy.Row, key: String, values: [String],
                           base preset: FeePreset) throws -> PriceSweep {
        let single = LayerTwoStudy(epochs: study.epochs, forks: study.forks, rows: [row])
        var costs: [[Cost?]] = []
        for v in values {
            var p = preset
            try p.set(key, v)
            let priced = try single.priced(p)
            costs.append(priced.chains.map { c in priced.rows[0].quotes[c.id].map { p.cost($0.total) } })
        }
        return PriceSweep(key: key, values: values, costs: costs, chains: preset.chains,
                          rowLabel: "\(row.design.label), k = \(row.epochsPerTransaction)")
    }

    public func table(markdown: Bool) -> String {
        let header = [key] + chains.map { "\($0.name) USD" }
        let rows = zip(values, costs).map { v, c in [v] + c.map { $0.map { "$" + $0.usd.formatted(places: 4) } ?? "n/a" } }
        return render(header: header, rows: rows, markdown: markdown, right: Set(1..<header.count))
    }

    /// The x value of a setting: gwei for amounts, the number otherwise.
    func x(_ text: String) -> Double {
        if let w = Wei.parse(text), text.contains("wei") { return Wei.gwei(w).approximate }
        return ExactDecimal(parsing: text.replacingOccurrences(of: "$", with: ""))?.approximate ?? 0
    }

    public func chart() -> String {
        let amounts = values.allSatisfy { $0.contains("wei") }
        let series = chains.enumerated().compactMap { i, chain -> SVGChart.Series? in
            let points = zip(values, costs).compactMap { v, c -> (x: Double, y: Double)? in
                c[i].map { (x: x(v), y: $0.usd.approximate) }
            }
            return points.isEmpty ? nil : SVGChart.Series(name: String(chain.name.split(separator: " ").first!), points: points, color: i)
        }
        return SVGChart(title: "\(rowLabel): cost against \(key)", xLabel: amounts ? "\(key) (gwei)" : key, yLabel: "USD",
                        logX: amounts, logY: true, series: series).render()
    }
}
