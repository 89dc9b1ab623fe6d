import EVMAssembler
import EVMChain
import EVMCore
import EVMPrecompiles
import EVMState
import GasEconomics
import Foundation
import GasLab

/// The methods `gaslab node` serves, with geth's semantics and error shapes (eth_, net_,
/// web3_, debug_), Anvil's and Hardhat's development methods (evm_, anvil_, hardhat_), and
/// GasLab's own (gaslab_). Each runs with the node locked.
extension DevNode {
    /// Every method name, for `--help` and the README.
    public static let methods: [String] = [
        "web3_clientVersion", "web3_sha3", "net_version", "net_listening", "net_peerCount",
        "eth_chainId", "eth_blockNumber", "eth_accounts", "eth_coinbase", "eth_syncing", "eth_mining",
        "eth_getBalance", "eth_getCode", "eth_getStorageAt", "eth_getTransactionCount",
        "eth_gasPrice", "eth_maxPriorityFeePerGas", "eth_feeHistory", "eth_blobBaseFee",
        "eth_call", "eth_estimateGas", "eth_sendTransaction", "eth_sendRawTransaction", "eth_sign", "personal_sign",
        "eth_getTransactionByHash", "eth_getTransactionReceipt", "eth_getBlockReceipts",
        "eth_getBlockByNumber", "eth_getBlockByHash",
        "eth_getBlockTransactionCountByNumber", "eth_getBlockTransactionCountByHash",
        "eth_getTransactionByBlockNumberAndIndex", "eth_getTransactionByBlockHashAndIndex",
        "eth_getLogs", "eth_newFilter", "eth_newBlockFilter", "eth_newPendingTransactionFilter",
        "eth_getFilterChanges", "eth_getFilterLogs", "eth_uninstallFilter",
        "debug_traceTransaction", "debug_traceCall", "debug_getRawTransaction",
        "evm_mine", "evm_snapshot", "evm_revert", "evm_setNextBlockTimestamp", "evm_increaseTime",
        "anvil_mine", "hardhat_mine", "anvil_setBalance", "hardhat_setBalance", "anvil_setCode", "hardhat_setCode",
        "anvil_setStorageAt", "hardhat_setStorageAt", "anvil_setNonce", "hardhat_setNonce",
        "anvil_impersonateAccount", "hardhat_impersonateAccount",
        "anvil_stopImpersonatingAccount", "hardhat_stopImpersonatingAccount",
        "gaslab_profileTransaction", "gaslab_costTransaction",
    ]

    func call(_ method: String, _ p: Params) throws(RPCError) -> JSON {
        try locked { () throws(RPCError) -> JSON in try dispatch(method, p) }
    }

    func dispatch(_ method: String, _ p: Params) throws(RPCError) -> JSON {
        switch method {
        case "web3_clientVersion": return .string(config.clientVersion)
        case "web3_sha3": return .word(Keccak256.hashWord(try p.data(0)))
        case "net_version": return .string(String(config.chainId))
        case "net_listening": return .bool(true)
        case "net_peerCount": return .quantity(0)
        case "eth_chainId": return .quantity(config.chainId)
        case "eth_blockNumber": return .quantity(headNumber)
        case "eth_accounts": return .array(accounts.map { .address($0.address) })
        case "eth_coinbase": return .address(head.block.header.coinbase)
        case "eth_syncing", "eth_mining": return .bool(false)

        case "eth_getBalance":
            try p.atMost(2)
            return .quantity(try state(p.optional(1)).balance(try p.address(0)))
        case "eth_getCode":
            try p.atMost(2)
            return .data(try state(p.optional(1)).account(try p.address(0))?.code.bytes ?? [])
        case "eth_getStorageAt":
            try p.atMost(3)
            let slot = try p.quantity(1)
            return .word(try state(p.optional(2)).storage(try p.address(0), slot))
        case "eth_getTransactionCount":
            try p.atMost(2)
            let address = try p.address(0)
            if p.optional(1)?.string == "pending" { return .quantity(pendingNonce(address)) }
            return .quantity(try state(p.optional(1)).nonce(address))

        case "eth_gasPrice": return .quantity(nextBaseFee &+ config.defaultTip)
        case "eth_maxPriorityFeePerGas": return .quantity(config.defaultTip)
        case "eth_blobBaseFee":
            let next = nextEnvironment()
            guard next.upgrade.schedule.hasBlobs else { throw RPCError.server("blobs are not active in \(next.upgrade.name)") }
            return .quantity(next.env.blobBaseFee(schedule: next.upgrade.schedule))
        case "eth_feeHistory": return try feeHistory(p)

        case "eth_call":
            try p.atMost(3)
            let args = try CallArgs(p.required(0), argument: 0)
            let ctx = try callContext(p.optional(1), overrides: p.optional(2))
            return try callResult(try run(args, ctx).1)
        case "eth_estimateGas":
            try p.atMost(3)
            let args = try CallArgs(p.required(0), argument: 0)
            let tag = p.optional(1) ?? .string("pending")
            return .quantity(try estimateGas(args, try callContext(tag, overrides: p.optional(2))))
        case "eth_sendTransaction":
            try p.atMost(1)
            return .word(try sendTransaction(try CallArgs(p.required(0), argument: 0)))
        case "eth_sendRawTransaction":
            try p.atMost(1)
            return .word(try sendRaw(try p.data(0)))
        case "eth_sign": return .data(try sign(message: try p.data(1), by: try p.address(0)))
        case "personal_sign": return .data(try sign(message: try p.data(0), by: try p.address(1)))

        case "eth_getTransactionByHash":
            let hash = try p.hash(0)
            if let m = mined[hash] { return transactionJSON(m) }
            if let q = pool.first(where: { $0.pending.hash == hash }) {
                return transactionJSON(q.pending.transaction, hash: hash, signature: q.signature, location: nil, effectivePrice: nil)
            }
            return .null
        case "eth_getTransactionReceipt":
            return mined[try p.hash(0)].map(receiptJSON) ?? .null
        case "eth_getBlockReceipts":
            guard let entry = try? block(p.required(0)) else { return .null }
            return .array((blockTransactions[entry.hash] ?? []).compactMap { mined[$0].map(receiptJSON) })
        case "eth_getBlockByNumber":
            try p.atMost(2)
            guard let entry = try? block(p.required(0)) else { return .null }
            return blockJSON(entry, full: try p.bool(1))
        case "eth_getBlockByHash":
            try p.atMost(2)
            guard let entry = chain.entries[try p.hash(0)] else { return .null }
            return blockJSON(entry, full: try p.bool(1))
        case "eth_getBlockTransactionCountByNumber":
            guard let entry = try? block(p.required(0)) else { return .null }
            return .quantity(entry.block.transactions.count)
        case "eth_getBlockTransactionCountByHash":
            guard let entry = chain.entries[try p.hash(0)] else { return .null }
            return .quantity(entry.block.transactions.count)
        case "eth_getTransactionByBlockNumberAndIndex", "eth_getTransactionByBlockHashAndIndex":
            let entry = method.contains("Hash") ? chain.entries[try p.hash(0)] : try? block(p.required(0))
            let index = try p.int(1)
            guard let entry, let hashes = blockTransactions[entry.hash], index < hashes.count, let m = mined[hashes[index]] else {
                return .null
            }
            return transactionJSON(m)

        case "eth_getLogs": return .array(try logs(LogFilter(p.required(0), node: self)))
        case "eth_newFilter": return newFilter(.logs(try LogFilter(p.required(0), node: self)))
        case "eth_newBlockFilter": return newFilter(.blocks)
        case "eth_newPendingTransactionFilter": return newFilter(.pendingTransactions)
        case "eth_getFilterChanges": return try filterChanges(try p.int(0))
        case "eth_getFilterLogs":
            guard let f = filters[try p.int(0)], case .logs(let criteria) = f.kind else { throw RPCError.server("filter not found") }
            return .array(try logs(criteria))
        case "eth_uninstallFilter": return .bool(filters.removeValue(forKey: try p.int(0)) != nil)

        case "debug_getRawTransaction":
            guard let m = mined[try p.hash(0)] else { return .null }
            return .data(m.pending.bytes)
        case "debug_traceTransaction": return try traceTransaction(try p.hash(0), options: p.optional(1))
        case "debug_traceCall":
            let args = try CallArgs(p.required(0), argument: 0)
            return try traceCall(args, tag: p.optional(1), options: p.optional(2))

        case "evm_mine", "anvil_mine", "hardhat_mine": return try mineBlocks(method, p)
        case "evm_snapshot": return .quantity(snapshot())
        case "evm_revert": return .bool(revert(to: try p.int(0)))
        case "evm_setNextBlockTimestamp":
            let t = U256(try DevNode.time(try p.quantity(0), p, 0))
            guard t > head.block.header.timestamp else {
                throw RPCError.server("timestamp \(t) must be after the head's \(head.block.header.timestamp)")
            }
            nextTimestamp = t.w0
            timeOffset = Int64(t.w0) - Int64(UInt64(Date.now.timeIntervalSince1970))
            return .bool(true)
        case "evm_increaseTime":
            let seconds = try DevNode.time(try p.quantity(0), p, 0)
            guard timeOffset < Int64(1) << 50 else { throw RPCError.server("the clock is already 2^50 seconds ahead") }
            timeOffset += Int64(seconds)
            return .quantity(U256(UInt64(max(timeOffset, 0))))
        case "anvil_setBalance", "hardhat_setBalance":
            let (a, v) = (try p.address(0), try p.quantity(1))
            amend { $0.setBalance(a, v) }
            return .bool(true)
        case "anvil_setCode", "hardhat_setCode":
            let (a, c) = (try p.address(0), try p.data(1))
            amend { $0.setCode(a, Code(c)) }
            return .bool(true)
        case "anvil_setStorageAt", "hardhat_setStorageAt":
            let (a, k) = (try p.address(0), try p.quantity(1))
            let v = try p.data(2)
            guard v.count <= 32 else { throw p.bad(2, "value longer than 32 bytes") }
            amend { $0.setStorage(a, k, U256(bigEndianBytes: v)) }
            return .bool(true)
        case "anvil_setNonce", "hardhat_setNonce":
            let (a, n) = (try p.address(0), try p.quantity(1))
            guard n < U256(UInt64.max) else { throw p.bad(1, "nonce too large") }
            amend { s in
                var account = s.account(a) ?? Account()
                account.nonce = n.w0
                s.setAccount(a, account)
            }
            return .bool(true)
        case "anvil_impersonateAccount", "hardhat_impersonateAccount":
            impersonated.insert(try p.address(0))
            return .bool(true)
        case "anvil_stopImpersonatingAccount", "hardhat_stopImpersonatingAccount":
            impersonated.remove(try p.address(0))
            return .bool(true)

        case "gaslab_profileTransaction":
            return try profileTransaction(try p.hash(0), top: p.optional(1) == nil ? 25 : try p.int(1))
        case "gaslab_costTransaction": return try costTransaction(try p.hash(0), chains: p.optional(1))
        default:
            throw RPCError.methodNotFound(method)
        }
    }

    /// Changes the head's state (anvil_set*): the pending state follows.
    func amend(_ change: (WorldState) -> Void) {
        chain.amendHead(change)
        pendingState = nil
    }

    // MARK: Sending

    func sendTransaction(_ args: CallArgs) throws(RPCError) -> U256 {
        guard let from = args.from else { throw RPCError.server("missing from address") }
        let key = keys[from]
        guard key != nil || impersonated.contains(from) else { throw RPCError.server("unknown account \(RPCHex.address(from))") }
        var filled = args
        filled.nonce = args.nonce ?? U256(pendingNonce(from))
        if args.gasPrice == nil {
            filled.maxPriorityFeePerGas = args.maxPriorityFeePerGas ?? min(config.defaultTip, args.maxFeePerGas ?? config.defaultTip)
            filled.maxFeePerGas = args.maxFeePerGas ?? (nextBaseFee &* U256(2) &+ filled.maxPriorityFeePerGas!)
        }
        if filled.gas == nil {
            filled.gas = try estimateGas(filled, try callContext(.string("pending"), overrides: nil))
        }
        var tx = filled.transaction(chainId: chain.network.chainId, nonce: 0, gas: .zero, hasBaseFee: true)
        tx.sender = from
        let signature: TransactionSignature
        let bytes: [UInt8]
        let hash: U256
        if let key {
            guard let signed = tx.signed(privateKey: key) else { throw RPCError.server("signing failed") }
            (signature, bytes) = signed
            hash = Keccak256.hashWord(bytes)
        } else {
            // An impersonated sender has no key: a placeholder signature, and a hash that
            // also covers the sender so that two senders' equal transactions differ.
            signature = TransactionSignature(v: .zero, r: .one, s: .one)
            bytes = tx.encoded(signature: signature)
            hash = Keccak256.hashWord(bytes + from.bytes)
        }
        return try submit(PendingTransaction(transaction: tx, bytes: bytes, hash: hash), signature: signature)
    }

    func sendRaw(_ raw: [UInt8]) throws(RPCError) -> U256 {
        let bytes = try BlobWrapper.unwrap(raw)
        let tx: Transaction
        let signature: TransactionSignature
        do { (tx, signature) = try Transaction.decode(bytes) } catch {
            if case .badSignature = error { throw RPCError.server("invalid sender") }
            throw RPCError.server("rlp: \(error)")
        }
        // EIP-155: a legacy transaction signed with v = 27/28 carries no chain id (accepted, as
        // Anvil does); every other must name this chain.
        let unprotected = tx.type == 0 && (signature.v == U256(27) || signature.v == U256(28))
        if !unprotected && tx.chainId != chain.network.chainId {
            throw RPCError.server("invalid chain id for signer: have \(tx.chainId) want \(config.chainId)")
        }
        return try submit(PendingTransaction(transaction: tx, bytes: bytes), signature: signature)
    }

    /// EIP-191 personal messages: keccak256("\u{19}Ethereum Signed Message:\n" + length + message),
    /// signed r ‖ s ‖ v with v 27 or 28.
    func sign(message: [UInt8], by address: Address) throws(RPCError) -> [UInt8] {
        guard let key = keys[address] else { throw RPCError.server("unknown account \(RPCHex.address(address))") }
        let digest = Keccak256.hash(Array("\u{19}Ethereum Signed Message:\n\(message.count)".utf8) + message)
        guard let sig = Secp256k1.shared.sign(hash: digest, privateKey: key) else { throw RPCError.server("signing failed") }
        return sig.r.bigEndianBytes + sig.s.bigEndianBytes + [UInt8(27 + sig.recoveryId)]
    }

    /// A timestamp or interval a client gives, below 2^40 seconds (35,000 years) so that no
    /// sum of them overflows.
    static func time(_ v: U256, _ p: Params, _ i: Int) throws(RPCError) -> UInt64 {
        guard v < U256(UInt64(1) << 40) else { throw p.bad(i, "\(v) seconds is too far") }
        return v.w0
    }

    /// evm_mine ([timestamp] or {timestamp, blocks}), anvil_mine / hardhat_mine ([blocks,
    /// interval]).
    func mineBlocks(_ method: String, _ p: Params) throws(RPCError) -> JSON {
        var count = 1
        var timestamp: UInt64?
        var interval: UInt64 = 1
        if method == "evm_mine" {
            if let o = p.optional(0) {
                if o.isObject {
                    if let t = o["timestamp"] { timestamp = try DevNode.time(Params.quantity(t, bad: { p.bad(0, $0) }), p, 0) }
                    if let b = o["blocks"] {
                        let n = try Params.quantity(b, bad: { p.bad(0, $0) })
                        count = n > U256(10_000) ? -1 : Int(n.w0)
                    }
                } else {
                    timestamp = try DevNode.time(try p.quantity(0), p, 0)
                }
            }
        } else {
            if p.optional(0) != nil {
                let n = try p.quantity(0)
                count = n > U256(10_000) ? -1 : Int(n.w0)
            }
            if p.optional(1) != nil { interval = try DevNode.time(try p.quantity(1), p, 1) }
        }
        guard (0...10_000).contains(count) else { throw p.bad(0, "between 0 and 10,000 blocks at a time") }
        for i in 0..<count {
            let t = i == 0 ? timestamp : head.block.header.timestamp.w0 + interval
            if let t, t <= head.block.header.timestamp.w0 {
                throw RPCError.server("timestamp \(t) must be after the head's \(head.block.header.timestamp)")
            }
            try mine(nil, timestamp: i == 0 ? timestamp : (method == "evm_mine" ? nil : t))
        }
        return .string("0x0")
    }

    // MARK: Fees

    /// eth_feeHistory: base fees (one more than the blocks: the next block's), gas used
    /// ratios, the tips at the given percentiles weighted by gas as geth computes them, and
    /// from Cancun the blob base fees and blob gas used ratios.
    func feeHistory(_ p: Params) throws(RPCError) -> JSON {
        let requested = try p.quantity(0)
        let count = Int(min(requested, U256(1024)).w0)
        let newest = try block(p.required(1))
        var percentiles: [Double] = []
        for v in p.optional(2)?.array ?? [] {
            guard case .number(let n) = v, let d = Double(n), (0...100).contains(d), d >= (percentiles.last ?? 0) else {
                throw p.bad(2, "invalid reward percentile")
            }
            percentiles.append(d)
        }
        let last = Int(newest.block.header.number.w0)
        let first = max(last - count + 1, 0)
        var baseFees: [JSON] = []
        var ratios: [JSON] = []
        var blobFees: [JSON] = []
        var blobRatios: [JSON] = []
        var rewards: [JSON] = []
        for n in stride(from: first, through: count == 0 ? first - 1 : last, by: 1) {
            guard let e = chain.entries[canonical[n]] else { continue }
            let h = e.block.header
            let upgrade = chain.network.upgrade(of: h)
            baseFees.append(.quantity(h.baseFeePerGas ?? .zero))
            ratios.append(.number(String(Double(h.gasUsed.w0) / Double(max(h.gasLimit.w0, 1)))))
            if upgrade.schedule.hasBlobs {
                let env = BlockExecutor(upgrade: upgrade, chainId: chain.network.chainId).environment(h)
                blobFees.append(.quantity(env.blobBaseFee(schedule: upgrade.schedule)))
                let maxBlobGas = Double((upgrade.blobs?.max ?? 0) * upgrade.schedule.blobGasPerBlob)
                blobRatios.append(.number(String(maxBlobGas == 0 ? 0 : Double(h.blobGasUsed?.w0 ?? 0) / maxBlobGas)))
            }
            if !percentiles.isEmpty {
                let base = h.baseFeePerGas ?? .zero
                let txs = (blockTransactions[e.hash] ?? []).compactMap { mined[$0] }
                    .map { (tip: $0.gasPrice > base ? $0.gasPrice &- base : .zero, gas: $0.receipt.gasUsed) }
                    .sorted { $0.tip < $1.tip }
                rewards.append(.array(percentiles.map { pct in
                    guard !txs.isEmpty else { return .quantity(0) }
                    let threshold = Double(h.gasUsed.w0) * pct / 100
                    var sum = 0
                    for t in txs {
                        sum += t.gas
                        if Double(sum) >= threshold { return .quantity(t.tip) }
                    }
                    return .quantity(txs.last!.tip)
                }))
            }
        }
        if count > 0 {
            // The block after the newest: its base fee from the rules (or the header's if known).
            let h = newest.block.header
            if let next = canonical.count > last + 1 ? chain.entries[canonical[last + 1]]?.block.header : nil {
                baseFees.append(.quantity(next.baseFeePerGas ?? .zero))
            } else {
                let (nh, nu) = chain.nextHeader(after: h, parentHash: newest.hash, template())
                baseFees.append(.quantity(nh.baseFeePerGas ?? .zero))
                if nu.schedule.hasBlobs {
                    let env = BlockExecutor(upgrade: nu, chainId: chain.network.chainId).environment(nh)
                    blobFees.append(.quantity(env.blobBaseFee(schedule: nu.schedule)))
                }
            }
        }
        var out: [(String, JSON)] = [("oldestBlock", .quantity(count == 0 ? 0 : first)), ("baseFeePerGas", .array(baseFees)),
                                     ("gasUsedRatio", .array(ratios))]
        if !blobFees.isEmpty {
            out.append(("baseFeePerBlobGas", .array(blobFees)))
            out.append(("blobGasUsedRatio", .array(blobRatios)))
        }
        if !percentiles.isEmpty { out.append(("reward", .array(rewards))) }
        return .object(out)
    }

    // MARK: Tracing, profiles and costs

    /// Re-runs a mined transaction on its block's state up to it, with `tracer` on it.
    func replay(_ m: MinedTransaction, tracer: any Tracer) throws(RPCError) -> Receipt {
        guard let entry = chain.entries[m.blockHash], let state = chain.state(at: entry.block.header.parentHash) else {
            throw RPCError.server("the state before block \(m.blockNumber) is not kept (the last \(config.statesKept) blocks are)")
        }
        let header = entry.block.header
        let upgrade = chain.network.upgrade(of: header)
        let executor = BlockExecutor(upgrade: upgrade, chainId: chain.network.chainId)
        let env = executor.environment(header)
        executor.beginBlock(header, state: state, env: env)
        let processor = TransactionProcessor(fork: upgrade.fork)
        for hash in (blockTransactions[m.blockHash] ?? []).prefix(m.index) {
            if let earlier = mined[hash] { _ = try? processor.execute(earlier.transaction, state: state, block: env) }
        }
        do {
            return try TransactionProcessor(fork: upgrade.fork, tracer: tracer).execute(m.transaction, state: state, block: env)
        } catch {
            throw RPCError.server("replay failed: \(error)")
        }
    }

    func tracer(_ options: JSON?) throws(RPCError) -> (any Tracer, (Transaction, Receipt) -> JSON) {
        switch options?["tracer"]?.string {
        case nil, "structLogger"?:
            let t = StructLogger(options: options)
            return (t, { _, r in t.result(gasUsed: r.gasUsed, failed: !r.succeeded, output: r.output) })
        case "callTracer"?:
            let t = CallTracer(options: options?["tracerConfig"])
            return (t, { tx, r in t.result(gasLimit: Int(tx.gasLimit.w0), gasUsed: r.gasUsed) })
        case let other?:
            throw RPCError.server("tracer \(other) is not available (structLogger and callTracer are)")
        }
    }

    func traceTransaction(_ hash: U256, options: JSON?) throws(RPCError) -> JSON {
        guard let m = mined[hash] else { throw RPCError.server("transaction \(RPCHex.word(hash)) not found") }
        let (t, render) = try tracer(options)
        let receipt = try replay(m, tracer: t)
        return render(m.transaction, receipt)
    }

    func traceCall(_ args: CallArgs, tag: JSON?, options: JSON?) throws(RPCError) -> JSON {
        let (t, render) = try tracer(options)
        let ctx = try callContext(tag, overrides: options?["stateOverrides"])
        let (tx, receipt) = try run(args, ctx, tracer: t)
        return render(tx, receipt)
    }

    /// gaslab_profileTransaction: the profiler's view of a mined transaction (categories,
    /// opcodes, slots, frames), as `gaslab profile --json` prints it.
    func profileTransaction(_ hash: U256, top: Int) throws(RPCError) -> JSON {
        guard let m = mined[hash] else { throw RPCError.server("transaction \(RPCHex.word(hash)) not found") }
        let upgrade = chain.network.upgrade(of: chain.entries[m.blockHash]!.block.header)
        let profiler = GasProfiler(schedule: upgrade.schedule, readsMappingKeys: true)
        let receipt = try replay(m, tracer: profiler)
        profiler.finish()
        var contracts: [Address: (name: String, program: EVMAssembler.Program?)] = [:]
        if let state = chain.state(at: m.blockHash) {
            for step in profiler.steps {
                let a = step.step.codeAddress
                if contracts[a] == nil {
                    contracts[a] = (name: gasReport.contractName(a, code: state.account(a)?.code), program: nil as EVMAssembler.Program?)
                }
            }
        }
        let profile = GasProfile(title: "transaction \(RPCHex.word(hash))", profilers: [profiler], gasUsed: receipt.gasUsed,
                                 contracts: contracts)
        guard let json = try? JSON.parse(Array(profile.json(top: top).utf8)) else { throw RPCError.server("profile not encoded") }
        return json
    }

    /// gaslab_costTransaction: what a mined transaction costs on L1 and each Layer 2 of the
    /// preset, each by its chain's own rules (`gaslab fee` with the gas it used).
    func costTransaction(_ hash: U256, chains: JSON?) throws(RPCError) -> JSON {
        guard let m = mined[hash] else { throw RPCError.server("transaction \(RPCHex.word(hash)) not found") }
        let preset = config.preset
        var ids: [String] = preset.chains.map(\.id)
        if let chains {
            switch chains {
            case .array(let a): ids = a.compactMap(\.string)
            case .string(let s): ids = s == "all" ? ids : s.split(separator: ",").map(String.init)
            default: throw RPCError.invalidParams("invalid argument 1: chains are an array of ids or a comma-separated string")
            }
        }
        let charged = ChargedTransaction(gasUsed: m.receipt.gasUsed, signedBytes: m.pending.bytes)
        var items: [JSON] = []
        for id in ids {
            guard let chain = preset.chain(id) else {
                throw RPCError.invalidParams("invalid argument 1: unknown chain \(id) (\(preset.chains.map(\.id).joined(separator: ", ")))")
            }
            do {
                let q = try preset.quote(charged, on: chain)
                items.append(.object([("chain", .string(chain.id)), ("name", .string(chain.name))]
                    + q.fields(on: chain, preset).map { ($0.key, JSON.string($0.value)) }
                    + [("details", .object(q.details.map { ($0.name, .string($0.value)) }))]))
            } catch {
                items.append(.object([("chain", .string(chain.id)), ("name", .string(chain.name)), ("error", .string("\(error)"))]))
            }
        }
        return .object([("transactionHash", .word(hash)), ("preset", .string(preset.name)), ("gasUsed", .int(m.receipt.gasUsed)),
                        ("bytes", .int(m.pending.bytes.count)), ("chains", .array(items))])
    }
}
