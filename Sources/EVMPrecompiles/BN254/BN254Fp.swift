import EVMCore

/// An element of the BN254 (alt_bn128) base field, in Montgomery form (a·2^256 mod p), so that
/// multiplication needs no division (CIOS Montgomery multiplication on four 64-bit limbs).
struct Fp: Equatable, Sendable {
    var m: U256

    /// p's limbs, little-endian, and −p⁻¹ mod 2^64, as literals: the optimizer folds them,
    /// where a `static let` computed at run time costs a `swift_once` check at each use (6% of
    /// an ECADD's profile; a two-pair ECPAIRING 1.94 → 1.33 ms). A test derives both from p.
    static let p0: UInt64 = 0x3c20_8c16_d87c_fd47, p1: UInt64 = 0x9781_6a91_6871_ca8d
    static let p2: UInt64 = 0xb850_45b6_8181_585d, p3: UInt64 = 0x3064_4e72_e131_a029
    static let pInv: UInt64 = 0x87d2_0782_e486_6389
    static let p = U256(w0: p0, w1: p1, w2: p2, w3: p3)
    /// 2^512 mod p: converts into Montgomery form.
    static let r2 = U256(hex: "06d89f71cab8351f47ab1eff0a417ff6b5e71911d44501fbf32cfc5b538afa89")!

    static let zero = Fp(m: .zero)
    static let one = Fp(U256.one)

    init(m: U256) { self.m = m }

    /// From a canonical value below p.
    init(_ value: U256) { m = Fp.montgomery(value, Fp.r2) }

    init(small: UInt64) { self.init(U256(small)) }

    /// The canonical value.
    var value: U256 { Fp.montgomery(m, .one) }

    var isZero: Bool { m.isZero }

    static func + (a: Fp, b: Fp) -> Fp {
        // Both below p < 2^254: the sum fits four limbs; subtract p unless that borrows. No
        // branch on the values, which are random in curve arithmetic (see `montgomery`).
        var c: UInt64
        let s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64
        (s0, c) = addWithCarry(a.m.w0, b.m.w0, 0)
        (s1, c) = addWithCarry(a.m.w1, b.m.w1, c)
        (s2, c) = addWithCarry(a.m.w2, b.m.w2, c)
        (s3, _) = addWithCarry(a.m.w3, b.m.w3, c)
        var borrow: UInt64
        let r0: UInt64, r1: UInt64, r2: UInt64, r3: UInt64
        (r0, borrow) = subtractWithBorrow(s0, p0, 0)
        (r1, borrow) = subtractWithBorrow(s1, p1, borrow)
        (r2, borrow) = subtractWithBorrow(s2, p2, borrow)
        (r3, borrow) = subtractWithBorrow(s3, p3, borrow)
        let keep = 0 &- borrow  // all ones when s < p: keep the sum
        return Fp(m: U256(w0: (s0 & keep) | (r0 & ~keep), w1: (s1 & keep) | (r1 & ~keep),
                          w2: (s2 & keep) | (r2 & ~keep), w3: (s3 & keep) | (r3 & ~keep)))
    }

    static func - (a: Fp, b: Fp) -> Fp {
        var borrow: UInt64
        let d0: UInt64, d1: UInt64, d2: UInt64, d3: UInt64
        (d0, borrow) = subtractWithBorrow(a.m.w0, b.m.w0, 0)
        (d1, borrow) = subtractWithBorrow(a.m.w1, b.m.w1, borrow)
        (d2, borrow) = subtractWithBorrow(a.m.w2, b.m.w2, borrow)
        (d3, borrow) = subtractWithBorrow(a.m.w3, b.m.w3, borrow)
        // Add p back under a mask (p when it borrowed, else 0).
        let mask = 0 &- borrow
        var c: UInt64
        let r0: UInt64, r1: UInt64, r2: UInt64, r3: UInt64
        (r0, c) = addWithCarry(d0, p0 & mask, 0)
        (r1, c) = addWithCarry(d1, p1 & mask, c)
        (r2, c) = addWithCarry(d2, p2 & mask, c)
        (r3, _) = addWithCarry(d3, p3 & mask, c)
        return Fp(m: U256(w0: r0, w1: r1, w2: r2, w3: r3))
    }

    static prefix func - (a: Fp) -> Fp { a.isZero ? a : Fp(m: p &- a.m) }

    static func * (a: Fp, b: Fp) -> Fp { Fp(m: montgomery(a.m, b.m)) }

    var squared: Fp { self * self }
    var doubled: Fp { self + self }

    /// The inverse by Fermat (a^(p−2)); zero for zero.
    var inverse: Fp {
        let e = Fp.p &- U256(2)
        return power([e.w0, e.w1, e.w2, e.w3])
    }

    /// a·b·2^-256 mod p (CIOS), unrolled by hand with every limb a local, as BLS12-381's is.
    /// p's top limb is below 2^62, so the running sum never needs a fifth limb: each round's
    /// two carries (the product's and the reduction's) meet in the top limb without overflow.
    /// Measured (2026-12-03, scripts/bn254_bench.py, one session): beside the loop over
    /// `b[limb: i]` with a fifth limb and branches on carries that it replaces, ECMUL 0.361 →
    /// 0.159 ms and a two-pair ECPAIRING 5.02 → 1.94 ms.
    static func montgomery(_ a: U256, _ b: U256) -> U256 {
        var t0: UInt64 = 0, t1: UInt64 = 0, t2: UInt64 = 0, t3: UInt64 = 0
        var carry: UInt64, c: UInt64, m: UInt64
        // Round 0: t = (t + a·b.w0 + m·p) / 2^64.
        (carry, t0) = mulAdd(a.w0, b.w0, t0, 0)
        m = t0 &* pInv
        (c, _) = mulAdd(m, p0, t0, 0)
        (carry, t1) = mulAdd(a.w1, b.w0, t1, carry)
        (c, t0) = mulAdd(m, p1, t1, c)
        (carry, t2) = mulAdd(a.w2, b.w0, t2, carry)
        (c, t1) = mulAdd(m, p2, t2, c)
        (carry, t3) = mulAdd(a.w3, b.w0, t3, carry)
        (c, t2) = mulAdd(m, p3, t3, c)
        t3 = c &+ carry
        // Round 1.
        (carry, t0) = mulAdd(a.w0, b.w1, t0, 0)
        m = t0 &* pInv
        (c, _) = mulAdd(m, p0, t0, 0)
        (carry, t1) = mulAdd(a.w1, b.w1, t1, carry)
        (c, t0) = mulAdd(m, p1, t1, c)
        (carry, t2) = mulAdd(a.w2, b.w1, t2, carry)
        (c, t1) = mulAdd(m, p2, t2, c)
        (carry, t3) = mulAdd(a.w3, b.w1, t3, carry)
        (c, t2) = mulAdd(m, p3, t3, c)
        t3 = c &+ carry
        // Round 2.
        (carry, t0) = mulAdd(a.w0, b.w2, t0, 0)
        m = t0 &* pInv
        (c, _) = mulAdd(m, p0, t0, 0)
        (carry, t1) = mulAdd(a.w1, b.w2, t1, carry)
        (c, t0) = mulAdd(m, p1, t1, c)
        (carry, t2) = mulAdd(a.w2, b.w2, t2, carry)
        (c, t1) = mulAdd(m, p2, t2, c)
        (carry, t3) = mulAdd(a.w3, b.w2, t3, carry)
        (c, t2) = mulAdd(m, p3, t3, c)
        t3 = c &+ carry
        // Round 3.
        (carry, t0) = mulAdd(a.w0, b.w3, t0, 0)
        m = t0 &* pInv
        (c, _) = mulAdd(m, p0, t0, 0)
        (carry, t1) = mulAdd(a.w1, b.w3, t1, carry)
        (c, t0) = mulAdd(m, p1, t1, c)
        (carry, t2) = mulAdd(a.w2, b.w3, t2, carry)
        (c, t1) = mulAdd(m, p2, t2, c)
        (carry, t3) = mulAdd(a.w3, b.w3, t3, carry)
        (c, t2) = mulAdd(m, p3, t3, c)
        t3 = c &+ carry
        // t < 2p: one conditional subtraction, under a mask.
        var borrow: UInt64
        let r0: UInt64, r1: UInt64, r2: UInt64, r3: UInt64
        (r0, borrow) = subtractWithBorrow(t0, p0, 0)
        (r1, borrow) = subtractWithBorrow(t1, p1, borrow)
        (r2, borrow) = subtractWithBorrow(t2, p2, borrow)
        (r3, borrow) = subtractWithBorrow(t3, p3, borrow)
        let keep = 0 &- borrow
        return U256(w0: (t0 & keep) | (r0 & ~keep), w1: (t1 & keep) | (r1 & ~keep),
                    w2: (t2 & keep) | (r2 & ~keep), w3: (t3 & keep) | (r3 & ~keep))
    }
}

/// Fp2 = Fp[u]/(u² + 1).
struct Fp2: Equatable, Sendable {
    var a: Fp  // real part
    var b: Fp  // coefficient of u

    static let zero = Fp2(a: .zero, b: .zero)
    static let one = Fp2(a: .one, b: .zero)
    /// ξ = 9 + u: Fp6 = Fp2[v]/(v³ − ξ).
    static let xi = Fp2(a: Fp(small: 9), b: .one)

    var isZero: Bool { a.isZero && b.isZero }

    static func + (x: Fp2, y: Fp2) -> Fp2 { Fp2(a: x.a + y.a, b: x.b + y.b) }
    static func - (x: Fp2, y: Fp2) -> Fp2 { Fp2(a: x.a - y.a, b: x.b - y.b) }
    static prefix func - (x: Fp2) -> Fp2 { Fp2(a: -x.a, b: -x.b) }

    static func * (x: Fp2, y: Fp2) -> Fp2 {
        // Karatsuba: (a + bu)(c + du) = ac − bd + ((a + b)(c + d) − ac − bd)u
        let ac = x.a * y.a, bd = x.b * y.b
        return Fp2(a: ac - bd, b: (x.a + x.b) * (y.a + y.b) - ac - bd)
    }

    static func * (x: Fp2, k: Fp) -> Fp2 { Fp2(a: x.a * k, b: x.b * k) }

    var squared: Fp2 {
        // (a + bu)² = (a + b)(a − b) + 2abu
        let ab = a * b
        return Fp2(a: (a + b) * (a - b), b: ab + ab)
    }

    var conjugate: Fp2 { Fp2(a: a, b: -b) }

    /// Multiplication by ξ = 9 + u.
    var timesXi: Fp2 {
        let nineA = Fp2.nine * a, nineB = Fp2.nine * b
        return Fp2(a: nineA - b, b: nineB + a)
    }
    static let nine = Fp(small: 9)

    var inverse: Fp2 {
        let norm = (a.squared + b.squared).inverse
        return Fp2(a: a * norm, b: -(b * norm))
    }
}

extension Fp2: TowerBase {
    static var frobeniusCoefficients: [Fp2] { frobeniusPowers.gamma }
    static var frobeniusSquaredCoefficients: [Fp2] { frobeniusPowers.delta }

    /// γ⁰ … γ⁵ for γ = ξ^((p − 1)/6), and δ⁰ … δ⁵ for δ = ξ^((p² − 1)/6) = γ^(p + 1) = conj(γ)·γ
    /// (the p-th power on Fp2 is conjugation), so p² is never needed.
    private static let frobeniusPowers: (gamma: [Fp2], delta: [Fp2]) = {
        let e = (Fp.p &- U256.one).div(U256(6))
        let gamma = xi.power([e.w0, e.w1, e.w2, e.w3])
        let delta = gamma.conjugate * gamma
        func powers(_ g: Fp2) -> [Fp2] { (1...5).reduce(into: [Fp2.one]) { list, _ in list.append(list[list.count - 1] * g) } }
        return (powers(gamma), powers(delta))
    }()
}

/// BN254's tower: Fp6 = Fp2[v]/(v³ − ξ), Fp12 = Fp6[w]/(w² − v), with ξ = 9 + u.
typealias Fp6 = Fp6Over<Fp2>
typealias Fp12 = Fp12Over<Fp2>
