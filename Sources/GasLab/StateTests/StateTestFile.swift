import EVMCore
import EVMPrecompiles
import EVMState
import Foundation

/// One filled state test (the GeneralStateTest format of ethereum/tests and of
/// execution-spec-tests): a pre-state, an environment, a transaction template with lists of
/// data, gas limits and values, and expected results per fork and index.
public struct StateTest {
    public var name: String
    public var pre: [Address: Account]
    public var env: [String: String]
    public var config: [String: Any]
    public var transaction: [String: Any]
    /// Fork name → expected results.
    public var post: [String: [PostEntry]]

    public struct PostEntry {
        public var hash: [UInt8]
        public var logs: [UInt8]
        public var data: Int
        public var gas: Int
        public var value: Int
        public var expectException: String?
        /// The signed transaction, as the fixture encodes it.
        public var txbytes: [UInt8]
        /// The expected post-state, when the fixture carries it (execution-spec-tests).
        public var state: [Address: Account]?
    }
}

/// Why a state-test file could not be read.
public struct StateTestFormatError: Error, CustomStringConvertible {
    public var description: String
    init(_ d: String) { description = d }
}

public enum StateTestLoader {
    /// Reads every test of a JSON file.
    public static func load(_ path: String) throws -> [StateTest] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StateTestFormatError("cannot read \(path)")
        }
        return try parse(data)
    }

    public static func parse(_ data: Data) throws -> [StateTest] {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw StateTestFormatError("malformed JSON: \(error.localizedDescription)")
        }
        guard let tests = root as? [String: Any] else { throw StateTestFormatError("top level is not an object") }
        var out: [StateTest] = []
        for (name, value) in tests.sorted(by: { $0.key < $1.key }) {
            guard let t = value as? [String: Any] else { throw StateTestFormatError("\(name): not an object") }
            out.append(try parseTest(name, t))
        }
        return out
    }

    static func parseTest(_ name: String, _ t: [String: Any]) throws -> StateTest {
        guard let pre = t["pre"] as? [String: Any] else { throw StateTestFormatError("\(name): no pre") }
        guard let envObject = t["env"] as? [String: Any] else { throw StateTestFormatError("\(name): no env") }
        guard let tx = t["transaction"] as? [String: Any] else { throw StateTestFormatError("\(name): no transaction") }
        guard let post = t["post"] as? [String: Any] else { throw StateTestFormatError("\(name): no post") }
        var env: [String: String] = [:]
        for (k, v) in envObject { if let s = v as? String { env[k] = s } }
        var entries: [String: [StateTest.PostEntry]] = [:]
        for (fork, list) in post {
            guard let list = list as? [[String: Any]] else { throw StateTestFormatError("\(name): post.\(fork) is not a list") }
            entries[fork] = try list.map { e in
                guard let hash = e["hash"] as? String, let logs = e["logs"] as? String,
                      let indexes = e["indexes"] as? [String: Any],
                      let d = indexes["data"] as? Int, let g = indexes["gas"] as? Int, let v = indexes["value"] as? Int,
                      d >= 0, g >= 0, v >= 0 else {
                    throw StateTestFormatError("\(name): malformed post entry for \(fork)")
                }
                var state: [Address: Account]? = nil
                if let s = e["state"] as? [String: Any] { state = try parseAlloc(s, test: name) }
                return StateTest.PostEntry(hash: try bytes(hash, "hash"), logs: try bytes(logs, "logs"), data: d, gas: g,
                                           value: v, expectException: e["expectException"] as? String,
                                           txbytes: (try? bytes(e["txbytes"] as? String ?? "", "txbytes")) ?? [], state: state)
            }
        }
        return StateTest(name: name, pre: try parseAlloc(pre, test: name), env: env,
                         config: t["config"] as? [String: Any] ?? [:], transaction: tx, post: entries)
    }

    static func parseAlloc(_ alloc: [String: Any], test: String) throws -> [Address: Account] {
        var out: [Address: Account] = [:]
        for (key, value) in alloc {
            guard let address = Address(hex: key), let a = value as? [String: Any] else {
                throw StateTestFormatError("\(test): bad account \(key)")
            }
            var storage: [U256: U256] = [:]
            for (k, v) in a["storage"] as? [String: Any] ?? [:] {
                storage[try number(k, "storage key")] = try number(v, "storage value")
            }
            let nonce = try number(a["nonce"] ?? "0x0", "nonce")
            guard nonce.fitsUInt64 else { throw StateTestFormatError("\(test): nonce too large") }
            out[address] = Account(nonce: nonce.w0, balance: try number(a["balance"] ?? "0x0", "balance"),
                                   code: Code(try bytes(a["code"] as? String ?? "0x", "code")), storage: storage)
        }
        return out
    }

    /// "0x…" hex (an empty "0x" is zero) or decimal; a JSON integer is accepted too.
    static func number(_ value: Any, _ what: String) throws -> U256 {
        if let i = value as? Int, i >= 0 { return U256(UInt64(i)) }
        guard let s = value as? String else { throw StateTestFormatError("\(what) is not a string") }
        if s == "0x" || s == "0X" { return .zero }
        guard let v = U256(s) else { throw StateTestFormatError("\(what) '\(s.prefix(80))' is not a 256-bit number") }
        return v
    }

    static func bytes(_ s: String, _ what: String) throws -> [UInt8] {
        do {
            return try Hex.decode(s)
        } catch {
            throw StateTestFormatError("\(what): \(error)")
        }
    }
}

extension StateTest {
    /// The environment as GasLab's block.
    func block(forkName: String, schedule: GasSchedule) throws -> BlockEnvironment {
        func field(_ key: String) throws -> U256? {
            try env[key].map { try StateTestLoader.number($0, key) }
        }
        var block = BlockEnvironment(
            coinbase: Address(hex: env["currentCoinbase"] ?? "") ?? .zero,
            number: try field("currentNumber") ?? .zero,
            timestamp: try field("currentTimestamp") ?? .zero,
            gasLimit: try field("currentGasLimit") ?? U256(30_000_000),
            prevRandao: try (schedule.fork >= .paris ? field("currentRandom") : nil) ?? field("currentDifficulty") ?? .zero,
            baseFee: try field("currentBaseFee") ?? .zero,
            excessBlobGas: try field("currentExcessBlobGas") ?? .zero,
            chainId: try config["chainid"].map { try StateTestLoader.number($0, "chainid") } ?? .one)
        if let schedules = config["blobSchedule"] as? [String: Any],
           let mine = schedules[forkName] as? [String: Any] {
            // Held to 32 bits: a hostile file must not overflow `max × GAS_PER_BLOB` or `Int`.
            if let m = mine["max"] {
                block.blobMax = Int(min(try StateTestLoader.number(m, "max").clampedUInt64, UInt64(UInt32.max)))
            }
            if let f = mine["baseFeeUpdateFraction"] {
                let fraction = try StateTestLoader.number(f, "baseFeeUpdateFraction").clampedUInt64
                block.blobBaseFeeUpdateFraction = Int(min(fraction, UInt64(UInt32.max)))
            }
        }
        return block
    }

    /// The transaction of a post entry (its data, gas and value indexes).
    public func transaction(for entry: PostEntry) throws -> Transaction {
        let t = transaction
        func list(_ key: String) throws -> [Any] {
            guard let l = t[key] as? [Any] else { throw StateTestFormatError("transaction.\(key) is not a list") }
            return l
        }
        func num(_ key: String) throws -> U256? { try t[key].map { try StateTestLoader.number($0, key) } }
        let dataList = try list("data"), gasList = try list("gasLimit"), valueList = try list("value")
        guard entry.data < dataList.count, entry.gas < gasList.count, entry.value < valueList.count else {
            throw StateTestFormatError("post indexes out of range")
        }
        guard let dataHex = dataList[entry.data] as? String else { throw StateTestFormatError("data is not a string") }
        guard let keyHex = t["secretKey"] as? String, let sender = Secp256k1.shared.address(privateKey: try StateTestLoader.bytes(keyHex, "secretKey")) else {
            throw StateTestFormatError("no usable secretKey")
        }
        let toText = t["to"] as? String ?? ""
        var tx = Transaction(
            chainId: try config["chainid"].map { try StateTestLoader.number($0, "chainid") } ?? .one,
            nonce: try num("nonce") ?? .zero,
            gasPrice: try num("gasPrice") ?? .zero,
            maxFeePerGas: try num("maxFeePerGas") ?? .zero,
            maxPriorityFeePerGas: try num("maxPriorityFeePerGas") ?? .zero,
            gasLimit: try StateTestLoader.number(gasList[entry.gas], "gasLimit"),
            to: toText.isEmpty || toText == "0x" ? nil : Address(hex: toText),
            value: try StateTestLoader.number(valueList[entry.value], "value"),
            data: try StateTestLoader.bytes(dataHex, "data"),
            maxFeePerBlobGas: try num("maxFeePerBlobGas") ?? .zero,
            sender: sender)
        if !toText.isEmpty && toText != "0x" && tx.to == nil { throw StateTestFormatError("bad 'to' \(toText)") }
        var hasAccessList = false
        if let lists = t["accessLists"] as? [Any], entry.data < lists.count, let l = lists[entry.data] as? [[String: Any]] {
            hasAccessList = true
            tx.accessList = try l.map { e in
                guard let a = e["address"] as? String, let address = Address(hex: a) else {
                    throw StateTestFormatError("bad access list address")
                }
                let keys = try (e["storageKeys"] as? [Any] ?? []).map { try StateTestLoader.number($0, "storage key") }
                return AccessListEntry(address: address, storageKeys: keys)
            }
        }
        if let auths = t["authorizationList"] as? [[String: Any]] {
            tx.type = 4
            tx.authorizations = try auths.map { a in
                func n(_ k: String) throws -> U256 { try StateTestLoader.number(a[k] ?? "0x0", k) }
                guard let addr = a["address"] as? String, let address = Address(hex: addr) else {
                    throw StateTestFormatError("bad authorization address")
                }
                return Authorization(chainId: try n("chainId"), address: address, nonce: try n("nonce"),
                                     yParity: try a["yParity"] != nil ? n("yParity") : n("v"), r: try n("r"), s: try n("s"))
            }
        } else if let hashes = t["blobVersionedHashes"] as? [Any] {
            tx.type = 3
            tx.blobVersionedHashes = try hashes.map { try StateTestLoader.number($0, "blob versioned hash") }
        } else if t["maxFeePerGas"] != nil {
            tx.type = 2
        } else if hasAccessList {
            tx.type = 1
        }
        return tx
    }
}
