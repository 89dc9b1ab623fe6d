// ADD, SUB, MUL, DIV, SDIV, MOD, SMOD, ADDMOD, MULMOD, EXP, SIGNEXTEND: modulo 2^256,
// with the edge cases of the Yellow Paper and the execution specs (division by zero is 0,
// SDIV(-2^255, -1) = -2^255, MULMOD on the full 512-bit product).

/// a·b + c + d as (high, low): never overflows 128 bits.
@inlinable @inline(__always)
public func mulAdd(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64) -> (UInt64, UInt64) {
    let (hi, lo) = a.multipliedFullWidth(by: b)
    let (s1, o1) = lo.addingReportingOverflow(c)
    let (s2, o2) = s1.addingReportingOverflow(d)
    return (hi &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0), s2)
}

/// a + b + carry for a carry of 0 or 1, and the carry out as 0 or 1. The two carries are
/// joined with `|` on integers: joined with `||` on Bools, which may not evaluate its right
/// side, the compiler branched on each carry, and on the random words of curve arithmetic
/// those branches mispredict. This way it emits an add-with-carry chain. Measured
/// (2026-12-03, fastest of 3 medians of 31) in MULMOD's division step: weierstrudel/15
/// 2.11 → 1.66 ms, weierstrudel/1 0.175 → 0.157 ms. Not used for ADD and SUB in the
/// interpreter: there the branches are on carries that small numbers rarely make, and the
/// chain made the other main cases 5–20% slower.
@inlinable @inline(__always)
public func addWithCarry(_ a: UInt64, _ b: UInt64, _ carry: UInt64) -> (sum: UInt64, carry: UInt64) {
    let (s1, o1) = a.addingReportingOverflow(b)
    let (s2, o2) = s1.addingReportingOverflow(carry)
    return (s2, UInt64(o1 ? 1 : 0) | UInt64(o2 ? 1 : 0))
}

/// a − b − borrow for a borrow of 0 or 1, and the borrow out as 0 or 1 (see `addWithCarry`).
@inlinable @inline(__always)
public func subtractWithBorrow(_ a: UInt64, _ b: UInt64, _ borrow: UInt64) -> (difference: UInt64, borrow: UInt64) {
    let (d1, o1) = a.subtractingReportingOverflow(b)
    let (d2, o2) = d1.subtractingReportingOverflow(borrow)
    return (d2, UInt64(o1 ? 1 : 0) | UInt64(o2 ? 1 : 0))
}

extension U256 {
    // MARK: Addition and subtraction

    @inlinable @inline(__always)
    public static func &+ (a: U256, b: U256) -> U256 {
        let (r0, c0) = a.w0.addingReportingOverflow(b.w0)
        let (t1, c1a) = a.w1.addingReportingOverflow(b.w1)
        let (r1, c1b) = t1.addingReportingOverflow(c0 ? 1 : 0)
        let (t2, c2a) = a.w2.addingReportingOverflow(b.w2)
        let (r2, c2b) = t2.addingReportingOverflow((c1a || c1b) ? 1 : 0)
        let r3 = a.w3 &+ b.w3 &+ ((c2a || c2b) ? 1 : 0)
        return U256(w0: r0, w1: r1, w2: r2, w3: r3)
    }

    /// Addition that reports the carry out of bit 255.
    @inlinable @inline(__always)
    public func addingReportingOverflow(_ b: U256) -> (partialValue: U256, overflow: Bool) {
        let (r0, c0) = w0.addingReportingOverflow(b.w0)
        let (t1, c1a) = w1.addingReportingOverflow(b.w1)
        let (r1, c1b) = t1.addingReportingOverflow(c0 ? 1 : 0)
        let (t2, c2a) = w2.addingReportingOverflow(b.w2)
        let (r2, c2b) = t2.addingReportingOverflow((c1a || c1b) ? 1 : 0)
        let (t3, c3a) = w3.addingReportingOverflow(b.w3)
        let (r3, c3b) = t3.addingReportingOverflow((c2a || c2b) ? 1 : 0)
        return (U256(w0: r0, w1: r1, w2: r2, w3: r3), c3a || c3b)
    }

    @inlinable @inline(__always)
    public static func &- (a: U256, b: U256) -> U256 {
        a.subtractingReportingOverflow(b).partialValue
    }

    /// Subtraction that reports a borrow (a < b).
    @inlinable @inline(__always)
    public func subtractingReportingOverflow(_ b: U256) -> (partialValue: U256, overflow: Bool) {
        let (r0, b0) = w0.subtractingReportingOverflow(b.w0)
        let (t1, b1a) = w1.subtractingReportingOverflow(b.w1)
        let (r1, b1b) = t1.subtractingReportingOverflow(b0 ? 1 : 0)
        let (t2, b2a) = w2.subtractingReportingOverflow(b.w2)
        let (r2, b2b) = t2.subtractingReportingOverflow((b1a || b1b) ? 1 : 0)
        let (t3, b3a) = w3.subtractingReportingOverflow(b.w3)
        let (r3, b3b) = t3.subtractingReportingOverflow((b2a || b2b) ? 1 : 0)
        return (U256(w0: r0, w1: r1, w2: r2, w3: r3), b3a || b3b)
    }

    /// Two's complement negation.
    @inlinable @inline(__always)
    public var negated: U256 { U256.zero &- self }

    /// The magnitude of a two's complement value (2^255 stays 2^255).
    @inlinable @inline(__always)
    public var magnitude: U256 { isNegative ? negated : self }

    // MARK: Multiplication

    /// The low 256 bits of the product.
    @inlinable
    public static func &* (a: U256, b: U256) -> U256 {
        if (a.w1 | a.w2 | a.w3 | b.w1 | b.w2 | b.w3) == 0 {
            let (hi, lo) = a.w0.multipliedFullWidth(by: b.w0)
            return U256(w0: lo, w1: hi, w2: 0, w3: 0)
        }
        // Row a0
        let (c0, r0) = mulAdd(a.w0, b.w0, 0, 0)
        let (c1, t1) = mulAdd(a.w0, b.w1, c0, 0)
        let (c2, t2) = mulAdd(a.w0, b.w2, c1, 0)
        var t3 = a.w0 &* b.w3 &+ c2
        // Row a1
        let (d0, r1) = mulAdd(a.w1, b.w0, t1, 0)
        let (d1, u2) = mulAdd(a.w1, b.w1, t2, d0)
        t3 = t3 &+ a.w1 &* b.w2 &+ d1
        // Row a2
        let (e0, r2) = mulAdd(a.w2, b.w0, u2, 0)
        t3 = t3 &+ a.w2 &* b.w1 &+ e0
        // Row a3
        let r3 = t3 &+ a.w3 &* b.w0
        return U256(w0: r0, w1: r1, w2: r2, w3: r3)
    }

    /// The full 512-bit product: schoolbook, unrolled, every limb in a local (MULMOD's hot
    /// path; a loop over a tuple in memory took a sixth of weierstrudel's time).
    @inlinable
    public func multipliedFullWidth(by b: U256) -> (high: U256, low: U256) {
        // Row w0
        var (c, r0) = mulAdd(w0, b.w0, 0, 0)
        var r1: UInt64, r2: UInt64, r3: UInt64, r4: UInt64, r5: UInt64, r6: UInt64, r7: UInt64
        (c, r1) = mulAdd(w0, b.w1, 0, c)
        (c, r2) = mulAdd(w0, b.w2, 0, c)
        (r4, r3) = mulAdd(w0, b.w3, 0, c)
        // Row w1
        (c, r1) = mulAdd(w1, b.w0, r1, 0)
        (c, r2) = mulAdd(w1, b.w1, r2, c)
        (c, r3) = mulAdd(w1, b.w2, r3, c)
        (r5, r4) = mulAdd(w1, b.w3, r4, c)
        // Row w2
        (c, r2) = mulAdd(w2, b.w0, r2, 0)
        (c, r3) = mulAdd(w2, b.w1, r3, c)
        (c, r4) = mulAdd(w2, b.w2, r4, c)
        (r6, r5) = mulAdd(w2, b.w3, r5, c)
        // Row w3
        (c, r3) = mulAdd(w3, b.w0, r3, 0)
        (c, r4) = mulAdd(w3, b.w1, r4, c)
        (c, r5) = mulAdd(w3, b.w2, r5, c)
        (r7, r6) = mulAdd(w3, b.w3, r6, c)
        return (U256(w0: r4, w1: r5, w2: r6, w3: r7), U256(w0: r0, w1: r1, w2: r2, w3: r3))
    }

    // MARK: Division

    /// Unsigned quotient and remainder; a zero divisor gives (0, 0) as DIV and MOD require.
    @inlinable
    public func quotientAndRemainder(dividingBy d: U256) -> (quotient: U256, remainder: U256) {
        if d.isZero { return (.zero, .zero) }
        if (w1 | w2 | w3 | d.w1 | d.w2 | d.w3) == 0 {
            return (U256(w0 / d.w0), U256(w0 % d.w0))
        }
        if self < d { return (.zero, self) }
        if (d.w1 | d.w2 | d.w3) == 0 { return U256.divideByLimb(self, d.w0) }
        if d.w3 != 0 { return U256.divideByFourLimbs(self, d) }
        return U256.divideSlow(self, d)
    }

    /// Division by a one-limb divisor: four hardware divisions, high limb first. A two-limb
    /// dividend (fixed-point products, the common case) takes one 64-bit division and one
    /// 128-by-64 (`dividingFullWidth`, a library call) instead of three library calls.
    @inlinable
    static func divideByLimb(_ a: U256, _ d: UInt64) -> (quotient: U256, remainder: U256) {
        if (a.w3 | a.w2) == 0 {
            let (q1, r1) = (a.w1 / d, a.w1 % d)
            let (q0, r0) = d.dividingFullWidth((r1, a.w0))
            return (U256(w0: q0, w1: q1, w2: 0, w3: 0), U256(r0))
        }
        let (q3, r3) = (a.w3 / d, a.w3 % d)
        let (q2, r2) = d.dividingFullWidth((r3, a.w2))
        let (q1, r1) = d.dividingFullWidth((r2, a.w1))
        let (q0, r0) = d.dividingFullWidth((r1, a.w0))
        return (U256(w0: q0, w1: q1, w2: q2, w3: q3), U256(r0))
    }

    @usableFromInline @inline(never)
    static func divideSlow(_ a: U256, _ d: U256) -> (quotient: U256, remainder: U256) {
        var u = (a.w0, a.w1, a.w2, a.w3)
        var v = (d.w0, d.w1, d.w2, d.w3)
        var q: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var r: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &u) { ub in
            withUnsafeMutableBytes(of: &v) { vb in
                withUnsafeMutableBytes(of: &q) { qb in
                    withUnsafeMutableBytes(of: &r) { rb in
                        LimbDivision.divide(
                            ub.baseAddress!.assumingMemoryBound(to: UInt64.self), 4,
                            vb.baseAddress!.assumingMemoryBound(to: UInt64.self), 4,
                            quotient: qb.baseAddress!.assumingMemoryBound(to: UInt64.self),
                            remainder: rb.baseAddress!.assumingMemoryBound(to: UInt64.self))
                    }
                }
            }
        }
        return (U256(w0: q.0, w1: q.1, w2: q.2, w3: q.3), U256(w0: r.0, w1: r.1, w2: r.2, w3: r.3))
    }

    /// DIV: a / b, 0 when b is 0.
    @inlinable @inline(__always)
    public func div(_ b: U256) -> U256 { quotientAndRemainder(dividingBy: b).quotient }

    /// MOD: a % b, 0 when b is 0.
    @inlinable @inline(__always)
    public func mod(_ b: U256) -> U256 { quotientAndRemainder(dividingBy: b).remainder }

    /// SDIV: signed division truncating toward zero; 0 when b is 0; SDIV(-2^255, -1) = -2^255.
    @inlinable
    public func sdiv(_ b: U256) -> U256 {
        if b.isZero { return .zero }
        let q = magnitude.div(b.magnitude)
        return isNegative != b.isNegative ? q.negated : q
    }

    /// SMOD: signed remainder with the sign of the dividend; 0 when b is 0.
    @inlinable
    public func smod(_ b: U256) -> U256 {
        if b.isZero { return .zero }
        let r = magnitude.mod(b.magnitude)
        return isNegative ? r.negated : r
    }

    /// ADDMOD: (a + b) % m on the 257-bit sum; 0 when m is 0.
    @inlinable
    public static func addmod(_ a: U256, _ b: U256, _ m: U256) -> U256 {
        if m.isZero { return .zero }
        let (sum, carry) = a.addingReportingOverflow(b)
        // Operands already below the modulus (field arithmetic, where ADDMOD's result feeds
        // the next one) need at most one subtraction, not a division. Measured (2026-12-03,
        // fastest of 3 medians of 31): the addmod_chain loop of `scripts/width_benchmarks.py`
        // 5.71 → 3.48 ms (evmone 3.80).
        if a < m && b < m {
            // With a carry the sum is 2^256 + sum − m < m: the wrapping subtraction gives it.
            return carry || sum >= m ? sum &- m : sum
        }
        if !carry { return sum.mod(m) }
        return reduce(high: U256(1), low: sum, modulus: m)
    }

    /// MULMOD: (a × b) % m on the full 512-bit product; 0 when m is 0.
    @inlinable
    public static func mulmod(_ a: U256, _ b: U256, _ m: U256) -> U256 {
        if m.isZero { return .zero }
        let (hi, lo) = a.multipliedFullWidth(by: b)
        if hi.isZero { return lo.mod(m) }
        return reduce(high: hi, low: lo, modulus: m)
    }

    /// (high·2^256 + low) mod m for a non-zero m.
    @usableFromInline @inline(never)
    static func reduce(high: U256, low: U256, modulus m: U256) -> U256 {
        if m.w3 != 0 { return reduceByFullWidth(high: high, low: low, modulus: m) }
        var u = (low.w0, low.w1, low.w2, low.w3, high.w0, high.w1, high.w2, high.w3)
        var v = (m.w0, m.w1, m.w2, m.w3)
        var r: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &u) { ub in
            withUnsafeMutableBytes(of: &v) { vb in
                withUnsafeMutableBytes(of: &r) { rb in
                    LimbDivision.divide(
                        ub.baseAddress!.assumingMemoryBound(to: UInt64.self), 8,
                        vb.baseAddress!.assumingMemoryBound(to: UInt64.self), 4,
                        quotient: nil,
                        remainder: rb.baseAddress!.assumingMemoryBound(to: UInt64.self))
                }
            }
        }
        return U256(w0: r.0, w1: r.1, w2: r.2, w3: r.3)
    }

    /// (high·2^256 + low) mod m for a modulus with its top limb set (the 254- and 256-bit
    /// primes of elliptic-curve code): Knuth's long division specialised to a four-limb
    /// divisor, with the quotient limbs from `ThreeByTwo` and the multiply-subtract on words.
    ///
    /// The high half is reduced first (a product of two operands below m always has
    /// high < m, so this is a compare), which leaves four quotient limbs to find instead of
    /// five, the first of which was always zero; the running remainder stays in registers,
    /// each step brings down one limb of `low`, and the normalising shifts are limb funnels
    /// rather than calls. Measured (2026-12-02, beside the previous version in one session):
    /// weierstrudel/15 2.66 → 2.48 ms and weierstrudel/1 0.291 → 0.272 ms; with
    /// `divideByFourLimbs` for ADDMOD's and MOD's large moduli, callgrind counts 121.6M →
    /// 118.5M instructions on weierstrudel/15 and weierstrudel/1 went to 0.263 ms. A branch-free
    /// step (masked add-backs instead of the third-limb refinement) was no faster then; the
    /// branches that did cost were on the carries (2026-12-03: `addWithCarry`, `ThreeByTwo`).
    @usableFromInline
    static func reduceByFullWidth(high: U256, low: U256, modulus m: U256) -> U256 {
        let s = UInt64(m.w3.leadingZeroBitCount)
        let (v, _) = m.shiftedLeftWithin(s)
        let reciprocal = ThreeByTwo(v.w3, v.w2)
        let h = high < m ? high : high.mod(m)
        // The normalised dividend: its top four limbs (below v, since h < m), then the rest,
        // brought down one limb per step.
        var (remainder, _) = h.shiftedLeftWithin(s)
        var (rest, carried) = low.shiftedLeftWithin(s)
        remainder.w0 |= carried
        // A loop, not four copies: the optimizer inlines the step into one call site only.
        for _ in 0..<4 {
            remainder = divisionStep(remainder, rest.w3, v, reciprocal).remainder
            rest = U256(w0: 0, w1: rest.w0, w2: rest.w1, w3: rest.w2)
        }
        return remainder.shiftedRightWithin(s)
    }

    /// a / d and a % d for a divisor with its top limb set (DIV, MOD and ADDMOD by large
    /// moduli): the quotient fits one limb, so it is one step of Knuth's algorithm D, where
    /// the general long division (`divideSlow`) took a sixth of weierstrudel's time.
    @inlinable
    static func divideByFourLimbs(_ a: U256, _ d: U256) -> (quotient: U256, remainder: U256) {
        let s = UInt64(d.w3.leadingZeroBitCount)
        let (v, _) = d.shiftedLeftWithin(s)
        let (n, top) = a.shiftedLeftWithin(s)
        // (top, n.w3, n.w2, n.w1) < v since a < 2^256 ≤ d·2^64; bring down n.w0.
        let (q, r) = divisionStep(U256(w0: n.w1, w1: n.w2, w2: n.w3, w3: top), n.w0, v, ThreeByTwo(v.w3, v.w2))
        return (U256(q), r.shiftedRightWithin(s))
    }

    /// The word shifted left by s < 64 bits, and the bits shifted out of the top.
    @inlinable @inline(__always)
    func shiftedLeftWithin(_ s: UInt64) -> (U256, UInt64) {
        @inline(__always) func funnel(_ hi: UInt64, _ lo: UInt64) -> UInt64 { (hi &<< s) | ((lo &>> 1) &>> (63 &- s)) }
        return (U256(w0: w0 &<< s, w1: funnel(w1, w0), w2: funnel(w2, w1), w3: funnel(w3, w2)), (w3 &>> 1) &>> (63 &- s))
    }

    /// The word shifted right by s < 64 bits.
    @inlinable @inline(__always)
    func shiftedRightWithin(_ s: UInt64) -> U256 {
        @inline(__always) func funnel(_ hi: UInt64, _ lo: UInt64) -> UInt64 { (lo &>> s) | ((hi &<< 1) &<< (63 &- s)) }
        return U256(w0: funnel(w1, w0), w1: funnel(w2, w1), w2: funnel(w3, w2), w3: w3 &>> s)
    }

    /// One step of Knuth's algorithm D: (r·2^64 + next) / v and its remainder, for a
    /// normalised v and r < v (so the quotient fits one limb).
    ///
    /// The quotient limb is the 3-by-2 quotient of r's top three limbs by v's top two
    /// (`ThreeByTwo`), which is exact or one too large; the step then subtracts only the
    /// product with v's two low limbs and adds v back in the rare case it went negative.
    /// Measured (2026-12-03) against the two-limb estimate with Knuth's correction loop:
    /// see `ThreeByTwo`.
    @inlinable @inline(__always)
    static func divisionStep(_ r: U256, _ next: UInt64, _ v: U256, _ reciprocal: ThreeByTwo) -> (quotient: UInt64, remainder: U256) {
        // The 3-by-2 division needs r's top two limbs below v's; since r < v they can only
        // be equal, and then the quotient limb is 2^64 − 1 (r·2^64 + next ≥ (v.w3, v.w2)·2^192,
        // which exceeds v·(2^64 − 1)).
        if r.w3 == v.w3 && r.w2 == v.w2 { return divisionStepByMax(r, next, v) }
        var (q, s1, s0) = reciprocal.divide(r.w3, r.w2, r.w1)
        // (s1, s0, r.w0, next) − q·(v.w1, v.w0).
        let (c0, p0) = mulAdd(q, v.w0, 0, 0)
        let (p2, p1) = mulAdd(q, v.w1, c0, 0)
        let (x0, b0) = subtractWithBorrow(next, p0, 0)
        let (x1, b1) = subtractWithBorrow(r.w0, p1, b0)
        let (x2, b2) = subtractWithBorrow(s0, p2, b1)
        let (x3, negative) = subtractWithBorrow(s1, 0, b2)
        var remainder = U256(w0: x0, w1: x1, w2: x2, w3: x3)
        if negative != 0 {
            // q was one too large: add v back (the carry out cancels the borrow).
            remainder = remainder &+ v
            q &-= 1
        }
        return (q, remainder)
    }

    /// `divisionStep` when r's top two limbs equal v's: the quotient limb is 2^64 − 1, and
    /// the remainder r·2^64 + next − v·(2^64 − 1) = (r − v)·2^64 + next + v, which is below
    /// v, so the wrapping arithmetic on four limbs gives it exactly.
    @usableFromInline @inline(never)
    static func divisionStepByMax(_ r: U256, _ next: UInt64, _ v: U256) -> (quotient: UInt64, remainder: U256) {
        let d = r &- v
        return (.max, U256(w0: next, w1: d.w0, w2: d.w1, w3: d.w2) &+ v)
    }

    // MARK: Exponentiation and sign extension

    /// EXP: base^exponent mod 2^256 by square-and-multiply.
    @inlinable
    public func power(_ exponent: U256) -> U256 {
        var result = U256.one
        var base = self
        var e = exponent
        // Powers of two are common (2^k shifts): answer them directly.
        if self == U256(2) { return exponent < U256(256) ? U256.one << Int(exponent.w0) : .zero }
        while !e.isZero {
            if e.w0 & 1 == 1 { result = result &* base }
            e = e >> 1
            if !e.isZero { base = base &* base }
        }
        return result
    }

    /// SIGNEXTEND: extend the sign of the (byteIndex+1)-byte value; index 31 or more leaves it.
    ///
    /// The sign byte's limb keeps its bytes below the sign byte and takes the sign byte
    /// sign-extended as an `Int8`; the limbs above become the sign. One case per limb, so
    /// every limb is a register. Measured (2026-12-02, micro/signextend beside the previous
    /// build): micro/signextend/one 0.131 → 0.121 ms.
    @inlinable
    public func signExtended(fromByte byteIndex: U256) -> U256 {
        guard byteIndex.fitsUInt64, byteIndex.w0 < 31 else { return self }
        let b = Int(byteIndex.w0)
        let shift = UInt64((b & 7) << 3)  // the sign byte's offset in its limb, in bits
        @inline(__always) func extend(_ limb: UInt64) -> (UInt64, UInt64) {
            let signByte = Int64(Int8(truncatingIfNeeded: limb &>> shift))
            let low = limb & ~(UInt64.max &<< shift)
            return ((UInt64(bitPattern: signByte) &<< shift) | low, UInt64(bitPattern: signByte &>> 8))
        }
        switch b >> 3 {
        case 0:
            let (l, fill) = extend(w0)
            return U256(w0: l, w1: fill, w2: fill, w3: fill)
        case 1:
            let (l, fill) = extend(w1)
            return U256(w0: w0, w1: l, w2: fill, w3: fill)
        case 2:
            let (l, fill) = extend(w2)
            return U256(w0: w0, w1: w1, w2: l, w3: fill)
        default:
            let (l, _) = extend(w3)
            return U256(w0: w0, w1: w1, w2: w2, w3: l)
        }
    }
}

/// Knuth's algorithm D (TAOCP 4.3.1) on 64-bit limbs, as in Hacker's Delight `divmnu`.
@usableFromInline
enum LimbDivision {
    /// Divides u (m limbs) by v (n limbs), writing the quotient (m limbs, if asked) and the
    /// remainder (n limbs). v must not be zero. u and v are not changed.
    @usableFromInline
    static func divide(
        _ u: UnsafeMutablePointer<UInt64>, _ mIn: Int,
        _ v: UnsafeMutablePointer<UInt64>, _ nIn: Int,
        quotient q: UnsafeMutablePointer<UInt64>?, remainder r: UnsafeMutablePointer<UInt64>
    ) {
        var m = mIn
        while m > 0 && u[m - 1] == 0 { m -= 1 }
        var n = nIn
        while n > 0 && v[n - 1] == 0 { n -= 1 }
        precondition(n > 0, "division by zero reached LimbDivision")
        if let q { for i in 0..<mIn { q[i] = 0 } }
        for i in 0..<nIn { r[i] = 0 }
        if m < n {
            for i in 0..<m { r[i] = u[i] }
            return
        }
        if n == 1 {
            let d = v[0]
            var rem: UInt64 = 0
            var j = m - 1
            while j >= 0 {
                let (qq, rr) = d.dividingFullWidth((rem, u[j]))
                q?[j] = qq
                rem = rr
                j -= 1
            }
            r[0] = rem
            return
        }
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: m + 1 + n) { buffer in
            let un = buffer.baseAddress!
            let vn = un + (m + 1)
            let s = v[n - 1].leadingZeroBitCount
            // Normalise so that the divisor's top bit is set.
            if s == 0 {
                for i in 0..<n { vn[i] = v[i] }
                for i in 0..<m { un[i] = u[i] }
                un[m] = 0
            } else {
                for i in stride(from: n - 1, to: 0, by: -1) { vn[i] = (v[i] << s) | (v[i - 1] >> (64 - s)) }
                vn[0] = v[0] << s
                un[m] = u[m - 1] >> (64 - s)
                for i in stride(from: m - 1, to: 0, by: -1) { un[i] = (u[i] << s) | (u[i - 1] >> (64 - s)) }
                un[0] = u[0] << s
            }
            let vTop = vn[n - 1], vNext = vn[n - 2]
            let reciprocal = TwoByOne(divisor: vTop)
            var j = m - n
            while j >= 0 {
                // Estimate the quotient digit from the top two limbs, then correct it.
                var qhat: UInt64
                var rhat: UInt64
                var rhatOverflow = false
                if un[j + n] >= vTop {
                    qhat = .max
                    let (sum, o) = un[j + n - 1].addingReportingOverflow(vTop)
                    rhat = sum
                    rhatOverflow = o
                } else {
                    (qhat, rhat) = reciprocal.divide(high: un[j + n], low: un[j + n - 1])
                }
                while !rhatOverflow {
                    let (phi, plo) = qhat.multipliedFullWidth(by: vNext)
                    if phi > rhat || (phi == rhat && plo > un[j + n - 2]) {
                        qhat -= 1
                        let (sum, o) = rhat.addingReportingOverflow(vTop)
                        rhat = sum
                        rhatOverflow = o
                    } else {
                        break
                    }
                }
                // Multiply and subtract.
                var carry: UInt64 = 0
                for i in 0..<n {
                    let (phi, plo) = qhat.multipliedFullWidth(by: vn[i])
                    let (s1, b1) = un[i + j].subtractingReportingOverflow(plo)
                    let (s2, b2) = s1.subtractingReportingOverflow(carry)
                    un[i + j] = s2
                    carry = phi &+ (b1 ? 1 : 0) &+ (b2 ? 1 : 0)
                }
                let (top, borrow) = un[j + n].subtractingReportingOverflow(carry)
                un[j + n] = top
                if borrow {
                    // The estimate was one too large: add the divisor back.
                    qhat -= 1
                    var c: UInt64 = 0
                    for i in 0..<n {
                        let (s1, o1) = un[i + j].addingReportingOverflow(vn[i])
                        let (s2, o2) = s1.addingReportingOverflow(c)
                        un[i + j] = s2
                        c = (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
                    }
                    un[j + n] = un[j + n] &+ c
                }
                q?[j] = qhat
                j -= 1
            }
            // Denormalise the remainder.
            if s == 0 {
                for i in 0..<n { r[i] = un[i] }
            } else {
                for i in 0..<n { r[i] = (un[i] >> s) | (un[i + 1] << (64 - s)) }
            }
        }
    }
}

/// Division of a two-limb number by a normalised limb (top bit set) through its reciprocal
/// (Möller and Granlund, "Improved division by invariant integers", 2011, algorithm 4): two
/// multiplications and a few additions per quotient limb, where `dividingFullWidth` is a
/// call to the 128-bit division routine. Long division divides by the same top limb every
/// step, so the reciprocal is computed once.
@usableFromInline
struct TwoByOne {
    let d: UInt64
    /// floor((2^128 − 1) / d) − 2^64.
    let v: UInt64

    @usableFromInline
    init(divisor d: UInt64) {
        self.d = d
        v = d.dividingFullWidth((~d, .max)).quotient
    }

    /// (high·2^64 + low) / d and the remainder; requires high < d.
    @inline(__always) @usableFromInline
    func divide(high u1: UInt64, low u0: UInt64) -> (quotient: UInt64, remainder: UInt64) {
        var (q1, q0) = v.multipliedFullWidth(by: u1)
        let (sum, carry) = q0.addingReportingOverflow(u0)
        q0 = sum
        q1 = q1 &+ u1 &+ (carry ? 1 : 0) &+ 1
        var r = u0 &- q1 &* d
        if r > q0 {
            q1 = q1 &- 1
            r = r &+ d
        }
        if r >= d {
            q1 = q1 &+ 1
            r = r &- d
        }
        return (q1, r)
    }
}

/// Division of a three-limb number by a normalised two-limb divisor (d1's top bit set)
/// through its reciprocal ⌊(2^192 − 1) / (d1·2^64 + d0)⌋ − 2^64 (Möller and Granlund 2011,
/// algorithms 5 and 6): one quotient limb of a long division by a four-limb divisor, exact
/// for the top three limbs, so Knuth's estimate-and-correct loop goes away.
///
/// Measured (2026-12-03, beside the two-limb estimate with its correction loop, fastest of
/// three medians of 31): weierstrudel/15 2.35 → 2.09 ms and weierstrudel/1 0.217 → 0.178 ms
/// (evmone 1.87 and 0.177); a chain of dependent MULMODs (`scripts/width_benchmarks.py`)
/// unchanged at 15.2 ms, where evmone takes 21.3.
@usableFromInline
struct ThreeByTwo {
    @usableFromInline let d1: UInt64
    @usableFromInline let d0: UInt64
    @usableFromInline let v: UInt64

    @usableFromInline
    init(_ d1: UInt64, _ d0: UInt64) {
        self.d1 = d1
        self.d0 = d0
        // From the reciprocal of d1 alone, corrected for d0 (algorithm 6).
        var v = TwoByOne(divisor: d1).v
        var p = d1 &* v &+ d0
        if p < d0 {
            v &-= 1
            if p >= d1 {
                v &-= 1
                p &-= d1
            }
            p &-= d1
        }
        let (t1, t0) = v.multipliedFullWidth(by: d0)
        p &+= t1
        if p < t1 {
            v &-= 1
            if p > d1 || (p == d1 && t0 >= d0) { v &-= 1 }
        }
        self.v = v
    }

    /// (u2, u1, u0) / (d1, d0) and the two-limb remainder; requires (u2, u1) < (d1, d0).
    @inlinable @inline(__always)
    func divide(_ u2: UInt64, _ u1: UInt64, _ u0: UInt64) -> (quotient: UInt64, r1: UInt64, r0: UInt64) {
        var (q1, q0) = v.multipliedFullWidth(by: u2)
        let carry: UInt64
        (q0, carry) = addWithCarry(q0, u1, 0)
        q1 = q1 &+ u2 &+ carry
        var r1 = u1 &- q1 &* d1
        let (t1, t0) = d0.multipliedFullWidth(by: q1)
        // (r1, u0) − (t1, t0) − (d1, d0), on two limbs.
        var (r0, b0) = subtractWithBorrow(u0, t0, 0)
        r1 = r1 &- t1 &- b0
        let b1: UInt64
        (r0, b1) = subtractWithBorrow(r0, d0, 0)
        r1 = r1 &- d1 &- b1
        q1 &+= 1
        // Taken about half the time, so done with a mask rather than a branch, and the
        // carries with `addWithCarry` and `subtractWithBorrow` for the same reason: the
        // carry of the masked add-back had become a branch. Measured (2026-12-03, fastest of
        // 3 medians of 31): weierstrudel/15 1.66 → 1.33 ms, weierstrudel/1 0.164 → 0.141 ms.
        let mask = r1 >= q0 ? UInt64.max : 0
        q1 &+= mask
        let c0: UInt64
        (r0, c0) = addWithCarry(r0, d0 & mask, 0)
        r1 = r1 &+ (d1 & mask) &+ c0
        if r1 > d1 || (r1 == d1 && r0 >= d0) {
            q1 &+= 1
            let (s0, c1) = r0.subtractingReportingOverflow(d0)
            r0 = s0
            r1 = r1 &- d1 &- (c1 ? 1 : 0)
        }
        return (q1, r1, r0)
    }
}
