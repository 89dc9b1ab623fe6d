import EVMCore
@testable import GasEconomics
import Testing

/// Arbitrum Nitro's poster cost as ArbOS computes it: 16 units per brotli byte (level 0 before
/// ArbOS 20, level 1 from it), poster gas rounded down, the gas limit covering it.
@Suite struct ArbitrumFeeTests {
    /// Brotli lengths at window 22 from an independent encoder (Python's `brotli` 1.2.1, the
    /// reference C encoder's bindings): 0xFACADE is 7 bytes at either level; op-geth's contract
    /// call (345 bytes) is 338 at level 0 and 281 at level 1; 1,000 zeros are 67 and 20.
    @Test func brotliLevels() throws {
        #expect(try Brotli.compressedLength(hex("FACADE"), quality: 0) == 7)
        #expect(try Brotli.compressedLength(hex("FACADE"), quality: 1) == 7)
        #expect(try Brotli.compressedLength(FastLZTests.contractCall, quality: 0) == 338)
        #expect(try Brotli.compressedLength(FastLZTests.contractCall, quality: 1) == 281)
        #expect(try Brotli.compressedLength([UInt8](repeating: 0, count: 1_000), quality: 0) == 67)
        #expect(try Brotli.compressedLength([UInt8](repeating: 0, count: 1_000), quality: 1) == 20)
        #expect(try ArbitrumFee.units(FastLZTests.contractCall, era: .nitro) == U256(16 * 338))
        #expect(try ArbitrumFee.units(FastLZTests.contractCall, era: .atlas) == U256(16 * 281))
    }

    /// posterGas = ⌊posterCost / baseFee⌋ and posterFee = posterGas × baseFee (Nitro's
    /// GasChargingHook): 4,496 units × 3 wei = 13,488 wei at a base fee of 5 wei is 2,697 gas,
    /// 13,485 wei (the 3 wei remainder is not charged).
    @Test func posterGasRoundsDown() throws {
        let p = try ArbitrumFee.poster(FastLZTests.contractCall, era: .atlas, pricePerUnit: U256(3), l2BaseFee: U256(5))
        #expect(p.units == U256(4_496))
        #expect(p.posterCost == U256(13_488))
        #expect(p.posterGas == U256(2_697))
        #expect(p.posterFee == U256(13_485))
        #expect(throws: ArbitrumFee.FeeError.zeroBaseFee) {
            try ArbitrumFee.poster([1], era: .atlas, pricePerUnit: .one, l2BaseFee: .zero)
        }
    }

    /// The price per unit at the L1 pricer's equilibrium, by hand: calldata batches of 100,000
    /// bytes with 100,000 gas of overhead at 20 gwei cost 20 × (1,600,000 + 100,000) / 1,600,000
    /// = 21.25 gwei per unit; a six-blob batch of 761,856 bytes at a 1 gwei blob fee and 1 gwei
    /// L1 fee costs (6 × 131,072 + 210,000) gwei over 12,189,696 units.
    @Test func pricePerUnitModels() {
        let gwei = Wei.perGwei
        let calldata = ArbitrumFee.PricePerUnitModel.calldata(l1BaseFee: U256(20) &* gwei, perBatchGas: U256(100_000),
                                                              batchBytes: U256(100_000))
        #expect(calldata.pricePerUnit == U256(21_250_000_000))
        let blobs = ArbitrumFee.PricePerUnitModel.blobs(blobBaseFee: gwei, l1BaseFee: gwei, perBatchGas: U256(210_000),
                                                        batchBytes: U256(761_856), bytesPerBlob: U256(126_976))
        #expect(blobs.pricePerUnit == (U256(6 * 131_072 + 210_000) &* gwei).div(U256(12_189_696)))
    }

    /// A preset's Arbitrum quote: the receipt's gas is execution plus poster gas, the data
    /// part is exactly posterGas × base fee.
    @Test func quoteCoversPosterGas() throws {
        let preset = FeePreset.current2026
        let arb = try #require(preset.chain("arbitrum"))
        let q = try preset.quote(ChargedTransaction(gasUsed: 50_000, signedBytes: FastLZTests.contractCall), on: arb)
        let baseFee = try arb.parameters.value("l2BaseFee")
        let posterGas = q.receiptGas &- U256(50_000)
        #expect(q.data == posterGas &* baseFee)
        #expect(q.execution == U256(50_000) &* baseFee)
    }
}
