import EVMChain
import EVMCore
import EVMState
import Foundation

/// `gaslab node --state FILE`: the head's accounts (nonce, balance, code, storage) with the
/// head's timestamp and base fee, as JSON. Loading starts a new chain whose genesis holds
/// that state (Anvil's --dump-state/--load-state in spirit: the state survives, the block
/// history does not). Saving writes a temporary file and renames it over FILE.
public enum StateFile {
    public static let version = 1

    public struct Loaded: Sendable {
        public var accounts: [Address: Account]
        public var timestamp: UInt64
        public var baseFee: U256?
    }

    public enum FileError: Error, CustomStringConvertible {
        case unreadable(String)
        case malformed(String)
        public var description: String {
            switch self {
            case .unreadable(let s): return "state file: \(s)"
            case .malformed(let s): return "state file is not a GasLab state: \(s)"
            }
        }
    }

    public static func encode(_ node: DevNode) -> [UInt8] {
        node.lock.lock()
        defer { node.lock.unlock() }
        let head = node.chain.head
        let accounts = head.accounts.sorted { $0.key.bytes.lexicographicallyPrecedes($1.key.bytes) }.map { (a, acc) -> (String, JSON) in
            var p: [(String, JSON)] = [("nonce", .quantity(acc.nonce)), ("balance", .quantity(acc.balance))]
            if !acc.code.isEmpty { p.append(("code", .data(acc.code.bytes))) }
            if !acc.storage.isEmpty {
                p.append(("storage", .object(acc.storage.sorted { $0.key < $1.key }.map { (RPCHex.word($0.key), .word($0.value)) })))
            }
            return (RPCHex.address(a), .object(p))
        }
        let (next, _) = node.chain.nextHeader(after: head.block.header, parentHash: head.hash, node.template())
        var p: [(String, JSON)] = [("version", .int(version)), ("chainId", .quantity(node.config.chainId)),
                                   ("fork", .string(node.config.upgrade.name)), ("blockNumber", .quantity(head.block.header.number)),
                                   ("timestamp", .quantity(head.block.header.timestamp))]
        if let fee = next.baseFeePerGas { p.append(("baseFee", .quantity(fee))) }
        p.append(("accounts", .object(accounts)))
        return JSON.object(p).bytes + [0x0a]
    }

    public static func save(_ node: DevNode, to path: String) throws {
        try AtomicFile.write(Data(encode(node)), to: path)
    }

    public static func load(_ path: String) throws(FileError) -> Loaded {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch { throw .unreadable("\(path): \(error.localizedDescription)") }
        let json: JSON
        do { json = try JSON.parse(Array(data)) } catch { throw .malformed("\(error)") }
        return try decode(json)
    }

    static func decode(_ json: JSON) throws(FileError) -> Loaded {
        func bad(_ why: String) -> RPCError { .invalidParams(why) }
        do {
            guard json["version"] == .int(version) else { throw FileError.malformed("version is not \(version)") }
            guard case .object(let entries)? = json["accounts"] else { throw FileError.malformed("no accounts") }
            var accounts: [Address: Account] = [:]
            for (key, o) in entries {
                let address = try Params.address(.string(key), bad: bad)
                var account = Account()
                if let n = o["nonce"] {
                    let nonce = try Params.quantity(n, bad: bad)
                    guard nonce < U256(UInt64.max) else { throw FileError.malformed("\(key): nonce \(nonce) is too large") }
                    account.nonce = nonce.w0
                }
                if let b = o["balance"] { account.balance = try Params.quantity(b, bad: bad) }
                if let c = o["code"] { account.code = Code(try Params.data(c, bad: bad)) }
                if case .object(let slots)? = o["storage"] {
                    for (k, v) in slots {
                        let value = try Params.quantity(v, bad: bad)
                        if !value.isZero { account.storage[try Params.quantity(.string(k), bad: bad)] = value }
                    }
                }
                accounts[address] = account
            }
            var timestamp: UInt64 = 0
            if let t = json["timestamp"] {
                let v = try Params.quantity(t, bad: bad)
                guard v < U256(UInt64(1) << 40) else { throw FileError.malformed("timestamp \(v) is too large") }
                timestamp = v.w0
            }
            let baseFee = try json["baseFee"].map { (t: JSON) throws(RPCError) -> U256 in try Params.quantity(t, bad: bad) }
            return Loaded(accounts: accounts, timestamp: timestamp, baseFee: baseFee)
        } catch let e as FileError {
            throw e
        } catch {
            throw .malformed("\(error)")
        }
    }
}

extension DevNode {
    /// A node whose genesis holds a saved state (`--state FILE` that exists).
    public convenience init(config: NodeConfig, state: StateFile.Loaded) throws(StartError) {
        var config = config
        if let fee = state.baseFee { config.baseFee = fee }
        let accounts: [HDWallet.Account]
        do { accounts = try HDWallet.accounts(mnemonic: config.mnemonic, count: config.accountCount) } catch {
            throw .accounts("\(error)")
        }
        var alloc = SystemContracts.accounts(for: config.upgrade.schedule)
        for (a, account) in state.accounts { alloc[a] = account }
        try self.init(config: config, accounts: accounts, alloc: alloc,
                      timestamp: max(state.timestamp, config.genesisTimestamp ?? 0))
    }
}
