@testable import EVMCore
import Testing

/// `addWithCarry` and `subtractWithBorrow` against 128-bit arithmetic, on the edge words and
/// random ones, with a carry (borrow) in of 0 and 1.
@Suite struct CarryChainTests {
    @Test func matchWideArithmetic() {
        var g = SplitMix(seed: 0xca77)
        var words: [UInt64] = [0, 1, 2, .max - 1, .max, 1 << 63]
        for _ in 0..<24 { words.append(g.next()) }
        for a in words {
            for b in words {
                for c in [UInt64(0), 1] {
                    let sum = UInt128(a) + UInt128(b) + UInt128(c)
                    let (s, carry) = addWithCarry(a, b, c)
                    #expect(s == UInt64(truncatingIfNeeded: sum) && carry == UInt64(sum >> 64))
                    let borrowOut: UInt64 = UInt128(a) < UInt128(b) + UInt128(c) ? 1 : 0
                    let difference = (UInt128(borrowOut) << 64) + UInt128(a) - UInt128(b) - UInt128(c)
                    let (d, borrow) = subtractWithBorrow(a, b, c)
                    #expect(d == UInt64(difference) && borrow == borrowOut)
                }
            }
        }
    }
}
