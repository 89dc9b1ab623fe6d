import EVMCore
@testable import EVMPrecompiles
import Testing

/// BN254's base field, whose Montgomery multiplication and masked addition and subtraction are
/// written out limb by limb: against the EVM's MULMOD and ADDMOD (U256, an independent
/// implementation tested against long division) on edge values and pseudo-random ones.
@Suite struct BN254FieldTests {
    @Test func literalConstantsMatchTheModulus() {
        #expect(Fp.p == U256(hex: "30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47")!)
        // −p⁻¹ mod 2^64 by Newton's iteration.
        var x: UInt64 = 1
        for _ in 0..<7 { x = x &* (2 &- Fp.p0 &* x) }
        #expect(Fp.pInv == 0 &- x)
    }

    @Test func arithmeticAgreesWithMulModAndAddMod() {
        let p = Fp.p
        var values: [U256] = [.zero, .one, U256(2), p &- U256.one, p &- U256(2), p >> 1, (p >> 1) &+ U256.one,
                              U256(w0: ~0, w1: ~0, w2: ~0, w3: 0), U256(w0: ~0, w1: 0, w2: ~0, w3: Fp.p3 - 1)]
        var state: UInt64 = 0x9e37_79b9_7f4a_7c15
        func next() -> UInt64 {  // splitmix64
            state = state &+ 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
        for _ in 0..<40 {
            values.append(U256.addmod(U256(w0: next(), w1: next(), w2: next(), w3: next()), .zero, p))
        }
        for a in values {
            for b in values {
                let fa = Fp(a), fb = Fp(b)
                #expect((fa * fb).value == U256.mulmod(a, b, p))
                #expect((fa + fb).value == U256.addmod(a, b, p))
                #expect((fa - fb).value == U256.addmod(a, b.isZero ? .zero : p &- b, p))
            }
            #expect(Fp(a).value == a)
        }
    }
}
