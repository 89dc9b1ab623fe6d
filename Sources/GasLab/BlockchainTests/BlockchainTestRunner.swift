import EVMChain
import EVMCore
import EVMState
import Foundation

/// Runs filled blockchain tests (execution-spec-tests' `blockchain_tests` and ethereum/tests'
/// `BlockchainTests`; not the engine variants): a chain from the genesis and pre-state, every
/// block imported in order, each block with an `expectException` rejected and each other one
/// accepted with the fixture's hash, then the head equal to `lastblockhash` and its state to
/// `postState` (or `postStateHash`). A test is one pass or one failure, tallied by network.
public struct BlockchainTestRunner: Sendable {
    /// Only networks with an upgrade running this fork's rules.
    public var forkFilter: Fork?
    public var nameFilter: String?

    public init(forkFilter: Fork? = nil, nameFilter: String? = nil) {
        self.forkFilter = forkFilter
        self.nameFilter = nameFilter
    }

    public struct Failure: Sendable {
        public var file: String
        public var test: String
        public var network: String
        public var reason: String

        public var line: String { "FAIL \(file) \(test) [\(network)]: \(reason)" }
    }

    public typealias Tally = StateTestRunner.Tally

    public struct Report: Sendable, MergeableReport {
        public var byNetwork: [String: Tally] = [:]
        public var failures: [Failure] = []
        public var fileErrors: [FileError] = []
        /// Blocks imported and blocks rejected as the fixtures expect.
        public var blocksImported = 0
        public var blocksRejected = 0
        /// Expected exception → GasLab's reason, for rejections under another name.
        public var otherReasons: [String: Int] = [:]

        public init() {}

        public var total: Tally { Tally.total(byNetwork) }

        public mutating func merge(_ other: Report) {
            Tally.merge(&byNetwork, other.byNetwork)
            failures += other.failures
            fileErrors += other.fileErrors
            blocksImported += other.blocksImported
            blocksRejected += other.blocksRejected
            otherReasons.merge(other.otherReasons, uniquingKeysWith: +)
        }
    }

    /// Runs files on `jobs` threads; `progress` is called under a lock after each file.
    public func run(files: [String], jobs: Int, progress: @escaping @Sendable (Report, Report, Int) -> Void) -> Report {
        ParallelFiles.run(count: files.count, jobs: jobs, work: { self.run(file: files[$0]) }, progress: progress)
    }

    /// Runs every test of one file.
    public func run(file: String) -> Report {
        var report = Report()
        let tests: [String: Any]
        do {
            guard let data = FileManager.default.contents(atPath: file) else { throw StateTestFormatError("cannot read \(file)") }
            let root: Any
            do { root = try JSONSerialization.jsonObject(with: data) } catch {
                throw StateTestFormatError("malformed JSON: \(error.localizedDescription)")
            }
            guard let object = root as? [String: Any] else { throw StateTestFormatError("top level is not an object") }
            tests = object
        } catch {
            report.fileErrors.append(FileError(file: file, error: "\(error)"))
            return report
        }
        for (name, value) in tests.sorted(by: { $0.key < $1.key }) {
            if let nameFilter, !name.contains(nameFilter) && !file.contains(nameFilter) { continue }
            guard let test = value as? [String: Any] else {
                report.fileErrors.append(FileError(file: file, error: "\(name): not an object"))
                continue
            }
            let networkName = test["network"] as? String ?? "?"
            // The engine-API variants carry payloads, not blocks.
            if test["engineNewPayloads"] != nil { continue }
            let network: Network
            do {
                guard let n = try BlockchainTestRunner.network(of: test) else {
                    if forkFilter == nil { report.byNetwork[networkName, default: Tally()].skipped += 1 }
                    continue
                }
                network = n
            } catch {
                report.byNetwork[networkName, default: Tally()].failed += 1
                report.failures.append(Failure(file: file, test: name, network: networkName, reason: "\(error)"))
                continue
            }
            if let forkFilter, !network.upgrades.contains(where: { $0.upgrade.fork == forkFilter }) { continue }
            var blocks = BlockCounts()
            if let reason = check(test, network: network, blocks: &blocks) {
                report.byNetwork[networkName, default: Tally()].failed += 1
                report.failures.append(Failure(file: file, test: name, network: networkName, reason: reason))
            } else {
                report.byNetwork[networkName, default: Tally()].passed += 1
            }
            report.blocksImported += blocks.imported
            report.blocksRejected += blocks.rejected
            for pair in blocks.otherReason { report.otherReasons[pair, default: 0] += 1 }
        }
        return report
    }

    /// The network of a test, with its chain id and `config.blobSchedule`; nil when GasLab
    /// does not run one of its forks (Frontier … ConstantinopleFix).
    static func network(of test: [String: Any]) throws -> Network? {
        guard let name = test["network"] as? String else { throw StateTestFormatError("no network") }
        let config = test["config"] as? [String: Any] ?? [:]
        let chainId = try config["chainid"].map { try StateTestLoader.number($0, "chainid") } ?? .one
        var blobs: [String: BlobParameters] = [:]
        for (fork, value) in config["blobSchedule"] as? [String: Any] ?? [:] {
            guard let entry = value as? [String: Any] else { continue }
            func int(_ key: String) throws -> Int {
                guard let v = entry[key] else { throw StateTestFormatError("blobSchedule.\(fork) has no \(key)") }
                // Held to 32 bits: a hostile file must not overflow `max × GAS_PER_BLOB`.
                return Int(min(try StateTestLoader.number(v, key).clampedUInt64, UInt64(UInt32.max)))
            }
            blobs[fork] = BlobParameters(target: try int("target"), max: try int("max"),
                                         updateFraction: try int("baseFeeUpdateFraction"))
        }
        return Network(name: name, chainId: chainId, blobSchedule: blobs)
    }

    struct BlockCounts {
        var imported = 0
        var rejected = 0
        var otherReason: [String] = []
    }

    /// nil when the test passes, else what differed first.
    func check(_ test: [String: Any], network: Network, blocks: inout BlockCounts) -> String? {
        let chain: Chain
        do {
            let pre = try StateTestLoader.parseAlloc(test["pre"] as? [String: Any] ?? [:], test: "pre")
            let genesis: Block
            if let hex = test["genesisRLP"] as? String {
                genesis = try Block(rlp: try Hex.decode(hex))
            } else if let json = test["genesisBlockHeader"] as? [String: Any] {
                let header = try BlockchainTestRunner.header(json)
                genesis = Block(header: header, withdrawals: header.withdrawalsRoot.map { _ in [] })
            } else {
                return "no genesis block"
            }
            if let expected = (test["genesisBlockHeader"] as? [String: Any])?["hash"] as? String,
               genesis.header.hash != U256(bigEndianBytes: try Hex.decode(expected)) {
                return "genesis hash \(genesis.header.hash.paddedHexString), expected \(expected)"
            }
            chain = try Chain(network: network, genesis: genesis.header, accounts: pre, genesisBody: genesis)
        } catch {
            return "genesis: \(error)"
        }
        for (i, value) in (test["blocks"] as? [Any] ?? []).enumerated() {
            guard let entry = value as? [String: Any] else { return "block \(i): not an object" }
            let expected = entry.first { $0.key.hasPrefix("expectException") }?.value as? String
            let result: Result<Chain.Entry, BlockError>
            if let hex = entry["rlp"] as? String, let bytes = try? Hex.decode(hex) {
                result = Result { () throws(BlockError) in try chain.importBlock(rlp: bytes) }
            } else {
                result = .failure(.undecodable("the block's rlp is not hex"))
            }
            switch (result, expected) {
            case (.success(let imported), nil):
                if let h = (entry["blockHeader"] as? [String: Any])?["hash"] as? String,
                   let want = try? Hex.decode(h), imported.hash != U256(bigEndianBytes: want) {
                    return "block \(i): hash \(imported.hash.paddedHexString), expected \(h)"
                }
                blocks.imported += 1
            case (.success, let exception?):
                return "block \(i): imported, expected \(exception)"
            case (.failure(let error), nil):
                return "block \(i): rejected: \(error)"
            case (.failure(let error), let exception?):
                blocks.rejected += 1
                // Clients name the same fault differently (a malformed field is a format or an
                // RLP error); a different name is counted, not failed.
                if !exception.split(separator: "|").contains(where: { $0 == error.name }) {
                    blocks.otherReason.append("\(exception) → \(error.name)")
                }
            }
        }
        if let last = test["lastblockhash"] as? String, let want = try? Hex.decode(last),
           chain.headHash != U256(bigEndianBytes: want) {
            return "head \(chain.headHash.paddedHexString), expected lastblockhash \(last)"
        }
        guard let state = chain.state() else { return "no head state" }
        if let post = test["postState"] as? [String: Any] {
            do {
                let expected = try StateTestLoader.parseAlloc(post, test: "postState")
                if let diff = StateTestRunner.firstDifference(expected: expected, got: state) { return "post state: \(diff)" }
            } catch {
                return "postState: \(error)"
            }
        } else if let hash = test["postStateHash"] as? String, let want = try? Hex.decode(hash),
                  state.stateRoot != want {
            return "post state root \(Hex.prefixed(state.stateRoot)), expected \(hash)"
        }
        return nil
    }

    /// A header from the fixtures' JSON form (`uncleHash`, `transactionsTrie`, `receiptTrie`,
    /// `bloom` … as ethereum/tests named them).
    public static func header(_ j: [String: Any]) throws -> BlockHeader {
        func bytes(_ key: String) throws -> [UInt8] {
            guard let s = j[key] as? String else { throw StateTestFormatError("block header has no \(key)") }
            return try Hex.decode(s)
        }
        func word(_ key: String) throws -> U256 {
            let b = try bytes(key)
            guard b.count <= 32 else { throw StateTestFormatError("block header \(key) longer than 32 bytes") }
            return U256(bigEndianBytes: b)
        }
        func optional(_ key: String) throws -> U256? { j[key] == nil ? nil : try word(key) }
        guard let coinbase = Address(bytes: try bytes("coinbase")) else { throw StateTestFormatError("block header coinbase") }
        return BlockHeader(
            parentHash: try word("parentHash"), ommersHash: try word("uncleHash"), coinbase: coinbase,
            stateRoot: try word("stateRoot"), transactionsRoot: try word("transactionsTrie"),
            receiptsRoot: try word("receiptTrie"), logsBloom: try bytes("bloom"), difficulty: try word("difficulty"),
            number: try word("number"), gasLimit: try word("gasLimit"), gasUsed: try word("gasUsed"),
            timestamp: try word("timestamp"), extraData: try bytes("extraData"), mixHash: try word("mixHash"),
            nonce: try bytes("nonce"), baseFeePerGas: try optional("baseFeePerGas"),
            withdrawalsRoot: try optional("withdrawalsRoot"), blobGasUsed: try optional("blobGasUsed"),
            excessBlobGas: try optional("excessBlobGas"), parentBeaconBlockRoot: try optional("parentBeaconBlockRoot"),
            requestsHash: try optional("requestsHash"))
    }
}
