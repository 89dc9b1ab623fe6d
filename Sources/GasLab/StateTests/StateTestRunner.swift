import EVMCore
import EVMState
import Foundation

/// Runs filled state tests: for each post entry of each supported fork, builds the pre-state,
/// runs the indexed transaction and compares the state root, the logs hash and the expected
/// exception with the fixture's.
public struct StateTestRunner: Sendable {
    public var forkFilter: Fork?
    public var nameFilter: String?
    /// Receives EIP-3155 lines (and a summary line per transaction) when set.
    public var traceSink: (@Sendable (String) -> Void)?

    public init(forkFilter: Fork? = nil, nameFilter: String? = nil, traceSink: (@Sendable (String) -> Void)? = nil) {
        self.forkFilter = forkFilter
        self.nameFilter = nameFilter
        self.traceSink = traceSink
    }

    /// One failed post entry.
    public struct Failure: Sendable {
        public var file: String
        public var test: String
        public var fork: String
        public var indexes: (data: Int, gas: Int, value: Int)
        public var reason: String

        public var line: String {
            "FAIL \(file) \(test) [\(fork) d=\(indexes.data) g=\(indexes.gas) v=\(indexes.value)]: \(reason)"
        }
    }

    /// Counts per fork name.
    public struct Tally: Sendable {
        public var passed = 0
        public var failed = 0
        public var skipped = 0

        public init() {}

        /// Adds each group's counts of `other` to `groups`.
        public static func merge(_ groups: inout [String: Tally], _ other: [String: Tally]) {
            for (name, t) in other {
                groups[name, default: Tally()].passed += t.passed
                groups[name, default: Tally()].failed += t.failed
                groups[name, default: Tally()].skipped += t.skipped
            }
        }

        /// The counts of all groups together.
        public static func total(_ groups: [String: Tally]) -> Tally {
            groups.values.reduce(into: Tally()) {
                $0.passed += $1.passed
                $0.failed += $1.failed
                $0.skipped += $1.skipped
            }
        }
    }

    public struct Report: Sendable, MergeableReport {
        public var byFork: [String: Tally] = [:]
        public var failures: [Failure] = []
        /// Files that could not be read or parsed, with the reason.
        public var fileErrors: [FileError] = []

        public init() {}

        public var total: Tally { Tally.total(byFork) }

        public mutating func merge(_ other: Report) {
            Tally.merge(&byFork, other.byFork)
            failures += other.failures
            fileErrors += other.fileErrors
        }
    }


    /// All `.json` files under the paths (files are taken as given), sorted.
    public static func files(in paths: [String]) -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                out.append(path)  // reported as unreadable
                continue
            }
            if !isDirectory.boolValue {
                out.append(path)
                continue
            }
            if let e = fm.enumerator(atPath: path) {
                for case let relative as String in e where relative.hasSuffix(".json") {
                    out.append((path as NSString).appendingPathComponent(relative))
                }
            }
        }
        return out.sorted()
    }

    /// Runs files on `jobs` threads (one with tracing); `progress` is called under a lock
    /// after each file with that file's report, the running total and the count done.
    public func run(files: [String], jobs: Int,
                    progress: @escaping @Sendable (Report, Report, Int) -> Void) -> Report {
        ParallelFiles.run(count: files.count, jobs: traceSink != nil ? 1 : jobs,
                          work: { self.run(file: files[$0]) }, progress: progress)
    }

    /// Runs every test of one file.
    public func run(file: String, displayName: String? = nil) -> Report {
        var report = Report()
        let shown = displayName ?? file
        let tests: [StateTest]
        do {
            tests = try StateTestLoader.load(file)
        } catch {
            report.fileErrors.append(FileError(file: shown, error: "\(error)"))
            return report
        }
        for test in tests {
            if let nameFilter, !test.name.contains(nameFilter) && !file.contains(nameFilter) { continue }
            for (forkName, entries) in test.post.sorted(by: { $0.key < $1.key }) {
                guard let fork = Fork(name: forkName) else {
                    report.byFork[forkName, default: Tally()].skipped += entries.count
                    continue
                }
                if let forkFilter, forkFilter != fork { continue }
                for entry in entries {
                    if let reason = check(test, fork: fork, forkName: forkName, entry: entry) {
                        report.byFork[forkName, default: Tally()].failed += 1
                        report.failures.append(Failure(file: shown, test: test.name, fork: forkName,
                                                       indexes: (entry.data, entry.gas, entry.value), reason: reason))
                    } else {
                        report.byFork[forkName, default: Tally()].passed += 1
                    }
                }
            }
        }
        return report
    }

    /// nil when the entry passes, else what differed.
    func check(_ test: StateTest, fork: Fork, forkName: String, entry: StateTest.PostEntry) -> String? {
        let schedule = fork.schedule
        let state = WorldState(accounts: test.pre, fork: fork)
        var logs: [Log] = []
        var exception: String? = nil
        do {
            let block = try test.block(forkName: forkName, schedule: schedule)
            let tx = try test.transaction(for: entry)
            let tracer = traceSink.map { EIP3155Tracer(write: $0) }
            do {
                let receipt = try Session(fork: fork, state: state, block: block).send(tx, tracer: tracer)
                logs = receipt.logs
                traceSink?(EIP3155.summary(output: receipt.output, gasUsed: receipt.gasUsedBeforeRefund - receipt.intrinsicGas,
                                           error: receipt.succeeded ? nil : EIP3155.specName(receipt.status)))
            } catch {
                exception = error.fixtureName
            }
        } catch {
            // A transaction the fixture encodes but GasLab cannot even build (a value above
            // 2^256, say) is invalid: nothing happens.
            exception = "TransactionException.RLP_INVALID_VALUE"
            if entry.expectException == nil { return "could not build the transaction: \(error)" }
        }
        var problems: [String] = []
        switch (entry.expectException, exception) {
        case (nil, let got?):
            problems.append("unexpected exception \(got)")
        case (let expected?, nil):
            problems.append("expected exception \(expected), the transaction ran")
        case (let expected?, let got?):
            let accepted = expected.split(separator: "|").map { StateTestRunner.canonicalException(String($0)) }
            if !accepted.contains(StateTestRunner.canonicalException(got)) { problems.append("exception \(got), expected \(expected)") }
        default:
            break
        }
        let root = state.stateRoot
        if root != entry.hash {
            var text = "state root \(Hex.prefixed(root)), expected \(Hex.prefixed(entry.hash))"
            if let expected = entry.state, let diff = StateTestRunner.firstDifference(expected: expected, got: state) {
                text += " (\(diff))"
            }
            problems.append(text)
        }
        let logsHash = Log.hash(logs)
        if logsHash != entry.logs {
            problems.append("logs hash \(Hex.prefixed(logsHash)), expected \(Hex.prefixed(entry.logs))")
        }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }

    /// The first account (in address order) whose nonce, balance, code or storage differs.
    static func firstDifference(expected: [Address: Account], got state: WorldState) -> String? {
        let addresses = Set(expected.keys).union(state.accounts.keys).sorted()
        for address in addresses {
            let e = expected[address], g = state.account(address)
            switch (e, g) {
            case (nil, _?): return "\(address) exists, expected absent"
            case (_?, nil): return "\(address) absent, expected present"
            case (let e?, let g?):
                if e.nonce != g.nonce { return "\(address) nonce \(g.nonce), expected \(e.nonce)" }
                if e.balance != g.balance { return "\(address) balance \(g.balance), expected \(e.balance)" }
                if e.code.hash != g.code.hash { return "\(address) code differs" }
                for key in Set(e.storage.keys).union(g.storage.keys).sorted() where e.storage[key] != g.storage[key] {
                    return "\(address) storage[\(key.hexString)] = \((g.storage[key] ?? .zero).hexString), expected \((e.storage[key] ?? .zero).hexString)"
                }
            default: break
            }
        }
        return nil
    }

    /// For one transaction alone in its block, "more blobs than the block allows" and "more
    /// blob gas than the block allows" are the same condition; fixtures name it either way.
    static func canonicalException(_ name: String) -> String {
        name == "TransactionException.TYPE_3_TX_BLOB_COUNT_EXCEEDED"
            ? "TransactionException.TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED" : name
    }
}
