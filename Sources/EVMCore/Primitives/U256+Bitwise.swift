// AND, OR, XOR, NOT, BYTE, SHL, SHR, SAR: shifts of 256 or more give 0 (or all ones for SAR
// of a negative value), as EIP-145 defines.

extension U256 {
    @inlinable @inline(__always)
    public static func & (a: U256, b: U256) -> U256 {
        U256(w0: a.w0 & b.w0, w1: a.w1 & b.w1, w2: a.w2 & b.w2, w3: a.w3 & b.w3)
    }

    @inlinable @inline(__always)
    public static func | (a: U256, b: U256) -> U256 {
        U256(w0: a.w0 | b.w0, w1: a.w1 | b.w1, w2: a.w2 | b.w2, w3: a.w3 | b.w3)
    }

    @inlinable @inline(__always)
    public static func ^ (a: U256, b: U256) -> U256 {
        U256(w0: a.w0 ^ b.w0, w1: a.w1 ^ b.w1, w2: a.w2 ^ b.w2, w3: a.w3 ^ b.w3)
    }

    @inlinable @inline(__always)
    public static prefix func ~ (a: U256) -> U256 {
        U256(w0: ~a.w0, w1: ~a.w1, w2: ~a.w2, w3: ~a.w3)
    }

    /// Left shift by any non-negative count; 256 or more gives zero. Every limb is shifted
    /// by the bit count, then the limbs move by the limb count: no loop, no limb subscript.
    /// The bits carried from a lower limb are `(x >> 1) >> (63 − b)`, which is `x >> (64 − b)`
    /// without a shift by 64 when b is 0.
    @inlinable
    public static func << (a: U256, shift: Int) -> U256 {
        if shift <= 0 { return a }
        if shift >= 256 { return .zero }
        let b = UInt64(shift & 63), back = 63 &- b
        let s0 = a.w0 &<< b
        let s1 = (a.w1 &<< b) | ((a.w0 &>> 1) &>> back)
        let s2 = (a.w2 &<< b) | ((a.w1 &>> 1) &>> back)
        let s3 = (a.w3 &<< b) | ((a.w2 &>> 1) &>> back)
        switch shift >> 6 {
        case 0: return U256(w0: s0, w1: s1, w2: s2, w3: s3)
        case 1: return U256(w0: 0, w1: s0, w2: s1, w3: s2)
        case 2: return U256(w0: 0, w1: 0, w2: s0, w3: s1)
        default: return U256(w0: 0, w1: 0, w2: 0, w3: s0)
        }
    }

    /// Logical right shift by any non-negative count; 256 or more gives zero (as `<<`).
    @inlinable
    public static func >> (a: U256, shift: Int) -> U256 {
        if shift <= 0 { return a }
        if shift >= 256 { return .zero }
        let b = UInt64(shift & 63), back = 63 &- b
        let s0 = (a.w0 &>> b) | ((a.w1 &<< 1) &<< back)
        let s1 = (a.w1 &>> b) | ((a.w2 &<< 1) &<< back)
        let s2 = (a.w2 &>> b) | ((a.w3 &<< 1) &<< back)
        let s3 = a.w3 &>> b
        switch shift >> 6 {
        case 0: return U256(w0: s0, w1: s1, w2: s2, w3: s3)
        case 1: return U256(w0: s1, w1: s2, w2: s3, w3: 0)
        case 2: return U256(w0: s2, w1: s3, w2: 0, w3: 0)
        default: return U256(w0: s3, w1: 0, w2: 0, w3: 0)
        }
    }

    /// SHL with the shift as a word (EIP-145).
    @inlinable @inline(__always)
    public func shl(_ shift: U256) -> U256 {
        shift < U256(256) ? self << Int(shift.w0) : .zero
    }

    /// SHR with the shift as a word (EIP-145).
    @inlinable @inline(__always)
    public func shr(_ shift: U256) -> U256 {
        shift < U256(256) ? self >> Int(shift.w0) : .zero
    }

    /// SAR: arithmetic right shift (EIP-145); a negative value shifted 256 or more is all ones.
    @inlinable
    public func sar(_ shift: U256) -> U256 {
        let negative = isNegative
        guard shift < U256(256) else { return negative ? .max : .zero }
        let s = Int(shift.w0)
        if !negative || s == 0 { return self >> s }
        return (self >> s) | ~(U256.max >> s)
    }

    /// BYTE: the i-th byte counting from the most significant; 0 when i ≥ 32.
    @inlinable
    public func byte(_ index: U256) -> U256 {
        guard index < U256(32) else { return .zero }
        let i = Int(index.w0)
        let limb = self[limb: 3 - i / 8]
        return U256((limb >> UInt64(56 - (i % 8) * 8)) & 0xff)
    }
}
