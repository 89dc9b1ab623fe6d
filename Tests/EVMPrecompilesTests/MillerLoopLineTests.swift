import EVMCore
@testable import EVMPrecompiles
import Testing

/// The Miller loop's lines: their sparse multiplication against the general Fp12 one, and
/// lines prepared once for a G2 point against the pairing's bilinearity at other G1 points.
@Suite struct MillerLoopLineTests {
    typealias B = BLS12381

    /// A full-size Fp2 element (inverses of small numbers use every limb).
    static func fp2(_ a: UInt64, _ b: UInt64) -> B.Fp2 {
        B.Fp2(c0: B.Fp(small: a).inverse, c1: B.Fp(small: b).inverse)
    }

    @Test func sparseLineMultiplicationAgreesWithTheGeneralOne() {
        let f = B.Fp12(a0: B.Fp6(c0: Self.fp2(3, 5), c1: Self.fp2(7, 11), c2: Self.fp2(13, 17)),
                       a1: B.Fp6(c0: Self.fp2(19, 23), c1: Self.fp2(29, 31), c2: Self.fp2(37, 41)))
        let (l0, l1, l2) = (Self.fp2(43, 47), Self.fp2(53, 59), Self.fp2(61, 67))
        let line = B.Fp12(a0: B.Fp6(c0: l0, c1: .zero, c2: .zero), a1: B.Fp6(c0: .zero, c1: l1, c2: l2))
        #expect(f.multiplied(byMTwistLine: l0, l1, l2) == f * line)
        #expect(f.a1.multiplied(byV: l1, vSquared: l2) == f.a1 * B.Fp6(c0: .zero, c1: l1, c2: l2))
    }

    /// One point's prepared lines serve every G1 point: e(aP, Q)·e(−P, aQ) = 1 with Q's lines
    /// computed once and evaluated at two different points, and KZG's constant points give the
    /// same answers prepared as raw.
    @Test func preparedLinesServeAnyG1Point() {
        let p = B.g1Generator, q = B.g2Generator
        let a = U256(0x5eed_1234_abcd_ef01)
        let preparedQ = B.Pairing.PreparedG2(q)
        let preparedAQ = B.Pairing.PreparedG2(q.multiplied(by: a))
        #expect(B.Pairing.check(prepared: [(p.multiplied(by: a), preparedQ), (p.negated, preparedAQ)]))
        #expect(!B.Pairing.check(prepared: [(p.multiplied(by: a), preparedQ), (p, preparedAQ)]))
        #expect(B.Pairing.PreparedG2(.infinity).lines.isEmpty)
        // 63 doublings and one addition per set bit of |x| below its top one.
        #expect(preparedQ.lines.count == 63 + B.Pairing.loopCount.nonzeroBitCount - 1)

        let tau = B.KZG.tauG2, minusOne = B.KZG.negatedG2Generator
        for k in [U256(2), U256(0xdead_beef), B.order &- U256(5)] {
            let lhs = p.multiplied(by: k)
            #expect(B.Pairing.check(prepared: [(lhs, B.KZG.preparedNegatedG2Generator), (p, B.KZG.preparedTauG2)])
                    == B.Pairing.check([(lhs, minusOne), (p, tau)]))
        }
    }
}
