import EVMChain
import EVMCore

/// A chain's fee rules at one upgrade.
public enum FeeRules: Sendable, Equatable {
    /// Ethereum: gasUsed × (base fee + priority fee).
    case ethereum
    /// OP Stack (OP Mainnet, Base): L2 execution + the L1 data fee (+ the operator fee from Isthmus).
    case opStack(OPStack.Upgrade)
    /// Arbitrum Nitro: (gasUsed + poster gas) × L2 base fee.
    case arbitrum(ArbitrumFee.Era)
    /// A rollup posting its transactions in blobs in batches (`BlobBatchPosting`).
    case blobRollup

    public var name: String {
        switch self {
        case .ethereum: return "Ethereum"
        case .opStack(let u): return "OP Stack \(u.rawValue.prefix(1).uppercased() + u.rawValue.dropFirst())"
        case .arbitrum(.nitro): return "Arbitrum Nitro (ArbOS < 20, calldata batches)"
        case .arbitrum(.atlas): return "Arbitrum Nitro (ArbOS 20+, blob batches)"
        case .blobRollup: return "blob batches"
        }
    }
}

/// One transaction as a fee model sees it: the execution gas it used on the chain's EVM and
/// its signed bytes (EIP-2718 envelope).
public struct ChargedTransaction: Sendable, Equatable {
    public var gasUsed: Int
    public var signedBytes: [UInt8]
    public init(gasUsed: Int, signedBytes: [UInt8]) {
        self.gasUsed = gasUsed
        self.signedBytes = signedBytes
    }
}

/// A chain column of a preset: who it is, its rules in the preset's era, the EVM rules its
/// transactions run under, and its parameters with provenance. `unavailable` says why a
/// chain is "n/a" in an era (it did not exist yet).
public struct FeeChain: Sendable, Equatable {
    public var id: String
    public var name: String
    public var chainId: U256
    public var rules: FeeRules
    /// The EVM rules of this chain in this era (the L2s lag or lead L1).
    public var evmFork: Fork
    /// Which upgrade of the chain this is and since when ("Jovian, since 2025-12").
    public var upgradeNote: String
    public var unavailable: String?
    public var parameters: ParameterTable

    public init(id: String, name: String, chainId: U256, rules: FeeRules, evmFork: Fork, upgradeNote: String,
                unavailable: String? = nil, parameters: [Parameter] = []) {
        self.id = id
        self.name = name
        self.chainId = chainId
        self.rules = rules
        self.evmFork = evmFork
        self.upgradeNote = upgradeNote
        self.unavailable = unavailable
        self.parameters = ParameterTable(parameters)
    }

    public var isAvailable: Bool { unavailable == nil }

    /// The parameter keys this chain's rules read.
    public var requiredKeys: [String] {
        switch rules {
        case .ethereum: return []
        case .opStack(let u): return ["l2BaseFee", "l2PriorityFee"] + u.parameterKeys
        case .arbitrum(.nitro): return ["l2BaseFee", "perBatchGas", "batchBytes"]
        case .arbitrum(.atlas): return ["l2BaseFee", "perBatchGas", "batchBytes", "bytesPerBlob"]
        case .blobRollup: return ["l2BaseFee", "l2PriorityFee", "compressionQuality", "bytesPerBlob", "blobTransactionGas"]
        }
    }
}

/// What a transaction (or a list of them) costs on a chain, split as the chain charges it,
/// with the intermediate values that lead there.
public struct FeeQuote: Sendable {
    public var chain: String
    /// Execution gas × the chain's gas price.
    public var execution: U256 = .zero
    /// L1 data fee (OP), poster fee (Arbitrum), share of blob batches (blob rollup).
    public var data: U256 = .zero
    /// OP Stack's operator fee (Isthmus on).
    public var operatorFee: U256 = .zero
    /// The gas the chain's receipts report (Arbitrum adds its poster gas).
    public var receiptGas: U256 = .zero
    public var details: [(name: String, value: String)] = []

    public var total: U256 { execution &+ data &+ operatorFee }

    /// The quote's figures as `gaslab fee --json` and the node's gaslab_costTransaction report
    /// them, in that order: wei as decimal strings, USD to six places at the preset's price.
    public func fields(on chain: FeeChain, _ preset: FeePreset) -> [(key: String, value: String)] {
        [("rules", chain.rules.name), ("executionWei", execution.decimalString), ("dataWei", data.decimalString),
         ("operatorWei", operatorFee.decimalString), ("totalWei", total.decimalString),
         ("receiptGas", receiptGas.decimalString),
         ("usd", preset.cost(total).usd.formatted(places: 6, grouping: false))]
    }

    public static func + (a: FeeQuote, b: FeeQuote) -> FeeQuote {
        var q = a
        q.execution = a.execution &+ b.execution
        q.data = a.data &+ b.data
        q.operatorFee = a.operatorFee &+ b.operatorFee
        q.receiptGas = a.receiptGas &+ b.receiptGas
        return q
    }
}

public enum FeeError: Error, CustomStringConvertible {
    case unavailable(chain: String, reason: String)
    case parameter(ParameterError)
    case arbitrum(ArbitrumFee.FeeError)
    case blobs(BlobBatchPosting.PostingError)
    case compression(String)

    public var description: String {
        switch self {
        case .unavailable(let c, let r): return "\(c) is n/a in this preset: \(r)"
        case .parameter(let e): return "\(e)"
        case .arbitrum(let e): return "\(e)"
        case .blobs(let e): return "\(e)"
        case .compression(let e): return e
        }
    }
}
