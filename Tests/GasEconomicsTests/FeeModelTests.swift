import EVMCore
@testable import GasEconomics
import Testing

func hex(_ s: String) -> [UInt8] { try! Hex.decode(s) }

/// FastLZ lengths against the vectors published with op-geth's and maili's `flz_compress_len`.
@Suite struct FastLZTests {
    static let contractCall = hex("02f901550a758302df1483be21b88304743f94f80e51afb613d764fa61751affd3313c190a86bb870151bd62fd12adb8e41ef24f3f000000000000000000000000000000000000000000000000000000000000006e000000000000000000000000af88d065e77c8cc2239327c5edb3a432268e5831000000000000000000000000000000000000000000000000000000000003c1e5000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000a000000000000000000000000000000000000000000000000000000000000000148c89ed219d02f1a5be012c689b4f5b731827bebe000000000000000000000000c001a033fd89cb37c31b2cba46b6466e040c61fc9b2a3675a7f5f493ebd5ad77c497f8a07cdf65680e238392693019b4092f610222e71b7cec06449cb922b93b6a12744e")

    @Test func publishedVectors() {
        #expect(FastLZ.compressedLength([]) == 0)
        #expect(FastLZ.compressedLength([UInt8](repeating: 0, count: 1_000)) == 21)
        #expect(FastLZ.compressedLength([UInt8](repeating: 42, count: 1_000)) == 21)
        #expect(FastLZ.compressedLength([0xfa, 0xca, 0xde]) == 4)
        #expect(FastLZ.compressedLength(Self.contractCall) == 202)
    }

    @Test func growsWithoutRepeats() {
        var input: [UInt8] = []
        var last = 0
        for i in 0..<256 {
            input.append(UInt8(i))
            let n = FastLZ.compressedLength(input)
            #expect(n > last)
            last = n
        }
    }
}

/// Each fee formula against values computed by hand from GAS-FACTS.md's formulas.
@Suite struct FeeFormulaTests {
    let tx: [UInt8] = [0, 0, 1, 2]  // calldata gas 2·4 + 2·16 = 40

    @Test func opStack() {
        let p = OPStack.Parameters.base(l1BaseFee: U256(10_000_000_000), blobBaseFee: .one)
        #expect(OPStack.calldataGas(tx) == U256(40))
        // Bedrock: (40 + 188) · 1e10 · 684,000 / 1e6.
        #expect(OPStack.l1Fee(tx, era: .bedrock, p) == U256(1_559_520_000_000))
        // Ecotone: 40 · (16 · 1,101 · 1e10 + 659,851 · 1) / 16e6.
        #expect(OPStack.l1Fee(tx, era: .ecotone, p) == U256(440_400_001))
        // Fjord: a 4-byte transaction is below the 100e6 floor: 1e8 · 176,160,000,659,851 / 1e12.
        #expect(OPStack.l1Fee(tx, era: .fjord, p) == U256(17_616_000_065))
        // Fjord on the 202-byte FastLZ vector: (−42,585,600 + 836,500 · 202) · scaled / 1e12.
        #expect(OPStack.l1Fee(FastLZTests.contractCall, era: .fjord, p) == U256(22_264_404_467))
    }

    @Test func arbitrumAndBlobs() {
        let data = [UInt8](repeating: 7, count: 500)
        let compressed = Brotli.compressedLength(data, quality: 0)
        // 67 bytes: what libbrotli's BrotliEncoderCompress gives at quality 0, window 22, for this
        // input (checked with a C program against Debian's libbrotli 1.0.9).
        #expect(compressed == 67)
        #expect(ArbitrumFee.units(data) == U256(UInt64(16 * compressed)))
        #expect(ArbitrumFee.posterGas(data, pricePerUnit: U256(3), l2BaseFee: U256(2))
                == U256(UInt64((16 * compressed * 3 + 1) / 2)))
        #expect(BlobData.blobs(for: 1) == 1)
        #expect(BlobData.blobs(for: 126_976) == 1)
        #expect(BlobData.blobs(for: 126_977) == 2)
        #expect(BlobData.fee(bytes: 100, blobBaseFee: U256(7)) == U256(131_072 * 7))
    }
}

/// Exact amounts and their printing; the paper's Table I columns from its gas figures.
@Suite struct PriceTests {
    @Test func parsing() {
        #expect(Wei.parse("20gwei") == U256(20_000_000_000))
        #expect(Wei.parse("0.5 gwei") == U256(500_000_000))
        #expect(Wei.parse("1ether") == U256(decimal: "1000000000000000000"))
        #expect(Wei.parse("123") == U256(123))
        #expect(Wei.parse("0.1wei") == nil)
        #expect(Wei.parse("abc") == nil)
        #expect(ExactDecimal(parsing: "1,742.50")?.formatted(places: 2) == "1,742.50")
        #expect(ExactDecimal(parsing: "1.2.3") == nil)
    }

    @Test func rounding() {
        let d = ExactDecimal(units: U256(35_985), scale: 4)  // 3.5985
        #expect(d.formatted(places: 2) == "3.60")
        #expect(d.formatted(places: 2, rounding: .down) == "3.59")
        #expect(ExactDecimal(units: U256(5), scale: 3).formatted(places: 2) == "0.01")
        #expect(ExactDecimal(units: U256(1_234_567), scale: 0).formatted(places: 0) == "1,234,567")
    }

    @Test func paperColumns() {
        // TABLE1.md: gwei = gas × 20; USD = gwei × 1e−9 × 1,742, printed to the cent as the paper did (truncated).
        let p = Prices.paper2023
        let rows: [(Int, String, String)] = [(103_299, "2,065,980", "3.59"), (138_433, "2,768,660", "4.82"),
                                             (276_305_223, "5,526,104,460", "9,626.47")]
        for (gas, gwei, usd) in rows {
            let c = p.cost(gas: gas)
            #expect(c.gwei.formatted(places: 0) == gwei)
            #expect(c.usd.formatted(places: 2, rounding: .down) == usd)
        }
        // The exact value behind $3.59 is 3.59893716.
        #expect(p.cost(gas: 103_299).usd.formatted(places: 8) == "3.59893716")
    }
}
