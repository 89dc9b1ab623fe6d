import EVMCore
@testable import EVMPrecompiles
import Testing

/// The BLS12-381 building blocks, checked against their definitions: field identities,
/// the standard generators, subgroup orders, bilinearity of the pairing.
@Suite struct BLS12381ArithmeticTests {
    typealias B = BLS12381

    @Test func montgomeryConstant() {
        // −p⁻¹ mod 2^64 by Newton's iteration, independent of the literal in the source.
        var x: UInt64 = 1
        for _ in 0..<7 { x = x &* (2 &- B.Fp.p0 &* x) }
        #expect(B.Fp.pInv == 0 &- x)
    }

    @Test func fieldIdentities() {
        let a = B.Fp(hex: "123456789abcdef0fedcba9876543210deadbeef")
        let minusOne = -B.Fp.one
        #expect(minusOne * minusOne == .one)
        #expect(a * a.inverse == .one)
        #expect((a + minusOne) - a == minusOne)
        #expect(a.squared.squareRoot.map { $0 == a || $0 == -a } == true)
        #expect(B.Fp(small: 3).squareRoot == nil)  // p ≡ 3 mod 4 and (3/p) = −1 for BLS12-381's p
        let z = B.Fp2(c0: a, c1: B.Fp(small: 7))
        #expect(z * z.inverse == .one)
        #expect(z.squared.squareRoot.map { $0 == z || $0 == -z } == true)
        // The canonical bytes of p − 1 are the modulus minus one.
        #expect(minusOne.bigEndianBytes == hex(Constants.pMinusOneHex))
        // Carries and borrows across all six limbs: (p − 1) + (p − 1) = p − 2, (p − 1) + 1 = 0,
        // 0 − 1 = p − 1, 1 − (p − 1) = 2.
        #expect((minusOne + minusOne).bigEndianBytes == hex(Constants.pMinusTwoHex))
        #expect((minusOne + .one).isZero)
        #expect(B.Fp.zero - .one == minusOne)
        #expect(B.Fp.one - minusOne == B.Fp(small: 2))
    }

    @Test func generatorsOnCurveAndOfOrderR() {
        #expect(B.isOnCurve(B.g1Generator))
        #expect(B.isOnCurve(B.g2Generator))
        #expect(B.isInSubgroup(B.g1Generator))
        #expect(B.isInSubgroup(B.g2Generator))
        #expect(!B.g1Generator.multiplied(by: B.order &- U256.one).isInfinity)
    }

    @Test func pairingIsBilinearAndNonDegenerate() {
        let p = B.g1Generator, q = B.g2Generator
        let a = U256(0x1234_5678_9abc), b = U256(0xfedc_ba98)
        // e(aP, bQ) · e(−abP, Q) = 1
        let ab = a &* b
        #expect(B.Pairing.check([(p.multiplied(by: a), q.multiplied(by: b)), (p.multiplied(by: ab).negated, q)]))
        #expect(!B.Pairing.check([(p.multiplied(by: a), q.multiplied(by: b)), (p.multiplied(by: ab), q)]))
        #expect(!B.Pairing.check([(p, q)]))
        #expect(B.Pairing.check([(B.G1.infinity, q), (p, B.G2.infinity)]))
    }

    /// EIP-2537's endomorphism checks decide membership as r·P = O does: on points of G1 and G2,
    /// on points of the curve outside them, and on the point at infinity.
    @Test func fastSubgroupChecksAgreeWithTheOrder() {
        var checked = (inside: 0, outside: 0)
        for x in UInt64(1)...40 {
            let fx = B.Fp(small: x)
            if let y = (fx.squared * fx + B.b1).squareRoot {
                let p = B.G1(affineX: fx, y: y)
                for point in [p, p.multiplied(limbs: B.g1CofactorMultiplier)] {
                    let byOrder = B.isInSubgroupByOrder(point)
                    #expect(B.isInSubgroup(point) == byOrder)
                    if byOrder { checked.inside += 1 } else { checked.outside += 1 }
                }
            }
            let u = B.Fp2(c0: fx, c1: B.Fp(small: x &* 7 &+ 3))
            if let y = (u.squared * u + B.b2).squareRoot {
                let q = B.G2(affineX: u, y: y)
                for point in [q, q.multiplied(limbs: B.g2CofactorMultiplier)] {
                    let byOrder = B.isInSubgroupByOrder(point)
                    #expect(B.isInSubgroup(point) == byOrder)
                    if byOrder { checked.inside += 1 } else { checked.outside += 1 }
                }
            }
        }
        #expect(checked.inside > 10 && checked.outside > 10)
        #expect(B.isInSubgroup(B.G1.infinity) && B.isInSubgroup(B.G2.infinity))
        #expect(B.isInSubgroup(B.g1Generator) && B.isInSubgroup(B.g2Generator))
    }

    /// RFC 9380's ψ-based cofactor clearing equals the multiplication by h_eff it replaces.
    @Test func g2CofactorClearingAgreesWithHEff() {
        for k in UInt64(1)...6 {
            let u = B.Fp2(c0: B.Fp(small: k * 1_000_003), c1: B.Fp(small: k &* 77 &+ 5))
            let point = B.isogeny3.map(u)
            #expect(same(B.clearCofactorG2(point), point.multiplied(limbs: B.g2CofactorMultiplier)))
        }
    }

    /// An Fp12 element with every coefficient non-zero.
    static var sampleFp12: B.Fp12 {
        func fp2(_ a: UInt64, _ b: UInt64) -> B.Fp2 { B.Fp2(c0: B.Fp(small: a), c1: B.Fp(small: b)) }
        return B.Fp12(a0: B.Fp6(c0: fp2(3, 5), c1: fp2(7, 11), c2: fp2(13, 17)),
                      a1: B.Fp6(c0: fp2(19, 23), c1: fp2(29, 31), c2: fp2(37, 41)))
    }

    @Test func frobeniusSquaredIsThePSquaredPower() {
        let f = Self.sampleFp12
        #expect(f.frobeniusSquared == f.power(littleEndianLimbs(hex: Constants.pSquared)))
    }

    @Test func frobeniusIsThePPower() {
        let f = Self.sampleFp12
        #expect(f.frobenius == f.power(littleEndianLimbs(hex: BLS12381.Constants.modulus)))
        #expect(f.frobenius.frobenius == f.frobeniusSquared)
    }

    @Test func finalExponentiationByTheSeedIsTheCubeOfTheDefinition() {
        let f = Self.sampleFp12
        let byDefinition = B.Pairing.finalExponentiationByDefinition(f)
        #expect(B.Pairing.finalExponentiation(f) == byDefinition.squared * byDefinition)
    }

    @Test func cyclotomicSquaringAgreesInTheSubgroup() {
        let f = Self.sampleFp12
        let easy1 = f.conjugate * f.inverse
        let g = easy1.frobeniusSquared * easy1  // f^((p⁶ − 1)(p² + 1)): in the cyclotomic subgroup
        #expect(g.cyclotomicSquared == g.squared)
        let e: [UInt64] = [0x1234_5678_9abc_def0, 0x0fed_cba9]
        #expect(g.cyclotomicPower(e) == g.power(e))
    }

    @Test func pippengerAgreesWithDoubleAndAdd() {
        let g = B.g1Generator
        var points: [B.G1] = [], scalars: [U256] = [], expected = B.G1.infinity
        for i in 1...9 {
            let point = g.multiplied(by: U256(UInt64(i * 7919)))
            let scalar = U256(UInt64(i) &* 0x9e37_79b9_7f4a_7c15) &* U256(UInt64(i + 3))
            points.append(point)
            scalars.append(scalar)
            expected = expected + point.multiplied(by: scalar)
        }
        #expect(same(B.G1.multiScalarMultiplication(points, scalars), expected))
    }

    @Test func shippedSetupPointsDecompress() {
        let g = B.decompressG2(hex(B.KZG.setupG2Compressed[0])[...])
        #expect(g.map { same($0, B.g2Generator) } == true)
        #expect(B.isOnCurve(B.KZG.tauG2) && B.isInSubgroup(B.KZG.tauG2))
    }

    /// Equality of the points, not of their Jacobian representatives.
    func same<F: CurveField>(_ a: JacobianPoint<F>, _ b: JacobianPoint<F>) -> Bool {
        (a + b.negated).isInfinity
    }

    enum Constants {
        static let pSquared = BLS12381.Constants.pSquared
        static let pMinusTwoHex = "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaa9"
        static let pMinusOneHex = "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaaa"
    }
}
