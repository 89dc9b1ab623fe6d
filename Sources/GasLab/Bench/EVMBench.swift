import Dispatch
import EVMCore
import EVMState
import Foundation

/// The standard EVM benchmarks (ipsilon/evm-benchmarks, as evmone uses them): each input is a
/// labelled calldata for the called account's code, run as a direct call (no transaction, no
/// intrinsic gas) against a fresh state, the way evmone-bench runs them against its mocked host.
public struct EVMBench {
    public struct Case: Sendable {
        /// `<dir>/<file>/<label>`, e.g. "main/snailtracer/benchmark".
        public var name: String
        public var code: [UInt8]
        public var input: [UInt8]
        public var accounts: [Address: Account]
        public var contract: Address
        public var caller: Address
        public var gas: Int
    }

    public struct Measurement: Sendable {
        public var name: String
        public var gasUsed: Int
        public var medianNanoseconds: UInt64
        public var status: ExecutionStatus

        /// Millions of gas per second.
        public var mgasPerSecond: Double {
            medianNanoseconds == 0 ? 0 : Double(gasUsed) * 1_000 / Double(medianNanoseconds)
        }
    }

    /// Loads every input of every benchmark file under the paths.
    public static func cases(paths: [String], filter: String? = nil) throws -> [Case] {
        var out: [Case] = []
        for file in StateTestRunner.files(in: paths) {
            let url = URL(fileURLWithPath: file)
            let dir = url.deletingLastPathComponent().lastPathComponent
            let base = url.deletingPathExtension().lastPathComponent
            guard let data = FileManager.default.contents(atPath: file),
                  let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw StateTestFormatError("\(file): not a benchmark JSON file")
            }
            for (_, value) in root {
                guard let t = value as? [String: Any], let tx = t["transaction"] as? [String: Any],
                      let toText = tx["to"] as? String, let to = Address(hex: toText),
                      let inputs = tx["data"] as? [String] else { continue }
                let pre = try StateTestLoader.parseAlloc(t["pre"] as? [String: Any] ?? [:], test: base)
                guard let code = pre[to]?.code.bytes else { continue }
                let labels = ((t["_info"] as? [String: Any])?["labels"] as? [String: String]) ?? [:]
                let gas = (tx["gasLimit"] as? [String])?.first.flatMap { U256($0)?.asInt } ?? 1_000_000_000
                let sender = Address(hex: "a94f5374fce5edbc8e2a8697c15331677e6ebf0b")!
                for (i, hex) in inputs.enumerated() {
                    var label = labels[String(i)] ?? String(i)
                    if label.hasPrefix(":label ") { label = String(label.dropFirst(7)) }
                    let name = "\(dir)/\(base)/\(label)"
                    if let filter, !name.contains(filter) { continue }
                    out.append(Case(name: name, code: code, input: try Hex.decode(hex), accounts: pre, contract: to,
                                    caller: sender, gas: gas))
                }
            }
        }
        return out.sorted { $0.name < $1.name }
    }

    /// A case ready to run: a fresh state with the caller and contract warm, and its executor.
    public struct Prepared {
        public let executor: Executor
        public let message: Message

        public init(_ c: Case, fork: Fork, buffers: FrameBufferPool = FrameBufferPool()) {
            let state = WorldState(accounts: c.accounts, fork: fork)
            state.beginTransaction()
            state.warm(c.contract)
            state.warm(c.caller)
            executor = Executor(state: state, fork: fork, buffers: buffers)
            message = Message(caller: c.caller, recipient: c.contract, input: c.input, gas: c.gas)
        }

        /// Runs the call once; a prepared case is used once (the state keeps what it wrote).
        public func run() -> FrameResult { executor.execute(message) }
    }

    /// Runs a case `repetitions` times (after one warm-up run) and takes the median time.
    public static func run(_ c: Case, fork: Fork, repetitions: Int) -> Measurement {
        var times: [UInt64] = []
        var gasUsed = 0
        var status = ExecutionStatus.stop
        // One pool for all the runs, as evmone-bench keeps its VM's execution states.
        let buffers = FrameBufferPool()
        for i in 0...max(repetitions, 1) {
            let prepared = Prepared(c, fork: fork, buffers: buffers)
            let start = DispatchTime.now().uptimeNanoseconds
            let result = prepared.run()
            let elapsed = DispatchTime.now().uptimeNanoseconds - start
            gasUsed = c.gas - result.gasLeft
            status = result.status
            if i > 0 { times.append(elapsed) }  // run 0 warms caches and the code analysis path
        }
        times.sort()
        return Measurement(name: c.name, gasUsed: gasUsed, medianNanoseconds: times[times.count / 2], status: status)
    }
}
