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

    /// The paper's: 20 gwei and $1,742 per ETH (June 2023).
    public static let paper2023 = Prices(name: "paper-2023", gasPrice: U256(20_000_000_000), ethUSD: ExactDecimal(parsing: "1742")!)

    /// A ballpark for late 2026, stated rather than fetched (GasLab has no network access):
    /// mainnet gas around 1 gwei after the 2025 gas-limit raises and Fusaka, ETH at $3,000.
    /// Both are options (`--gas-price`, `--eth-usd`).
    public static let today = Prices(name: "today", gasPrice: U256(1_000_000_000), ethUSD: ExactDecimal(parsing: "3000")!)

    public static let presets: [String: Prices] = ["paper-2023": paper2023, "today": today]

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
    /// wei × price / 10^18, exact.
    public var usd: ExactDecimal { Wei.ether(wei).multiplied(by: ethUSD) ?? ExactDecimal(units: .max, scale: 0) }

    public static func + (a: Cost, b: Cost) -> Cost { Cost(wei: a.wei &+ b.wei, ethUSD: a.ethUSD) }
}
