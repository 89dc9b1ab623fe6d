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

/// JSON text written by hand (small, stable field order), and the one decoder of JSON
/// string literals that GasLab's JSON readers share.
public enum JSONText {
    /// Why a string literal could not be read, and where.
    public struct StringError: Error, Sendable {
        public var offset: Int
        public var reason: String
    }

    /// Decodes the string literal whose opening quote is at `i` (RFC 8259: the escapes,
    /// \u with surrogate pairs; a lone surrogate becomes U+FFFD as Go's and Foundation's
    /// readers make it) and leaves `i` after its closing quote. Control characters are errors.
    public static func decodeString(_ bytes: [UInt8], at i: inout Int) throws(StringError) -> String {
        i += 1
        var out: [UInt8] = []
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= bytes.count else { return nil }
            var v: UInt32 = 0
            for b in bytes[at..<at + 4] {
                guard let d = EVMCore.Hex.nibble(b) else { return nil }
                v = v << 4 | UInt32(d)
            }
            return v
        }
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: out, as: UTF8.self)
            }
            if c < 0x20 { throw StringError(offset: i, reason: "a control character inside a string") }
            if c == UInt8(ascii: "\\") {
                guard i + 1 < bytes.count else { throw StringError(offset: i, reason: "unfinished escape") }
                let e = bytes[i + 1]
                i += 2
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5c)
                case UInt8(ascii: "/"): out.append(0x2f)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0c)
                case UInt8(ascii: "n"): out.append(0x0a)
                case UInt8(ascii: "r"): out.append(0x0d)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard let v = hex4(i) else { throw StringError(offset: i, reason: "bad \\u escape") }
                    i += 4
                    var scalar = v
                    if (0xD800...0xDBFF).contains(v), i + 6 <= bytes.count, bytes[i] == UInt8(ascii: "\\"),
                       bytes[i + 1] == UInt8(ascii: "u"), let low = hex4(i + 2), (0xDC00...0xDFFF).contains(low) {
                        scalar = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    }
                    out += Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
                default:
                    throw StringError(offset: i - 2, reason: "bad escape '\\\(Character(Unicode.Scalar(e)))'")
                }
                continue
            }
            out.append(c)
            i += 1
        }
        throw StringError(offset: i, reason: "unfinished string")
    }

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
