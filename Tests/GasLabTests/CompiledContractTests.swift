import EVMAssembler
import EVMCore
import Foundation
@testable import GasLab
import Testing

/// Compiled contracts as scenario sources: the committed Vyper artifact of the paper's model
/// (its ABI, storage layout and runtime source map), calls by function name, `@contract`,
/// deployment in file order, solc/Foundry/Hardhat artifacts, and clear errors.
@Suite struct CompiledContractTests {
    static let artifact = "build/LinearModel.json"

    @Test func vyperArtifact() throws {
        let c = try CompiledContract.load(Self.artifact, directory: TestPaths.contracts, fork: .shanghai)
        #expect(c.compiler == "vyper 0.4.3")
        #expect(Set(c.abi.map(\.signature)).isSuperset(of: ["addData(int256,int256)", "train()", "getParams()", "initParams(int256,int256)"]))
        #expect(c.abi.first { $0.name == "getParams" }?.returns == "(int256,int256)")
        // `vyper -f layout` for Shanghai: slot 0 holds the reentrancy lock, then x and y
        // (DynArrays of 1,024: 1,025 slots each), then the scalars.
        #expect(c.slotNames[.one] == "x[]dyn" && c.slotNames[U256(1_026)] == "y[]dyn")
        #expect(c.slotNames[U256(2_051)] == "w0" && c.slotNames[U256(2_054)] == "alpha")
        // The runtime source map points into LinearModel.vy, labelled by function.
        let program = try #require(c.program)
        #expect(program.runtimeMap.allSatisfy { $0.location.file.hasSuffix("Contracts/LinearModel.vy") })
        #expect(program.runtimeMap.contains { $0.label == "train" })
    }

    /// The Vyper variant of Table I ends with the same weights as the hand-written faithful
    /// contract (the same integer arithmetic), and its profile of train() is by .vy line with
    /// the DynArray elements named.
    @Test func vyperVariantInTableOne() throws {
        let scenario = try Scenario.load(TestPaths.contracts + "/table1.scenario.json")
        let faithful = try ScenarioRunner().run(scenario, variant: scenario.variants.first { $0.name == "faithful" }!)
        let vyper = try ScenarioRunner(profile: { i, label, _ in label == "train()" })
            .run(scenario, variant: scenario.variants.first { $0.name == "vyper" }!)
        #expect(vyper.compilers["model"] == "vyper 0.4.3")
        #expect(faithful.records.last(where: \.isView)?.decoded == vyper.records.last(where: \.isView)?.decoded)
        let last = try #require(vyper.profiles.keys.max())
        let profile = GasProfile(result: vyper, indexes: [last], slotNames: vyper.slotNames)
        let lines = profile.byLine.filter { $0.location?.file.hasSuffix("LinearModel.vy") == true }
        #expect(lines.count >= 5)
        #expect(lines.contains { $0.label == "train" })
        #expect(lines.contains { profile.sourceText($0.location).hasPrefix("pred: int256 = (l0 + l1 * self.x[i])") })
        let slots = profile.bySlot.map(\.slot)
        #expect(slots.contains("x[8]") && slots.contains("y[0]") && slots.contains("x.length") && slots.contains("alpha"))
    }

    /// A scenario of the user's own: bare function names from the ABI, views decoded by the
    /// ABI's outputs, `@contract(name)`, contracts deployed in the order the file lists them.
    @Test func callsByNameAndFileOrder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gaslab-compiled-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = """
            {"name": "mine", "fork": "Shanghai", "accounts": {"alice": {}},
             "contracts": {
               "zeta": {"source": "\(TestPaths.contracts)/\(Self.artifact)", "constructor": "(int256,int256)", "args": ["100", "1"], "from": "alice"},
               "alpha": {"source": "\(TestPaths.contracts)/\(Self.artifact)", "constructor": "(int256,int256)", "args": ["10", "1"], "from": "alice"}
             },
             "steps": [
               {"from": "alice", "to": "zeta", "call": "addData", "args": ["1", "2"]},
               {"from": "alice", "to": "alpha", "call": "addData", "args": ["@contract(zeta)", "3"], "expectRevert": false},
               {"from": "alice", "to": "zeta", "view": "getData", "args": ["0"]}
             ]}
            """
        try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/mine.json"))
        let scenario = try Scenario.load(dir + "/mine.json")
        #expect(scenario.contracts.map(\.name) == ["zeta", "alpha"])
        let result = try ScenarioRunner().run(scenario, variant: scenario.variants[0])
        #expect(result.records.prefix(2).map(\.label) == ["deploy zeta", "deploy alpha"])
        #expect(result.records.last?.decoded == ["1", "2"])
        #expect(result.records[2].label == "addData(int256,int256)")
        // @account of a contract's name is a mistake, said so.
        let generators = ArgumentGenerators()
        generators.contracts = result.addresses
        #expect(throws: ScenarioError.self) { try generators.expand("@account(zeta)", index: nil) }
        #expect(try generators.expand("@contract(zeta)", index: nil) == result.addresses["zeta"]!.description)
    }

    /// solc's combined JSON, a Foundry artifact and a Hardhat artifact give their bytecode and ABI.
    @Test func otherArtifacts() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gaslab-artifacts-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let abi = #"[{"type":"function","name":"set","stateMutability":"nonpayable","inputs":[{"name":"v","type":"uint256"}],"outputs":[]},{"type":"function","name":"get","stateMutability":"view","inputs":[],"outputs":[{"name":"","type":"uint256"}]}]"#
        let code = "6005600c60003960056000f3600160005500"
        let files = [
            "solc.json": #"{"version":"0.8.28","contracts":{"A.sol:A":{"bin":"\#(code)","abi":\#(abi),"storage-layout":{"storage":[{"label":"value","slot":"0","type":"t_uint256"},{"label":"list","slot":"1","type":"t_array(t_uint256)dyn_storage"}]}}}}"#,
            "foundry.json": #"{"abi":\#(abi),"bytecode":{"object":"0x\#(code)"},"deployedBytecode":{"object":"0x600160005500"}}"#,
            "hardhat.json": #"{"_format":"hh-sol-artifact-1","contractName":"A","abi":\#(abi),"bytecode":"0x\#(code)"}"#,
        ]
        for (name, text) in files {
            try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/" + name))
            let c = try CompiledContract.load(name, directory: dir, fork: .prague)
            #expect(c.initcode == (try Hex.decode(code)), "\(name)")
            #expect(c.abi.map(\.signature) == ["set(uint256)", "get()"], "\(name)")
        }
        let solc = try CompiledContract.load("solc.json", directory: dir, fork: .prague)
        #expect(solc.compiler == "solc 0.8.28")
        #expect(solc.slotNames[.zero] == "value" && solc.slotNames[.one] == "list[]")
        try Data("0x\(code)\n".utf8).write(to: URL(fileURLWithPath: dir + "/a.hex"))
        #expect(try CompiledContract.load("a.hex", directory: dir, fork: .prague).initcode == (try Hex.decode(code)))
        try Data("{}".utf8).write(to: URL(fileURLWithPath: dir + "/none.json"))
        #expect(throws: ScenarioError.self) { try CompiledContract.load("none.json", directory: dir, fork: .prague) }
    }

    @Test func missingCompilerIsAClearError() throws {
        do {
            _ = try CompiledContract.compileVyper(path: TestPaths.contracts + "/LinearModel.vy", shown: "LinearModel.vy",
                                                  fork: .shanghai, executable: "vyper-not-installed-here")
            Issue.record("compiled without a compiler")
        } catch {
            #expect("\(error)".contains("needs vyper on PATH"))
        }
        #expect(throws: ScenarioError.self) { try CompiledContract.vyperEVMVersion(.berlin) }
    }
}

/// Without a source map (a Foundry or Hardhat artifact, or a Vyper artifact stripped of its
/// map) profiles fall back to the functions the dispatcher jumps to.
@Suite struct FunctionRangesTests {
    @Test func vyperDispatcherWithoutASourceMap() throws {
        let text = try String(contentsOfFile: TestPaths.contracts + "/build/LinearModel.json", encoding: .utf8)
        var root = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        var entry = root["LinearModel.vy"] as! [String: Any]
        entry["source_map_runtime"] = nil
        root["LinearModel.vy"] = entry
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gaslab-nomap-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try JSONSerialization.data(withJSONObject: root).write(to: URL(fileURLWithPath: dir + "/nomap.json"))
        let c = try CompiledContract.load("nomap.json", directory: dir, fork: .shanghai)
        let program = try #require(c.program)
        let labels = Set(program.runtimeMap.compactMap(\.label))
        // Every external function of the ABI is found in the dispatcher.
        #expect(labels.isSuperset(of: ["train", "addData", "initParams", "getParams", "predict", "getData", "step"]), "\(labels)")
        // The ranges tile the code in order without overlapping.
        for (a, b) in zip(program.runtimeMap, program.runtimeMap.dropFirst()) { #expect(a.offset + a.length <= b.offset) }
    }

    /// Solidity's pattern: DUP1 PUSH4 selector EQ PUSH2 dest JUMPI; the function starts at dest.
    @Test func solidityDispatcher() throws {
        let sel = Array(Keccak256.hash("get()").prefix(4))
        var runtime: [UInt8] = [0x80, 0x63] + sel + [0x14, 0x61, 0x00, 0x20, 0x57, 0x00]
        runtime += [UInt8](repeating: 0x5b, count: 0x20 - runtime.count)  // padding to 0x20
        runtime += [0x5b, 0x60, 0x01, 0x00]
        let abi = [CompiledContract.ABIFunction(name: "get", inputs: [], outputs: ["uint256"], isView: true)]
        let program = try #require(FunctionRanges.program(runtime: runtime, initcode: [], abi: abi, name: "A.json"))
        let get = try #require(program.runtimeMap.first { $0.label == "get" })
        #expect(get.offset == 0x20 && get.length == 4)
        #expect(program.runtimeMap.first?.label == "dispatcher")
    }

    /// solc's srcmap-runtime: entries `s:l:f:j:m` per instruction, empty fields repeating the
    /// previous; offsets into `sourceList`'s files. Here PUSH1 1 maps to `return 1;` (line 3),
    /// PUSH1 0 repeats it, MSTORE maps to `function get` (line 2), STOP to no source (f = −1).
    @Test func solcSourceMap() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gaslab-solc-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let source = "contract A {\n  function get() public pure returns (uint256) {\n    return 1;\n  }\n}\n"
        try source.write(toFile: dir + "/A.sol", atomically: true, encoding: .utf8)
        // Byte offsets found by searching the text, not by the code under test.
        let ret = source.utf8.count - source[source.range(of: "return 1;")!.lowerBound...].utf8.count
        let fn = source.utf8.count - source[source.range(of: "function get")!.lowerBound...].utf8.count
        let srcmap = "\(ret):9:0:-:0;;\(fn):60;-1:-1:-1"
        let runtime: [UInt8] = [0x60, 0x01, 0x60, 0x00, 0x52, 0x00]
        let program = try #require(SolcSourceMap.program(srcmap: srcmap, runtime: runtime, initcode: [], sources: ["A.sol"],
                                                         directory: dir))
        #expect(program.runtimeMap.map(\.offset) == [0, 2, 4])
        #expect(program.runtimeMap.map(\.location.line) == [3, 3, 2])
        #expect(program.runtimeMap[0].location.column == 5)
        #expect(program.runtimeMap.allSatisfy { $0.label == "get" })
        #expect(program.runtimeMap[0].location.file.hasSuffix("A.sol"))
    }
}
