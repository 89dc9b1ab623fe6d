import EVMChain
import EVMCore

/// Prices of one era, all of a piece: Ethereum's market and upgrade, and each chain's fee
/// rules and parameters as they stood then, every value with its source and date
/// (`Presets.swift` holds the presets; `gaslab report params` prints them). Any parameter can
/// be replaced (`set("base.baseFeeScalar", "1368")`), and the preset then says so.
public struct FeePreset: Sendable, Equatable {
    public var name: String
    /// The date the preset describes.
    public var date: String
    public var summary: String
    /// Ethereum's upgrade in this era: its EVM rules and its blob market (`BlobMarket`).
    public var l1Upgrade: Upgrade
    /// `baseFee`, `priorityFee`, `excessBlobGas` (from Cancun) and `ethUSD`.
    public var l1: ParameterTable
    /// Ethereum first, then the Layer 2s.
    public var chains: [FeeChain]

    public init(name: String, date: String, summary: String, l1Upgrade: Upgrade, l1: [Parameter], chains: [FeeChain]) {
        self.name = name
        self.date = date
        self.summary = summary
        self.l1Upgrade = l1Upgrade
        self.l1 = ParameterTable(l1)
        self.chains = chains
    }

    public var ethUSD: ExactDecimal { l1["ethUSD"]?.decimal ?? ExactDecimal(.zero) }
    public var l1BaseFee: U256 { l1["baseFee"]?.value ?? .zero }
    public var l1PriorityFee: U256 { l1["priorityFee"]?.value ?? .zero }
    /// What an L1 transaction pays per gas.
    public var l1GasPrice: U256 { l1BaseFee &+ l1PriorityFee }

    /// The blob market, or nil before Cancun.
    public var blobMarket: BlobMarket? {
        guard l1Upgrade.blobs != nil else { return nil }
        return BlobMarket(upgrade: l1Upgrade, excessBlobGas: l1["excessBlobGas"]?.value ?? .zero)
    }

    /// The blob base fee the L2s read (the reserve price applied from Osaka), zero before blobs.
    public var blobBaseFee: U256 { blobMarket?.effectiveBlobBaseFee(l1BaseFee: l1BaseFee) ?? .zero }

    public func chain(_ id: String) -> FeeChain? { chains.first { $0.id == id.lowercased() } }

    /// The chains of these ids, in that order (all when nil); an unknown id is an error.
    public func chains(_ ids: [String]?) throws(ParameterError) -> [FeeChain] {
        guard let ids else { return chains }
        return try ids.map { id throws(ParameterError) -> FeeChain in
            guard let c = chain(id) else { throw .unknownChain(id, known: chains.map(\.id)) }
            return c
        }
    }

    public func cost(_ wei: U256) -> Cost { Cost(wei: wei, ethUSD: ethUSD) }

    /// Replaces one parameter: "l1.baseFee", "base.baseFeeScalar", "arbitrum.batchBytes".
    public mutating func set(_ key: String, _ text: String) throws(ParameterError) {
        let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw .unknownKey(key, known: allKeys) }
        if parts[0] == "l1" {
            try l1.set(parts[1], text)
        } else if let i = chains.firstIndex(where: { $0.id == parts[0].lowercased() }) {
            if chains[i].parameters[parts[1]] == nil, chains[i].requiredKeys.contains(parts[1]) {
                // A key the chain's (changed) rules need but the preset does not carry.
                let unit: Parameter.Unit = ["l2BaseFee", "l2PriorityFee", "minBaseFee", "operatorFeeConstant"].contains(parts[1]) ? .wei : .integer
                chains[i].parameters.add(Parameter(parts[1], .zero, unit, meaning: parts[1], source: "command line", date: date))
            }
            do { try chains[i].parameters.set(parts[1], text) } catch {
                if case .badValue = error { throw error }
                throw .unknownKey(key, known: allKeys)
            }
        } else {
            throw .unknownKey(key, known: allKeys)
        }
        name = name.hasSuffix(" (modified)") ? name : name + " (modified)"
    }

    /// Changes the rules of the chains of one family: an OP Stack upgrade (bedrock … jovian)
    /// for the OP Stack chains, or an Arbitrum era (nitro, atlas). Parameters the new rules
    /// need and the preset lacks must then be given with `set`.
    public mutating func setUpgrade(_ name: String) throws(ParameterError) {
        let key = name.lowercased()
        if let u = OPStack.Upgrade(rawValue: key) {
            for i in chains.indices where chains[i].isAvailable {
                if case .opStack = chains[i].rules { chains[i].rules = .opStack(u) }
            }
        } else if let era = ArbitrumFee.Era(rawValue: key) {
            for i in chains.indices where chains[i].isAvailable {
                if case .arbitrum = chains[i].rules { chains[i].rules = .arbitrum(era) }
            }
        } else {
            throw .badValue(key: "upgrade", text: name,
                            expected: (OPStack.Upgrade.allCases.map(\.rawValue) + ArbitrumFee.Era.allCases.map(\.rawValue)).joined(separator: ", "))
        }
        self.name = self.name.hasSuffix(" (modified)") ? self.name : self.name + " (modified)"
    }

    /// Applies "KEY=VALUE" texts in order.
    public mutating func apply(_ settings: [String]) throws(ParameterError) {
        for s in settings {
            guard let eq = s.firstIndex(of: "="), eq != s.startIndex else { throw .malformed(s) }
            try set(String(s[..<eq]).trimmingSpaces, String(s[s.index(after: eq)...]).trimmingSpaces)
        }
    }

    public var allKeys: [String] {
        l1.entries.map { "l1." + $0.key } + chains.flatMap { c in c.parameters.entries.map { "\(c.id).\($0.key)" } }
    }

    /// Every parameter with its chain, for the provenance table.
    public var allParameters: [(chain: String, parameter: Parameter)] {
        l1.entries.map { ("l1", $0) } + chains.flatMap { c in c.parameters.entries.map { (c.id, $0) } }
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}

// MARK: - Quotes

extension FeePreset {
    /// What one transaction costs on a chain, with the intermediate values. On the blob
    /// rollup a single transaction is priced at a full batch's cost per compressed byte.
    public func quote(_ tx: ChargedTransaction, on chain: FeeChain) throws(FeeError) -> FeeQuote {
        guard chain.isAvailable else { throw .unavailable(chain: chain.name, reason: chain.unavailable ?? "") }
        let gas = U256(UInt64(max(tx.gasUsed, 0)))
        var q = FeeQuote(chain: chain.name)
        func value(_ key: String) throws(FeeError) -> U256 {
            do { return try chain.parameters.value(key) } catch { throw .parameter(error) }
        }
        switch chain.rules {
        case .ethereum:
            q.execution = gas &* l1GasPrice
            q.receiptGas = gas
            q.details = [("gas price", Parameter.weiText(l1GasPrice))]
        case .opStack(let upgrade):
            let price = try opExecutionPrice(chain, upgrade: upgrade)
            let p = try opParameters(chain, upgrade: upgrade)
            let data = OPStack.dataFee(tx.signedBytes, upgrade: upgrade, p)
            q.execution = gas &* price
            q.data = data.fee
            q.operatorFee = OPStack.operatorFee(gasUsed: gas, upgrade: upgrade, p)
            q.receiptGas = gas
            q.details = [("signed bytes", String(tx.signedBytes.count)), ("L2 gas price", Parameter.weiText(price))]
            if let c = data.calldataGas { q.details.append(("calldata gas (4/zero, 16/other byte)", c.decimalString)) }
            if let s = data.fastLzSize { q.details.append(("FastLZ size", String(s))) }
            if let e = data.estimatedSizeScaled {
                q.details.append(("estimated size (Fjord, bytes)", ExactDecimal(units: e, scale: 6).formatted(places: 6)))
            }
            q.details.append(("l1GasUsed", data.l1GasUsed.decimalString))
            q.details.append(("L1 base fee", Parameter.weiText(p.l1BaseFee)))
            if upgrade >= .ecotone { q.details.append(("blob base fee", Parameter.weiText(p.blobBaseFee))) }
            if upgrade >= .isthmus { q.details.append(("operator fee", Parameter.weiText(q.operatorFee))) }
            if upgrade >= .jovian { q.details.append(("DA footprint gas", OPStack.daFootprint(tx.signedBytes, p).decimalString)) }
        case .arbitrum(let era):
            let baseFee = try value("l2BaseFee")
            let ppu = try arbitrumPricePerUnit(chain, era: era)
            let poster: ArbitrumFee.Poster
            do { poster = try ArbitrumFee.poster(tx.signedBytes, era: era, pricePerUnit: ppu, l2BaseFee: baseFee) } catch {
                throw .arbitrum(error)
            }
            q.execution = gas &* baseFee
            q.data = poster.posterFee
            q.receiptGas = gas &+ poster.posterGas
            q.details = [("signed bytes", String(tx.signedBytes.count)),
                         ("brotli level", String(era.brotliLevel)), ("compressed bytes", String(poster.compressedBytes)),
                         ("units (16 × compressed)", poster.units.decimalString),
                         ("price per unit", Parameter.weiText(ppu)), ("poster cost", poster.posterCost.decimalString + " wei"),
                         ("L2 base fee", Parameter.weiText(baseFee)), ("poster gas (rounded down)", poster.posterGas.decimalString),
                         ("gas limit needed (execution + poster gas)", q.receiptGas.decimalString)]
        case .blobRollup:
            let price = try value("l2BaseFee") &+ (try value("l2PriorityFee"))
            let settings = try blobSettings(chain)
            let single = try blobShare(of: [tx.signedBytes], chain: chain, settings: settings)
            q.execution = gas &* price
            q.data = single.fee
            q.receiptGas = gas
            q.details = [("signed bytes", String(tx.signedBytes.count)), ("compressed alone", String(single.compressed)),
                         ("cost per compressed byte of a full blob", single.perByte),
                         ("blob base fee", Parameter.weiText(blobBaseFee))]
        }
        return q
    }

    /// What a list of transactions costs on a chain. The blob rollup posts them together in
    /// one channel (as many blobs and blob transactions as it takes).
    public func quote(_ txs: [ChargedTransaction], on chain: FeeChain) throws(FeeError) -> FeeQuote {
        guard chain.isAvailable else { throw .unavailable(chain: chain.name, reason: chain.unavailable ?? "") }
        if case .blobRollup = chain.rules {
            var q = FeeQuote(chain: chain.name)
            let price = try chain.parametersValue("l2BaseFee") &+ (try chain.parametersValue("l2PriorityFee"))
            let gas = txs.reduce(U256.zero) { $0 &+ U256(UInt64(max($1.gasUsed, 0))) }
            let settings = try blobSettings(chain)
            guard let market = blobMarket else { throw .blobs(.noBlobs(l1Upgrade.name)) }
            let posting: BlobBatchPosting
            do {
                posting = try BlobBatchPosting.post(txs.map(\.signedBytes), market: market, l1BaseFee: l1BaseFee,
                                                    priorityFee: l1PriorityFee, settings: settings)
            } catch { throw .blobs(error) }
            q.execution = gas &* price
            q.data = posting.total
            q.receiptGas = gas
            q.details = [("raw bytes", String(posting.rawBytes)), ("compressed", String(posting.compressedBytes)),
                         ("blobs", String(posting.blobs)), ("blob transactions", String(posting.blobTransactions))]
            return q
        }
        var total = FeeQuote(chain: chain.name)
        for tx in txs { total = total + (try quote(tx, on: chain)) }
        return total
    }

    /// OP: the L2 gas price, the base fee held at Jovian's minimum, plus the priority fee.
    func opExecutionPrice(_ chain: FeeChain, upgrade: OPStack.Upgrade) throws(FeeError) -> U256 {
        var base = try chain.parametersValue("l2BaseFee")
        if upgrade >= .jovian { base = max(base, try chain.parametersValue("minBaseFee")) }
        return base &+ (try chain.parametersValue("l2PriorityFee"))
    }

    func opParameters(_ chain: FeeChain, upgrade: OPStack.Upgrade) throws(FeeError) -> OPStack.Parameters {
        var p = OPStack.Parameters(l1BaseFee: l1BaseFee, blobBaseFee: blobBaseFee)
        func v(_ k: String) throws(FeeError) -> U256 { try chain.parametersValue(k) }
        switch upgrade {
        case .bedrock, .regolith:
            p.overhead = try v("overhead")
            p.scalar = try v("scalar")
        case .ecotone, .fjord, .isthmus, .jovian:
            p.baseFeeScalar = try v("baseFeeScalar")
            p.blobBaseFeeScalar = try v("blobBaseFeeScalar")
            if upgrade >= .isthmus {
                p.operatorFeeScalar = try v("operatorFeeScalar")
                p.operatorFeeConstant = try v("operatorFeeConstant")
            }
            if upgrade >= .jovian { p.daFootprintGasScalar = try v("daFootprintGasScalar") }
        }
        return p
    }

    /// Arbitrum's price per unit: `pricePerUnit` when a preset or the command line sets it
    /// (non-zero), else the batch-cost model of the era.
    public func arbitrumPricePerUnit(_ chain: FeeChain, era: ArbitrumFee.Era) throws(FeeError) -> U256 {
        if let fixed = chain.parameters["pricePerUnit"]?.value, !fixed.isZero { return fixed }
        return try arbitrumModel(chain, era: era).pricePerUnit
    }

    public func arbitrumModel(_ chain: FeeChain, era: ArbitrumFee.Era) throws(FeeError) -> ArbitrumFee.PricePerUnitModel {
        let perBatch = try chain.parametersValue("perBatchGas"), bytes = try chain.parametersValue("batchBytes")
        // A batch of no bytes (or blobs of none) has no price per unit: an error, not a zero.
        guard !bytes.isZero else {
            throw .parameter(.badValue(key: "\(chain.id).batchBytes", text: "0", expected: "a positive number of bytes"))
        }
        if era == .atlas, try chain.parametersValue("bytesPerBlob").isZero {
            throw .parameter(.badValue(key: "\(chain.id).bytesPerBlob", text: "0", expected: "a positive number of bytes"))
        }
        switch era {
        case .nitro: return .calldata(l1BaseFee: l1GasPrice, perBatchGas: perBatch, batchBytes: bytes)
        case .atlas:
            return .blobs(blobBaseFee: blobBaseFee, l1BaseFee: l1GasPrice, perBatchGas: perBatch, batchBytes: bytes,
                          bytesPerBlob: try chain.parametersValue("bytesPerBlob"))
        }
    }

    func blobSettings(_ chain: FeeChain) throws(FeeError) -> BlobBatchPosting.Settings {
        var s = BlobBatchPosting.Settings()
        s.compressionQuality = Int32(min(try chain.parametersValue("compressionQuality").w0, 11))
        s.bytesPerBlob = Int(min(try chain.parametersValue("bytesPerBlob").w0, 1 << 20))
        s.blobTransactionGas = try chain.parametersValue("blobTransactionGas")
        // A blob must hold more than a frame's overhead, or no data fits (and the batch
        // arithmetic would divide by zero).
        guard s.bytesPerBlob > s.frameOverhead + s.versionBytes else {
            throw .parameter(.badValue(key: "\(chain.id).bytesPerBlob", text: String(s.bytesPerBlob),
                                       expected: "more than the \(s.frameOverhead + s.versionBytes) bytes of frame overhead"))
        }
        return s
    }

    /// One transaction's blob cost at a full batch's price per compressed byte.
    func blobShare(of txs: [[UInt8]], chain: FeeChain, settings: BlobBatchPosting.Settings) throws(FeeError)
        -> (fee: U256, compressed: Int, perByte: String) {
        guard let market = blobMarket else { throw .blobs(.noBlobs(l1Upgrade.name)) }
        let compressed: Int
        do { compressed = try Brotli.compressedLength(txs.flatMap { $0 }, quality: settings.compressionQuality) } catch {
            throw .compression("\(error)")
        }
        // A full blob transaction: maxBlobsPerTransaction blobs of frame data.
        let perFrame = settings.bytesPerBlob - settings.frameOverhead - settings.versionBytes
        let blobs = U256(UInt64(market.maxBlobsPerTransaction))
        let batchCost = blobs &* BlobMarket.gasPerBlob &* market.effectiveBlobBaseFee(l1BaseFee: l1BaseFee)
            &+ settings.blobTransactionGas &* l1GasPrice
        let batchBytes = blobs &* U256(UInt64(perFrame))
        let (q, r) = (batchCost &* U256(UInt64(compressed))).quotientAndRemainder(dividingBy: batchBytes)
        let perByte = ExactDecimal(units: (batchCost &* U256(1_000)).div(batchBytes), scale: 3).formatted(places: 3) + " wei"
        return (r.isZero ? q : q &+ .one, compressed, perByte)
    }
}

extension FeeChain {
    func parametersValue(_ key: String) throws(FeeError) -> U256 {
        do { return try parameters.value(key) } catch { throw .parameter(error) }
    }
}

extension Parameter {
    /// Wei as gwei when large enough to read so.
    public static func weiText(_ v: U256) -> String {
        Parameter("", v, .wei, meaning: "", source: "", date: "").text
    }
}

extension FeePreset {
    /// The fees a wallet would sign a transaction with on a chain: max fee per gas and tip.
    public func signingPrices(_ chain: FeeChain) throws(FeeError) -> (maxFee: U256, tip: U256) {
        switch chain.rules {
        case .ethereum: return (l1GasPrice, l1PriorityFee)
        case .opStack(let upgrade):
            return (try opExecutionPrice(chain, upgrade: upgrade), try chain.parametersValue("l2PriorityFee"))
        case .arbitrum: return (try chain.parametersValue("l2BaseFee"), .zero)
        case .blobRollup:
            let tip = try chain.parametersValue("l2PriorityFee")
            return (try chain.parametersValue("l2BaseFee") &+ tip, tip)
        }
    }
}
