import Crypto
import EVMChain
import EVMCore
import EVMState

/// A transaction's fields as eth_call, eth_estimateGas and eth_sendTransaction take them
/// (geth's TransactionArgs): every field optional; "input" and "data" both accepted.
struct CallArgs {
    var from: Address?
    var to: Address?
    var gas: U256?
    var gasPrice: U256?
    var maxFeePerGas: U256?
    var maxPriorityFeePerGas: U256?
    var maxFeePerBlobGas: U256?
    var value: U256?
    var data: [UInt8]?
    var nonce: U256?
    var type: Int?
    var accessList: [AccessListEntry]?
    var blobVersionedHashes: [U256]?
    var authorizations: [Authorization]?

    init(_ json: JSON, argument i: Int) throws(RPCError) {
        guard case .object(let pairs) = json else { throw RPCError.invalidParams("invalid argument \(i): not a transaction object") }
        func bad(_ why: String) -> RPCError { .invalidParams("invalid argument \(i): \(why)") }
        var input: [UInt8]?
        var data: [UInt8]?
        for (key, value) in pairs where !value.isNull {
            switch key {
            case "from": from = try Params.address(value, bad: bad)
            case "to": to = try Params.address(value, bad: bad)
            case "gas": gas = try Params.quantity(value, bad: bad)
            case "gasPrice": gasPrice = try Params.quantity(value, bad: bad)
            case "maxFeePerGas": maxFeePerGas = try Params.quantity(value, bad: bad)
            case "maxPriorityFeePerGas": maxPriorityFeePerGas = try Params.quantity(value, bad: bad)
            case "maxFeePerBlobGas": maxFeePerBlobGas = try Params.quantity(value, bad: bad)
            case "value": self.value = try Params.quantity(value, bad: bad)
            case "input": input = try Params.data(value, bad: bad)
            case "data": data = try Params.data(value, bad: bad)
            case "nonce": nonce = try Params.quantity(value, bad: bad)
            case "type":
                let t = try Params.quantity(value, bad: bad)
                guard t <= U256(4) else { throw bad("transaction type \(t) not supported") }
                type = Int(t.w0)
            case "accessList": accessList = try CallArgs.accessList(value, bad: bad)
            case "blobVersionedHashes":
                guard let a = value.array else { throw bad("blobVersionedHashes is not an array") }
                var hashes: [U256] = []
                for h in a {
                    let b = try Params.data(h, bad: bad)
                    guard b.count == 32 else { throw bad("blob versioned hash is not 32 bytes") }
                    hashes.append(U256(bigEndianBytes: b))
                }
                blobVersionedHashes = hashes
            case "authorizationList": authorizations = try CallArgs.authorizations(value, bad: bad)
            default: continue  // chainId, blobs and the like: geth ignores what it does not use
            }
        }
        if let input, let data, input != data {
            throw bad("both \"data\" and \"input\" are set and not equal. Please use \"input\" to pass transaction call data")
        }
        self.data = input ?? data
    }

    static func accessList(_ v: JSON, bad: (String) -> RPCError) throws(RPCError) -> [AccessListEntry] {
        guard let items = v.array else { throw bad("accessList is not an array") }
        var out: [AccessListEntry] = []
        for item in items {
            guard let a = item["address"] else { throw bad("access list entry without an address") }
            var keys: [U256] = []
            for k in item["storageKeys"]?.array ?? [] {
                let b = try Params.data(k, bad: bad)
                guard b.count == 32 else { throw bad("storage key is not 32 bytes") }
                keys.append(U256(bigEndianBytes: b))
            }
            out.append(AccessListEntry(address: try Params.address(a, bad: bad), storageKeys: keys))
        }
        return out
    }

    static func authorizations(_ v: JSON, bad: (String) -> RPCError) throws(RPCError) -> [Authorization] {
        guard let items = v.array else { throw bad("authorizationList is not an array") }
        var out: [Authorization] = []
        for item in items {
            func q(_ k: String) throws(RPCError) -> U256 {
                guard let x = item[k] else { throw bad("authorization without \(k)") }
                return try Params.quantity(x, bad: bad)
            }
            guard let a = item["address"] else { throw bad("authorization without address") }
            let parity: U256
            if let y = item["yParity"] { parity = try Params.quantity(y, bad: bad) } else { parity = try q("v") }
            out.append(Authorization(chainId: try q("chainId"), address: try Params.address(a, bad: bad), nonce: try q("nonce"),
                                     yParity: parity, r: try q("r"), s: try q("s")))
        }
        return out
    }

    /// The transaction these fields describe. Without any fee field it is priced at zero
    /// (geth's eth_call); `defaults` fills the gas limit and nonce.
    func transaction(chainId: U256, nonce defaultNonce: UInt64, gas defaultGas: U256, hasBaseFee: Bool) -> Transaction {
        let t: Int
        if let type { t = type }
        else if authorizations != nil { t = 4 }
        else if blobVersionedHashes != nil { t = 3 }
        else if maxFeePerGas != nil || maxPriorityFeePerGas != nil { t = 2 }
        else if gasPrice != nil { t = accessList == nil ? 0 : 1 }
        else { t = hasBaseFee ? 2 : 0 }
        return Transaction(type: t, chainId: chainId, nonce: nonce ?? U256(defaultNonce), gasPrice: gasPrice ?? .zero,
                           maxFeePerGas: maxFeePerGas ?? .zero, maxPriorityFeePerGas: maxPriorityFeePerGas ?? .zero,
                           gasLimit: gas ?? defaultGas, to: to, value: value ?? .zero, data: data ?? [],
                           accessList: accessList ?? [], maxFeePerBlobGas: maxFeePerBlobGas ?? .zero,
                           blobVersionedHashes: blobVersionedHashes ?? [], authorizations: authorizations ?? [],
                           sender: from ?? .zero)
    }
}

extension DevNode {
    /// Where a call runs: a copy of a block's state (with overrides) and that block's
    /// environment; "pending" runs on the pool's state in the next block's environment.
    struct CallContext {
        var accounts: [Address: Account]
        var blockHashes: [U256: U256]
        var env: BlockEnvironment
        var upgrade: Upgrade

        func freshState() -> WorldState {
            let s = WorldState(accounts: accounts, fork: upgrade.fork)
            s.blockHashes = blockHashes
            return s
        }
    }

    func callContext(_ tag: JSON?, overrides: JSON?) throws(RPCError) -> CallContext {
        let state = try self.state(tag)
        let env: BlockEnvironment
        let upgrade: Upgrade
        if tag?.string == "pending" {
            let next = nextEnvironment()
            (env, upgrade) = (next.env, next.upgrade)
        } else {
            let header = try block(tag).block.header
            upgrade = chain.network.upgrade(of: header)
            env = BlockExecutor(upgrade: upgrade, chainId: chain.network.chainId).environment(header)
        }
        if let overrides { try applyOverrides(overrides, to: state) }
        return CallContext(accounts: state.accounts, blockHashes: state.blockHashes, env: env, upgrade: upgrade)
    }

    /// geth's state overrides: per address balance, nonce, code, and state (replacing the
    /// storage) or stateDiff (changing some slots).
    func applyOverrides(_ json: JSON, to state: WorldState) throws(RPCError) {
        guard case .object(let pairs) = json else { throw RPCError.invalidParams("invalid argument 2: state override is not an object") }
        func bad(_ why: String) -> RPCError { .invalidParams("invalid argument 2: \(why)") }
        for (key, o) in pairs {
            let address = try Params.address(.string(key), bad: bad)
            var account = state.account(address) ?? Account()
            if let b = o["balance"] { account.balance = try Params.quantity(b, bad: bad) }
            if let n = o["nonce"] {
                let v = try Params.quantity(n, bad: bad)
                guard v < U256(UInt64.max) else { throw bad("nonce too large") }
                account.nonce = v.w0
            }
            if let c = o["code"] { account.code = Code(try Params.data(c, bad: bad)) }
            if o["state"] != nil && o["stateDiff"] != nil { throw bad("account \(key) has both 'state' and 'stateDiff'") }
            if let s = o["state"] { account.storage = try slots(s, bad: bad) }
            if let s = o["stateDiff"] { for (k, v) in try slots(s, bad: bad) { account.storage[k] = v.isZero ? nil : v } }
            state.setAccount(address, account)
        }
    }

    func slots(_ json: JSON, bad: (String) -> RPCError) throws(RPCError) -> [U256: U256] {
        guard case .object(let pairs) = json else { throw bad("storage override is not an object") }
        var out: [U256: U256] = [:]
        for (k, v) in pairs {
            let key = U256(bigEndianBytes: try Params.data(.string(k), bad: bad))
            let value = U256(bigEndianBytes: try Params.data(v, bad: bad))
            if !value.isZero { out[key] = value }
        }
        return out
    }

    /// The gas a call gets when it names none: the block's gas limit, within EIP-7825's cap.
    func defaultCallGas(_ ctx: CallContext) -> U256 {
        var gas = ctx.env.gasLimit
        if let cap = ctx.upgrade.schedule.txGasLimitCap { gas = min(gas, U256(UInt64(cap))) }
        return gas
    }

    /// Runs a call as a transaction that is thrown away (eth_call's semantics, geth's
    /// `isCall` rules: no nonce or sender-code checks, unpriced calls allowed).
    func run(_ args: CallArgs, _ ctx: CallContext, gas: U256? = nil, tracer: (any Tracer)? = nil) throws(RPCError) -> (Transaction, Receipt) {
        let state = ctx.freshState()
        let from = args.from ?? .zero
        var tx = args.transaction(chainId: chain.network.chainId, nonce: state.nonce(from), gas: defaultCallGas(ctx),
                                  hasBaseFee: ctx.upgrade.schedule.hasBaseFee)
        if let gas { tx.gasLimit = gas }
        var processor = TransactionProcessor(fork: ctx.upgrade.fork, tracer: tracer)
        processor.isCall = true
        do {
            return (tx, try processor.execute(tx, state: state, block: ctx.env))
        } catch {
            throw RPCError.server(NodeErrors.message(error, tx: tx, baseFee: ctx.env.baseFee))
        }
    }

    /// eth_call's answer: the output, error 3 with the revert data, or the halt in geth's words.
    func callResult(_ receipt: Receipt) throws(RPCError) -> JSON {
        switch receipt.status {
        case .stop, .returned: return .data(receipt.output)
        case .reverted: throw RPCError.reverted(receipt.output)
        default: throw RPCError.server(DevNode.haltMessage(receipt.status))
        }
    }

    static func haltMessage(_ status: ExecutionStatus) -> String {
        switch status {
        case .outOfGas: return "out of gas"
        case .invalidOpcode(let op): return "invalid opcode: \(Opcode.name(of: op))"
        case .stackUnderflow: return "stack underflow"
        case .stackOverflow: return "stack limit reached 1024"
        case .badJumpDestination: return "invalid jump destination"
        case .staticStateChange: return "write protection"
        case .returnDataOutOfBounds: return "return data out of bounds"
        case .invalidCode: return "invalid code: must not begin with 0xef, or max code size exceeded"
        case .addressCollision: return "contract address collision"
        case .precompileFailure: return "precompiled contract failed"
        case .reverted: return "execution reverted"
        case .stop, .returned: return ""
        }
    }

    /// eth_estimateGas: the smallest gas limit with which the transaction succeeds, found by
    /// bisection as geth's does, but to the unit: it runs at the highest allowance first
    /// (the given gas, else the block's limit within EIP-7825's cap, lowered to what the
    /// sender can pay when a fee is offered), then halves the interval between the gas that
    /// run used minus one (which cannot succeed) and the allowance.
    func estimateGas(_ args: CallArgs, _ ctx: CallContext) throws(RPCError) -> U256 {
        var hi = args.gas ?? defaultCallGas(ctx)
        let feeCap = args.gasPrice ?? args.maxFeePerGas ?? .zero
        if !feeCap.isZero {
            let balance = ctx.accounts[args.from ?? .zero]?.balance ?? .zero
            let value = args.value ?? .zero
            guard balance >= value else { throw RPCError.server("insufficient funds for transfer") }
            let allowance = (balance &- value).div(feeCap)
            if allowance < hi { hi = allowance }
        }
        let (_, top) = try run(args, ctx, gas: hi)
        guard top.succeeded else {
            if top.status == .reverted { throw RPCError.reverted(top.output) }
            throw RPCError.server("gas required exceeds allowance (\(hi))")
        }
        var lo = U256(UInt64(max(top.gasUsed - 1, 0)))
        while lo &+ .one < hi {
            let mid = lo &+ (hi &- lo).div(U256(2))
            if let (_, r) = try? run(args, ctx, gas: mid), r.succeeded { hi = mid } else { lo = mid }
        }
        return hi
    }
}

/// Network-form blob transactions (EIP-4844's `0x03 ‖ rlp([tx_payload_body, blobs,
/// commitments, proofs])`, EIP-7594's with a wrapper version before the blobs): the payload
/// that blocks carry, its commitments checked against the versioned hashes. The KZG proofs are
/// not verified.
enum BlobWrapper {
    static func unwrap(_ bytes: [UInt8]) throws(RPCError) -> [UInt8] {
        guard bytes.first == 3, bytes.count > 1 else { return bytes }
        guard let item = try? RLP.decode(Array(bytes.dropFirst())), let fields = item.list,
              let body = fields.first, body.list != nil else { return bytes }
        guard fields.count == 4 || fields.count == 5 else { throw RPCError.server("blob transaction wrapper with \(fields.count) fields") }
        let commitments = fields[fields.count == 4 ? 2 : 3].list ?? []
        let payload = [UInt8(3)] + RLP.encode(body)
        guard let tx = try? Transaction.decode(payload).0 else { return payload }
        guard commitments.count == tx.blobVersionedHashes.count else {
            throw RPCError.server("blob transaction has \(tx.blobVersionedHashes.count) versioned hashes and \(commitments.count) commitments")
        }
        for (c, h) in zip(commitments, tx.blobVersionedHashes) {
            var digest = Array(SHA256.hash(data: c.bytes ?? []))
            digest[0] = 0x01
            guard U256(bigEndianBytes: digest) == h else { throw RPCError.server("blob commitment does not match its versioned hash") }
        }
        return payload
    }
}
