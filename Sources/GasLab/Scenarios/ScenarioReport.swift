import EVMCore
import Foundation
import GasEconomics

/// Scenario results as a person reads them (a gas report per variant) and as JSON.
public enum ScenarioReport {
    public static func text(_ results: [ScenarioResult]) -> String {
        var out = ""
        for r in results {
            out += "\(r.scenario) [\(r.variant)] under \(r.fork.name)\n"
            let table = TextTable(columns: ["call", "count", "min", "mean", "max", "total"], rightAligned: [1, 2, 3, 4, 5])
            for row in r.rows {
                table.add([row.label, grouped(row.count), grouped(row.min), grouped(row.mean), grouped(row.max), grouped(row.total)])
            }
            table.add(["total", "", "", "", "", grouped(r.totalGas)])
            out += table.render()
            // Every view call's result, in order (repeats of one result shown once with a count).
            var lines: [(text: String, count: Int)] = []
            for v in r.records where v.isView {
                let text = "view \(v.label): \(v.decoded.joined(separator: ", "))"
                if let last = lines.last, last.text == text { lines[lines.count - 1].count += 1 } else { lines.append((text, 1)) }
            }
            for l in lines { out += l.text + (l.count > 1 ? " (× \(l.count))" : "") + "\n" }
            out += "\n"
        }
        return out
    }

    public static func json(_ results: [ScenarioResult]) -> String {
        let variants = results.map { r -> String in
            let receipts = r.records.map { c in
                var f = "{\"label\":\(quoted(c.label)),\"view\":\(c.isView),\"gasUsed\":\(c.gasUsed),\"status\":\(quoted(statusName(c.status)))"
                if !c.decoded.isEmpty { f += ",\"returns\":[" + c.decoded.map(quoted).joined(separator: ",") + "]" }
                return f + "}"
            }
            let rows = r.rows.map { "{\"label\":\(quoted($0.label)),\"count\":\($0.count),\"min\":\($0.min),\"mean\":\($0.mean),\"max\":\($0.max),\"total\":\($0.total)}" }
            return "{\"scenario\":\(quoted(r.scenario)),\"variant\":\(quoted(r.variant)),\"fork\":\(quoted(r.fork.name)),\"totalGas\":\(r.totalGas),\"calls\":[\(rows.joined(separator: ","))],\"receipts\":[\(receipts.joined(separator: ","))]}"
        }
        return "[" + variants.joined(separator: ",") + "]"
    }

    static func statusName(_ s: ExecutionStatus) -> String {
        s.isSuccess ? "success" : (s == .reverted ? "revert" : "halt")
    }

    static func quoted(_ s: String) -> String { JSONText.quote(s) }
}

/// A plain-text table with aligned columns.
public final class TextTable {
    let columns: [String]
    let rightAligned: Set<Int>
    var rows: [[String]] = []

    public init(columns: [String], rightAligned: Set<Int> = []) {
        self.columns = columns
        self.rightAligned = rightAligned
    }

    public func add(_ row: [String]) { rows.append(row) }

    public func render() -> String {
        var widths = columns.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return rightAligned.contains(i) ? pad + cell : cell + pad
            }.joined(separator: "  ")
        }
        var out = line(columns) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }
}

/// JSON text written by hand (small, stable field order).
public enum JSONText {
    /// A JSON string literal.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if c.value < 0x20 { out += String(format: "\\u%04x", c.value) } else { out.unicodeScalars.append(c) }
            }
        }
        return out + "\""
    }
}
