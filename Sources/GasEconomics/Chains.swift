import EVMCore

/// Where a transaction runs and how it is charged: Ethereum itself, or a rollup that charges
/// execution gas at its own price plus the cost of posting the transaction's bytes to L1.
public struct Chain: Sendable, Equatable {
    public enum Model: Sendable, Equatable {
        /// Ethereum: gasUsed × gas price.
        case layer1
        /// OP Stack (Optimism, Base): gasUsed × L2 gas price + the L1 data fee of an era.
        case opStack(OPStack.Era)
        /// Arbitrum Nitro: gasUsed × L2 base fee + the poster cost (brotli-zero size × 16 × price per unit).
        case arbitrum
        /// A rollup posting transactions in blobs, uncompressed: gasUsed × L2 gas price + each
        /// transaction's share of blob gas (its bytes / 126,976 per blob) × blob base fee.
        case blobs
    }

    public var name: String
    public var chainId: U256
    public var model: Model

    public static let ethereum = Chain(name: "Ethereum L1", chainId: .one, model: .layer1)
    public static let base = Chain(name: "Base (OP Stack, Fjord)", chainId: U256(8_453), model: .opStack(.fjord))
    public static let optimism = Chain(name: "OP Mainnet (Fjord)", chainId: U256(10), model: .opStack(.fjord))
    public static let arbitrum = Chain(name: "Arbitrum One", chainId: U256(42_161), model: .arbitrum)
    public static let blobRollup = Chain(name: "Blob-posting rollup", chainId: U256(8_453), model: .blobs)

    public static let byName: [String: Chain] = [
        "l1": ethereum, "ethereum": ethereum, "base": base, "op": optimism, "optimism": optimism,
        "arbitrum": arbitrum, "blobs": blobRollup,
    ]
}

/// The prices a fee model needs. Every one is an option; the presets state their assumptions.
public struct FeeEnvironment: Sendable, Equatable {
    public var name: String
    /// Ethereum's gas price (also the L1 base fee that rollups pay for calldata).
    public var l1GasPrice: U256
    public var l1BaseFee: U256
    public var blobBaseFee: U256
    /// The L2's execution gas price (OP Stack, blob rollup) or base fee (Arbitrum).
    public var l2GasPrice: U256
    /// Arbitrum's L1 price per unit (it tracks the L1 base fee).
    public var arbitrumPricePerUnit: U256
    public var ethUSD: ExactDecimal

    public init(name: String, l1GasPrice: U256, l1BaseFee: U256, blobBaseFee: U256, l2GasPrice: U256,
                arbitrumPricePerUnit: U256, ethUSD: ExactDecimal) {
        self.name = name
        self.l1GasPrice = l1GasPrice
        self.l1BaseFee = l1BaseFee
        self.blobBaseFee = blobBaseFee
        self.l2GasPrice = l2GasPrice
        self.arbitrumPricePerUnit = arbitrumPricePerUnit
        self.ethUSD = ethUSD
    }

    /// The paper's prices: 20 gwei on L1 (and as L1 base fee), $1,742 per ETH; the L2 side at
    /// Arbitrum's 0.01 gwei floor; blobs at their 1-wei minimum.
    public static let paper2023 = FeeEnvironment(
        name: "paper-2023", l1GasPrice: U256(20_000_000_000), l1BaseFee: U256(20_000_000_000), blobBaseFee: .one,
        l2GasPrice: U256(10_000_000), arbitrumPricePerUnit: U256(20_000_000_000), ethUSD: ExactDecimal(parsing: "1742")!)

    /// Late-2026 assumptions (no live data): 1 gwei on L1, blobs at 1 wei, L2 at 0.01 gwei, $3,000.
    public static let today = FeeEnvironment(
        name: "today", l1GasPrice: U256(1_000_000_000), l1BaseFee: U256(1_000_000_000), blobBaseFee: .one,
        l2GasPrice: U256(10_000_000), arbitrumPricePerUnit: U256(1_000_000_000), ethUSD: ExactDecimal(parsing: "3000")!)

    public static let presets: [String: FeeEnvironment] = ["paper-2023": paper2023, "today": today]

    public func cost(_ wei: U256) -> Cost { Cost(wei: wei, ethUSD: ethUSD) }
}

/// One transaction as a fee model sees it: the gas it used and its signed bytes.
public struct ChargedTransaction: Sendable {
    public var gasUsed: Int
    public var signedBytes: [UInt8]
    public init(gasUsed: Int, signedBytes: [UInt8]) {
        self.gasUsed = gasUsed
        self.signedBytes = signedBytes
    }
}

/// The fee of a transaction on a chain, split into execution and data.
public struct Fee: Sendable, Equatable {
    public var execution: U256
    public var data: U256
    public var total: U256 { execution &+ data }

    public static func + (a: Fee, b: Fee) -> Fee { Fee(execution: a.execution &+ b.execution, data: a.data &+ b.data) }
    public static let zero = Fee(execution: .zero, data: .zero)
}

extension Chain {
    /// What a transaction costs on this chain, in wei.
    public func fee(_ tx: ChargedTransaction, _ env: FeeEnvironment) -> Fee {
        let gas = U256(UInt64(max(tx.gasUsed, 0)))
        switch model {
        case .layer1:
            return Fee(execution: gas &* env.l1GasPrice, data: .zero)
        case .opStack(let era):
            let params = chainId == U256(10)
                ? OPStack.Parameters.opMainnet(l1BaseFee: env.l1BaseFee, blobBaseFee: env.blobBaseFee)
                : OPStack.Parameters.base(l1BaseFee: env.l1BaseFee, blobBaseFee: env.blobBaseFee)
            return Fee(execution: gas &* env.l2GasPrice, data: OPStack.l1Fee(tx.signedBytes, era: era, params))
        case .arbitrum:
            return Fee(execution: gas &* env.l2GasPrice,
                       data: ArbitrumFee.posterCost(tx.signedBytes, pricePerUnit: env.arbitrumPricePerUnit))
        case .blobs:
            let share = U256(UInt64(tx.signedBytes.count)) &* BlobData.gasPerBlob &* env.blobBaseFee
            let (q, r) = share.quotientAndRemainder(dividingBy: U256(UInt64(BlobData.usableBytesPerBlob)))
            return Fee(execution: gas &* env.l2GasPrice, data: r.isZero ? q : q &+ .one)
        }
    }

    public func fee(_ txs: [ChargedTransaction], _ env: FeeEnvironment) -> Fee {
        txs.reduce(Fee.zero) { $0 + fee($1, env) }
    }
}
