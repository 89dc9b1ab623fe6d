import EVMCore
import EVMState
import Foundation
import GasEconomics
import GasLab

/// `gaslab node --gas-report`: every mined transaction to or creating a contract, grouped by
/// contract and method as hardhat-gas-reporter groups them: calls, min, max and mean gas, and
/// the mean cost in USD on L1 and the chosen Layer 2s, each transaction priced by its own
/// signed bytes under the preset (`GasEconomics`).
public final class GasReportRecorder: @unchecked Sendable {
    let config: NodeConfig

    struct Row {
        var contract: String
        var method: String
        var gas: [Int] = []
        var transactions: [ChargedTransaction] = []
    }

    var rows: [String: Row] = [:]
    var order: [String] = []

    init(config: NodeConfig) { self.config = config }

    /// The name of a contract: its label, the `Contracts/` file whose runtime it is, or its
    /// code hash's first bytes.
    func contractName(_ address: Address, code: Code?) -> String {
        if let label = config.labels[address] { return label }
        guard let code, !code.isEmpty else { return RPCHex.address(address) }
        if let name = config.codeNames[code.hash] { return name }
        return "code " + String(RPCHex.word(code.hash).prefix(10))
    }

    /// A method by its selector, resolved from the ABIs the node knows.
    func methodName(_ input: [UInt8]) -> String {
        guard input.count >= 4 else { return input.isEmpty ? "receive()" : "fallback()" }
        let selector = input.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return config.signatures[selector] ?? RPCHex.data(input.prefix(4))
    }

    func record(_ m: MinedTransaction, state: [Address: Account]) {
        let tx = m.transaction
        let contract: String
        let method: String
        if let to = tx.to {
            guard let code = state[to]?.code, !code.isEmpty else { return }
            contract = contractName(to, code: code)
            method = methodName(tx.data)
        } else {
            contract = contractName(m.receipt.createdAddress ?? .zero, code: m.receipt.createdAddress.flatMap { state[$0]?.code })
            method = "(deployment)"
        }
        let key = contract + "\u{0}" + method
        if rows[key] == nil {
            rows[key] = Row(contract: contract, method: method)
            order.append(key)
        }
        rows[key]!.gas.append(m.receipt.gasUsed)
        rows[key]!.transactions.append(ChargedTransaction(gasUsed: m.receipt.gasUsed, signedBytes: m.pending.bytes))
    }

    public struct Line: Sendable {
        public var contract: String
        public var method: String
        public var calls: Int
        public var min: Int
        public var max: Int
        public var mean: Int
        /// Mean cost per call by chain id; nil where the chain is n/a in the preset.
        public var meanCost: [String: Cost?]
    }

    /// The report's lines, sorted by contract then method.
    public func lines() -> [Line] {
        let preset = config.preset
        let chains = config.reportChains.compactMap { preset.chain($0) }
        return order.compactMap { rows[$0] }.sorted { ($0.contract, $0.method) < ($1.contract, $1.method) }.map { row in
            var costs: [String: Cost?] = [:]
            for chain in chains {
                var total = U256.zero
                var ok = true
                for t in row.transactions {
                    guard let q = try? preset.quote(t, on: chain) else { ok = false; break }
                    total = total &+ q.total
                }
                costs[chain.id] = ok ? preset.cost(total.div(U256(UInt64(row.transactions.count)))) : nil
            }
            let sum = row.gas.reduce(0, +)
            return Line(contract: row.contract, method: row.method, calls: row.gas.count, min: row.gas.min() ?? 0,
                        max: row.gas.max() ?? 0, mean: row.gas.isEmpty ? 0 : sum / row.gas.count, meanCost: costs)
        }
    }

    var chainColumns: [(id: String, name: String)] {
        config.reportChains.compactMap { config.preset.chain($0) }.map { ($0.id, $0.name) }
    }

    public func table(markdown: Bool) -> String {
        let columns = chainColumns
        let header = ["contract", "method", "calls", "min", "max", "mean"] + columns.map { "\($0.name) USD" }
        let rows = lines().map { l -> [String] in
            [l.contract, l.method, grouped(l.calls), grouped(l.min), grouped(l.max), grouped(l.mean)]
                + columns.map { c in (l.meanCost[c.id] ?? nil).map { "$" + $0.usd.formatted(places: 4) } ?? "n/a" }
        }
        let title = "Gas report: \(grouped(rows.count)) methods, preset \(config.preset.name) "
            + "(USD: mean per call at the preset's prices)"
        if rows.isEmpty { return title + "\n(no contract was called)\n" }
        return title + "\n\n" + render(header: header, rows: rows, markdown: markdown, right: Set(2..<header.count))
    }

    public func json() -> String {
        let columns = chainColumns
        let items: [JSON] = lines().map { l in
            .object([("contract", .string(l.contract)), ("method", .string(l.method)), ("calls", .int(l.calls)),
                     ("min", .int(l.min)), ("max", .int(l.max)), ("mean", .int(l.mean)),
                     ("meanCost", .object(columns.map { c in
                         (c.id, (l.meanCost[c.id] ?? nil).map {
                             JSON.object([("wei", .string($0.wei.decimalString)),
                                          ("usd", .string($0.usd.formatted(places: 6, grouping: false)))])
                         } ?? .null)
                     }))])
        }
        return JSON.object([("preset", .string(config.preset.name)), ("methods", .array(items))]).text
    }

    /// Writes the report where `path` says: .json as JSON, anything else as Markdown. Written
    /// to a temporary file and renamed, so a crash never leaves half a report.
    public func write(to path: String) throws {
        let text = path.hasSuffix(".json") ? json() + "\n" : table(markdown: true)
        try AtomicFile.write(Data(text.utf8), to: path)
    }
}

/// Whole-file writes that never leave a half-written file: a temporary file beside the target,
/// then rename(2), which replaces the target atomically on one file system.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temp = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        try data.write(to: temp)
        if rename(temp.path, url.path) != 0 {
            let code = errno
            try? FileManager.default.removeItem(at: temp)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "rename to \(path): \(String(cString: strerror(code)))"])
        }
    }
}
