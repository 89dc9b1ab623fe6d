import Testing
@testable import EVMCore

/// Shifts, BYTE, comparisons and CLZ, with EIP-145 and EIP-7939 edge cases.
@Suite struct U256BitwiseTests {
    @Test func shiftsAgainstReference() {
        var g = SplitMix(seed: 99)
        for _ in 0..<2_000 {
            let v = U256.random(using: &g)
            let s = Int(g.next() % 300)
            var expected = Ref(v)
            for _ in 0..<min(s, 257) { expected = Ref.divMod(expected * Ref([2]), Ref.two256).1 }
            #expect(v.shl(U256(UInt64(s))) == expected.u256)
            // 2^s by doubling, independent of the shifts under test.
            var power = Ref.one
            for _ in 0..<min(s, 257) { power = power + power }
            let (q, _) = Ref.divMod(Ref(v), power)
            #expect(v.shr(U256(UInt64(s))) == (s >= 256 ? .zero : q.u256))
            // SAR: the logical shift with the sign's ones shifted in.
            let ones = v.isNegative && s > 0 ? Ref.two256 - Ref.divMod(Ref.two256, power).0 : Ref.zero
            #expect(v.sar(U256(UInt64(s))) == (s >= 256 ? (v.isNegative ? .max : .zero) : (q + ones).u256))
        }
    }

    @Test func eip145EdgeCases() {
        #expect(U256.one.shl(U256(255)) == U256.signBit)
        #expect(U256.one.shl(U256(256)) == .zero)
        #expect(U256.max.shl(.max) == .zero)
        #expect(U256.signBit.shr(U256(255)) == .one)
        #expect(U256.max.shr(U256(256)) == .zero)
        #expect(U256.signBit.sar(U256(255)) == .max)
        #expect(U256.signBit.sar(U256(256)) == .max)
        #expect(U256.max.sar(.max) == .max)
        #expect(U256(0x4000).sar(U256(256)) == .zero)
        #expect(U256.signBit.sar(U256(1)) == (U256.signBit | (U256.signBit >> 1)))
        #expect(U256(0x7f).sar(.zero) == U256(0x7f))
    }

    @Test func byteAndCompare() {
        let v = U256(hex: "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20")!
        for i in 0..<32 { #expect(v.byte(U256(UInt64(i))) == U256(UInt64(i + 1))) }
        #expect(v.byte(U256(32)) == .zero)
        #expect(v.byte(.max) == .zero)
        #expect(U256.signedLess(.max, .zero))  // -1 < 0
        #expect(!U256.signedLess(.zero, .max))
        #expect(U256.signedLess(U256.signBit, .max))
        #expect(U256.zero < U256.max)
    }

    @Test func countLeadingZeros() {
        #expect(U256.zero.leadingZeroBitCount == 256)  // CLZ(0) = 256 (EIP-7939)
        #expect(U256.one.leadingZeroBitCount == 255)
        #expect(U256.signBit.leadingZeroBitCount == 0)
        #expect(U256(UInt64(1) << 63).leadingZeroBitCount == 192)
    }

    @Test func conversions() {
        let v = U256(hex: "00ff00000000000000000000000000000000000000000000000000000000abcd")!
        #expect(U256(bigEndianBytes: v.bigEndianBytes) == v)
        #expect(v.hexString == "0xff00000000000000000000000000000000000000000000000000000000abcd")
        #expect(U256.zero.hexString == "0x0")
        #expect(U256(decimal: "115792089237316195423570985008687907853269984665640564039457584007913129639935") == .max)
        #expect(U256(decimal: "115792089237316195423570985008687907853269984665640564039457584007913129639936") == nil)
        #expect(U256.max.decimalString == "115792089237316195423570985008687907853269984665640564039457584007913129639935")
        #expect(U256(hex: String(repeating: "f", count: 65)) == nil)
        #expect(U256(hex: "xyz") == nil)
        #expect(U256("0x10") == U256(16))
        #expect(U256("42") == U256(42))
        #expect(U256(5).negated.signedDecimalString == "-5")
        #expect(U256(bigEndianBytes: [1, 2]) == U256(0x0102))
    }
}
