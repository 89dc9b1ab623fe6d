@testable import EVMCore
import Testing

/// The 3-by-2 division that finds each quotient limb of MULMOD's reduction: its reciprocal
/// and its quotient and remainder against the reference big integers, for random divisors
/// and the edges (d1 = 2^63 or 2^64 − 1, d0 = 0 or 2^64 − 1, (u2, u1) just below (d1, d0)).
@Suite struct ThreeByTwoDivisionTests {
    static func divisors(_ g: inout SplitMix) -> [(UInt64, UInt64)] {
        var list: [(UInt64, UInt64)] = []
        for d1 in [UInt64(1) << 63, .max, (1 << 63) + 1] {
            for d0 in [UInt64(0), 1, .max, .max - 1] { list.append((d1, d0)) }
        }
        for _ in 0..<300 { list.append((g.next() | (1 << 63), g.next())) }
        return list
    }

    @Test func reciprocalIsFloorOfBetaCubedOverD() {
        var g = SplitMix(seed: 0x3b2)
        let betaCubedMinusOne = Ref(U256(w0: .max, w1: .max, w2: .max, w3: 0))
        for (d1, d0) in Self.divisors(&g) {
            let q = Ref.divMod(betaCubedMinusOne, Ref(U256(w0: d0, w1: d1, w2: 0, w3: 0))).0.u256
            // The quotient is in [2^64, 2^65): its low limb is the reciprocal.
            #expect(q.w1 == 1 && q.w2 == 0 && q.w3 == 0)
            #expect(ThreeByTwo(d1, d0).v == q.w0, "d1 \(d1) d0 \(d0)")
        }
    }

    @Test func divisionMatchesReference() {
        var g = SplitMix(seed: 0x3b2_0001)
        for (d1, d0) in Self.divisors(&g) {
            let divisor = ThreeByTwo(d1, d0)
            let d = U256(w0: d0, w1: d1, w2: 0, w3: 0)
            var tops: [(UInt64, UInt64)] = [(0, 0), (d1, d0 &- 1), (d1 &- 1, .max)]
            if d0 == 0 { tops[1] = (d1 &- 1, .max) }
            for _ in 0..<20 {
                let u2 = g.next() % d1
                tops.append((u2, g.next()))
            }
            for (u2, u1) in tops {
                for u0 in [0, .max, g.next()] {
                    let u = U256(w0: u0, w1: u1, w2: u2, w3: 0)
                    let (q, r) = Ref.divMod(Ref(u), Ref(d))
                    let got = divisor.divide(u2, u1, u0)
                    #expect(got.quotient == q.u256.w0 && q.u256.w1 == 0, "u \(u.hexString) d \(d.hexString)")
                    #expect(U256(w0: got.r0, w1: got.r1, w2: 0, w3: 0) == r.u256, "u \(u.hexString) d \(d.hexString)")
                }
            }
        }
    }
}
