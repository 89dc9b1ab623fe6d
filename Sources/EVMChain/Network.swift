import EVMCore
import EVMState

/// EIP-4844's blob market parameters of one upgrade: the target and maximum blobs per block
/// and the base fee's update fraction. EIP-7892 lets a "blob parameter only" (BPO) fork change
/// just these.
public struct BlobParameters: Sendable, Equatable {
    public var target: Int
    public var max: Int
    public var updateFraction: Int

    public init(target: Int, max: Int, updateFraction: Int) {
        self.target = target
        self.max = max
        self.updateFraction = updateFraction
    }

    /// The parameters a fork's schedule carries (nil before Cancun).
    public init?(schedule: GasSchedule) {
        guard schedule.hasBlobs else { return nil }
        self.init(target: schedule.blobTarget, max: schedule.blobMax, updateFraction: schedule.blobBaseFeeUpdateFraction)
    }
}

/// One upgrade of a chain: the EVM rules of a `Fork` and the blob parameters in force.
/// The EIP-7892 BPO forks keep Osaka's rules and change only the blob parameters.
public struct Upgrade: Sendable, Equatable {
    /// The name the fixtures and client configs use ("Cancun", "BPO1").
    public var name: String
    public var fork: Fork
    public var blobs: BlobParameters?

    public init(name: String, fork: Fork, blobs: BlobParameters?) {
        self.name = name
        self.fork = fork
        self.blobs = blobs
    }

    public var schedule: GasSchedule { fork.schedule }

    /// Mainnet's blob-only forks (EIP-7892 configurations; BPO1 activated 2025-12-09 and
    /// BPO2 2026-01-07). Later BPO forks have no mainnet parameters: a chain config names them.
    public static let mainnetBlobOnlyForks: [String: BlobParameters] = [
        "BPO1": BlobParameters(target: 10, max: 15, updateFraction: 8_346_193),
        "BPO2": BlobParameters(target: 14, max: 21, updateFraction: 11_684_671),
    ]

    /// The upgrade of this name, its blob parameters from `blobSchedule` when it lists them
    /// (a chain config's or a fixture's `blobSchedule`), else from the fork or mainnet. BPO
    /// forks above BPO2 need a `blobSchedule` entry.
    public static func named(_ name: String, blobSchedule: [String: BlobParameters] = [:]) -> Upgrade? {
        let key = name.uppercased()
        if key.hasPrefix("BPO"), let n = Int(key.dropFirst(3)), n >= 1 {
            let canonical = "BPO\(n)"
            guard let blobs = blobSchedule[canonical] ?? blobSchedule[name] ?? mainnetBlobOnlyForks[canonical] else {
                return nil
            }
            return Upgrade(name: canonical, fork: .osaka, blobs: blobs)
        }
        guard let fork = Fork(name: name) else { return nil }
        let blobs = blobSchedule[fork.name] ?? BlobParameters(schedule: fork.schedule)
        return Upgrade(name: fork.name, fork: fork, blobs: fork.schedule.hasBlobs ? blobs : nil)
    }
}

/// A chain's upgrades and when each takes effect: a block number before the merge and a
/// timestamp after it, as client configs schedule them. The fixtures name such networks
/// "CancunToPragueAtTime15k" (Prague from timestamp 15,000) or "BerlinToLondonAt5"
/// (London from block 5); a single fork's name means that fork from genesis.
public struct Network: Sendable, Equatable {
    public enum Activation: Sendable, Equatable {
        case block(UInt64)
        case timestamp(UInt64)
    }

    public var name: String
    public var chainId: U256
    /// In order; the first is active from genesis.
    public var upgrades: [(activation: Activation, upgrade: Upgrade)]

    public init(name: String, chainId: U256 = .one, upgrades: [(activation: Activation, upgrade: Upgrade)]) {
        self.name = name
        self.chainId = chainId
        self.upgrades = upgrades
    }

    public static func == (a: Network, b: Network) -> Bool {
        a.name == b.name && a.chainId == b.chainId && a.upgrades.count == b.upgrades.count
            && zip(a.upgrades, b.upgrades).allSatisfy { $0.activation == $1.activation && $0.upgrade == $1.upgrade }
    }

    /// A network from its fixture name, or nil when a fork in it is not one GasLab runs
    /// (Frontier … ConstantinopleFix) or a BPO fork has no blob parameters.
    public init?(name: String, chainId: U256 = .one, blobSchedule: [String: BlobParameters] = [:]) {
        guard let to = name.firstRange(of: "To"), let at = name[to.upperBound...].firstRange(of: "At") else {
            guard let only = Upgrade.named(name, blobSchedule: blobSchedule) else { return nil }
            self.init(name: name, chainId: chainId, upgrades: [(.block(0), only)])
            return
        }
        guard let from = Upgrade.named(String(name[..<to.lowerBound]), blobSchedule: blobSchedule),
              let next = Upgrade.named(String(name[to.upperBound..<at.lowerBound]), blobSchedule: blobSchedule)
        else { return nil }
        var point = name[at.upperBound...]
        let byTime = point.hasPrefix("Time")
        if byTime { point = point.dropFirst(4) }
        var multiplier: UInt64 = 1
        if point.hasSuffix("k") {
            multiplier = 1_000
            point = point.dropLast()
        }
        guard let value = UInt64(point), value <= UInt64.max / multiplier else { return nil }
        let activation: Activation = byTime ? .timestamp(value * multiplier) : .block(value * multiplier)
        self.init(name: name, chainId: chainId, upgrades: [(.block(0), from), (activation, next)])
    }

    /// The upgrade in force in a block of this number and timestamp.
    public func upgrade(number: U256, timestamp: U256) -> Upgrade {
        var current = upgrades[0].upgrade
        for (activation, upgrade) in upgrades.dropFirst() {
            switch activation {
            case .block(let n): if number >= U256(n) { current = upgrade }
            case .timestamp(let t): if timestamp >= U256(t) { current = upgrade }
            }
        }
        return current
    }

    /// The upgrade of a header.
    public func upgrade(of header: BlockHeader) -> Upgrade { upgrade(number: header.number, timestamp: header.timestamp) }
}
