import EVMAssembler
import EVMCore
import EVMPrecompiles
import EVMState
import Foundation

/// What one transaction or view call of a scenario did.
public struct CallRecord: Sendable {
    public var label: String
    public var isView: Bool
    public var gasUsed: Int
    public var status: ExecutionStatus
    public var output: [UInt8]
    /// View returns decoded to text (or the revert described).
    public var decoded: [String]
    public var calldata: [UInt8]
    public var from: Address
    public var to: Address?
}

/// One variant's run of a scenario.
public struct ScenarioResult {
    public var scenario: String
    public var variant: String
    public var fork: Fork
    public var records: [CallRecord]
    public var addresses: [String: Address]
    public var state: WorldState
    public var programs: [String: Program]
    /// Profiles of the transactions the runner was asked to profile, by record index.
    public var profiles: [Int: GasProfiler] = [:]
    /// Per contract: the compiler that built it ("vyper 0.4.3+commit…", "easm", "hex").
    public var compilers: [String: String] = [:]
    /// Per contract: slot names from the scenario's "slots" and the compiler's storage layout.
    public var slotNames: [String: [U256: String]] = [:]

    /// Per label, in first-seen order: count, min, mean (rounded down), max and total gas.
    public struct Row: Sendable, Equatable {
        public var label: String
        public var count: Int
        public var min: Int
        public var mean: Int
        public var max: Int
        public var total: Int
    }

    /// A transaction that reverted (as its step expected) is its own row, "label (reverted)":
    /// its gas would otherwise skew the call's min, mean and max.
    public var rows: [Row] {
        var order: [String] = []
        var groups: [String: [Int]] = [:]
        for r in records where !r.isView {
            let label = r.status.isSuccess ? r.label : r.label + " (reverted)"
            if groups[label] == nil { order.append(label) }
            groups[label, default: []].append(r.gasUsed)
        }
        return order.map { label in
            let g = groups[label]!
            let total = g.reduce(0, +)
            return Row(label: label, count: g.count, min: g.min()!, mean: total / g.count, max: g.max()!, total: total)
        }
    }

    /// Gas of every transaction, deployments included.
    public var totalGas: Int { records.filter { !$0.isView }.reduce(0) { $0 + $1.gasUsed } }
}

/// Compiled contracts by path, fork and modification date: a scenario with several variants
/// (or runs under several forks) compiles each source once.
final class CompiledContractCache: @unchecked Sendable {
    static let shared = CompiledContractCache()
    private let lock = NSLock()
    private var entries: [String: CompiledContract] = [:]

    func load(_ source: String, directory: String, fork: Fork, contractName: String?) throws -> CompiledContract {
        let path = source.hasPrefix("/") ? source : (directory as NSString).appendingPathComponent(source)
        let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        let key = "\(path)|\(fork.name)|\(contractName ?? "")|\(modified)"
        lock.lock()
        if let hit = entries[key] { lock.unlock(); return hit }
        lock.unlock()
        let compiled = try CompiledContract.load(source, directory: directory, fork: fork, contractName: contractName)
        lock.lock()
        entries[key] = compiled
        lock.unlock()
        return compiled
    }
}

/// Runs scenarios in GasLab's EVM.
public struct ScenarioRunner {
    public var fork: Fork?
    /// Called after each transaction with (done, total) for progress lines.
    public var progress: ((Int, Int) -> Void)?
    /// Which transactions to profile: (record index, label, calldata) → profile it?
    public var profile: ((Int, String, [UInt8]) -> Bool)?

    public init(fork: Fork? = nil, progress: ((Int, Int) -> Void)? = nil, profile: ((Int, String, [UInt8]) -> Bool)? = nil) {
        self.fork = fork
        self.progress = progress
        self.profile = profile
    }

    /// The balance of accounts a step generates with `each` (1,000 ether).
    public static let generatedBalance = U256(decimal: "1000000000000000000000")!

    /// The deterministic key and address of a named account: keccak256("gaslab:" + name).
    public static func key(for name: String) -> [UInt8] { Keccak256.hash("gaslab:" + name) }
    public static func address(for name: String) -> Address { Secp256k1.shared.address(privateKey: key(for: name))! }

    public func run(_ scenario: Scenario) throws -> [ScenarioResult] {
        try scenario.variants.map { try run(scenario, variant: $0) }
    }

    public func run(_ scenario: Scenario, variant: Scenario.Variant) throws -> ScenarioResult {
        let fork = self.fork ?? scenario.fork
        let session = Session(fork: fork, block: BlockEnvironment(
            coinbase: Session.coinbase, gasLimit: U256(UInt64(Session.blockGasLimit)), baseFee: scenario.baseFee),
            gasPrice: scenario.gasPrice)
        let state = session.state
        for (name, balance) in scenario.accounts {
            state.setAccount(ScenarioRunner.address(for: name), Account(balance: balance))
        }
        var records: [CallRecord] = []
        var addresses: [String: Address] = [:]
        var programs: [String: Program] = [:]
        var abis: [String: [CompiledContract.ABIFunction]] = [:]
        var compilers: [String: String] = [:]
        var slotNames: [String: [U256: String]] = [:]
        let totalTransactions = scenario.contracts.count
            + scenario.steps.filter { $0.kind == .transaction && ($0.only?.contains(variant.name) ?? true) }
                .reduce(0) { $0 + ($1.each?.count ?? $1.repeatCount) }
        var done = 0

        func account(_ name: String) throws -> Address {
            guard scenario.accounts[name] != nil else {
                throw ScenarioError("\(scenario.name): account '\(name)' is not declared in accounts")
            }
            return ScenarioRunner.address(for: name)
        }

        var profiles: [Int: GasProfiler] = [:]
        func transact(from: Address, to: Address?, data: [UInt8], value: U256, gas: Int?, label: String) throws -> Receipt {
            do {
                if let profile, profile(records.count, label, data) {
                    let profiler = GasProfiler(schedule: fork.schedule, readsMappingKeys: true)
                    let receipt = try session.send(from: from, to: to, data: data, value: value, gasLimit: gas, tracer: profiler)
                    profiler.finish()
                    profiles[records.count] = profiler
                    return receipt
                }
                return try session.send(from: from, to: to, data: data, value: value, gasLimit: gas)
            } catch {
                throw ScenarioError.invalidTransaction(context: "\(scenario.name) [\(variant.name)] \(label)", error)
            }
        }

        // Deploy.
        for contract in scenario.contracts {
            let source = variant.sources[contract.name] ?? contract.source
            var initcode: [UInt8]
            slotNames[contract.name] = contract.slotNames
            if source.hasSuffix(".easm") {
                let path = source.hasPrefix("/") ? source : (scenario.directory as NSString).appendingPathComponent(source)
                do {
                    let program = try Assembler(options: AssemblerOptions(target: fork)).assemble(file: path)
                    programs[contract.name] = program
                    initcode = program.initcode
                    compilers[contract.name] = "easm"
                } catch {
                    throw ScenarioError.build(context: "\(scenario.name): contracts.\(contract.name)", reason: "\(error)")
                }
            } else if CompiledContract.handles(source) {
                let compiled: CompiledContract
                do {
                    compiled = try CompiledContractCache.shared.load(source, directory: scenario.directory, fork: fork,
                                                                     contractName: contract.artifactContract)
                } catch {
                    throw ScenarioError.build(context: "\(scenario.name): contracts.\(contract.name)", reason: "\(error)")
                }
                initcode = compiled.initcode
                if let program = compiled.program { programs[contract.name] = program }
                abis[contract.name] = compiled.abi
                compilers[contract.name] = compiled.compiler
                // The compiler's storage layout is the truth for its code (a variant may swap a
                // Solidity-layout contract for a Vyper one); the scenario's "slots" name the
                // rest only when the compiler gave no layout.
                slotNames[contract.name] = compiled.slotNames.isEmpty ? contract.slotNames : compiled.slotNames
            } else {
                do { initcode = try Hex.decode(source) } catch {
                    throw ScenarioError("\(scenario.name): contracts.\(contract.name).source is neither a .easm, .vy, .json or .hex path nor hex")
                }
                compilers[contract.name] = "hex"
            }
            if let signature = contract.constructorSignature {
                do {
                    initcode += Array(try ABI.encodeCall("constructor" + signature, contract.arguments).dropFirst(4))
                } catch {
                    throw ScenarioError.build(context: "\(scenario.name): contracts.\(contract.name)", reason: "\(error)")
                }
            }
            let from = try account(contract.from)
            let receipt = try transact(from: from, to: nil, data: initcode, value: contract.value, gas: nil,
                                       label: "deploy \(contract.name)")
            guard let address = receipt.createdAddress else {
                throw ScenarioError.unexpectedOutcome(
                    context: "\(scenario.name) [\(variant.name)]: deploying \(contract.name)", status: receipt.status,
                    revertReason: receipt.status == .reverted ? ABI.describeRevert(receipt.output) : nil)
            }
            addresses[contract.name] = address
            records.append(CallRecord(label: "deploy \(contract.name)", isView: false, gasUsed: receipt.gasUsed,
                                      status: receipt.status, output: [], decoded: [], calldata: initcode, from: from, to: nil))
            done += 1
            progress?(done, totalTransactions)
        }

        // Steps.
        let generators = ArgumentGenerators()
        for (index, step) in scenario.steps.enumerated() {
            if let only = step.only, !only.contains(variant.name) { continue }
            guard let to = addresses[step.to] else {
                throw ScenarioError("\(scenario.name): steps[\(index)].to '\(step.to)' is not a deployed contract")
            }
            // A bare function name: its signature (and a view's return types) from the ABI.
            var step = step
            if !step.function.contains("(") {
                let matches = (abis[step.to] ?? []).filter { $0.name == step.function }
                guard matches.count == 1, let f = matches.first else {
                    throw ScenarioError("\(scenario.name): steps[\(index)]: '\(step.function)' "
                        + (abis[step.to] == nil ? "needs a signature: \(step.to) has no ABI (give a compiled source or write name(types))"
                           : matches.isEmpty ? "is not a function of \(step.to)'s ABI"
                           : "is overloaded in \(step.to)'s ABI; write the signature (\(matches.map(\.signature).joined(separator: ", ")))"))
                }
                if step.label == step.function { step.label = f.signature }
                step.function = f.signature
                if step.kind == .view && step.returns.isEmpty {
                    step.returns = (try? f.outputs.map { try ABI.ABIType(parsing: $0) }) ?? []
                }
            }
            let runs: [(from: Address, index: Int?)]
            if let each = step.each {
                runs = (1...each.count).map { (ScenarioRunner.address(for: "\(each.prefix)\($0)"), $0 - 1) }
                for (a, _) in runs where state.account(a) == nil {
                    state.setAccount(a, Account(balance: ScenarioRunner.generatedBalance))
                }
            } else {
                runs = Array(repeating: (try account(step.from), nil), count: step.repeatCount)
            }
            var encoded: [UInt8]? = nil  // the same calldata for every repetition of a step without `each`
            for (from, eachIndex) in runs {
                let data: [UInt8]
                if let encoded, eachIndex == nil {
                    data = encoded
                } else {
                    do {
                        generators.contracts = addresses
                        let args = try generators.expandAll(step.arguments, index: eachIndex)
                        data = try ABI.encodeCall(step.function, args)
                    } catch {
                        throw ScenarioError.build(context: "\(scenario.name): steps[\(index)] \(step.function)", reason: "\(error)")
                    }
                    if eachIndex == nil { encoded = data }
                }
                if step.kind == .view {
                    let r = session.call(from: from, to: to, data: data, gasLimit: step.gasLimit)
                    var decoded: [String] = []
                    if r.status.isSuccess {
                        if let values = try? ABI.decode(step.returns, r.output) { decoded = values.map(\.description) }
                    } else {
                        decoded = [ABI.describeRevert(r.output)]
                    }
                    try check(step, r.status, r.output, scenario: scenario, variant: variant, index: index)
                    records.append(CallRecord(label: step.label, isView: true, gasUsed: r.gasUsed, status: r.status,
                                              output: r.output, decoded: decoded, calldata: data, from: from, to: to))
                } else {
                    let receipt = try transact(from: from, to: to, data: data, value: step.value, gas: step.gasLimit, label: step.label)
                    try check(step, receipt.status, receipt.output, scenario: scenario, variant: variant, index: index)
                    records.append(CallRecord(
                        label: step.label, isView: false, gasUsed: receipt.gasUsed, status: receipt.status, output: receipt.output,
                        decoded: receipt.succeeded ? [] : [ABI.describeRevert(receipt.output)], calldata: data, from: from, to: to))
                    done += 1
                    progress?(done, totalTransactions)
                }
            }
        }
        return ScenarioResult(scenario: scenario.name, variant: variant.name, fork: fork, records: records,
                              addresses: addresses, state: state, programs: programs, profiles: profiles,
                              compilers: compilers, slotNames: slotNames)
    }

    func check(_ step: Scenario.Step, _ status: ExecutionStatus, _ output: [UInt8], scenario: Scenario,
               variant: Scenario.Variant, index: Int) throws {
        if status.isSuccess == step.expectRevert {
            throw ScenarioError.unexpectedOutcome(
                context: "\(scenario.name) [\(variant.name)]: steps[\(index)] \(step.label)", status: status,
                revertReason: status == .reverted ? ABI.describeRevert(output) : nil)
        }
    }
}
