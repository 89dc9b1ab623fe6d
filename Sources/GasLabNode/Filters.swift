import EVMCore
import EVMState

/// eth_getLogs' criteria: a block range (fromBlock/toBlock tags, or one blockHash), addresses,
/// and topics by position, each null (any), one topic, or a list (any of them).
struct LogFilter {
    var from: Int
    var to: Int?
    var blockHash: U256?
    var addresses: Set<Address>
    var topics: [Set<U256>?]

    init(_ json: JSON, node: DevNode) throws(RPCError) {
        guard json.isObject else { throw RPCError.invalidParams("invalid argument 0: filter is not an object") }
        func bad(_ why: String) -> RPCError { .invalidParams("invalid argument 0: \(why)") }
        if let h = json["blockHash"], !h.isNull {
            if json["fromBlock"].map({ !$0.isNull }) == true || json["toBlock"].map({ !$0.isNull }) == true {
                throw bad("cannot specify both BlockHash and FromBlock/ToBlock, choose one or the other")
            }
            let b = try Params.data(h, bad: bad)
            guard b.count == 32 else { throw bad("blockHash is not 32 bytes") }
            blockHash = U256(bigEndianBytes: b)
            guard let entry = node.chain.entries[blockHash!] else { throw RPCError.server("unknown block") }
            from = Int(entry.block.header.number.w0)
            to = from
        } else {
            from = try LogFilter.number(json["fromBlock"], node: node) ?? Int(node.headNumber.w0)
            to = try LogFilter.number(json["toBlock"], node: node)
            if let to, from > to { throw RPCError.invalidParams("invalid block range params") }
        }
        switch json["address"] {
        case nil, .null?: addresses = []
        case .array(let a)?:
            var set: Set<Address> = []
            for x in a { set.insert(try Params.address(x, bad: bad)) }
            addresses = set
        case let x?: addresses = [try Params.address(x, bad: bad)]
        }
        topics = []
        if let t = json["topics"], !t.isNull {
            guard let list = t.array else { throw bad("topics is not an array") }
            guard list.count <= 4 else { throw bad("too many topics: \(list.count), at most 4") }
            for item in list {
                switch item {
                case .null: topics.append(nil)
                case .array(let options):
                    var set: Set<U256> = []
                    for o in options where !o.isNull { set.insert(try LogFilter.topic(o, bad: bad)) }
                    topics.append(options.contains(.null) || set.isEmpty ? nil : set)
                default: topics.append([try LogFilter.topic(item, bad: bad)])
                }
            }
        }
    }

    static func topic(_ v: JSON, bad: (String) -> RPCError) throws(RPCError) -> U256 {
        let b = try Params.data(v, bad: bad)
        guard b.count == 32 else { throw bad("topic is not 32 bytes") }
        return U256(bigEndianBytes: b)
    }

    /// A tag's block number; nil for "latest"/"pending" (the head when the filter runs).
    static func number(_ tag: JSON?, node: DevNode) throws(RPCError) -> Int? {
        guard let tag, !tag.isNull else { return nil }
        switch tag.string {
        case "latest"?, "pending"?, "safe"?, "finalized"?: return nil
        case "earliest"?: return 0
        default:
            let n = try Params.quantity(tag, bad: { RPCError.invalidParams("invalid argument 0: \($0)") })
            return Int(min(n, U256(UInt64(Int.max))).w0)
        }
    }

    func matches(_ log: Log) -> Bool {
        if !addresses.isEmpty && !addresses.contains(log.address) { return false }
        for (i, allowed) in topics.enumerated() {
            guard let allowed else { continue }
            guard i < log.topics.count, allowed.contains(log.topics[i]) else { return false }
        }
        return true
    }
}

/// An installed filter (eth_newFilter, eth_newBlockFilter, eth_newPendingTransactionFilter)
/// and the first block it has not reported yet.
struct Filter {
    enum Kind {
        case logs(LogFilter)
        case blocks
        case pendingTransactions
    }

    var kind: Kind
    var next: Int
}

extension DevNode {
    /// Matching logs of the canonical blocks in `from...to` (the head when open).
    func logs(_ f: LogFilter, from: Int? = nil) throws(RPCError) -> [JSON] {
        let head = Int(headNumber.w0)
        let start = from ?? f.from
        let end = min(f.to ?? head, head)
        guard start <= end else { return [] }
        var out: [JSON] = []
        for n in start...end {
            for hash in blockTransactions[canonical[n]] ?? [] {
                guard let m = mined[hash] else { continue }
                for (i, log) in m.receipt.logs.enumerated() where f.matches(log) {
                    out.append(logJSON(log, index: m.firstLogIndex + i, m))
                }
            }
        }
        return out
    }

    func newFilter(_ kind: Filter.Kind) -> JSON {
        let id = nextFilter
        nextFilter += 1
        filters[id] = Filter(kind: kind, next: Int(headNumber.w0) + 1)
        return .quantity(id)
    }

    /// What happened since the last poll: new logs, new block hashes, or the hashes of new
    /// transactions.
    func filterChanges(_ id: Int) throws(RPCError) -> JSON {
        guard var f = filters[id] else { throw RPCError.server("filter not found") }
        let head = Int(headNumber.w0)
        let start = min(f.next, head + 1)
        var out: [JSON] = []
        switch f.kind {
        case .logs(let criteria):
            out = try logs(criteria, from: max(start, criteria.from))
        case .blocks:
            if start <= head { out = (start...head).map { .word(canonical[$0]) } }
        case .pendingTransactions:
            if start <= head { out = (start...head).flatMap { (blockTransactions[canonical[$0]] ?? []).map { JSON.word($0) } } }
            out += pool.map { .word($0.pending.hash) }
        }
        f.next = head + 1
        filters[id] = f
        return .array(out)
    }
}
