import EVMChain
import EVMCore
import GasEconomics

/// How `gaslab node` runs: the chain (fork, chain id, accounts, gas limit, base fee), mining
/// (automine or a block every `blockTime` seconds), and what it records.
public struct NodeConfig: Sendable {
    public var host = "127.0.0.1"
    public var port = 8545
    /// The upgrade from genesis: Paris and later, or BPO1/BPO2 (a proof-of-stake chain: a
    /// development node has no miners to pay).
    public var upgrade: Upgrade = Upgrade.named("Osaka")!
    public var chainId: UInt64 = 31337
    public var accountCount = 10
    public var balance: U256 = U256(10_000) &* U256(1_000_000_000_000_000_000)
    public var mnemonic = HDWallet.defaultMnemonic
    /// Seconds between blocks; nil mines one block per transaction.
    public var blockTime: Double?
    public var gasLimit: UInt64 = 30_000_000
    /// The genesis base fee (EIP-1559's initial 1 gwei by default).
    public var baseFee: U256 = HeaderRules.initialBaseFee
    /// The tip eth_sendTransaction offers and eth_maxPriorityFeePerGas suggests (Anvil's 1 gwei).
    public var defaultTip: U256 = U256(1_000_000_000)
    /// Genesis timestamp (default: now).
    public var genesisTimestamp: UInt64?
    /// How many recent blocks keep their whole state for queries at old block tags.
    public var statesKept = 256
    /// Largest request body and batch (geth's 5 MiB and 1,000 calls).
    public var maxBodyBytes = 5 * 1024 * 1024
    public var maxBatch = 1000
    /// Whether mined transactions are recorded for the gas report (`--gas-report`).
    public var recordsGasReport = false
    /// The fee preset of gaslab_costTransaction and the gas report.
    public var preset: FeePreset = .current2026
    /// Chains the gas report prices (ids of the preset's chains).
    public var reportChains: [String] = ["l1", "base", "op", "arbitrum"]
    /// Names for contracts by address (`--label ADDRESS=NAME`).
    public var labels: [Address: String] = [:]
    /// Function signatures by selector, from ABIs (`--abi`, `Contracts/`).
    public var signatures: [UInt32: String] = [:]
    /// Contract names by runtime code hash (from `Contracts/`).
    public var codeNames: [U256: String] = [:]

    public init() {}

    public var clientVersion: String { "gaslab/0.4.0/\(upgrade.name.lowercased())/swift" }
}
