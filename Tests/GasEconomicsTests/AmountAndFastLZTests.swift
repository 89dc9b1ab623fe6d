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
