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

    /// Left shift by any non-negative count; 256 or more gives zero.
    @inlinable
    public static func << (a: U256, shift: Int) -> U256 {
        if shift <= 0 { return a }
        if shift >= 256 { return .zero }
        let limbs = shift >> 6, bits = shift & 63
        var r = U256.zero
        for i in stride(from: 3, through: limbs, by: -1) {
            let src = i - limbs
            var word = a[limb: src] << bits
            if bits != 0 && src > 0 { word |= a[limb: src - 1] >> (64 - bits) }
            r[limb: i] = word
        }
        return r
    }

    /// Logical right shift by any non-negative count; 256 or more gives zero.
    @inlinable
    public static func >> (a: U256, shift: Int) -> U256 {
        if shift <= 0 { return a }
        if shift >= 256 { return .zero }
        let limbs = shift >> 6, bits = shift & 63
        var r = U256.zero
        for i in 0...(3 - limbs) {
            let src = i + limbs
            var word = a[limb: src] >> bits
            if bits != 0 && src < 3 { word |= a[limb: src + 1] << (64 - bits) }
            r[limb: i] = word
        }
        return r
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
