import EVMCore
@testable import EVMChain
import EVMState
import Testing

/// Networks as the fixtures name them, fork changes at a block number or a timestamp, and
/// EIP-7892's blob-parameter-only forks.
@Suite struct NetworkTests {
    @Test func singleForkIsActiveFromGenesis() throws {
        let network = try #require(Network(name: "Prague"))
        #expect(network.upgrade(number: .zero, timestamp: .zero).fork == .prague)
        #expect(network.upgrade(number: U256(1_000_000), timestamp: U256(1 << 40)).fork == .prague)
        #expect(Network(name: "Frontier") == nil)
        #expect(Network(name: "Homestead") == nil)
    }

    /// "CancunToPragueAtTime15k": Prague from timestamp 15,000; "BerlinToLondonAt5": London
    /// from block 5.
    @Test func transitionsByTimestampAndByBlock() throws {
        let byTime = try #require(Network(name: "CancunToPragueAtTime15k"))
        #expect(byTime.upgrade(number: U256(99), timestamp: U256(14_999)).fork == .cancun)
        #expect(byTime.upgrade(number: U256(1), timestamp: U256(15_000)).fork == .prague)
        let byBlock = try #require(Network(name: "BerlinToLondonAt5"))
        #expect(byBlock.upgrade(number: U256(4), timestamp: U256(1 << 30)).fork == .berlin)
        #expect(byBlock.upgrade(number: U256(5), timestamp: .zero).fork == .london)
        #expect(Network(name: "ByzantiumToConstantinopleFixAt5") == nil)
        #expect(Network(name: "CancunToPragueAtTimeSoon") == nil)
    }

    /// EIP-7892's mainnet configuration: BPO1 target 10, max 15, update fraction 8,346,193;
    /// BPO2 target 14, max 21, update fraction 11,684,671; both run Osaka's EVM.
    @Test func mainnetBlobOnlyForks() throws {
        let bpo1 = try #require(Upgrade.named("BPO1"))
        #expect(bpo1.fork == .osaka)
        #expect(bpo1.blobs == BlobParameters(target: 10, max: 15, updateFraction: 8_346_193))
        let bpo2 = try #require(Upgrade.named("bpo2"))
        #expect(bpo2.blobs == BlobParameters(target: 14, max: 21, updateFraction: 11_684_671))
        // BPO3 has no mainnet parameters: it exists only with a chain config's schedule.
        #expect(Upgrade.named("BPO3") == nil)
        let custom = BlobParameters(target: 21, max: 32, updateFraction: 20_609_697)
        #expect(Upgrade.named("BPO3", blobSchedule: ["BPO3": custom])?.blobs == custom)
        // Forks before Cancun have no blob market; Osaka keeps Prague's EIP-7691 parameters.
        #expect(Upgrade.named("Shanghai")?.blobs == nil)
        #expect(Upgrade.named("Osaka")?.blobs == BlobParameters(target: 6, max: 9, updateFraction: 5_007_716))
    }

    /// At a BPO boundary the new block's excess blob gas uses the new fork's target (EIP-7892):
    /// a parent at Osaka with 9 blobs used and no excess leaves 9 − 6 = 3 blobs of excess
    /// under Osaka's target, and none under BPO1's target of 10.
    @Test func excessBlobGasUsesTheChildsParameters() throws {
        let network = try #require(Network(name: "OsakaToBPO1AtTime15k"))
        let perBlob = U256(131_072)
        let parent = BlockHeader(number: U256(1), gasLimit: U256(30_000_000), timestamp: U256(14_988),
                                 baseFeePerGas: U256(7), blobGasUsed: perBlob &* U256(9), excessBlobGas: .zero)
        func excess(at timestamp: UInt64) -> U256? {
            let upgrade = network.upgrade(number: U256(2), timestamp: U256(timestamp))
            return HeaderRules.excessBlobGas(parent: parent, schedule: upgrade.schedule, target: upgrade.blobs?.target,
                                             max: upgrade.blobs?.max, updateFraction: upgrade.blobs?.updateFraction)
        }
        #expect(excess(at: 14_999) == perBlob &* U256(3))
        #expect(excess(at: 15_000) == .zero)
    }
}
