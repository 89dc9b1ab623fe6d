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

    /// Runs every scenario (JSON files, or the JSON files of folders) and records every call.
    public static func measure(paths: [String], progress: ((String) -> Void)? = nil) throws -> GasSnapshot {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ScenarioError("no file or folder '\(path)'")
            }
            if isDirectory.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".json") }.sorted()
                files += names.map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        var entries: [String: Entry] = [:]
        for file in files {
            let scenario = try Scenario.load(file)
            for variant in scenario.variants {
                progress?("\(scenario.name)[\(variant.name)]")
                let result = try ScenarioRunner().run(scenario, variant: variant)
                for row in result.rows {
                    entries["\(scenario.name)[\(variant.name)]:\(row.label)"] = Entry(count: row.count, min: row.min, mean: row.mean, max: row.max)
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

        public var line: String {
            switch kind {
            case .added: return "+ \(name) \(new!.text) (new)"
            case .removed: return "- \(name) \(old!.text) (removed)"
            case .changed:
                let bp = basisPoints
                let sign = bp >= 0 ? "+" : "-"
                let pct = "\(sign)\(abs(bp) / 100).\(String(format: "%02d", abs(bp) % 100))%"
                return "~ \(name): \(old!.mean) → \(new!.mean) (\(pct))" + (old!.count != new!.count ? " calls \(old!.count) → \(new!.count)" : "")
            }
        }
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
