import EVMCore

/// What gas costs: a gas price in wei and the dollar price of one ether.
public struct Prices: Sendable, Equatable {
    public var name: String
    public var gasPrice: U256
    public var ethUSD: ExactDecimal

    public init(name: String, gasPrice: U256, ethUSD: ExactDecimal) {
        self.name = name
        self.gasPrice = gasPrice
        self.ethUSD = ethUSD
    }

    /// L1's gas price (base fee + tip) and dollar price of a fee preset.
    public init(_ preset: FeePreset) {
        self.init(name: preset.name, gasPrice: preset.l1GasPrice, ethUSD: preset.ethUSD)
    }

    /// The paper's: 20 gwei and $1,742 per ETH (June 2023).
    public static let paper2023 = Prices(.paper2023)

    /// The newest dated preset's L1 prices (`FeePreset.current2026`, whose market figures are
    /// stated assumptions, not live data). Both are options (`--gas-price`, `--eth-usd`).
    public static let current = Prices(.current2026)

    public static let presets: [String: Prices] = FeePreset.presets.mapValues { Prices($0) }

    /// The cost of `gas` at these prices.
    public func cost(gas: Int) -> Cost { cost(wei: U256(UInt64(max(gas, 0))) &* gasPrice) }

    public func cost(wei: U256) -> Cost { Cost(wei: wei, ethUSD: ethUSD) }
}

/// An amount of wei with its gwei, ether and dollar values, exact until printed.
public struct Cost: Sendable, Equatable {
    public var wei: U256
    public var ethUSD: ExactDecimal

    public var gwei: ExactDecimal { Wei.gwei(wei) }
    public var ether: ExactDecimal { Wei.ether(wei) }
    /// wei × price / 10^18, exact while the product fits 256 bits (any real fee); beyond,
    /// the wei are cut to their leading digits until it fits, never to a sentinel.
    public var usd: ExactDecimal {
        var ether = Wei.ether(wei)
        while true {
            if let v = ether.multiplied(by: ethUSD) { return v }
            ether = ExactDecimal(units: ether.units.div(U256(10)), scale: ether.scale - 1)
        }
    }

    public static func + (a: Cost, b: Cost) -> Cost { Cost(wei: a.wei &+ b.wei, ethUSD: a.ethUSD) }
}
