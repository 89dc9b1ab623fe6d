import Testing
@testable import EVMCore

/// SIGNEXTEND works limb by limb; the reference works on the whole number: take the value
/// modulo 2^(8b+8) and, when bit 8b+7 is set, add 2^256 − 2^(8b+8).
@Suite struct SignExtendTests {
    @Test func everyByteIndexAgainstReference() {
        var g = SplitMix(seed: 0x51_6e_e7)
        var words: [U256] = [.zero, .one, .max, U256.signBit]
        for _ in 0..<60 { words.append(U256.random(using: &g)) }
        for b in 0..<31 {
            var power = Ref.one  // 2^(8b+8)
            for _ in 0..<(8 * b + 8) { power = power + power }
            for x in words {
                let low = Ref.divMod(Ref(x), power).1
                let expected = low.bit(8 * b + 7) ? low + (Ref.two256 - power) : low
                #expect(x.signExtended(fromByte: U256(UInt64(b))) == expected.u256, "b \(b) x \(x.hexString)")
            }
        }
        for x in words {
            #expect(x.signExtended(fromByte: U256(31)) == x)
            #expect(x.signExtended(fromByte: U256(w0: 0, w1: 1, w2: 0, w3: 0)) == x)
        }
    }
}
