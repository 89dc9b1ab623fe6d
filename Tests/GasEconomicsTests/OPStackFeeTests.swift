import EVMCore
@testable import GasEconomics
import Testing

/// OP Stack's fees against the chains' own vectors: op-geth's `rollup_cost_test.go` (its
/// `emptyTx` under Bedrock, Regolith, Ecotone and Fjord), op-revm's `l1block.rs` tests
/// (0xFACADE, deposits, two OP Mainnet transactions with the fees OP Mainnet charged, the
/// Isthmus and Jovian operator fee).
@Suite struct OPStackFeeTests {
    /// op-geth's `emptyTx`: NewTransaction(0, 0x095e7b…, 0, 0, 0, nil), unsigned, legacy RLP.
    static let emptyTx: [UInt8] = [0xdd, 0x80, 0x80, 0x80, 0x94] + hex("095e7baea6a6c7c4c2dfeb977efac326af552d87")
        + [0x80, 0x80, 0x80, 0x80, 0x80]

    @Test func opGethEmptyTransaction() {
        // baseFee 1000e6, overhead 50, scalar 7e6; blobBaseFee 10e6, scalars 2 and 3.
        var p = OPStack.Parameters(l1BaseFee: U256(1_000_000_000), blobBaseFee: U256(10_000_000), overhead: U256(50),
                                   scalar: U256(7_000_000), baseFeeScalar: U256(2), blobBaseFeeScalar: U256(3))
        let bedrock = OPStack.dataFee(Self.emptyTx, upgrade: .bedrock, p)
        #expect(bedrock.fee == U256(11_326_000_000_000))
        #expect(bedrock.l1GasUsed == U256(1_618))
        let regolith = OPStack.dataFee(Self.emptyTx, upgrade: .regolith, p)
        #expect(regolith.fee == U256(3_710_000_000_000))
        #expect(regolith.l1GasUsed == U256(530))
        let ecotone = OPStack.dataFee(Self.emptyTx, upgrade: .ecotone, p)
        #expect(ecotone.fee == U256(960_900))
        #expect(ecotone.l1GasUsed == U256(480))
        #expect(FastLZ.compressedLength(Self.emptyTx) == 31)
        let fjord = OPStack.dataFee(Self.emptyTx, upgrade: .fjord, p)
        #expect(fjord.fee == U256(3_203_000))  // the minimum size: 100e6 × 32.03e9 / 1e12
        #expect(fjord.l1GasUsed == U256(1_600))
        p.overhead = .zero
        #expect(OPStack.dataFee([], upgrade: .ecotone, p).fee == .zero)
    }

    @Test func opRevmFacade() {
        let facade = hex("FACADE")
        let p = OPStack.Parameters(l1BaseFee: U256(1_000), blobBaseFee: U256(1_000), overhead: U256(1_000), scalar: U256(1_000),
                                   baseFeeScalar: U256(1_000), blobBaseFeeScalar: U256(1_000))
        #expect(OPStack.dataFee(facade, upgrade: .bedrock, p).calldataGas == U256(1_136))
        #expect(OPStack.dataFee(hex("FA00CA00DE"), upgrade: .bedrock, p).calldataGas == U256(1_144))
        #expect(OPStack.dataFee(hex("FA00CA00DE"), upgrade: .regolith, p).calldataGas == U256(56))
        #expect(OPStack.dataFee(facade, upgrade: .regolith, p).fee == U256(1_048))
        #expect(OPStack.dataFee(facade, upgrade: .ecotone, p).fee == U256(51))
        #expect(OPStack.dataFee(facade, upgrade: .fjord, p).fee == U256(1_700))
        #expect(OPStack.dataFee(FastLZTests.contractCall, upgrade: .fjord, p).fee == U256(2_148))
        // Deposits (type 0x7E) pay no L1 fee under any upgrade.
        for u in OPStack.Upgrade.allCases { #expect(OPStack.dataFee(hex("7EFACADE"), upgrade: u, p).fee == .zero) }
    }

    /// OP Mainnet block 118,024,092 (Ecotone), its second transaction: l1GasUsed 2,456 and an
    /// L1 fee of 7,306,020,222,001 wei, as the chain charged.
    @Test func opMainnetEcotoneTransaction() {
        let tx = hex("02f8b30a832253fc8402d11f39842c8a46398301388094dc6ff44d5d932cbd77b52e5612ba0529dc6226f180b844a9059cbb000000000000000000000000d43e02db81f4d46cdf8521f623d21ea0ec7562a50000000000000000000000000000000000000000000000008ac7230489e80000c001a02947e24750723b48f886931562c55d9e07f856d8e06468e719755e18bbc3a570a0784da9ce59fd7754ea5be6e17a86b348e441348cd48ace59d174772465eadbd1")
        let p = OPStack.Parameters(l1BaseFee: U256(47_036_678_951), blobBaseFee: U256(57_422_457_042),
                                   baseFeeScalar: U256(1_368), blobBaseFeeScalar: U256(810_949))
        let fee = OPStack.dataFee(tx, upgrade: .ecotone, p)
        #expect(fee.l1GasUsed == U256(2_456))
        #expect(fee.fee == U256(7_306_020_222_001))
    }

    /// OP Mainnet block 124,665,056 (Fjord), its second transaction: data gas 4,471 and an L1
    /// fee of 0x5bf1ab43d wei.
    @Test func opMainnetFjordTransaction() {
        let tx = hex("02f904940a8303fba78401d6d2798401db2b6d830493e0943e6f4f7866654c18f536170780344aa8772950b680b904246a761202000000000000000000000000087000a300de7200382b55d40045000000e5d60e0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000014000000000000000000000000000000000000000000000000000000000000000010000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000003a0000000000000000000000000000000000000000000000000000000000000022482ad56cb0000000000000000000000000000000000000000000000000000000000000020000000000000000000000000000000000000000000000000000000000000000200000000000000000000000000000000000000000000000000000000000000400000000000000000000000000000000000000000000000000000000000000120000000000000000000000000dc6ff44d5d932cbd77b52e5612ba0529dc6226f1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000600000000000000000000000000000000000000000000000000000000000000044095ea7b300000000000000000000000021c4928109acb0659a88ae5329b5374a3024694c0000000000000000000000000000000000000000000000049b9ca9a6943400000000000000000000000000000000000000000000000000000000000000000000000000000000000021c4928109acb0659a88ae5329b5374a3024694c000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000600000000000000000000000000000000000000000000000000000000000000024b6b55f250000000000000000000000000000000000000000000000049b9ca9a694340000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000415ec214a3950bea839a7e6fbb0ba1540ac2076acd50820e2d5ef83d0902cdffb24a47aff7de5190290769c4f0a9c6fabf63012986a0d590b1b571547a8c7050ea1b00000000000000000000000000000000000000000000000000000000000000c080a06db770e6e25a617fe9652f0958bd9bd6e49281a53036906386ed39ec48eadf63a07f47cf51a4a40b4494cf26efc686709a9b03939e20ee27e59682f5faa536667e")
        let p = OPStack.Parameters(l1BaseFee: U256(1_055_991_687), blobBaseFee: .one, baseFeeScalar: U256(5_227),
                                   blobBaseFeeScalar: U256(1_014_213))
        let fee = OPStack.dataFee(tx, upgrade: .fjord, p)
        #expect(fee.l1GasUsed == U256(4_471))
        #expect(fee.fee == U256(hex: "5bf1ab43d"))
    }

    /// op-revm: scalar 1,000 and constant 10 on 1,000 gas: Isthmus 1,000 × 1,000 / 1e6 + 10 = 11,
    /// Jovian 1,000 × 1,000 × 100 + 10 = 100,000,010; none before Isthmus.
    @Test func operatorFee() {
        let p = OPStack.Parameters(l1BaseFee: .zero, operatorFeeScalar: U256(1_000), operatorFeeConstant: U256(10))
        #expect(OPStack.operatorFee(gasUsed: U256(1_000), upgrade: .isthmus, p) == U256(11))
        #expect(OPStack.operatorFee(gasUsed: U256(1_000), upgrade: .jovian, p) == U256(100_000_010))
        #expect(OPStack.operatorFee(gasUsed: U256(1_000), upgrade: .fjord, p) == .zero)
    }

    /// Jovian's DA footprint: the Fjord size estimate in bytes × the scalar (100 × 400 for a
    /// transaction at the minimum size).
    @Test func daFootprint() {
        let p = OPStack.Parameters(l1BaseFee: .zero, daFootprintGasScalar: U256(400))
        #expect(OPStack.daFootprint(hex("FACADE"), p) == U256(40_000))
        // 202 FastLZ bytes: (−42,585,600 + 836,500 × 202) / 1e6 = 126 bytes (rounded down).
        #expect(OPStack.daFootprint(FastLZTests.contractCall, p) == U256(126 * 400))
    }
}
