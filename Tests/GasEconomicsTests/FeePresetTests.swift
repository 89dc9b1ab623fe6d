import EVMCore
@testable import GasEconomics
import Testing

/// Presets are eras in full: every parameter has a source and a date; chains that did not
/// exist are n/a; every parameter can be replaced and the preset says so; bad settings are
/// errors.
@Suite struct FeePresetTests {
    @Test func everyParameterHasASourceAndADate() {
        for preset in [FeePreset.paper2023, .current2026] {
            for (chain, p) in preset.allParameters {
                #expect(!p.source.isEmpty && !p.date.isEmpty, "\(preset.name) \(chain).\(p.key)")
            }
            for c in preset.chains where c.isAvailable {
                for key in c.requiredKeys { #expect(c.parameters[key] != nil, "\(preset.name) \(c.id) needs \(key)") }
            }
        }
    }

    /// June 2023: OP Mainnet on Bedrock (overhead 188, scalar 0.684), Arbitrum on Nitro with
    /// calldata batches and brotli level 0; Base and blob rollups did not exist.
    @Test func paper2023IsJune2023() throws {
        let p = FeePreset.paper2023
        #expect(p.l1GasPrice == U256(20_000_000_000))
        #expect(p.ethUSD == ExactDecimal(parsing: "1742"))
        #expect(p.l1Upgrade.name == "Shanghai" && p.blobMarket == nil)
        let op = try #require(p.chain("op"))
        #expect(op.rules == .opStack(.regolith))
        #expect(op.parameters["overhead"]?.value == U256(188) && op.parameters["scalar"]?.value == U256(684_000))
        #expect(p.chain("arbitrum")?.rules == .arbitrum(.nitro))
        #expect(p.chain("base")?.isAvailable == false)
        #expect(p.chain("blobs")?.isAvailable == false)
        #expect(throws: (any Error).self) { try p.quote(ChargedTransaction(gasUsed: 1, signedBytes: [1]), on: p.chain("base")!) }
    }

    @Test func settingsReplaceAndAreErrorsWhenWrong() throws {
        var p = FeePreset.current2026
        try p.apply(["l1.baseFee=7gwei", "base.baseFeeScalar=1368", "l1.ethUSD=2500.50"])
        #expect(p.l1BaseFee == U256(7_000_000_000))
        #expect(p.chain("base")?.parameters["baseFeeScalar"]?.value == U256(1_368))
        #expect(p.chain("base")?.parameters["baseFeeScalar"]?.source == "command line")
        #expect(p.ethUSD == ExactDecimal(parsing: "2500.50"))
        #expect(p.name.hasSuffix("(modified)"))
        #expect(throws: ParameterError.self) { try p.apply(["nope.x=1"]) }
        #expect(throws: ParameterError.self) { try p.apply(["l1.baseFee=cheap"]) }
        #expect(throws: ParameterError.self) { try p.apply(["base.baseFeeScalar=-3"]) }
        #expect(throws: ParameterError.self) { try p.apply(["l1.baseFee"]) }
        // A blob too small for a frame's overhead is an error, not a division by zero.
        var tiny = FeePreset.current2026
        try tiny.apply(["blobs.bytesPerBlob=24"])
        let tx = ChargedTransaction(gasUsed: 1, signedBytes: [1, 2, 3])
        #expect(throws: FeeError.self) { try tiny.quote(tx, on: tiny.chain("blobs")!) }
        #expect(throws: FeeError.self) { try tiny.quote([tx, tx], on: tiny.chain("blobs")!) }
        try tiny.apply(["arbitrum.batchBytes=0"])
        #expect(throws: FeeError.self) { try tiny.quote(tx, on: tiny.chain("arbitrum")!) }
    }

    /// An L1 quote is gas × (base fee + tip); an OP quote's data part is the formula's and
    /// Jovian's minimum base fee holds the L2 price up.
    @Test func quotes() throws {
        var p = FeePreset.current2026
        let tx = ChargedTransaction(gasUsed: 100_000, signedBytes: FastLZTests.contractCall)
        let l1 = try p.quote(tx, on: p.chain("l1")!)
        #expect(l1.execution == U256(100_000) &* U256(1_100_000_000))
        try p.apply(["base.l2BaseFee=1wei", "base.l2PriorityFee=0wei"])
        let base = try p.quote(tx, on: p.chain("base")!)
        #expect(base.execution == U256(100_000) &* U256(5_000_000))  // held at the 0.005 gwei minimum
        let params = OPStack.Parameters(l1BaseFee: p.l1BaseFee, blobBaseFee: p.blobBaseFee, baseFeeScalar: U256(1_101),
                                        blobBaseFeeScalar: U256(659_851))
        #expect(base.data == OPStack.dataFee(tx.signedBytes, upgrade: .jovian, params).fee)
        // A USD amount too large for 256 bits is cut to its leading digits, not a sentinel.
        let huge = Cost(wei: U256.max, ethUSD: ExactDecimal(parsing: "3000")!)
        #expect(huge.usd.units > U256(1) && huge.usd.units != U256.max)
    }
}

