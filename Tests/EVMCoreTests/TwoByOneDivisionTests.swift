@testable import EVMCore
import Testing

/// Division by a reciprocal must equal the hardware 128-by-64 division for every normalised
/// divisor, including the edges (d = 2^63, d = 2^64 − 1, high = d − 1, low = 0 or max).
@Suite struct TwoByOneDivisionTests {
    @Test func matchesDividingFullWidth() {
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            x ^= x << 13
            x ^= x >> 7
            x ^= x << 17
            return x
        }
        var divisors: [UInt64] = [1 << 63, .max, (1 << 63) + 1, .max - 1]
        for _ in 0..<200 { divisors.append(next() | (1 << 63)) }
        for d in divisors {
            let reciprocal = TwoByOne(divisor: d)
            var highs: [UInt64] = [0, 1, d - 1, d >> 1]
            for _ in 0..<20 { highs.append(next() % d) }
            for high in highs {
                for low in [0, 1, UInt64.max, next(), next()] {
                    let expected = d.dividingFullWidth((high, low))
                    let got = reciprocal.divide(high: high, low: low)
                    #expect(got.quotient == expected.quotient && got.remainder == expected.remainder,
                            "d \(d) high \(high) low \(low)")
                }
            }
        }
    }
}
