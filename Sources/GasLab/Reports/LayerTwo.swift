import EVMCore
import EVMState
import Foundation
import GasEconomics

/// On-chain training on Ethereum against Layer 2: the paper's workload trained E epochs, one
/// epoch per transaction (the paper's design) or k per transaction (`trainEpochs`), with the
/// data in storage or travelling as calldata (`trainOn`). Every transaction is executed in
/// GasLab's EVM, signed with libsecp256k1 and RLP-encoded, and each chain's fee model prices
/// the real bytes.
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

    public struct Row: Sendable {
        public var design: Design
        public var epochsPerTransaction: Int
        public var transactions: [ChargedTransaction]
        /// Training transactions signed per chain (the chain id changes the bytes).
        public var signedByChain: [String: [ChargedTransaction]]
        public var gas: Int { transactions.reduce(0) { $0 + $1.gasUsed } }
        public var bytes: Int { transactions.reduce(0) { $0 + $1.signedBytes.count } }
    }

    public var fork: Fork
    public var epochs: Int
    public var chains: [Chain]
    public var rows: [Row]

    public static let defaultChains: [Chain] = [.ethereum, .base, .optimism, .arbitrum, .blobRollup]

    /// Runs every design and batch size; `progress` gets (label, done, total).
    public static func measure(contracts directory: String, fork: Fork, epochs: Int, batches: [Int],
                               chains: [Chain] = defaultChains, env: FeeEnvironment,
                               progress: ((String, Int, Int) -> Void)? = nil) throws -> LayerTwoStudy {
        guard epochs >= 1 else { throw ScenarioError("epochs must be at least 1") }
        let table1 = try Scenario.load((directory as NSString).appendingPathComponent("table1.json"))
        var rows: [Row] = []
        var plans: [(Design, Int)] = [(.faithful, 1), (.cached, 1), (.packed, 1)]
        for k in batches where k >= 1 {
            plans.append((.storage, min(k, epochs)))
            plans.append((.calldata, min(k, epochs)))
        }
        for (design, k) in plans {
            let scenario = try workload(table1, design: design, epochsPerTransaction: k, epochs: epochs)
            let label = "\(design.rawValue) k=\(k)"
            let result = try ScenarioRunner(fork: fork, progress: progress.map { p in { p(label, $0, $1) } })
                .run(scenario, variant: scenario.variants[0])
            let training = result.records.filter { !$0.isView && $0.label == "training" }
            let owner = ScenarioRunner.key(for: "owner")
            let firstNonce = result.records.filter { !$0.isView }.count - training.count
            var signed: [String: [ChargedTransaction]] = [:]
            for chain in chains {
                signed[chain.name] = training.enumerated().map { i, r in
                    let price = chain.model == .layer1 ? env.l1GasPrice : env.l2GasPrice
                    let tx = Transaction(type: 2, chainId: chain.chainId, nonce: U256(UInt64(firstNonce + i)),
                                         maxFeePerGas: price, maxPriorityFeePerGas: .zero,
                                         gasLimit: U256(UInt64(r.gasUsed)), to: r.to, data: r.calldata, sender: r.from)
                    let bytes = tx.signed(privateKey: owner)?.bytes ?? []
                    return ChargedTransaction(gasUsed: r.gasUsed, signedBytes: bytes)
                }
            }
            rows.append(Row(design: design, epochsPerTransaction: k, transactions: signed[chains[0].name] ?? [],
                            signedByChain: signed))
        }
        return LayerTwoStudy(fork: fork, epochs: epochs, chains: chains, rows: rows)
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
            throw ScenarioError("table1.json has no '\(variantName)' variant")
        }
        s.variants = [variant]
        // Setup: every transaction step before training, for this variant.
        var steps = table1.steps.filter { step in
            step.kind == .transaction && (step.only?.contains(variantName) ?? true)
                && !["train()", "trainEpochs(uint256)", "trainOn(int256[],int256[],uint256)"].contains(step.function)
        }
        guard let template = table1.steps.first(where: { $0.kind == .transaction }) else {
            throw ScenarioError("table1.json has no transaction steps")
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

    /// What training costs on a chain for a row.
    public func fee(_ row: Row, on chain: Chain, _ env: FeeEnvironment) -> Fee {
        chain.fee(row.signedByChain[chain.name] ?? row.transactions, env)
    }

    /// The comparison table: per design and k, USD for the whole training on each chain.
    public func table(_ env: FeeEnvironment, markdown: Bool) -> String {
        let header = ["design", "k", "txs", "L1 gas", "bytes"] + chains.map { "\($0.name) USD" } + ["cheapest USD/epoch"]
        let rows = rows.map { r -> [String] in
            let costs = chains.map { env.cost(fee(r, on: $0, env).total) }
            let cheapest = costs.min { $0.wei < $1.wei }!
            let perEpoch = ExactDecimal(units: cheapest.usd.units, scale: cheapest.usd.scale)
            return [r.design.label, grouped(r.epochsPerTransaction), grouped(r.transactions.count), grouped(r.gas), grouped(r.bytes)]
                + costs.map { "$" + $0.usd.formatted(places: 4) }
                + ["$" + perEpoch.dividedApproximately(by: epochs)]
        }
        return render(header: header, rows: rows, markdown: markdown, right: Set(1..<header.count))
    }

    public func json(_ env: FeeEnvironment) -> String {
        let items = rows.map { r -> String in
            let fees = chains.map { c -> String in
                let f = fee(r, on: c, env)
                return "{\"chain\":\(JSONText.quote(c.name)),\"executionWei\":\"\(f.execution.decimalString)\",\"dataWei\":\"\(f.data.decimalString)\","
                    + "\"usd\":\(JSONText.quote(env.cost(f.total).usd.formatted(places: 6, grouping: false)))}"
            }
            return "{\"design\":\"\(r.design.rawValue)\",\"epochsPerTransaction\":\(r.epochsPerTransaction),\"transactions\":\(r.transactions.count),"
                + "\"gas\":\(r.gas),\"bytes\":\(r.bytes),\"fees\":[\(fees.joined(separator: ","))]}"
        }
        return "{\"fork\":\(JSONText.quote(fork.name)),\"epochs\":\(epochs),\"environment\":\(JSONText.quote(env.name)),\"rows\":[\(items.joined(separator: ","))]}"
    }
}

extension ExactDecimal {
    /// Text of value / n with 6 decimals (for per-epoch figures), rounded half up.
    func dividedApproximately(by n: Int) -> String {
        let scaled = ExactDecimal(units: units &* U256(1_000_000), scale: scale + 6)
        return ExactDecimal(units: scaled.units.div(U256(UInt64(max(n, 1)))), scale: scaled.scale).formatted(places: 6)
    }
}

extension LayerTwoStudy {
    /// Every design at one batch size per chain: bars of the whole training's cost.
    public func variantChart(_ env: FeeEnvironment, batch: Int) -> String {
        let chosen = rows.filter { [.faithful, .cached, .packed].contains($0.design) || $0.epochsPerTransaction == batch }
        let categories = chosen.map { r in
            r.epochsPerTransaction == 1 && [.faithful, .cached, .packed].contains(r.design)
                ? r.design.rawValue : "\(r.design == .storage ? "epochs" : "calldata") k=\(r.epochsPerTransaction)"
        }
        let series = chains.map { chain in
            (name: String(chain.name.split(separator: " ").first!),
             values: chosen.map { env.cost(fee($0, on: chain, env).total).usd.approximate })
        }
        return SVGBarChart(title: "\(grouped(epochs)) epochs of training by design (\(env.name) prices)", yLabel: "USD",
                           categories: categories, series: series).render()
    }

    /// Cost per epoch against epochs per transaction, per chain: data in storage (solid) and in
    /// calldata (dashed).
    public func chart(_ env: FeeEnvironment) -> String {
        var series: [SVGChart.Series] = []
        for design in [Design.storage, .calldata] {
            for (ci, chain) in chains.enumerated() {
                let points = rows.filter { $0.design == design }.map { r in
                    (x: Double(r.epochsPerTransaction), y: env.cost(fee(r, on: chain, env).total).usd.approximate / Double(epochs))
                }
                series.append(SVGChart.Series(name: "\(chain.name.split(separator: " ").first!) \(design == .storage ? "storage" : "calldata")",
                                              points: points, dashed: design == .calldata, color: ci))
            }
        }
        return SVGChart(title: "Training cost per epoch (\(env.name) prices, \(fork.name) rules)",
                        xLabel: "epochs per transaction (k)", yLabel: "USD per epoch", logX: true, logY: true,
                        series: series).render()
    }
}

/// How the cost of a training design moves with one price.
public struct PriceSweep {
    public enum Parameter: String, CaseIterable, Sendable {
        case l1BaseFee = "L1 gas price / base fee"
        case blobBaseFee = "blob base fee"
        case l2GasPrice = "L2 gas price"
        case ethUSD = "ETH price"

        /// Sets the parameter; `value` is wei (or dollars for the ETH price).
        func apply(_ value: U256, to env: FeeEnvironment) -> FeeEnvironment {
            var e = env
            switch self {
            case .l1BaseFee:
                e.l1BaseFee = value
                e.l1GasPrice = value
                e.arbitrumPricePerUnit = value
            case .blobBaseFee: e.blobBaseFee = value
            case .l2GasPrice: e.l2GasPrice = value
            case .ethUSD: e.ethUSD = ExactDecimal(value)
            }
            return e
        }
    }

    public var parameter: Parameter
    public var values: [U256]
    /// Per value, per chain: USD for the whole training.
    public var costs: [[Cost]]
    public var chains: [Chain]
    public var rowLabel: String

    public static func run(_ study: LayerTwoStudy, row: LayerTwoStudy.Row, parameter: Parameter, values: [U256],
                           base env: FeeEnvironment) -> PriceSweep {
        let costs = values.map { v -> [Cost] in
            let e = parameter.apply(v, to: env)
            return study.chains.map { e.cost(study.fee(row, on: $0, e).total) }
        }
        return PriceSweep(parameter: parameter, values: values, costs: costs, chains: study.chains,
                          rowLabel: "\(row.design.label), k = \(row.epochsPerTransaction)")
    }

    func valueLabel(_ v: U256) -> String {
        parameter == .ethUSD ? "$" + v.decimalString : Wei.gwei(v).formatted(places: 9).trimmedZeros() + " gwei"
    }

    public func table(markdown: Bool) -> String {
        let header = [parameter.rawValue] + chains.map { "\($0.name) USD" }
        let rows = zip(values, costs).map { v, c in [valueLabel(v)] + c.map { "$" + $0.usd.formatted(places: 4) } }
        return render(header: header, rows: rows, markdown: markdown, right: Set(1..<header.count))
    }

    public func chart() -> String {
        let series = chains.enumerated().map { i, chain in
            SVGChart.Series(name: String(chain.name.split(separator: " ").first!),
                            points: zip(values, costs).map { v, c in
                                (x: parameter == .ethUSD ? ExactDecimal(v).approximate : Wei.gwei(v).approximate, y: c[i].usd.approximate)
                            }, color: i)
        }
        return SVGChart(title: "\(rowLabel): cost against the \(parameter.rawValue)",
                        xLabel: parameter == .ethUSD ? "USD per ETH" : "\(parameter.rawValue) (gwei)", yLabel: "USD",
                        logX: parameter != .ethUSD, logY: true, series: series).render()
    }
}

extension String {
    /// "1.500000000" → "1.5", "20.000000000" → "20".
    func trimmedZeros() -> String {
        guard contains(".") else { return self }
        var s = self
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}
