import EVMChain
import EVMCore
@testable import GasEconomics
import Testing

/// The blob market against the execution specs (`ethereum.forks.<fork>.vm.gas.calculate_blob_gas_price`,
/// ethereum-execution 2.20) and EIP-7918's reserve price.
@Suite struct BlobMarketTests {
    @Test func blobBaseFeeFollowsExcessPerUpgrade() throws {
        let vectors: [(String, [(UInt64, String)])] = [
            ("Cancun", [(0, "1"), (10_000_000, "19"), (100_000_000, "10203769476395"),
                        (300_000_000, "1062384964474533940642434478025009248856")]),
            ("Prague", [(0, "1"), (10_000_000, "7"), (100_000_000, "470442149"), (300_000_000, "104116288792526525212767551")]),
            ("Osaka", [(10_000_000, "7"), (100_000_000, "470442149")]),
            ("BPO1", [(10_000_000, "3"), (100_000_000, "159773"), (300_000_000, "4078606725538245")]),
            ("BPO2", [(10_000_000, "2"), (100_000_000, "5209"), (300_000_000, "141372464863")]),
        ]
        for (name, cases) in vectors {
            let upgrade = try #require(Upgrade.named(name))
            for (excess, fee) in cases {
                #expect(BlobMarket(upgrade: upgrade, excessBlobGas: U256(excess)).blobBaseFee == U256(decimal: fee), "\(name) \(excess)")
            }
        }
    }

    /// EIP-7918: BLOB_BASE_COST (2^13) × base fee / GAS_PER_BLOB (2^17) = base fee / 16, from Osaka.
    @Test func reservePrice() throws {
        let osaka = BlobMarket(upgrade: try #require(Upgrade.named("Osaka")), excessBlobGas: .zero)
        #expect(osaka.reservePrice(l1BaseFee: Wei.perGwei) == U256(62_500_000))
        #expect(osaka.effectiveBlobBaseFee(l1BaseFee: Wei.perGwei) == U256(62_500_000))
        let prague = BlobMarket(upgrade: try #require(Upgrade.named("Prague")), excessBlobGas: .zero)
        #expect(prague.reservePrice(l1BaseFee: Wei.perGwei) == nil)
        #expect(prague.effectiveBlobBaseFee(l1BaseFee: Wei.perGwei) == .one)
        #expect(osaka.maxBlobsPerTransaction == 6)
        #expect(prague.maxBlobsPerTransaction == 9)
    }

    /// A batch: its bytes compressed together, 24 bytes of frame overhead per blob, whole
    /// blobs, at most six per blob transaction, 21,000 gas per blob transaction.
    @Test func batchPosting() throws {
        let market = BlobMarket(upgrade: try #require(Upgrade.named("BPO2")), excessBlobGas: .zero)
        let txs = (0..<400).map { i in FastLZTests.contractCall + [UInt8(i & 0xff)] }
        let posting = try BlobBatchPosting.post(txs, market: market, l1BaseFee: U256(16), priorityFee: .zero)
        #expect(posting.rawBytes == 400 * 346)
        #expect(posting.compressedBytes < posting.rawBytes / 4)  // near-identical transactions compress well
        #expect(posting.blobs == 1 && posting.blobTransactions == 1)
        // Blob fee at the reserve price (16 / 16 = 1 wei per blob gas) plus 21,000 gas at 16 wei.
        #expect(posting.blobFee == BlobMarket.gasPerBlob)
        #expect(posting.executionFee == U256(21_000 * 16))
        #expect(posting.share(ofBytes: 346) >= posting.total.div(U256(400)))
        let prague = BlobMarket(upgrade: try #require(Upgrade.named("Shanghai")), excessBlobGas: .zero)
        #expect(throws: BlobBatchPosting.PostingError.noBlobs("Shanghai")) { try BlobBatchPosting.post(txs, market: prague, l1BaseFee: .one) }
    }
}
