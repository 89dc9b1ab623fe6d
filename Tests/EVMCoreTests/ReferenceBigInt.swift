@testable import EVMCore

/// A deliberately simple arbitrary-precision natural number (32-bit digits, schoolbook
/// algorithms, long division bit by bit): an independent oracle for U256's arithmetic.
struct Ref: Equatable, Comparable {
    var d: [UInt32]  // little-endian, no trailing zeros

    init(_ digits: [UInt32]) {
        d = digits
        while let last = d.last, last == 0 { d.removeLast() }
    }

    init(_ u: U256) {
        var digits: [UInt32] = []
        for limb in [u.w0, u.w1, u.w2, u.w3] {
            digits.append(UInt32(truncatingIfNeeded: limb))
            digits.append(UInt32(truncatingIfNeeded: limb >> 32))
        }
        self.init(digits)
    }

    static let zero = Ref([])
    static let one = Ref([1])
    static let two256 = Ref([UInt32](repeating: 0, count: 8) + [1])

    var isZero: Bool { d.isEmpty }

    /// The value mod 2^256 as U256.
    var u256: U256 {
        var limbs = [UInt64](repeating: 0, count: 4)
        for (i, digit) in d.prefix(8).enumerated() { limbs[i / 2] |= UInt64(digit) << UInt64((i % 2) * 32) }
        return U256(w0: limbs[0], w1: limbs[1], w2: limbs[2], w3: limbs[3])
    }

    static func < (a: Ref, b: Ref) -> Bool {
        if a.d.count != b.d.count { return a.d.count < b.d.count }
        for i in stride(from: a.d.count - 1, through: 0, by: -1) where a.d[i] != b.d[i] { return a.d[i] < b.d[i] }
        return false
    }

    static func + (a: Ref, b: Ref) -> Ref {
        var r: [UInt32] = []
        var carry: UInt64 = 0
        for i in 0..<max(a.d.count, b.d.count) {
            let s = UInt64(i < a.d.count ? a.d[i] : 0) + UInt64(i < b.d.count ? b.d[i] : 0) + carry
            r.append(UInt32(truncatingIfNeeded: s))
            carry = s >> 32
        }
        if carry > 0 { r.append(UInt32(carry)) }
        return Ref(r)
    }

    /// a − b for a ≥ b.
    static func - (a: Ref, b: Ref) -> Ref {
        var r: [UInt32] = []
        var borrow: Int64 = 0
        for i in 0..<a.d.count {
            var s = Int64(a.d[i]) - Int64(i < b.d.count ? b.d[i] : 0) - borrow
            borrow = 0
            if s < 0 { s += 1 << 32; borrow = 1 }
            r.append(UInt32(s))
        }
        return Ref(r)
    }

    static func * (a: Ref, b: Ref) -> Ref {
        if a.isZero || b.isZero { return .zero }
        var r = [UInt64](repeating: 0, count: a.d.count + b.d.count + 1)
        for i in 0..<a.d.count {
            var carry: UInt64 = 0
            for j in 0..<b.d.count {
                let t = UInt64(a.d[i]) * UInt64(b.d[j]) + r[i + j] + carry
                r[i + j] = t & 0xffff_ffff
                carry = t >> 32
            }
            var k = i + b.d.count
            while carry > 0 {
                let t = r[k] + carry
                r[k] = t & 0xffff_ffff
                carry = t >> 32
                k += 1
            }
        }
        return Ref(r.map { UInt32($0) })
    }

    var bitCount: Int { d.isEmpty ? 0 : (d.count - 1) * 32 + (32 - d.last!.leadingZeroBitCount) }

    func bit(_ i: Int) -> Bool { i / 32 < d.count && (d[i / 32] >> UInt32(i % 32)) & 1 == 1 }

    func shiftedLeftOne(orBit: Bool) -> Ref {
        var r: [UInt32] = []
        var carry: UInt32 = orBit ? 1 : 0
        for digit in d {
            r.append(digit << 1 | carry)
            carry = digit >> 31
        }
        if carry > 0 { r.append(carry) }
        return Ref(r)
    }

    /// Bit-by-bit long division.
    static func divMod(_ a: Ref, _ b: Ref) -> (Ref, Ref) {
        precondition(!b.isZero)
        var q = Ref.zero
        var r = Ref.zero
        for i in stride(from: a.bitCount - 1, through: 0, by: -1) {
            r = r.shiftedLeftOne(orBit: a.bit(i))
            q = q.shiftedLeftOne(orBit: false)
            if !(r < b) {
                r = r - b
                q = q + .one
            }
        }
        return (q, r)
    }
}

/// A deterministic generator (SplitMix64), so failures reproduce.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension U256 {
    /// Random words with a mix of sizes and edge patterns, to reach every branch.
    static func random(using g: inout SplitMix) -> U256 {
        let kind = g.next() % 8
        var r = U256(w0: g.next(), w1: g.next(), w2: g.next(), w3: g.next())
        switch kind {
        case 0: r = U256(g.next() % 4)
        case 1: r = U256(g.next())
        case 2: r.w2 = 0; r.w3 = 0
        case 3: r.w3 = 0
        case 4: r = U256.max &- U256(g.next() % 3)
        case 5: r = U256.signBit | U256(g.next() % 2)
        default: break
        }
        return r
    }
}
