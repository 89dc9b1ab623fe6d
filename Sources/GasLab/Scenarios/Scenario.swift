import EVMAssembler
import EVMCore
import EVMPrecompiles
import EVMState
import Foundation

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

    public static func parse(_ data: Data, directory: String, file: String = "<scenario>") throws -> Scenario {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ScenarioError("\(file): malformed JSON: \(error.localizedDescription)")
        }
        guard let root = object as? [String: Any] else { throw ScenarioError("\(file): the top level must be an object") }
        let r = Reader(file: file)
        let forkName = try r.string(root, "fork", default: Fork.latest.name)
        guard let fork = Fork(name: forkName) else {
            throw ScenarioError("\(file): fork '\(forkName)' is not one of \(Fork.allCases.map(\.name).joined(separator: ", "))")
        }
        var accounts: [String: U256] = [:]
        for (name, value) in try r.object(root, "accounts", default: [:]) {
            guard let a = value as? [String: Any] else { throw ScenarioError("\(file): accounts.\(name) must be an object") }
            accounts[name] = try r.amount(a, "balance", default: U256(decimal: "1000000000000000000000000")!, at: "accounts.\(name)")
        }
        var contracts: [ContractSpec] = []
        let contractObjects = try r.object(root, "contracts", default: [:])
        // Contracts deploy in the order the file lists them (JSON objects carry no order, so
        // it is read from the text); names not found there follow alphabetically.
        let order = JSONKeyOrder.keys(ofObject: "contracts", in: data)
        let orderedNames = order.filter { contractObjects[$0] != nil }
            + contractObjects.keys.filter { !order.contains($0) }.sorted()
        for name in orderedNames {
            let value = contractObjects[name]!
            guard let c = value as? [String: Any] else { throw ScenarioError("\(file): contracts.\(name) must be an object") }
            contracts.append(ContractSpec(
                name: name, source: try r.string(c, "source", at: "contracts.\(name)"),
                constructorSignature: c["constructor"] as? String,
                arguments: try r.strings(c, "args", at: "contracts.\(name)"),
                from: try r.string(c, "from", default: accounts.keys.sorted().first ?? "deployer"),
                value: try r.amount(c, "value", default: .zero, at: "contracts.\(name)"),
                slotNames: try r.slotNames(c, at: "contracts.\(name)")))
            contracts[contracts.count - 1].artifactContract = try c["contract"].map { _ in try r.string(c, "contract", at: "contracts.\(name)") }
        }
        var variants: [Variant] = []
        if let list = root["variants"] {
            guard let list = list as? [[String: Any]] else { throw ScenarioError("\(file): variants must be a list of objects") }
            for (i, v) in list.enumerated() {
                let at = "variants[\(i)]"
                var sources: [String: String] = [:]
                for (k, s) in try r.object(v, "sources", default: [:], at: at) {
                    guard let s = s as? String else { throw ScenarioError("\(file): \(at).sources.\(k) must be a string") }
                    sources[k] = s
                }
                variants.append(Variant(name: try r.string(v, "name", at: at), sources: sources,
                                        description: try r.string(v, "description", default: "")))
            }
        }
        if variants.isEmpty { variants = [Variant(name: "default", sources: [:], description: "")] }
        var steps: [Step] = []
        guard let stepList = root["steps"] as? [[String: Any]] else { throw ScenarioError("\(file): steps must be a list of objects") }
        for (i, s) in stepList.enumerated() {
            let at = "steps[\(i)]"
            let isView = s["view"] != nil
            let function = try r.string(s, isView ? "view" : "call", at: at)
            // A bare name ("addData") is looked up in the target's ABI when the step runs.
            if function.contains("(") {
                do { _ = try ABI.Signature(parsing: function) } catch { throw ScenarioError("\(file): \(at): \(error)") }
            } else if function.isEmpty || !function.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" }) {
                throw ScenarioError("\(file): \(at): '\(function)' is neither a function name nor a signature")
            }
            var returns: [ABI.ABIType] = []
            if let text = s["returns"] as? String {
                let inner = text.hasPrefix("(") && text.hasSuffix(")") ? String(text.dropFirst().dropLast()) : text
                do {
                    returns = try inner.split(separator: ",").map { try ABI.ABIType(parsing: String($0)) }
                } catch { throw ScenarioError("\(file): \(at).returns: \(error)") }
            }
            if let g = s["gas"] as? Int, g <= 0 { throw ScenarioError("\(file): \(at).gas must be positive") }
            let repeatCount = try r.int(s, "repeat", default: 1, at: at)
            guard repeatCount >= 1 else { throw ScenarioError("\(file): \(at).repeat must be at least 1") }
            var only: Set<String>? = nil
            if let o = s["only"] {
                guard let o = o as? [String] else { throw ScenarioError("\(file): \(at).only must be a list of variant names") }
                only = Set(o)
            }
            var each: (String, Int)? = nil
            if let e = s["each"] {
                guard let e = e as? [String: Any], let prefix = e["prefix"] as? String, let count = e["count"] as? Int, count >= 1 else {
                    throw ScenarioError("\(file): \(at).each must be {\"prefix\": NAME, \"count\": N}")
                }
                each = (prefix, count)
            }
            steps.append(Step(
                kind: isView ? .view : .transaction, from: try r.string(s, "from", default: accounts.keys.sorted().first ?? "deployer"),
                to: try r.string(s, "to", at: at), function: function, arguments: try r.strings(s, "args", at: at),
                value: try r.amount(s, "value", default: .zero, at: at), repeatCount: repeatCount,
                gasLimit: s["gas"] == nil ? nil : try r.int(s, "gas", default: 0, at: at), returns: returns, only: only,
                label: try r.string(s, "label", default: function), expectRevert: s["expectRevert"] as? Bool ?? false,
                each: each))
        }
        let block = try r.object(root, "block", default: [:])
        return Scenario(
            name: try r.string(root, "name", default: (file as NSString).lastPathComponent),
            description: try r.string(root, "description", default: ""), fork: fork, accounts: accounts,
            contracts: contracts, variants: variants, steps: steps,
            gasPrice: try r.amount(root, "gasPrice", default: .zero, at: ""),
            baseFee: try r.amount(block, "baseFee", default: .zero, at: "block"), directory: directory)
    }

    /// Typed reads with errors that name the field.
    struct Reader {
        let file: String

        func string(_ o: [String: Any], _ key: String, default d: String? = nil, at: String = "") throws -> String {
            guard let v = o[key] else {
                if let d { return d }
                throw ScenarioError("\(file): \(at.isEmpty ? "" : at + ".")\(key) is missing")
            }
            guard let s = v as? String else { throw ScenarioError("\(file): \(at.isEmpty ? "" : at + ".")\(key) must be a string") }
            return s
        }

        func strings(_ o: [String: Any], _ key: String, at: String) throws -> [String] {
            guard let v = o[key] else { return [] }
            guard let list = v as? [Any] else { throw ScenarioError("\(file): \(at).\(key) must be a list") }
            return try list.map { item in
                if let s = item as? String { return s }
                if let n = item as? Int { return String(n) }
                throw ScenarioError("\(file): \(at).\(key) must hold strings or numbers")
            }
        }

        func slotNames(_ o: [String: Any], at: String) throws -> [U256: String] {
            guard let v = o["slots"] else { return [:] }
            guard let map = v as? [String: String] else { throw ScenarioError("\(file): \(at).slots must map slot numbers to names") }
            var out: [U256: String] = [:]
            for (k, name) in map {
                guard let slot = U256(k) else { throw ScenarioError("\(file): \(at).slots: '\(k)' is not a slot number") }
                out[slot] = name
            }
            return out
        }

        func int(_ o: [String: Any], _ key: String, default d: Int, at: String) throws -> Int {
            guard let v = o[key] else { return d }
            guard let n = v as? Int else { throw ScenarioError("\(file): \(at).\(key) must be an integer") }
            return n
        }

        func object(_ o: [String: Any], _ key: String, default d: [String: Any], at: String = "") throws -> [String: Any] {
            guard let v = o[key] else { return d }
            guard let obj = v as? [String: Any] else { throw ScenarioError("\(file): \(at.isEmpty ? "" : at + ".")\(key) must be an object") }
            return obj
        }

        /// A wei amount: a number, "0x…", or "N ether" / "N gwei".
        func amount(_ o: [String: Any], _ key: String, default d: U256, at: String) throws -> U256 {
            guard let v = o[key] else { return d }
            let text: String
            if let s = v as? String { text = s } else if let n = v as? Int, n >= 0 { text = String(n) } else {
                throw ScenarioError("\(file): \(at).\(key) must be an amount")
            }
            let parts = text.split(separator: " ")
            guard let base = U256(String(parts.first ?? "")) else { throw ScenarioError("\(file): \(at).\(key): '\(text)' is not an amount") }
            if parts.count == 2 {
                let unit: U256
                switch parts[1] {
                case "wei": unit = .one
                case "gwei": unit = U256(1_000_000_000)
                case "ether", "eth": unit = U256(decimal: "1000000000000000000")!
                default: throw ScenarioError("\(file): \(at).\(key): unit '\(parts[1])' is not wei, gwei or ether")
                }
                let (high, low) = base.multipliedFullWidth(by: unit)
                guard high.isZero else { throw ScenarioError("\(file): \(at).\(key): '\(text)' is above 2^256 wei") }
                return low
            }
            return base
        }
    }
}
