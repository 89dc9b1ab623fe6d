import EVMCore
import EVMState
import Foundation
import GasEconomics

/// Any scenario priced per call on Ethereum and each Layer 2 of a fee preset: every
/// transaction of the run (deployments included) signed for each chain from its sender's key
/// and priced by that chain's rules on its real bytes (`GasEconomics`).
public struct ScenarioPricing {
    public struct Row: Sendable {
        public var label: String
        public var count: Int
        public var meanGas: Int
        /// Per chain id: the cost of all the calls of this row (nil where the chain is n/a).
        public var costs: [String: Cost]
    }

    public var preset: FeePreset
    public var chains: [FeeChain]
    public var rows: [Row]
    public var totals: [String: Cost]

    /// Prices a run. Keys of the senders: the scenario's accounts and generated accounts.
    public static func price(_ result: ScenarioResult, scenario: Scenario, preset: FeePreset,
                             chains ids: [String]? = nil) throws -> ScenarioPricing {
        let chains = try preset.chains(ids)
        // The key of every sender the run used.
        var keys: [Address: [UInt8]] = [:]
        for name in scenario.accounts.keys { keys[ScenarioRunner.address(for: name)] = ScenarioRunner.key(for: name) }
        for step in scenario.steps {
            guard let each = step.each else { continue }
            for i in 1...each.count { keys[ScenarioRunner.address(for: "\(each.prefix)\(i)")] = ScenarioRunner.key(for: "\(each.prefix)\(i)") }
        }
        var nonces: [Address: Int] = [:]
        var calls: [(label: String, call: LayerTwoStudy.Call)] = []
        for r in result.records where !r.isView {
            let nonce = nonces[r.from, default: 0]
            nonces[r.from] = nonce + 1
            calls.append((r.status.isSuccess ? r.label : r.label + " (reverted)",
                          LayerTwoStudy.Call(from: r.from, to: r.to, data: r.calldata, gasUsed: r.gasUsed, nonce: nonce)))
        }
        var order: [String] = []
        var grouped: [String: [Int]] = [:]
        for (i, c) in calls.enumerated() {
            if grouped[c.label] == nil { order.append(c.label) }
            grouped[c.label, default: []].append(i)
        }
        var costs: [String: [String: Cost]] = [:]
        var totals: [String: Cost] = [:]
        for chain in chains where chain.isAvailable {
            let signed = try LayerTwoStudy.sign(calls.map(\.call), on: chain, preset) { keys[$0] }
            let whole = try preset.quote(signed, on: chain)
            let allBytes = signed.reduce(0) { $0 + $1.signedBytes.count }
            for label in order {
                let txs = grouped[label]!.map { signed[$0] }
                var q = try preset.quote(txs, on: chain)
                if case .blobRollup = chain.rules, allBytes > 0 {
                    // The run is one batch: each call carries its share of it, by its bytes.
                    let bytes = txs.reduce(0) { $0 + $1.signedBytes.count }
                    q.data = (whole.data &* U256(UInt64(bytes))).div(U256(UInt64(allBytes)))
                }
                costs[label, default: [:]][chain.id] = preset.cost(q.total)
            }
            totals[chain.id] = preset.cost(whole.total)
        }
        let rows = order.map { label in
            let idx = grouped[label]!
            return Row(label: label, count: idx.count, meanGas: idx.reduce(0) { $0 + calls[$1].call.gasUsed } / idx.count,
                       costs: costs[label] ?? [:])
        }
        return ScenarioPricing(preset: preset, chains: chains, rows: rows, totals: totals)
    }

    /// Per call: count, mean gas, and per chain the mean USD per call.
    public func table(markdown: Bool) -> String {
        let header = ["call", "count", "mean gas"] + chains.map { "\($0.name) USD/call" }
        var rows = rows.map { r -> [String] in
            [r.label, grouped(r.count), grouped(r.meanGas)] + chains.map { c in
                r.costs[c.id].map { "$" + $0.usd.dividedApproximately(by: r.count) } ?? "n/a"
            }
        }
        rows.append(["total (USD)", "", ""] + chains.map { c in totals[c.id].map { "$" + $0.usd.formatted(places: 6) } ?? "n/a" })
        return render(header: header, rows: rows, markdown: markdown, right: Set(1..<header.count))
    }

    public func json() -> String {
        let items = rows.map { r -> String in
            let c = chains.compactMap { ch in
                r.costs[ch.id].map { "\(JSONText.quote(ch.id)):{\"wei\":\"\($0.wei.decimalString)\",\"usd\":\(JSONText.quote($0.usd.formatted(places: 6, grouping: false)))}" }
            }
            return "{\"call\":\(JSONText.quote(r.label)),\"count\":\(r.count),\"meanGas\":\(r.meanGas),\"costs\":{\(c.joined(separator: ","))}}"
        }
        let t = chains.compactMap { ch in totals[ch.id].map { "\(JSONText.quote(ch.id)):\"\($0.wei.decimalString)\"" } }
        return "{\"preset\":\(JSONText.quote(preset.name)),\"calls\":[\(items.joined(separator: ","))],\"totalWei\":{\(t.joined(separator: ","))}}"
    }
}

/// Two variants of a scenario side by side: per call, each variant's mean gas and the difference.
public struct VariantComparison {
    public var scenario: String
    public var names: (String, String)
    public var rows: [(label: String, a: ScenarioResult.Row?, b: ScenarioResult.Row?)]
    public var totals: (Int, Int)

    public init(_ a: ScenarioResult, _ b: ScenarioResult) {
        scenario = a.scenario
        names = (a.variant, b.variant)
        var labels: [String] = a.rows.map(\.label)
        for r in b.rows where !labels.contains(r.label) { labels.append(r.label) }
        rows = labels.map { l in (l, a.rows.first { $0.label == l }, b.rows.first { $0.label == l }) }
        totals = (a.totalGas, b.totalGas)
    }

    static func delta(_ a: Int, _ b: Int) -> (String, String) {
        let d = b - a
        let pct = a == 0 ? "" : String(format: "%+.2f%%", Double(d) * 100 / Double(a))
        return ((d > 0 ? "+" : "") + grouped(d), pct)
    }

    public func table(markdown: Bool) -> String {
        let header = ["call", "\(names.0) mean", "\(names.1) mean", "Δ gas", "Δ %", "\(names.0) count", "\(names.1) count"]
        var out = rows.map { r -> [String] in
            let (d, p) = (r.a != nil && r.b != nil) ? VariantComparison.delta(r.a!.mean, r.b!.mean) : ("—", "—")
            return [r.label, r.a.map { grouped($0.mean) } ?? "—", r.b.map { grouped($0.mean) } ?? "—", d, p,
                    r.a.map { grouped($0.count) } ?? "0", r.b.map { grouped($0.count) } ?? "0"]
        }
        let (d, p) = VariantComparison.delta(totals.0, totals.1)
        out.append(["total (all transactions)", grouped(totals.0), grouped(totals.1), d, p, "", ""])
        return render(header: header, rows: out, markdown: markdown, right: Set(1..<header.count))
    }

    public func json() -> String {
        let items = rows.map { r -> String in
            func row(_ x: ScenarioResult.Row?) -> String { x.map { "{\"count\":\($0.count),\"min\":\($0.min),\"mean\":\($0.mean),\"max\":\($0.max)}" } ?? "null" }
            return "{\"call\":\(JSONText.quote(r.label)),\(JSONText.quote(names.0)):\(row(r.a)),\(JSONText.quote(names.1)):\(row(r.b))}"
        }
        return "{\"scenario\":\(JSONText.quote(scenario)),\"variants\":[\(JSONText.quote(names.0)),\(JSONText.quote(names.1))],"
            + "\"totals\":[\(totals.0),\(totals.1)],\"calls\":[\(items.joined(separator: ","))]}"
    }
}
