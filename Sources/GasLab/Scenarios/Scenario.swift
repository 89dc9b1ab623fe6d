import EVMAssembler
import EVMCore
import EVMPrecompiles
import EVMState
import Foundation
import GasEconomics

/// A scenario: named accounts, contracts to deploy (from `.easm` or initcode hex, with
/// constructor arguments), and a sequence of transactions and view calls, on a fork and block.
/// Written as JSON; see `Contracts/README.md` for the format.
public struct Scenario: Sendable {
    public var name: String
    public var description: String
    public var fork: Fork
    public var accounts: [String: U256]
    public var contracts: [ContractSpec]
    public var variants: [Variant]
    public var steps: [Step]
    public var gasPrice: U256
    public var baseFee: U256
    /// Where relative paths are read from.
    public var directory: String

    public struct ContractSpec: Sendable {
        public var name: String
        /// A `.easm` path (relative to the scenario), a `.vy` source, a compiler artifact
        /// (`.json`), a `.hex` file or inline initcode hex.
        public var source: String
        /// Which contract of a multi-contract artifact (solc's combined JSON).
        public var artifactContract: String? = nil
        public var constructorSignature: String?
        public var arguments: [String]
        public var from: String
        public var value: U256
        /// Names of storage slots for profiles: "x[]" declares a dynamic array at that slot.
        public var slotNames: [U256: String] = [:]
    }

    /// A variant replaces the sources of some contracts (by contract name).
    public struct Variant: Sendable {
        public var name: String
        public var sources: [String: String]
        public var description: String
    }

    public struct Step: Sendable {
        public enum Kind: Sendable { case transaction, view }
        public var kind: Kind
        public var from: String
        public var to: String
        public var function: String
        public var arguments: [String]
        public var value: U256
        public var repeatCount: Int
        public var gasLimit: Int?
        /// Output types of a view call, e.g. "(int256,int256)".
        public var returns: [ABI.ABIType]
        /// The variants this step runs in (all when nil).
        public var only: Set<String>?
        /// A label for reports (default: the function signature).
        public var label: String
        /// Whether a revert is expected (the run fails otherwise, and vice versa).
        public var expectRevert: Bool
        /// Run once per generated account `prefix1 … prefixN`, from that account.
        public var each: (prefix: String, count: Int)?
    }
}

/// Why a scenario (or a simulation) could not run. Each case keeps what a caller needs to
/// act on it; `description` is the one line the CLI prints.
public enum ScenarioError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file or its contents are wrong: the message names the file, field or step.
    case invalid(String)
    /// A contract did not assemble or its arguments did not encode.
    case build(context: String, reason: String)
    /// A transaction the scenario sends is invalid, so it was not run.
    case invalidTransaction(context: String, TransactionError)
    /// A transaction ran but did not end as the scenario expects: it reverted or halted
    /// (`revertReason` decoded from its output), or succeeded where a revert was expected
    /// (`status` is then a success).
    case unexpectedOutcome(context: String, status: ExecutionStatus, revertReason: String?)

    /// A problem with the scenario's contents.
    public init(_ message: String) { self = .invalid(message) }

    public var description: String {
        switch self {
        case .invalid(let message): return message
        case .build(let context, let reason): return "\(context): \(reason)"
        case .invalidTransaction(let context, let error): return "\(context): invalid transaction: \(error)"
        case .unexpectedOutcome(let context, let status, let reason):
            if status.isSuccess { return "\(context) succeeded, a revert was expected" }
            return "\(context) failed: \(status)" + (reason.map { " \($0)" } ?? "")
        }
    }
}

extension Scenario {
    public static func load(_ path: String) throws -> Scenario {
        guard let data = FileManager.default.contents(atPath: path) else { throw ScenarioError("cannot read \(path)") }
        let directory = (path as NSString).deletingLastPathComponent
        return try parse(data, directory: directory.isEmpty ? "." : directory, file: path)
    }

    /// The most repetitions of one step (`repeat`, `each.count`): every run is kept for the
    /// report, so an unbounded count would exhaust memory rather than fail.
    public static let maxRepeat = 1_000_000

    public static func parse(_ data: Data, directory: String, file: String = "<scenario>") throws -> Scenario {
        let parsed: (value: Any, positions: [String: (line: Int, column: Int)])
        do { parsed = try PositionedJSON.parse(data) } catch {
            throw ScenarioError("\(file):\(error.line):\(error.column): malformed JSON: \(error.message)")
        }
        let r = Reader(file: file, positions: parsed.positions)
        guard let root = parsed.value as? [String: Any] else { throw r.fail("", "the top level must be an object") }
        try r.known(root, ["name", "description", "fork", "accounts", "contracts", "variants", "steps", "gasPrice", "block"], at: "")
        let forkName = try r.string(root, "fork", default: Fork.latest.name)
        guard let fork = Fork(name: forkName) else {
            throw r.fail("fork", "'\(forkName)' is not one of \(Fork.allCases.map(\.name).joined(separator: ", "))")
        }
        var accounts: [String: U256] = [:]
        for (name, value) in try r.object(root, "accounts", default: [:]) {
            let at = "accounts.\(name)"
            guard let a = value as? [String: Any] else { throw r.fail(at, "must be an object") }
            try r.known(a, ["balance"], at: at)
            accounts[name] = try r.amount(a, "balance", default: U256(decimal: "1000000000000000000000000")!, at: at)
        }
        var contracts: [ContractSpec] = []
        let contractObjects = try r.object(root, "contracts", default: [:])
        // Contracts deploy in the order the file lists them (JSON objects carry no order, so
        // it is read from the key positions).
        let orderedNames = contractObjects.keys.sorted {
            let a = parsed.positions["contracts.\($0)#key"], b = parsed.positions["contracts.\($1)#key"]
            return (a?.line ?? 0, a?.column ?? 0, $0) < (b?.line ?? 0, b?.column ?? 0, $1)
        }
        for name in orderedNames {
            let at = "contracts.\(name)"
            guard let c = contractObjects[name] as? [String: Any] else { throw r.fail(at, "must be an object") }
            try r.known(c, ["source", "constructor", "args", "from", "value", "slots", "contract"], at: at)
            var spec = ContractSpec(
                name: name, source: try r.string(c, "source", at: at),
                constructorSignature: try c["constructor"].map { _ in try r.string(c, "constructor", at: at) },
                arguments: try r.strings(c, "args", at: at),
                from: try r.string(c, "from", default: accounts.keys.sorted().first ?? "deployer", at: at),
                value: try r.amount(c, "value", default: .zero, at: at),
                slotNames: try r.slotNames(c, at: at))
            spec.artifactContract = try c["contract"].map { _ in try r.string(c, "contract", at: at) }
            contracts.append(spec)
        }
        var variants: [Variant] = []
        if let list = root["variants"] {
            guard let list = list as? [Any] else { throw r.fail("variants", "must be a list of objects") }
            for (i, item) in list.enumerated() {
                let at = "variants[\(i)]"
                guard let v = item as? [String: Any] else { throw r.fail(at, "must be an object") }
                try r.known(v, ["name", "sources", "description"], at: at)
                var sources: [String: String] = [:]
                for (k, s) in try r.object(v, "sources", default: [:], at: at) {
                    guard let s = s as? String else { throw r.fail("\(at).sources.\(k)", "must be a string") }
                    guard contractObjects[k] != nil else { throw r.fail("\(at).sources.\(k)", "names no contract") }
                    sources[k] = s
                }
                let name = try r.string(v, "name", at: at)
                if variants.contains(where: { $0.name == name }) { throw r.fail("\(at).name", "'\(name)' names two variants") }
                variants.append(Variant(name: name, sources: sources, description: try r.string(v, "description", default: "", at: at)))
            }
        }
        if variants.isEmpty { variants = [Variant(name: "default", sources: [:], description: "")] }
        var steps: [Step] = []
        guard let stepList = root["steps"] as? [Any] else { throw r.fail("steps", "must be a list of objects") }
        for (i, item) in stepList.enumerated() {
            let at = "steps[\(i)]"
            guard let s = item as? [String: Any] else { throw r.fail(at, "must be an object") }
            try r.known(s, ["from", "to", "call", "view", "args", "value", "repeat", "gas", "returns", "only", "label",
                            "expectRevert", "each"], at: at)
            let isView = s["view"] != nil
            if isView && s["call"] != nil { throw r.fail(at, "has both call and view") }
            let function = try r.string(s, isView ? "view" : "call", at: at)
            let functionPath = "\(at).\(isView ? "view" : "call")"
            // A bare name ("addData") is looked up in the target's ABI when the step runs.
            if function.contains("(") {
                do { _ = try ABI.Signature(parsing: function) } catch { throw r.fail(functionPath, "\(error)") }
            } else if function.isEmpty || !function.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" }) {
                throw r.fail(functionPath, "'\(function)' is neither a function name nor a signature")
            }
            var returns: [ABI.ABIType] = []
            if s["returns"] != nil {
                let text = try r.string(s, "returns", at: at)
                let inner = text.hasPrefix("(") && text.hasSuffix(")") ? String(text.dropFirst().dropLast()) : text
                do {
                    returns = try inner.split(separator: ",").map { try ABI.ABIType(parsing: String($0)) }
                } catch { throw r.fail("\(at).returns", "\(error)") }
            }
            let gas: Int? = s["gas"] == nil ? nil : try r.int(s, "gas", default: 0, at: at)
            if let gas, gas <= 0 { throw r.fail("\(at).gas", "must be positive") }
            let repeatCount = try r.int(s, "repeat", default: 1, at: at)
            guard repeatCount >= 1 && repeatCount <= Scenario.maxRepeat else {
                throw r.fail("\(at).repeat", "must be 1 to \(grouped(Scenario.maxRepeat)), found \(repeatCount)")
            }
            var only: Set<String>? = nil
            if let o = s["only"] {
                guard let o = o as? [Any], o.allSatisfy({ $0 is String }) else { throw r.fail("\(at).only", "must be a list of variant names") }
                only = Set(o.compactMap { $0 as? String })
            }
            var each: (String, Int)? = nil
            if let e = s["each"] {
                guard let e = e as? [String: Any] else { throw r.fail("\(at).each", "must be {\"prefix\": NAME, \"count\": N}") }
                try r.known(e, ["prefix", "count"], at: "\(at).each")
                let count = try r.int(e, "count", default: 0, at: "\(at).each")
                guard count >= 1 && count <= Scenario.maxRepeat else {
                    throw r.fail("\(at).each.count", "must be 1 to \(grouped(Scenario.maxRepeat)), found \(count)")
                }
                each = (try r.string(e, "prefix", at: "\(at).each"), count)
            }
            let expectRevert: Bool
            if let v = s["expectRevert"] {
                guard let b = v as? Bool else { throw r.fail("\(at).expectRevert", "must be true or false") }
                expectRevert = b
            } else {
                expectRevert = false
            }
            steps.append(Step(
                kind: isView ? .view : .transaction,
                from: try r.string(s, "from", default: accounts.keys.sorted().first ?? "deployer", at: at),
                to: try r.string(s, "to", at: at), function: function, arguments: try r.strings(s, "args", at: at),
                value: try r.amount(s, "value", default: .zero, at: at), repeatCount: repeatCount,
                gasLimit: gas, returns: returns, only: only,
                label: try r.string(s, "label", default: function, at: at), expectRevert: expectRevert,
                each: each))
        }
        let block = try r.object(root, "block", default: [:])
        try r.known(block, ["baseFee"], at: "block")
        return Scenario(
            name: try r.string(root, "name", default: (file as NSString).lastPathComponent),
            description: try r.string(root, "description", default: ""), fork: fork, accounts: accounts,
            contracts: contracts, variants: variants, steps: steps,
            gasPrice: try r.amount(root, "gasPrice", default: .zero, at: ""),
            baseFee: try r.amount(block, "baseFee", default: .zero, at: "block"), directory: directory)
    }

    /// Typed reads with errors that name the file, line, column and JSON path.
    struct Reader {
        let file: String
        var positions: [String: (line: Int, column: Int)] = [:]

        func path(_ at: String, _ key: String) -> String { at.isEmpty ? key : at + "." + key }

        /// An error at a JSON path: "file:line:col: path: message".
        func fail(_ path: String, _ message: String) -> ScenarioError {
            let position = positions[path].map { ":\($0.line):\($0.column)" } ?? ""
            return ScenarioError("\(file)\(position): \(path.isEmpty ? "" : path + ": ")\(message)")
        }

        /// Unknown keys are mistakes (a misspelt "repeats" must not run once silently).
        func known(_ o: [String: Any], _ keys: [String], at: String) throws {
            for key in o.keys.sorted() where !keys.contains(key) {
                let close = keys.min { Reader.distance($0, key) < Reader.distance($1, key) }
                let hint = close.map { Reader.distance($0, key) <= 3 ? "; did you mean '\($0)'?" : "" } ?? ""
                let p = path(at, key)
                let position = positions[p + "#key"].map { ":\($0.line):\($0.column)" } ?? ""
                throw ScenarioError("\(file)\(position): \(p): unknown key (known: \(keys.joined(separator: ", ")))\(hint)")
            }
        }

        static func distance(_ a: String, _ b: String) -> Int {
            let a = Array(a.lowercased()), b = Array(b.lowercased())
            var row = Array(0...b.count)
            for i in 1...max(a.count, 1) where !a.isEmpty {
                var previous = row[0]
                row[0] = i
                for j in stride(from: 1, through: b.count, by: 1) {
                    let old = row[j]
                    row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                    previous = old
                }
            }
            return a.isEmpty ? b.count : row[b.count]
        }

        func string(_ o: [String: Any], _ key: String, default d: String? = nil, at: String = "") throws -> String {
            guard let v = o[key] else {
                if let d { return d }
                throw fail(at, "\(key) is missing")
            }
            guard let s = v as? String else { throw fail(path(at, key), "must be a string") }
            return s
        }

        func strings(_ o: [String: Any], _ key: String, at: String) throws -> [String] {
            guard let v = o[key] else { return [] }
            guard let list = v as? [Any] else { throw fail(path(at, key), "must be a list") }
            return try list.enumerated().map { i, item in
                if let s = item as? String { return s }
                if let n = item as? Int { return String(n) }
                throw fail("\(path(at, key))[\(i)]", "must be a string or an integer (\(item is Bool ? "a boolean is not a number" : "found \(type(of: item))"))")
            }
        }

        func slotNames(_ o: [String: Any], at: String) throws -> [U256: String] {
            guard let v = o["slots"] else { return [:] }
            guard let map = v as? [String: Any] else { throw fail(path(at, "slots"), "must map slot numbers to names") }
            var out: [U256: String] = [:]
            for (k, name) in map {
                guard let name = name as? String else { throw fail(path(at, "slots") + ".\(k)", "must be a name") }
                guard let slot = U256(k) else { throw fail(path(at, "slots") + ".\(k)", "'\(k)' is not a slot number") }
                out[slot] = name
            }
            return out
        }

        func int(_ o: [String: Any], _ key: String, default d: Int, at: String) throws -> Int {
            guard let v = o[key] else { return d }
            guard let n = v as? Int else {
                throw fail(path(at, key), v is String && Int(v as! String) == nil && (v as! String).allSatisfy(\.isNumber)
                           ? "\(v) is too large" : "must be an integer")
            }
            return n
        }

        func object(_ o: [String: Any], _ key: String, default d: [String: Any], at: String = "") throws -> [String: Any] {
            guard let v = o[key] else { return d }
            guard let obj = v as? [String: Any] else { throw fail(path(at, key), "must be an object") }
            return obj
        }

        /// A wei amount: a number, "0x…", or "N ether" / "N gwei" / "N wei" with N a decimal
        /// ("0.5 ether") that lands on a whole number of wei.
        func amount(_ o: [String: Any], _ key: String, default d: U256, at: String) throws -> U256 {
            guard let v = o[key] else { return d }
            let text: String
            if let s = v as? String { text = s } else if let n = v as? Int, n >= 0 { text = String(n) } else {
                throw fail(path(at, key), "must be an amount like \"1000 ether\" or \"20 gwei\"")
            }
            let parts = text.split(separator: " ")
            if parts.count == 1, let plain = U256(String(parts[0])) { return plain }
            guard parts.count == 2, let wei = Wei.parse(String(parts[0]) + String(parts[1])) else {
                throw fail(path(at, key), "'\(text)' is not an amount (a number of wei, or N wei, gwei or ether)")
            }
            return wei
        }
    }
}

