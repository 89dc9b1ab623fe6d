import EVMCore

/// An element of the BN254 (alt_bn128) base field, in Montgomery form (a·2^256 mod p), so that
/// multiplication needs no division (CIOS Montgomery multiplication on four 64-bit limbs).
struct Fp: Equatable, Sendable {
    var m: U256

    static let p = U256(hex: "30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47")!
    /// −p⁻¹ mod 2^64.
    static let pInv: UInt64 = {
        // Newton's iteration for p⁻¹ mod 2^64, then negate.
        var x: UInt64 = 1
        for _ in 0..<7 { x = x &* (2 &- p.w0 &* x) }
        return 0 &- x
    }()
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
        let (s, carry) = a.m.addingReportingOverflow(b.m)
        if carry || s >= p { return Fp(m: s &- p) }
        return Fp(m: s)
    }

    static func - (a: Fp, b: Fp) -> Fp {
        let (d, borrow) = a.m.subtractingReportingOverflow(b.m)
        return Fp(m: borrow ? d &+ p : d)
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

    /// a·b·2^-256 mod p (CIOS).
    static func montgomery(_ a: U256, _ b: U256) -> U256 {
        var t0: UInt64 = 0, t1: UInt64 = 0, t2: UInt64 = 0, t3: UInt64 = 0, t4: UInt64 = 0
        let p0 = p.w0, p1 = p.w1, p2 = p.w2, p3 = p.w3
        for i in 0..<4 {
            let bi = b[limb: i]
            var c: UInt64
            (c, t0) = mulAdd(a.w0, bi, t0, 0)
            (c, t1) = mulAdd(a.w1, bi, t1, c)
            (c, t2) = mulAdd(a.w2, bi, t2, c)
            (c, t3) = mulAdd(a.w3, bi, t3, c)
            let (s4, o4) = t4.addingReportingOverflow(c)
            t4 = s4
            let t5: UInt64 = o4 ? 1 : 0
            let mi = t0 &* pInv
            (c, _) = mulAdd(mi, p0, t0, 0)
            (c, t0) = mulAdd(mi, p1, t1, c)
            (c, t1) = mulAdd(mi, p2, t2, c)
            (c, t2) = mulAdd(mi, p3, t3, c)
            let (s3, o3) = t4.addingReportingOverflow(c)
            t3 = s3
            t4 = t5 &+ (o3 ? 1 : 0)
        }
        let r = U256(w0: t0, w1: t1, w2: t2, w3: t3)
        if t4 != 0 || r >= p { return r &- p }
        return r
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
