/// What the simplified SWU map needs of a field beyond curve arithmetic.
protocol SWUField: CurveField {
    var squareRoot: Self? { get }
    /// sgn0 of RFC 9380 section 4.1.
    var sign: Bool { get }
}

extension BLS12381.Fp: SWUField {
    var sign: Bool { isOdd }
}

extension BLS12381.Fp2: SWUField {}

/// An isogeny of RFC 9380 section 8.8 in its rational form: x = xNum(x')/xDen(x'),
/// y = y'·yNum(x')/yDen(x'), with the coefficients from the constant term up.
struct Isogeny<F: SWUField> {
    var a: F, b: F, z: F
    var xNumerator: [F], xDenominator: [F], yNumerator: [F], yDenominator: [F]
    /// −B/A and B/(Z·A), the two constants of the SWU map's x1.
    let minusBOverA: F, bOverZA: F

    init(a: F, b: F, z: F, xNumerator: [F], xDenominator: [F], yNumerator: [F], yDenominator: [F]) {
        (self.a, self.b, self.z) = (a, b, z)
        (self.xNumerator, self.xDenominator, self.yNumerator, self.yDenominator) = (xNumerator, xDenominator, yNumerator, yDenominator)
        minusBOverA = -b * a.inverse
        bOverZA = b * (z * a).inverse
    }

    static func evaluate(_ coefficients: [F], at x: F) -> F {
        var acc = F.zero
        for k in coefficients.reversed() { acc = acc * x + k }
        return acc
    }

    /// The simplified SWU map of RFC 9380 section 6.6.2 onto y² = x³ + A·x + B (A·B ≠ 0),
    /// written plainly (with inversions; constant time is not a concern for a public input).
    func simplifiedSWU(_ u: F) -> (x: F, y: F) {
        let zu2 = z * u.squared
        let tv1 = zu2.squared + zu2
        let x1: F
        if tv1.isZero {
            x1 = bOverZA
        } else {
            x1 = minusBOverA * (F.one + tv1.inverse)
        }
        var x = x1
        var y: F
        if let root = (x1.squared * x1 + a * x1 + b).squareRoot {
            y = root
        } else {
            x = zu2 * x1
            // RFC 9380: when g(x1) is not square, g(x2) = Z³u⁶·g(x1) is.
            y = (x.squared * x + a * x + b).squareRoot ?? F.zero
        }
        if u.sign != y.sign { y = -y }
        return (x, y)
    }

    /// The map of a field element to a point of E (before clearing the cofactor).
    func map(_ u: F) -> JacobianPoint<F> {
        let (x, y) = simplifiedSWU(u)
        let xDen = Isogeny.evaluate(xDenominator, at: x), yDen = Isogeny.evaluate(yDenominator, at: x)
        if xDen.isZero || yDen.isZero { return .infinity }
        // One inversion for both denominators.
        let inverse = (xDen * yDen).inverse
        let mappedX = Isogeny.evaluate(xNumerator, at: x) * yDen * inverse
        let mappedY = y * Isogeny.evaluate(yNumerator, at: x) * xDen * inverse
        return JacobianPoint(affineX: mappedX, y: mappedY)
    }
}

extension BLS12381 {
    typealias C = Constants

    /// The 11-isogeny from y² = x³ + A'x + B' to G1's curve, with Z = 11.
    static let isogeny11 = Isogeny<Fp>(
        a: Fp(hex: C.iso11A), b: Fp(hex: C.iso11B), z: Fp(hex: C.iso11Z),
        xNumerator: C.iso11XNumerator.map(Fp.init(hex:)), xDenominator: C.iso11XDenominator.map(Fp.init(hex:)),
        yNumerator: C.iso11YNumerator.map(Fp.init(hex:)), yDenominator: C.iso11YDenominator.map(Fp.init(hex:)))

    /// The 3-isogeny from y² = x³ + 240u·x + 1012(1 + u) to G2's twist, with Z = −(2 + u).
    static let isogeny3: Isogeny<Fp2> = {
        func fp2(_ pair: (String, String)) -> Fp2 { Fp2(c0: Fp(hex: pair.0), c1: Fp(hex: pair.1)) }
        return Isogeny<Fp2>(
            a: fp2(C.iso3A[0]), b: fp2(C.iso3B[0]), z: fp2(C.iso3Z[0]),
            xNumerator: C.iso3XNumerator.map(fp2), xDenominator: C.iso3XDenominator.map(fp2),
            yNumerator: C.iso3YNumerator.map(fp2), yDenominator: C.iso3YDenominator.map(fp2))
    }()

    static let g1CofactorMultiplier = littleEndianLimbs(hex: C.g1CofactorMultiplier)
    static let g2CofactorMultiplier = littleEndianLimbs(hex: C.g2CofactorMultiplier)

    /// MAP_FP_TO_G1: SSWU, the 11-isogeny, then h_eff·P (RFC 9380's BLS12381G1 suite).
    static func mapToG1(_ u: Fp) -> G1 {
        isogeny11.map(u).multiplied(limbs: g1CofactorMultiplier)
    }

    /// MAP_FP2_TO_G2: SSWU, the 3-isogeny, then h_eff·P (RFC 9380's BLS12381G2 suite).
    static func mapToG2(_ u: Fp2) -> G2 {
        clearCofactorG2(isogeny3.map(u))
    }

    /// h_eff·P by RFC 9380 appendix G.3 (Budroni–Pintore): with c1 = x,
    /// h_eff·P = [x² − x − 1]P + [x − 1]ψ(P) + ψ²(2P), two 64-bit multiplications instead of
    /// one by the 636-bit h_eff.
    static func clearCofactorG2(_ p: G2) -> G2 {
        func timesSeed(_ q: G2) -> G2 { q.multiplied(limbs: [Pairing.loopCount]).negated }  // x·Q, x < 0
        let t1 = timesSeed(p)
        var t2 = psi(p)
        var t3 = psi(psi(p.doubled))
        t3 = t3 + t2.negated
        t2 = timesSeed(t1 + t2)
        t3 = t3 + t2
        t3 = t3 + t1.negated
        return t3 + p.negated
    }
}
