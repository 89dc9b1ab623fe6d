import EVMCore
import Foundation
import GasEconomics

/// Gas budgets as regression tests: one stable line per distinct call of each scenario and
/// variant, written to `.gas-snapshot` and checked against it, as `forge snapshot` does.
///
///     table1[faithful]:deploy model (gas: 545402)
///     table1[faithful]:train() (calls: 2000, min: 93897, mean: 98068, max: 115663)
public struct GasSnapshot: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        public var count: Int
        public var min: Int
        public var mean: Int
        public var max: Int

        public var text: String {
            count == 1 && min == max ? "(gas: \(mean))" : "(calls: \(count), min: \(min), mean: \(mean), max: \(max))"
        }
    }

    public var entries: [String: Entry]

    public init(entries: [String: Entry] = [:]) { self.entries = entries }

    /// The file pattern of scenarios in a folder: only these are read, so an ABI, a compiler
    /// artifact or a speedscope profile beside them is never taken for a scenario.
    public static let scenarioSuffix = ".scenario.json"

    /// The scenario files of the paths: files as given, folders' `*.scenario.json`.
    public static func scenarioFiles(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ScenarioError("no file or folder '\(path)'")
            }
            if isDirectory.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(scenarioSuffix) }.sorted()
                files += names.map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        return files
    }

    /// Runs every scenario (`*.scenario.json` files, or those of folders) and records every
    /// call; `match` keeps the entries whose name contains it. Two files with one scenario
    /// name are an error (their entries would merge).
    public static func measure(paths: [String], match: String? = nil, progress: ((String) -> Void)? = nil) throws -> GasSnapshot {
        let files = try scenarioFiles(paths)
        var entries: [String: Entry] = [:]
        var names: [String: String] = [:]
        for file in files {
            let scenario = try Scenario.load(file)
            if let other = names[scenario.name] {
                throw ScenarioError("\(file) and \(other) are both named '\(scenario.name)': their snapshot entries would merge; rename one")
            }
            names[scenario.name] = file
            for variant in scenario.variants {
                let prefix = "\(scenario.name)[\(variant.name)]:"
                // A variant none of whose calls can match is not run.
                progress?("\(scenario.name)[\(variant.name)]")
                let result = try ScenarioRunner().run(scenario, variant: variant)
                for row in result.rows where match.map({ (prefix + row.label).contains($0) }) ?? true {
                    entries[prefix + row.label] = Entry(count: row.count, min: row.min, mean: row.mean, max: row.max)
                }
            }
        }
        return GasSnapshot(entries: entries)
    }

    /// The file's text: sorted lines.
    public func render() -> String {
        entries.keys.sorted().map { "\($0) \(entries[$0]!.text)" }.joined(separator: "\n") + "\n"
    }

    /// Why a snapshot or budget file could not be read.
    public struct FormatError: Error, CustomStringConvertible, Sendable {
        public var file: String
        public var line: Int
        public var message: String
        public var description: String { "\(file):\(line): \(message)" }
    }

    /// Reads a snapshot file; an unreadable line is an error naming it.
    public static func parse(_ text: String, file: String = ".gas-snapshot") throws -> GasSnapshot {
        var entries: [String: Entry] = [:]
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let open = line.range(of: " (", options: .backwards), line.hasSuffix(")") else {
                throw FormatError(file: file, line: i + 1, message: "expected 'name (gas: N)' or 'name (calls: C, min: A, mean: B, max: D)', found '\(line)'")
            }
            let name = String(line[..<open.lowerBound])
            let body = line[open.upperBound..<line.index(before: line.endIndex)]
            var fields: [String: Int] = [:]
            for part in body.split(separator: ",") {
                let kv = part.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
                guard kv.count == 2, let v = Int(kv[1]), v >= 0 else {
                    throw FormatError(file: file, line: i + 1, message: "expected 'key: number' in '\(part.trimmingCharacters(in: .whitespaces))'")
                }
                fields[kv[0]] = v
            }
            let entry: Entry
            if let gas = fields["gas"], fields.count == 1 {
                entry = Entry(count: 1, min: gas, mean: gas, max: gas)
            } else if let c = fields["calls"], let mn = fields["min"], let mean = fields["mean"], let mx = fields["max"], fields.count == 4 {
                entry = Entry(count: c, min: mn, mean: mean, max: mx)
            } else {
                throw FormatError(file: file, line: i + 1, message: "expected (gas: N) or (calls, min, mean, max), found '(\(body))'")
            }
            if entries[name] != nil { throw FormatError(file: file, line: i + 1, message: "'\(name)' appears twice") }
            entries[name] = entry
        }
        return GasSnapshot(entries: entries)
    }

    /// One difference between two snapshots.
    public struct Change: Sendable {
        public enum Kind: Sendable { case changed, added, removed }
        public var name: String
        public var kind: Kind
        public var old: Entry?
        public var new: Entry?

        /// The relative change of the mean, in hundredths of a percent (rounded toward zero).
        public var basisPoints: Int {
            guard let o = old, let n = new, o.mean > 0 else { return 0 }
            // Overflow-checked: the means come from a file a user may have edited by hand.
            let (delta, o1) = n.mean.subtractingReportingOverflow(o.mean)
            let (scaled, o2) = delta.multipliedReportingOverflow(by: 10_000)
            // With `o.mean > 0` the subtraction can only overflow downward.
            if o1 { return -Int.max }
            if o2 { return delta > 0 ? Int.max : -Int.max }  // not Int.min: callers take abs()
            return scaled / o.mean
        }

        /// The statistics that moved: (name, old, new), in the order calls, min, mean, max.
        public var moved: [(stat: String, old: Int, new: Int)] {
            guard let o = old, let n = new else { return [] }
            let single = o.count == 1 && n.count == 1 && o.min == o.max && n.min == n.max
            if single { return o.mean == n.mean ? [] : [("gas", o.mean, n.mean)] }
            return [("calls", o.count, n.count), ("min", o.min, n.min), ("mean", o.mean, n.mean), ("max", o.max, n.max)]
                .filter { $0.1 != $0.2 }
        }

        /// Whether any figure rose (a regression) or the call count changed.
        public var isRegression: Bool {
            switch kind {
            case .added, .removed: return true
            case .changed: return moved.contains { $0.stat == "calls" || $0.new > $0.old }
            }
        }

        static func percent(_ old: Int, _ new: Int) -> String {
            guard old > 0 else { return "" }
            let (delta, o1) = new.subtractingReportingOverflow(old)
            let (scaled, o2) = delta.multipliedReportingOverflow(by: 10_000)
            if o1 || o2 { return delta > 0 ? " (+∞%)" : " (−∞%)" }
            let bp = scaled / old
            return " (\(bp >= 0 ? "+" : "-")\(abs(bp) / 100).\(String(format: "%02d", abs(bp) % 100))%)"
        }

        public var line: String {
            switch kind {
            case .added: return "+ \(name) \(new!.text) (new)"
            case .removed: return "- \(name) \(old!.text) (removed)"
            case .changed:
                let parts = moved.map { "\($0.stat) \($0.old) → \($0.new)\(Change.percent($0.old, $0.new))" }
                return "~ \(name): " + parts.joined(separator: ", ")
            }
        }

        public var json: String {
            func entry(_ e: Entry?) -> String {
                e.map { "{\"calls\":\($0.count),\"min\":\($0.min),\"mean\":\($0.mean),\"max\":\($0.max)}" } ?? "null"
            }
            let k = kind == .added ? "added" : kind == .removed ? "removed" : "changed"
            let moves = moved.map { "{\"stat\":\"\($0.stat)\",\"old\":\($0.old),\"new\":\($0.new)}" }
            return "{\"name\":\(JSONText.quote(name)),\"kind\":\"\(k)\",\"regression\":\(isRegression),\"old\":\(entry(old)),"
                + "\"new\":\(entry(new)),\"moved\":[\(moves.joined(separator: ","))]}"
        }
    }

    /// The entries of this snapshot whose name contains `match` (all when nil).
    public func filtered(_ match: String?) -> GasSnapshot {
        guard let match else { return self }
        return GasSnapshot(entries: entries.filter { $0.key.contains(match) })
    }

    /// A partial update: this snapshot's entries replace those of `old` that were measured
    /// (same scenario and variant prefix, and matching `match`); the others are kept.
    public func merged(into old: GasSnapshot, match: String?) -> GasSnapshot {
        let measured = Set(entries.keys.map { String($0[..<($0.firstIndex(of: ":") ?? $0.endIndex)]) })
        var out = old.entries.filter { name, _ in
            let prefix = String(name[..<(name.firstIndex(of: ":") ?? name.endIndex)])
            return !(measured.contains(prefix) && (match.map { name.contains($0) } ?? true))
        }
        for (k, v) in entries { out[k] = v }
        return GasSnapshot(entries: out)
    }

    /// Differences from an older snapshot; `tolerance` (a percentage, e.g. "0.5") lets changes
    /// of every figure within it through. New and removed entries always count.
    public func changes(from old: GasSnapshot, tolerance: ExactDecimal? = nil) -> [Change] {
        var out: [Change] = []
        for name in Set(entries.keys).union(old.entries.keys).sorted() {
            switch (old.entries[name], entries[name]) {
            case (nil, let n?): out.append(Change(name: name, kind: .added, old: nil, new: n))
            case (let o?, nil): out.append(Change(name: name, kind: .removed, old: o, new: nil))
            case (let o?, let n?) where o != n:
                if let tolerance, GasSnapshot.within(o, n, tolerance) { continue }
                out.append(Change(name: name, kind: .changed, old: o, new: n))
            default: break
            }
        }
        return out
    }

    /// Whether min, mean and max each moved by at most `tolerance` percent (exactly, in integers).
    static func within(_ o: Entry, _ n: Entry, _ tolerance: ExactDecimal) -> Bool {
        guard o.count == n.count else { return false }
        for (a, b) in [(o.min, n.min), (o.mean, n.mean), (o.max, n.max)] {
            // |b − a| · 100 · 10^scale ≤ tolerance.units · a
            let delta = U256(UInt64(abs(b - a))) &* U256(100) &* ExactDecimal.pow10(tolerance.scale)
            if delta > tolerance.units &* U256(UInt64(a)) { return false }
        }
        return true
    }
}

/// Explicit upper limits per call, for people who want budgets rather than exact snapshots:
///
///     table1[faithful]:train() <= 120000
///
/// A call is over budget when its largest gas exceeds the limit.
public struct GasBudget: Sendable {
    public var limits: [(name: String, limit: Int, line: Int)]

    public static func parse(_ text: String, file: String) throws -> GasBudget {
        var limits: [(String, Int, Int)] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let range = line.range(of: "<=", options: .backwards),
                  let limit = Int(line[range.upperBound...].trimmingCharacters(in: .whitespaces).filter { $0 != "_" && $0 != "," }) else {
                throw GasSnapshot.FormatError(file: file, line: i + 1, message: "expected 'name <= N', found '\(line)'")
            }
            limits.append((line[..<range.lowerBound].trimmingCharacters(in: .whitespaces), limit, i + 1))
        }
        return GasBudget(limits: limits)
    }

    /// Lines for every budget exceeded or naming no call.
    public func violations(_ snapshot: GasSnapshot) -> [String] {
        limits.compactMap { b in
            guard let e = snapshot.entries[b.name] else { return "line \(b.line): no call named '\(b.name)'" }
            return e.max > b.limit ? "\(b.name): \(e.max) gas, over its budget of \(b.limit) by \(e.max - b.limit)" : nil
        }
    }
}
