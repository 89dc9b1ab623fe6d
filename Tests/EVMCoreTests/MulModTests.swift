import Testing
@testable import EVMCore

/// MULMOD and ADDMOD with a four-limb modulus take `reduceByFullWidth`; its rare branches (a
/// quotient estimate of 2^64 − 1, the correction loop, the add-back) need dividends built to
/// reach them, beside the random words of `U256ArithmeticTests`.
@Suite struct MulModTests {
    @Test func fullWidthModuliAgainstReference() {
        var g = SplitMix(seed: 0xfeed_beef)
        // Moduli with the top limb set, from one bit (shift 63) to all 64 (shift 0).
        var moduli: [U256] = [
            .max, U256.signBit, U256.signBit | .one,
            U256(w0: 1, w1: 0, w2: 0, w3: 1),
            U256(w0: .max, w1: .max, w2: .max, w3: 1),
            // secp256k1's p and the BN254 prime, the moduli of real curve code.
            U256(w0: 0xFFFF_FFFE_FFFF_FC2F, w1: .max, w2: .max, w3: .max),
            U256(w0: 0x3C20_8C16_D87C_FD47, w1: 0x9781_6A91_6871_CA8D, w2: 0xB850_45B6_8181_585D, w3: 0x3064_4E72_E131_A029),
        ]
        for _ in 0..<200 {
            var m = U256.random(using: &g)
            if m.w3 == 0 { m.w3 = g.next() | 1 }
            moduli.append(m)
        }
        for m in moduli {
            let rm = Ref(m)
            // Operands at and near the modulus and the word's edges, and random ones.
            var operands: [U256] = [.zero, .one, .max, m, m &- .one, m &+ .one, U256.max &- m]
            for _ in 0..<6 { operands.append(U256.random(using: &g)) }
            for a in operands {
                for b in operands {
                    #expect(U256.mulmod(a, b, m) == Ref.divMod(Ref(a) * Ref(b), rm).1.u256,
                            "MULMOD \(a.hexString) \(b.hexString) \(m.hexString)")
                    #expect(U256.addmod(a, b, m) == Ref.divMod(Ref(a) + Ref(b), rm).1.u256,
                            "ADDMOD \(a.hexString) \(b.hexString) \(m.hexString)")
                }
            }
        }
    }

    /// The specialised reduction agrees with the general long division on 512-bit dividends.
    @Test func agreesWithLongDivision() {
        var g = SplitMix(seed: 42)
        for _ in 0..<3_000 {
            var m = U256.random(using: &g)
            if m.w3 == 0 { m.w3 = g.next() >> (g.next() % 64) | 1 }
            let high = U256.random(using: &g), low = U256.random(using: &g)
            let expected = Ref.divMod(Ref(high) * Ref.two256 + Ref(low), Ref(m)).1.u256
            #expect(U256.reduceByFullWidth(high: high, low: low, modulus: m) == expected)
        }
    }

    /// High halves just below the modulus: after normalising, the running remainder's top two
    /// limbs equal the divisor's, the one case the 3-by-2 quotient cannot take
    /// (`divisionStepByMax`).
    @Test func remainderTopEqualToModulusTop() {
        var g = SplitMix(seed: 7)
        var moduli: [U256] = [.max, U256(w0: 0x3C20_8C16_D87C_FD47, w1: 0x9781_6A91_6871_CA8D, w2: 0xB850_45B6_8181_585D, w3: 0x3064_4E72_E131_A029)]
        for _ in 0..<30 {
            var m = U256.random(using: &g)
            m.w3 = m.w3 >> (g.next() % 64) | 1
            m.w0 |= 1 << 40
            moduli.append(m)
        }
        for m in moduli {
            let below: [UInt64] = [1, 2, 1 << 20]
            for k in below {
                let high: U256 = m &- U256(w0: k, w1: 0, w2: 0, w3: 0)
                let lows: [U256] = [.zero, .max, m, U256.random(using: &g)]
                for low in lows {
                    let expected = Ref.divMod(Ref(high) * Ref.two256 + Ref(low), Ref(m)).1.u256
                    #expect(U256.reduceByFullWidth(high: high, low: low, modulus: m) == expected,
                            "high \(high.hexString) low \(low.hexString) m \(m.hexString)")
                }
            }
        }
    }
}

