import GasEconomics

/// Two profiles of the same transactions (two variants of a scenario) side by side: gas by
/// category and by opcode in each, and the difference, largest first.
public struct ProfileDiff {
    public var names: (String, String)
    public var a: GasProfile
    public var b: GasProfile

    public init(_ a: GasProfile, _ b: GasProfile, names: (String, String)) {
        self.a = a
        self.b = b
        self.names = names
    }

    typealias Row = (key: String, a: Int, b: Int)

    var categories: [Row] {
        var rows: [String: (Int, Int)] = [:]
        for (c, g) in a.byCategory { rows[c.rawValue, default: (0, 0)].0 += g }
        for (c, g) in b.byCategory { rows[c.rawValue, default: (0, 0)].1 += g }
        return rows.map { ($0.key, $0.value.0, $0.value.1) }.sorted { (abs($0.b - $0.a), $1.key) > (abs($1.b - $1.a), $0.key) }
    }

    var opcodes: [Row] {
        var rows: [String: (Int, Int)] = [:]
        for o in a.byOpcode { rows[o.name, default: (0, 0)].0 += o.gas }
        for o in b.byOpcode { rows[o.name, default: (0, 0)].1 += o.gas }
        return rows.map { ($0.key, $0.value.0, $0.value.1) }.sorted { (abs($0.b - $0.a), $1.key) > (abs($1.b - $1.a), $0.key) }
    }

    func table(_ title: String, _ rows: [Row], top: Int, markdown: Bool = false) -> String {
        let body = rows.prefix(top).map { r in
            [r.key, grouped(r.a), grouped(r.b), (r.b - r.a > 0 ? "+" : "") + grouped(r.b - r.a)]
        }
        return render(header: [title, names.0, names.1, "Δ gas"], rows: body, markdown: markdown, right: [1, 2, 3])
    }

    public func text(top: Int) -> String {
        var out = "\(a.title)\n  against \(b.title)\n\n"
        out += "gasUsed: \(grouped(a.gasUsed)) against \(grouped(b.gasUsed)) (\(b.gasUsed - a.gasUsed > 0 ? "+" : "")\(grouped(b.gasUsed - a.gasUsed)))\n\n"
        out += table("category", categories, top: top) + "\n"
        out += table("opcode", opcodes, top: top)
        return out
    }

    public func json() -> String {
        func rows(_ r: [Row]) -> String {
            r.map { "{\"name\":\(JSONText.quote($0.key)),\(JSONText.quote(names.0)):\($0.a),\(JSONText.quote(names.1)):\($0.b)}" }
                .joined(separator: ",")
        }
        return "{\"variants\":[\(JSONText.quote(names.0)),\(JSONText.quote(names.1))],\"gasUsed\":[\(a.gasUsed),\(b.gasUsed)],"
            + "\"categories\":[\(rows(categories))],\"opcodes\":[\(rows(opcodes))]}"
    }
}
