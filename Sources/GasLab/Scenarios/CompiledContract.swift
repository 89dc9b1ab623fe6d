import EVMAssembler
import EVMCore
import Foundation

/// A contract from outside GasLab's assembler: a Vyper source compiled by the `vyper` on
/// PATH, a compiler artifact (Vyper's `-f combined_json`, solc's `--combined-json`, Foundry's
/// `out/*.json`, Hardhat's artifacts) or a `.hex` file of initcode. It brings what the
/// scenario and the profiler need: the initcode, the ABI (functions by name), the runtime
/// source map as a `Program` (so profiles show source lines), and the storage layout.
public struct CompiledContract: Sendable {
    public var initcode: [UInt8]
    public var abi: [ABIFunction]
    /// Source lines for the profiler (runtime map), when the compiler gave one.
    public var program: Program?
    /// Slot → variable, from the compiler's storage layout.
    public var slotNames: [U256: String]
    /// "vyper 0.4.3+commit.bff19ea2", "solc 0.8.28", "hex".
    public var compiler: String

    /// One function of an ABI.
    public struct ABIFunction: Sendable, Equatable {
        public var name: String
        public var inputs: [String]
        public var outputs: [String]
        public var isView: Bool
        public var signature: String { "\(name)(\(inputs.joined(separator: ",")))" }
        public var returns: String { "(\(outputs.joined(separator: ",")))" }
    }

    /// Whether a source names something this loader reads (rather than `.easm` or inline hex).
    public static func handles(_ source: String) -> Bool {
        [".vy", ".hex", ".json"].contains { source.lowercased().hasSuffix($0) }
    }

    /// Loads `source` (a path relative to `directory`) for a scenario on `fork`.
    public static func load(_ source: String, directory: String, fork: Fork, contractName: String? = nil) throws -> CompiledContract {
        let path = source.hasPrefix("/") ? source : (directory as NSString).appendingPathComponent(source)
        guard FileManager.default.fileExists(atPath: path) else { throw ScenarioError("cannot read \(source)") }
        let lower = source.lowercased()
        if lower.hasSuffix(".hex") {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw ScenarioError("\(source) is not text") }
            do {
                return CompiledContract(initcode: try Hex.decode(text.filter { !$0.isWhitespace }), abi: [], program: nil,
                                        slotNames: [:], compiler: "hex")
            } catch { throw ScenarioError("\(source): not hex: \(error)") }
        }
        if lower.hasSuffix(".vy") { return try compileVyper(path: path, shown: source, fork: fork) }
        return try artifact(path: path, shown: source, contractName: contractName)
    }

    // MARK: Vyper

    /// Vyper's `--evm-version` for a fork (Vyper 0.4 knows london … prague).
    static func vyperEVMVersion(_ fork: Fork) throws -> String {
        switch fork {
        case .istanbul, .berlin: throw ScenarioError("Vyper 0.4 does not target \(fork.name); use London or later")
        case .london: return "london"
        case .paris: return "paris"
        case .shanghai: return "shanghai"
        case .cancun: return "cancun"
        case .prague, .osaka: return "prague"
        }
    }

    /// Runs `vyper -f combined_json` on the file; a missing compiler is a clear error.
    static func compileVyper(path: String, shown: String, fork: Fork, executable: String = "vyper") throws -> CompiledContract {
        let evm = try vyperEVMVersion(fork)
        let (status, out, err) = try run([executable, "--evm-version", evm, "-f", "combined_json", path],
                                         missing: "compiling \(shown) needs vyper on PATH (pip install vyper==0.4.3)")
        guard status == 0 else {
            throw ScenarioError("vyper failed on \(shown): \(err.split(separator: "\n").suffix(3).joined(separator: " "))")
        }
        guard let root = try? JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any],
              let entry = root.first(where: { $0.key != "version" })?.value as? [String: Any] else {
            throw ScenarioError("vyper gave no combined JSON for \(shown)")
        }
        let version = (root["version"] as? String) ?? "?"
        var c = try fromVyperJSON(entry, shown: shown, sourcePath: path)
        c.compiler = "vyper \(version)"
        return c
    }

    static func fromVyperJSON(_ entry: [String: Any], shown: String, sourcePath: String?) throws -> CompiledContract {
        guard let hex = entry["bytecode"] as? String, let initcode = try? Hex.decode(hex) else {
            throw ScenarioError("\(shown): no bytecode")
        }
        let abi = try parseABI(entry["abi"], shown: shown)
        var slots: [U256: String] = [:]
        if let layout = (entry["layout"] as? [String: Any])?["storage_layout"] as? [String: Any] {
            for (name, v) in layout {
                guard let v = v as? [String: Any], let slot = v["slot"] as? Int else { continue }
                let type = v["type"] as? String ?? ""
                slots[U256(UInt64(slot))] = type.hasPrefix("DynArray") ? "\(name)[]dyn" : (type.hasPrefix("HashMap") ? "\(name)[]map" : name)
            }
        }
        var program: Program? = nil
        let runtime = (entry["bytecode_runtime"] as? String).flatMap { try? Hex.decode($0) }
        if let map = entry["source_map_runtime"] as? [String: Any], let runtime, let sourcePath {
            program = vyperProgram(map: map, runtime: runtime, initcode: initcode, sourcePath: sourcePath)
        } else if let runtime {
            program = FunctionRanges.program(runtime: runtime, initcode: initcode, abi: abi, name: (shown as NSString).lastPathComponent)
        }
        return CompiledContract(initcode: initcode, abi: abi, program: program, slotNames: slots, compiler: "vyper")
    }

    /// Vyper's `pc_pos_map` gives (line, column, end line, end column) for the pcs where a
    /// source node's code starts; the instructions after one, up to the next, belong to it.
    /// Each entry is labelled with the `def` it sits in.
    static func vyperProgram(map: [String: Any], runtime: [UInt8], initcode: [UInt8], sourcePath: String) -> Program {
        let lines = (try? String(contentsOfFile: sourcePath, encoding: .utf8))?.components(separatedBy: "\n") ?? []
        func function(at line: Int) -> String? {
            var i = min(line, lines.count) - 1
            while i >= 0 {
                let t = lines[i].trimmingCharacters(in: .whitespaces)
                if t.hasPrefix("def ") { return String(t.dropFirst(4).prefix { $0 != "(" }) }
                i -= 1
            }
            return nil
        }
        let file = (sourcePath as NSString).standardizingPath
        var points: [(pc: Int, line: Int, column: Int)] = []
        for (k, v) in map["pc_pos_map"] as? [String: Any] ?? [:] {
            guard let pc = Int(k), let pos = v as? [Any], pos.count >= 2, let line = pos[0] as? Int, line > 0 else { continue }
            points.append((pc, line, (pos[1] as? Int ?? 0) + 1))
        }
        points.sort { $0.pc < $1.pc }
        var entries: [SourceMapEntry] = []
        for (i, p) in points.enumerated() where p.pc < runtime.count {
            let end = i + 1 < points.count ? min(points[i + 1].pc, runtime.count) : runtime.count
            entries.append(SourceMapEntry(offset: p.pc, length: end - p.pc,
                                          location: SourceLocation(file: file, line: p.line, column: p.column),
                                          label: function(at: p.line), macros: []))
        }
        return Program(sections: [("runtime", runtime)], runtime: runtime, initcode: initcode, runtimeMap: entries,
                       initcodeMap: [], labels: [:])
    }

    // MARK: Artifacts

    /// A compiler artifact: Vyper combined JSON, solc `--combined-json`, Foundry `out/*.json`
    /// or a Hardhat artifact. `contractName` picks one of several contracts.
    static func artifact(path: String, shown: String, contractName: String?) throws -> CompiledContract {
        guard let data = FileManager.default.contents(atPath: path) else { throw ScenarioError("cannot read \(shown)") }
        let root: [String: Any]
        do {
            guard let r = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw ScenarioError("\(shown): the artifact's top level must be an object")
            }
            root = r
        } catch let e as ScenarioError { throw e } catch {
            throw ScenarioError("\(shown): malformed JSON: \(error.localizedDescription)")
        }
        // Foundry: {"abi", "bytecode": {"object"}, "deployedBytecode": {"object", "sourceMap"}, "storageLayout"?}
        if let bytecode = root["bytecode"] as? [String: Any], let object = bytecode["object"] as? String {
            return try evmArtifact(initcodeHex: object, runtimeHex: (root["deployedBytecode"] as? [String: Any])?["object"] as? String,
                                   abi: root["abi"], layout: root["storageLayout"], shown: shown, compiler: "foundry")
        }
        // Hardhat: {"_format": "hh-sol-artifact-1", "abi", "bytecode": "0x…"}
        if let hex = root["bytecode"] as? String, root["abi"] != nil {
            return try evmArtifact(initcodeHex: hex, runtimeHex: root["deployedBytecode"] as? String, abi: root["abi"], layout: nil,
                                   shown: shown, compiler: "hardhat")
        }
        // solc --combined-json: {"contracts": {"file:Name": {"bin", "abi", "storage-layout"?}}, "version"}
        if let contracts = root["contracts"] as? [String: Any] {
            let chosen = try pick(contracts, name: contractName, shown: shown)
            guard let c = chosen as? [String: Any], let bin = c["bin"] as? String else { throw ScenarioError("\(shown): no bin") }
            var out = try evmArtifact(initcodeHex: bin, runtimeHex: c["bin-runtime"] as? String, abi: c["abi"],
                                      layout: c["storage-layout"], shown: shown,
                                      compiler: "solc \(root["version"] as? String ?? "?")")
            out.compiler = "solc \(root["version"] as? String ?? "?")"
            // solc's runtime source map, when the artifact carries it (--combined-json bin-runtime,srcmap-runtime).
            if let srcmap = c["srcmap-runtime"] as? String, let runtimeHex = c["bin-runtime"] as? String,
               let runtime = try? Hex.decode(runtimeHex),
               let program = SolcSourceMap.program(srcmap: srcmap, runtime: runtime, initcode: out.initcode,
                                                   sources: root["sourceList"] as? [String] ?? [],
                                                   directory: (path as NSString).deletingLastPathComponent) {
                out.program = program
            }
            return out
        }
        // Vyper -f combined_json: {"version", "<file>.vy": {...}}
        let files = root.filter { $0.key != "version" }
        if let entry = (contractName.flatMap { files[$0] } ?? (files.count == 1 ? files.first?.value : nil)) as? [String: Any],
           entry["bytecode"] != nil {
            let directory = (path as NSString).deletingLastPathComponent
            let sourceGuess = files.first.flatMap { key in
                [directory, (directory as NSString).deletingLastPathComponent].map { ($0 as NSString).appendingPathComponent(key.key) }
                    .first { FileManager.default.fileExists(atPath: $0) }
            }
            var c = try fromVyperJSON(entry, shown: shown,
                                      sourcePath: sourceGuess.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil })
            c.compiler = "vyper \(root["version"] as? String ?? "?")"
            return c
        }
        throw ScenarioError("\(shown): not a compiler artifact GasLab reads (Vyper combined_json, solc --combined-json, Foundry, Hardhat)")
    }

    static func pick(_ contracts: [String: Any], name: String?, shown: String) throws -> Any {
        if let name {
            if let exact = contracts[name] { return exact }
            if let suffix = contracts.first(where: { $0.key.hasSuffix(":" + name) }) { return suffix.value }
            throw ScenarioError("\(shown) has no contract '\(name)'; it has \(contracts.keys.sorted().joined(separator: ", "))")
        }
        guard contracts.count == 1, let only = contracts.first else {
            throw ScenarioError("\(shown) holds \(contracts.count) contracts; name one with \"contract\"")
        }
        return only.value
    }

    static func evmArtifact(initcodeHex: String, runtimeHex: String? = nil, abi: Any?, layout: Any?, shown: String,
                            compiler: String) throws -> CompiledContract {
        let initcode: [UInt8]
        do { initcode = try Hex.decode(initcodeHex) } catch { throw ScenarioError("\(shown): bytecode is not hex") }
        guard !initcode.isEmpty else { throw ScenarioError("\(shown): empty bytecode (an abstract contract or an interface?)") }
        var abiValue = abi
        if let text = abi as? String { abiValue = try? JSONSerialization.jsonObject(with: Data(text.utf8)) }
        var slots: [U256: String] = [:]
        // solc storageLayout: {"storage": [{"label", "slot", "type"}], "types": {...}}
        if let storage = (layout as? [String: Any])?["storage"] as? [[String: Any]] {
            for item in storage {
                guard let label = item["label"] as? String, let slotText = item["slot"] as? String, let slot = U256(slotText) else { continue }
                let type = item["type"] as? String ?? ""
                slots[slot] = type.contains("t_array") && type.hasSuffix("dyn_storage") ? "\(label)[]"
                    : (type.hasPrefix("t_mapping") ? "\(label)[]map" : label)
            }
        }
        let functions = try parseABI(abiValue, shown: shown)
        // No source map is read from these artifacts yet: profiles fall back to functions.
        let program = runtimeHex.flatMap { try? Hex.decode($0) }.flatMap {
            FunctionRanges.program(runtime: $0, initcode: initcode, abi: functions, name: (shown as NSString).lastPathComponent)
        }
        return CompiledContract(initcode: initcode, abi: functions, program: program, slotNames: slots, compiler: compiler)
    }

    static func parseABI(_ value: Any?, shown: String) throws -> [ABIFunction] {
        guard let value else { return [] }
        guard let list = value as? [[String: Any]] else { throw ScenarioError("\(shown): the ABI must be a list of objects") }
        func types(_ items: Any?) -> [String] {
            (items as? [[String: Any]] ?? []).map { item in
                let type = item["type"] as? String ?? ""
                guard type.hasPrefix("tuple"), let parts = item["components"] else { return type }
                return "(" + types(parts).joined(separator: ",") + ")" + type.dropFirst(5)
            }
        }
        return list.compactMap { item in
            guard item["type"] as? String == "function", let name = item["name"] as? String else { return nil }
            let mutability = item["stateMutability"] as? String ?? ""
            return ABIFunction(name: name, inputs: types(item["inputs"]), outputs: types(item["outputs"]),
                               isView: mutability == "view" || mutability == "pure")
        }
    }

    /// Runs a tool; a missing executable becomes `missing`.
    static func run(_ arguments: [String], missing: String) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { throw ScenarioError(missing) }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus == 127 { throw ScenarioError(missing) }
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}
