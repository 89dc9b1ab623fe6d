import EVMCore
@testable import EVMPrecompiles
import Testing

/// BN254's pairing pieces against their definitions: the Frobenius maps against powers by p
/// and p², the sparse line multiplication against the general one, the final exponentiation
/// by the seed against plain powers by (p⁶ − 1)(p² + 1) and (p⁴ − p² + 1)/r, and the
/// pairing's bilinearity on G2 points other than the generator.
@Suite struct BN254PairingTests {
    /// A full-size Fp2 element (inverses of small numbers use every limb).
    static func fp2(_ a: UInt64, _ b: UInt64) -> Fp2 { Fp2(a: Fp(small: a).inverse, b: Fp(small: b).inverse) }

    static let sample = Fp12(a0: Fp6(c0: fp2(3, 5), c1: fp2(7, 11), c2: fp2(13, 17)),
                             a1: Fp6(c0: fp2(19, 23), c1: fp2(29, 31), c2: fp2(37, 41)))

    @Test func frobeniusMapsAreThePowers() {
        let f = Self.sample
        let p = Fp.p
        #expect(f.frobenius == f.power([p.w0, p.w1, p.w2, p.w3]))
        #expect(f.frobeniusSquared == f.power(BN254Pairing.pSquared))
    }

    @Test func sparseLineMultiplicationAgreesWithTheGeneralOne() {
        let f = Self.sample
        let (l0, l1, l2) = (Self.fp2(43, 47), Self.fp2(53, 59), Self.fp2(61, 67))
        let line = Fp12(a0: Fp6(c0: l0, c1: .zero, c2: .zero), a1: Fp6(c0: l1, c1: l2, c2: .zero))
        #expect(f.multiplied(byDTwistLine: l0, l1, l2) == f * line)
    }

    @Test func finalExponentiationBySeedIsTheDefinition() {
        let f = Self.sample
        let byDefinition = BN254Pairing.finalExponentiationByDefinition(f)
        #expect(BN254Pairing.finalExponentiation(f) == byDefinition)
        #expect(byDefinition != .one)
        // In the cyclotomic subgroup, the seed's power and squaring agree with the plain ones.
        let easy1 = f.conjugate * f.inverse
        let m = easy1.frobeniusSquared * easy1
        #expect(m.cyclotomicSquared == m.squared)
        #expect(m.cyclotomicPower(seed: BN254Pairing.seed) == m.power([BN254Pairing.seed]))
    }

    /// e(aP, bQ)·e(−abP, Q) = 1 with Q = [c]G2 (G2's generator is not the only point the loop
    /// sees), three pairs in one loop, and infinity in a pair contributing one.
    @Test func pairingIsBilinear() {
        let p = BN254.G1(affineX: .one, y: Fp(small: 2))
        let g2 = BN254.g2(BN254Tests.g2[...])!
        let q = g2.multiplied(by: U256(0x1234_5678_9abc_def1))
        let a = U256(0xfedc_ba98_7654), b = U256(0x1357_9bdf)
        let ab = a &* b
        #expect(BN254Pairing.check([(p.multiplied(by: a), q.multiplied(by: b)), (p.multiplied(by: ab).negated, q)]))
        #expect(!BN254Pairing.check([(p.multiplied(by: a), q.multiplied(by: b)), (p.multiplied(by: ab), q)]))
        #expect(BN254Pairing.check([(p.multiplied(by: U256(3)), g2), (p.negated, g2.multiplied(by: U256(2))), (p.negated, g2)]))
        #expect(!BN254Pairing.check([(p, g2)]))
        #expect(BN254Pairing.check([(.infinity, g2), (p, .infinity)]))
    }
}
