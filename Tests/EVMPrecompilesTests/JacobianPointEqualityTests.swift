import EVMCore
@testable import EVMPrecompiles
import Testing

/// `==` on Jacobian points compares points, not representatives: against `(p − q).isInfinity`,
/// which the group law decides on its own.
@Suite struct JacobianPointEqualityTests {
    /// The same point with Z scaled by λ.
    static func rescaled<F: CurveField>(_ p: JacobianPoint<F>, by lambda: F) -> JacobianPoint<F> {
        let l2 = lambda.squared
        return JacobianPoint(x: p.x * l2, y: p.y * l2 * lambda, z: p.z * lambda)
    }

    static func agrees<F: CurveField>(_ p: JacobianPoint<F>, _ q: JacobianPoint<F>) -> Bool {
        (p == q) == (p + q.negated).isInfinity
    }

    @Test func representativesOfOnePointAreEqual() {
        let p = BLS12381.g1Generator.multiplied(by: U256(12_345))
        let twice = p.doubled, sum = p + p.multiplied(by: U256.one)
        #expect(twice == sum)
        #expect(Self.rescaled(p, by: BLS12381.Fp(small: 7)) == p)
        #expect(p != p.negated && p != twice)
        let inf2 = JacobianPoint<BLS12381.Fp>(x: BLS12381.Fp(small: 3), y: BLS12381.Fp(small: 5), z: .zero)
        #expect(inf2 == .infinity && p != .infinity && .infinity != p)
        for (a, b) in [(p, twice), (twice, sum), (p, p.negated), (inf2, .infinity), (p, .infinity)] {
            #expect(Self.agrees(a, b))
        }
        let q = BLS12381.g2Generator.multiplied(by: U256(99))
        #expect(Self.rescaled(q, by: BLS12381.Fp2(c0: BLS12381.Fp(small: 2), c1: BLS12381.Fp(small: 9))) == q)
        #expect(q != q.doubled && Self.agrees(q, q.doubled))
    }
}
