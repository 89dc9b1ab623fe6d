import EVMAssembler
import EVMCore
import Foundation

/// Names for what the node sees: function signatures by selector and contract names by
/// runtime code hash, from `Contracts/` (the hand-written `.easm` contracts assembled, the
/// scenario files' calls, the compiled artifacts' ABIs) and from ABI files given with
/// `--abi` (a JSON ABI array, or an artifact with an "abi" and a deployed bytecode).
public struct ContractCatalog: Sendable {
    public var signatures: [UInt32: String] = [:]
    public var codeNames: [U256: String] = [:]
    /// Files that could not be read, with the reason (shown, never fatal).
    public var warnings: [String] = []

    public init() {}

    public static func selector(_ signature: String) -> UInt32 {
        Keccak256.hash(Array(signature.utf8)).prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }

    mutating func add(signature: String) {
        signatures[ContractCatalog.selector(signature)] = signature
    }

    /// Everything `directory` holds (its `lib/` excluded: included sources, not contracts).
    public mutating func scan(directory: String, fork: Fork) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory) else { return }
        for name in names.sorted() {
            let path = (directory as NSString).appendingPathComponent(name)
            if name.hasSuffix(".easm") {
                do {
                    let program = try Assembler(options: AssemblerOptions(target: fork)).assemble(file: path)
                    if !program.runtime.isEmpty {
                        codeNames[Keccak256.hashWord(program.runtime)] = String(name.dropLast(5))
                    }
                } catch {
                    warnings.append("\(path): \(error)")
                }
            } else if name.hasSuffix(".scenario.json") {
                guard let data = fm.contents(atPath: path), let json = try? JSON.parse(Array(data)) else { continue }
                collectCalls(json)
            }
        }
        let build = (directory as NSString).appendingPathComponent("build")
        for name in ((try? fm.contentsOfDirectory(atPath: build)) ?? []).sorted() where name.hasSuffix(".json") {
            addABIFile((build as NSString).appendingPathComponent(name))
        }
    }

    /// "call": "addData(int256,int256)" anywhere in a scenario.
    mutating func collectCalls(_ json: JSON) {
        switch json {
        case .object(let pairs):
            for (key, value) in pairs {
                if key == "call", let s = value.string, let open = s.firstIndex(of: "("), s.first != "@" {
                    // The signature ends at the parenthesis that closes the first one.
                    var depth = 0
                    var end = s.endIndex
                    for i in s[open...].indices {
                        if s[i] == "(" { depth += 1 }
                        if s[i] == ")" { depth -= 1; if depth == 0 { end = s.index(after: i); break } }
                    }
                    add(signature: String(s[..<end]).filter { !$0.isWhitespace })
                } else {
                    collectCalls(value)
                }
            }
        case .array(let items): for i in items { collectCalls(i) }
        default: break
        }
    }

    /// A JSON ABI array, or an artifact (solc, Foundry, Hardhat, Vyper) with one: its
    /// functions' signatures, and its deployed code's name (the file's stem).
    public mutating func addABIFile(_ path: String) {
        guard let data = FileManager.default.contents(atPath: path) else {
            warnings.append("\(path): cannot be read")
            return
        }
        guard let json = try? JSON.parse(Array(data)) else {
            warnings.append("\(path): not JSON")
            return
        }
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        var found = false
        func visit(_ j: JSON, name: String) {
            switch j {
            case .array(let entries) where entries.allSatisfy(\.isObject) && entries.contains(where: { $0["type"] != nil }):
                for e in entries { if let sig = ContractCatalog.signature(e) { add(signature: sig); found = true } }
            case .object(let pairs):
                for (k, v) in pairs {
                    if k == "abi" { visit(v, name: name) }
                    if ["deployedBytecode", "bytecode_runtime", "bin-runtime"].contains(k) {
                        let hex = (v.string ?? v["object"]?.string ?? "")
                        let digits = hex.hasPrefix("0x") ? String(hex.dropFirst(2)) : hex
                        if let code = try? EVMCore.Hex.decode(digits), !code.isEmpty { codeNames[Keccak256.hashWord(code)] = name }
                    }
                    if case .object = v, k != "abi" { visit(v, name: k.contains(":") ? String(k.split(separator: ":").last!) : name) }
                }
            default: break
            }
        }
        visit(json, name: stem)
        if !found { warnings.append("\(path): no ABI functions found") }
    }

    /// "name(type,...)" of an ABI function entry (tuples spelled out as "(…)").
    static func signature(_ entry: JSON) -> String? {
        guard entry["type"]?.string == "function" || entry["type"] == nil, let name = entry["name"]?.string else { return nil }
        return "\(name)(\((entry["inputs"]?.array ?? []).map(canonicalType).joined(separator: ",")))"
    }

    static func canonicalType(_ param: JSON) -> String {
        let type = param["type"]?.string ?? ""
        guard type.hasPrefix("tuple") else { return type }
        let inner = (param["components"]?.array ?? []).map(canonicalType).joined(separator: ",")
        return "(\(inner))" + type.dropFirst(5)
    }
}
