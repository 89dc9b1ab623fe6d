import EVMChain
import EVMCore

/// The presets: each era in full, every parameter with its source and the date it holds for.
/// A chain that did not exist in an era is "n/a" there, never priced with later rules.
/// Market prices (L1 fees, ETH/USD) are inputs, not protocol facts: a preset says where its
/// figure comes from, and `--set` replaces any of them.
extension FeePreset {
    static let gwei = Wei.perGwei

    /// June 2023, the paper's: L1 at 20 gwei and $1,742 under Shanghai; OP Mainnet just
    /// migrated to Bedrock; Arbitrum One on Nitro with calldata batches; no Base, no blobs.
    public static let paper2023 = FeePreset(
        name: "paper-2023", date: "2023-06",
        summary: "the paper's prices (20 gwei, $1,742) with the Layer-2 rules of June 2023",
        l1Upgrade: Upgrade.named("Shanghai")!,
        l1: [
            Parameter("baseFee", U256(20) &* gwei, .wei, meaning: "L1 base fee",
                      source: "the paper's gas price (../shared/docs/TABLE1.md), taken as base fee with no tip", date: "2023-06"),
            Parameter("priorityFee", .zero, .wei, meaning: "L1 priority fee",
                      source: "the paper prices gas at one price, 20 gwei", date: "2023-06"),
            Parameter("ethUSD", usd: ExactDecimal(parsing: "1742")!, meaning: "dollars per ETH",
                      source: "the paper (../shared/docs/TABLE1.md)", date: "2023-06"),
        ],
        chains: [
            .ethereum(fork: .shanghai, note: "Shanghai, since 2023-04-12"),
            FeeChain(id: "op", name: "OP Mainnet", chainId: U256(10), rules: .opStack(.regolith), evmFork: .london,
                     upgradeNote: "Bedrock with Regolith, since 2023-06-06",
                     parameters: [
                        Parameter("l2BaseFee", U256(50), .wei, meaning: "L2 base fee",
                                  source: "assumption: Bedrock's EIP-1559 base fee sat near its floor at low load (tens of wei)",
                                  date: "2023-06"),
                        Parameter("l2PriorityFee", U256(1_000_000), .wei, meaning: "L2 priority fee",
                                  source: "assumption: 0.001 gwei, the tip wallets set on OP Mainnet then", date: "2023-06"),
                        Parameter("overhead", U256(188), meaning: "Bedrock fixed overhead (L1 gas)",
                                  source: "OP Mainnet GasPriceOracle at the Bedrock migration", date: "2023-06-06"),
                        Parameter("scalar", U256(684_000), meaning: "Bedrock dynamic overhead, millionths (0.684)",
                                  source: "OP Mainnet GasPriceOracle at the Bedrock migration", date: "2023-06-06"),
                     ]),
            FeeChain(id: "base", name: "Base", chainId: U256(8_453), rules: .opStack(.regolith), evmFork: .london,
                     upgradeNote: "not yet launched", unavailable: "Base mainnet opened on 2023-08-09, after June 2023"),
            FeeChain(id: "arbitrum", name: "Arbitrum One", chainId: U256(42_161), rules: .arbitrum(.nitro), evmFork: .london,
                     upgradeNote: "Nitro (ArbOS 10), calldata batches, brotli level 0",
                     parameters: [
                        Parameter("l2BaseFee", U256(100_000_000), .wei, meaning: "L2 base fee (its floor)",
                                  source: "Nitro docs/arbos/gas.md: the gas price floor is 0.1 gwei on Arbitrum One", date: "2023"),
                        Parameter("pricePerUnit", .zero, .wei, meaning: "L1 price per unit; 0 = from the batch-cost model",
                                  source: "ArbOS's L1 pricer tracks what batches cost (arbos/l1pricing)", date: "2023-06"),
                        Parameter("perBatchGas", U256(100_000), meaning: "L1 gas per batch besides its data",
                                  source: "InitialPerBatchGasCostV6, arbos/l1pricing/l1pricing.go", date: "2023"),
                        Parameter("batchBytes", U256(100_000), meaning: "compressed bytes per batch",
                                  source: "assumption: the batch poster's ~100 kB maximum batch, batches then being full",
                                  date: "2023-06"),
                     ]),
            FeeChain(id: "blobs", name: "Blob rollup", chainId: U256(8_453), rules: .blobRollup, evmFork: .shanghai,
                     upgradeNote: "not yet possible", unavailable: "blobs arrived with Dencun on 2024-03-13"),
        ])

    /// December 2026: L1 after the BPO2 blob-parameter fork (Osaka's EVM), OP Stack chains on
    /// Jovian, Arbitrum posting blobs. Protocol parameters come from specifications and client
    /// code; market prices are assumptions of the date (GasLab has no network access), each
    /// replaceable with `--set`.
    public static let current2026 = FeePreset(
        name: "2026-12", date: "2026-12-02",
        summary: "mainnet rules of December 2026 (BPO2, OP Jovian, Arbitrum blob batches); market prices assumed",
        l1Upgrade: Upgrade.named("BPO2")!,
        l1: [
            Parameter("baseFee", U256(1) &* gwei, .wei, meaning: "L1 base fee",
                      source: "assumption: about 1 gwei after the 2025 gas-limit raises (no live data)", date: "2026-12"),
            Parameter("priorityFee", U256(100_000_000), .wei, meaning: "L1 priority fee",
                      source: "assumption: 0.1 gwei, a common wallet tip (no live data)", date: "2026-12"),
            Parameter("excessBlobGas", .zero, meaning: "L1 excess blob gas (the blob base fee follows it)",
                      source: "assumption: blobs below target; EIP-7918's reserve price then sets the blob fee", date: "2026-12"),
            Parameter("ethUSD", usd: ExactDecimal(parsing: "3000")!, meaning: "dollars per ETH",
                      source: "assumption (no live data)", date: "2026-12"),
        ],
        chains: [
            .ethereum(fork: .osaka, note: "Osaka with BPO2 blob parameters (EIP-7892), since 2026-01-07"),
            FeeChain(id: "base", name: "Base", chainId: U256(8_453), rules: .opStack(.jovian), evmFork: .prague,
                     upgradeNote: "Jovian, since 2025-12",
                     parameters: opJovian(minBaseFee: U256(5_000_000), minBaseFeeSource: "docs.base.org network fees: 5,000,000 wei",
                                          baseFeeScalar: U256(1_101), blobBaseFeeScalar: U256(659_851),
                                          scalarSource: "assumption: Base's scalars at Ecotone (2024-03), not re-checked since")),
            FeeChain(id: "op", name: "OP Mainnet", chainId: U256(10), rules: .opStack(.jovian), evmFork: .prague,
                     upgradeNote: "Jovian, since 2025-12",
                     parameters: opJovian(minBaseFee: .zero, minBaseFeeSource: "assumption: OP Mainnet sets no minimum",
                                          baseFeeScalar: U256(5_227), blobBaseFeeScalar: U256(1_014_213),
                                          scalarSource: "OP Mainnet L1Block at block 124,665,056 (Fjord; op-revm's test vector)")),
            FeeChain(id: "arbitrum", name: "Arbitrum One", chainId: U256(42_161), rules: .arbitrum(.atlas), evmFork: .prague,
                     upgradeNote: "ArbOS 40 (Prague EVM), blob batches, brotli level 1",
                     parameters: [
                        Parameter("l2BaseFee", U256(10_000_000), .wei, meaning: "L2 base fee (its floor)",
                                  source: "ArbOS 20 lowered Arbitrum One's minimum base fee to 0.01 gwei", date: "2024-03"),
                        Parameter("pricePerUnit", .zero, .wei, meaning: "L1 price per unit; 0 = from the batch-cost model",
                                  source: "ArbOS's L1 pricer tracks what batches cost (arbos/l1pricing)", date: "2026-12"),
                        Parameter("perBatchGas", U256(210_000), meaning: "L1 gas per batch besides its data",
                                  source: "InitialPerBatchGasCostV12, arbos/l1pricing/l1pricing.go", date: "2024"),
                        Parameter("batchBytes", U256(6 * 126_976), meaning: "compressed bytes per batch",
                                  source: "assumption: full six-blob batches (EIP-7594's per-transaction limit)", date: "2026-12"),
                        Parameter("bytesPerBlob", U256(126_976), meaning: "usable bytes per blob",
                                  source: "4,096 field elements × 31 bytes, Nitro's blob encoding", date: "2024-03"),
                     ]),
            FeeChain(id: "blobs", name: "Blob rollup", chainId: U256(8_453), rules: .blobRollup, evmFork: .osaka,
                     upgradeNote: "a generic rollup posting brotli channels in blobs",
                     parameters: [
                        Parameter("l2BaseFee", U256(5_000_000), .wei, meaning: "L2 base fee",
                                  source: "assumption: Base's minimum base fee", date: "2026-12"),
                        Parameter("l2PriorityFee", .zero, .wei, meaning: "L2 priority fee", source: "assumption", date: "2026-12"),
                        Parameter("compressionQuality", U256(10), meaning: "brotli quality of the channel",
                                  source: "op-batcher's brotli-10 channel compression (Fjord)", date: "2024-07"),
                        Parameter("bytesPerBlob", U256(130_044), meaning: "usable bytes per blob",
                                  source: "OP Stack derivation spec, blob encoding (4 × 31 + 3 bytes per 4 field elements, less 4)",
                                  date: "2024-03"),
                        Parameter("blobTransactionGas", U256(21_000), meaning: "L1 execution gas per blob transaction",
                                  source: "intrinsic gas of a transaction with empty calldata", date: "2015"),
                     ]),
        ])

    static func opJovian(minBaseFee: U256, minBaseFeeSource: String, baseFeeScalar: U256, blobBaseFeeScalar: U256,
                         scalarSource: String) -> [Parameter] {
        [
            Parameter("l2BaseFee", U256(1_000_000), .wei, meaning: "L2 base fee before the minimum",
                      source: "assumption: 0.001 gwei at low load (no live data)", date: "2026-12"),
            Parameter("l2PriorityFee", U256(1_000_000), .wei, meaning: "L2 priority fee",
                      source: "assumption: 0.001 gwei (no live data)", date: "2026-12"),
            Parameter("minBaseFee", minBaseFee, .wei, meaning: "Jovian minimum L2 base fee", source: minBaseFeeSource, date: "2026"),
            Parameter("baseFeeScalar", baseFeeScalar, meaning: "L1 base fee scalar, millionths", source: scalarSource, date: "2024"),
            Parameter("blobBaseFeeScalar", blobBaseFeeScalar, meaning: "blob base fee scalar, millionths", source: scalarSource,
                      date: "2024"),
            Parameter("operatorFeeScalar", .zero, meaning: "Isthmus/Jovian operator fee scalar",
                      source: "assumption: zero on standard chains (the operator fee serves alt-DA chains)", date: "2026-12"),
            Parameter("operatorFeeConstant", .zero, .wei, meaning: "operator fee constant",
                      source: "assumption: zero on standard chains", date: "2026-12"),
            Parameter("daFootprintGasScalar", U256(400), meaning: "Jovian DA footprint gas scalar (moves the base fee only)",
                      source: "OP Jovian spec (l1-attributes.md): 0 means the default, 400", date: "2025"),
        ]
    }

    /// The presets by name; "current" is the newest dated one.
    public static let presets: [String: FeePreset] = ["paper-2023": paper2023, "2026-12": current2026, "current": current2026]
    public static let presetNames = ["paper-2023", "2026-12 (alias current)"]

    public static func named(_ name: String) -> FeePreset? { presets[name.lowercased()] }
}

extension FeeChain {
    static func ethereum(fork: Fork, note: String) -> FeeChain {
        FeeChain(id: "l1", name: "Ethereum", chainId: .one, rules: .ethereum, evmFork: fork, upgradeNote: note)
    }
}
