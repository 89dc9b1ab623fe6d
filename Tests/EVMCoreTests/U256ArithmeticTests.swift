import Testing
@testable import EVMCore

/// U256 against the reference big integer on random and edge-case words, and the edge cases
/// the execution specs name (`vm/instructions/arithmetic.py`).
@Suite struct U256ArithmeticTests {
    static let modulus = Ref.two256

    func signedRef(_ u: U256) -> (negative: Bool, magnitude: Ref) {
        u.isNegative ? (true, Ref((U256.zero &- u))) : (false, Ref(u))
    }

    @Test func randomAgainstReference() {
        var g = SplitMix(seed: 0x6a5_1ab)
        for _ in 0..<3_000 {
            let a = U256.random(using: &g), b = U256.random(using: &g), m = U256.random(using: &g)
            let ra = Ref(a), rb = Ref(b), rm = Ref(m)
            #expect((a &+ b) == Ref.divMod(ra + rb, Self.modulus).1.u256)
            #expect((a &- b) == Ref.divMod(ra + Self.modulus - rb, Self.modulus).1.u256)
            #expect((a &* b) == Ref.divMod(ra * rb, Self.modulus).1.u256)
            if b.isZero {
                #expect(a.div(b) == .zero)
                #expect(a.mod(b) == .zero)
            } else {
                let (q, r) = Ref.divMod(ra, rb)
                #expect(a.div(b) == q.u256, "DIV \(a.hexString) / \(b.hexString)")
                #expect(a.mod(b) == r.u256, "MOD \(a.hexString) % \(b.hexString)")
            }
            if m.isZero {
                #expect(U256.addmod(a, b, m) == .zero)
                #expect(U256.mulmod(a, b, m) == .zero)
            } else {
                #expect(U256.addmod(a, b, m) == Ref.divMod(ra + rb, rm).1.u256)
                #expect(U256.mulmod(a, b, m) == Ref.divMod(ra * rb, rm).1.u256, "MULMOD")
            }
            let full = a.multipliedFullWidth(by: b)
            #expect(Ref(full.high) * Self.modulus + Ref(full.low) == ra * rb)
        }
    }

    @Test func signedDivisionAgainstReference() {
        var g = SplitMix(seed: 77)
        for _ in 0..<2_000 {
            let a = U256.random(using: &g), b = U256.random(using: &g)
            guard !b.isZero else { continue }
            let (an, am) = signedRef(a), (bn, bm) = signedRef(b)
            let (q, r) = Ref.divMod(am, bm)
            let qs = (an != bn && !q.isZero) ? (U256.zero &- q.u256) : q.u256
            let rs = (an && !r.isZero) ? (U256.zero &- r.u256) : r.u256
            #expect(a.sdiv(b) == qs)
            #expect(a.smod(b) == rs)
        }
    }

    @Test func exponentAgainstReference() {
        var g = SplitMix(seed: 5)
        for _ in 0..<300 {
            let base = U256.random(using: &g)
            let e = U256(g.next() % 300)
            var expected = Ref.one
            for _ in 0..<Int(e.w0) { expected = Ref.divMod(expected * Ref(base), Self.modulus).1 }
            #expect(base.power(e) == expected.u256)
        }
        #expect(U256(2).power(U256(255)) == U256.signBit)
        #expect(U256(2).power(U256(256)) == .zero)
        #expect(U256(3).power(U256.max) == U256(3).power(U256.max))  // terminates on the widest exponent
        #expect(U256.zero.power(.zero) == .one)
    }

    @Test func specEdgeCases() {
        let minusOne = U256.max
        let minSigned = U256.signBit
        #expect(minSigned.sdiv(minusOne) == minSigned)  // SDIV(-2^255, -1) = -2^255
        #expect(U256(7).div(.zero) == .zero)
        #expect(U256(7).sdiv(.zero) == .zero)
        #expect(U256(7).mod(.zero) == .zero)
        #expect(U256(7).smod(.zero) == .zero)
        #expect(U256(7).negated.smod(U256(3)) == U256(1).negated)  // sign of the dividend
        #expect(U256(7).smod(U256(3).negated) == U256(1))
        #expect(U256(7).negated.sdiv(U256(2)) == U256(3).negated)  // truncates toward zero
        #expect(U256.addmod(.max, .max, U256(12)) == U256(6))  // (2^257 − 2) mod 12, the 257-bit sum
        #expect(U256.mulmod(.max, .max, U256(12)) == U256(9))
    }

    @Test func signExtend() {
        #expect(U256(0xff).signExtended(fromByte: .zero) == .max)
        #expect(U256(0x7f).signExtended(fromByte: .zero) == U256(0x7f))
        #expect(U256(0x8000).signExtended(fromByte: .one) == U256(0x8000).negated &+ U256(0x8000) &- U256(0x8000))
        #expect(U256(0x12ff).signExtended(fromByte: .zero) == .max)
        #expect(U256(0xff).signExtended(fromByte: U256(31)) == U256(0xff))
        #expect(U256(0xff).signExtended(fromByte: U256(32)) == U256(0xff))
        #expect(U256(0xff).signExtended(fromByte: .max) == U256(0xff))
    }
}
