extension BLS12381 {
    /// Fp2 = Fp[u]/(u² + 1): the field of G2's coordinates.
    struct Fp2: Equatable, Sendable {
        var c0: Fp  // real part
        var c1: Fp  // coefficient of u

        static let zero = Fp2(c0: .zero, c1: .zero)
        static let one = Fp2(c0: .one, c1: .zero)

        var isZero: Bool { c0.isZero && c1.isZero }

        /// The p-th power: u^p = −u.
        var conjugate: Fp2 { Fp2(c0: c0, c1: -c1) }

        static func + (x: Fp2, y: Fp2) -> Fp2 { Fp2(c0: x.c0 + y.c0, c1: x.c1 + y.c1) }
        static func - (x: Fp2, y: Fp2) -> Fp2 { Fp2(c0: x.c0 - y.c0, c1: x.c1 - y.c1) }
        static prefix func - (x: Fp2) -> Fp2 { Fp2(c0: -x.c0, c1: -x.c1) }

        static func * (x: Fp2, y: Fp2) -> Fp2 {
            // Karatsuba: (a + bu)(c + du) = ac − bd + ((a + b)(c + d) − ac − bd)u
            let ac = x.c0 * y.c0, bd = x.c1 * y.c1
            return Fp2(c0: ac - bd, c1: (x.c0 + x.c1) * (y.c0 + y.c1) - ac - bd)
        }

        static func * (x: Fp2, k: Fp) -> Fp2 { Fp2(c0: x.c0 * k, c1: x.c1 * k) }

        var squared: Fp2 {
            let ab = c0 * c1
            return Fp2(c0: (c0 + c1) * (c0 - c1), c1: ab + ab)
        }

        /// Multiplication by ξ = 1 + u, the non-residue of the tower.
        var timesXi: Fp2 { Fp2(c0: c0 - c1, c1: c0 + c1) }

        var inverse: Fp2 {
            let norm = (c0.squared + c1.squared).inverse
            return Fp2(c0: c0 * norm, c1: -(c1 * norm))
        }

        /// sgn0 of RFC 9380 section 4.1: the parity of c0, or of c1 when c0 is zero.
        var sign: Bool { c0.isOdd || (c0.isZero && c1.isOdd) }

        /// The compressed encodings' flag: c1 decides, c0 when c1 is zero.
        var isLexicographicallyLargest: Bool {
            c1.isZero ? c0.isLexicographicallyLargest : c1.isLexicographicallyLargest
        }

        static let pMinus3Over4 = littleEndianLimbs(hex: Constants.pMinus3Over4)
        static let pMinus1Over2 = littleEndianLimbs(hex: Constants.pMinus1Over2)

        /// A square root, or nil when there is none: Algorithm 9 of Adj and
        /// Rodríguez-Henríquez, "Square root computation over even extension fields", for
        /// p ≡ 3 mod 4.
        var squareRoot: Fp2? {
            let a1 = power(Fp2.pMinus3Over4)
            let alpha = a1.squared * self
            let x0 = a1 * self
            let root: Fp2
            if alpha == -Fp2.one {
                root = Fp2(c0: -x0.c1, c1: x0.c0)  // u·x0
            } else {
                root = (alpha + .one).power(Fp2.pMinus1Over2) * x0
            }
            return root.squared == self ? root : nil
        }
    }

    /// BLS12-381's tower: Fp6 = Fp2[v]/(v³ − ξ), Fp12 = Fp6[w]/(w² − v), with ξ = 1 + u.
    typealias Fp6 = Fp6Over<Fp2>
    typealias Fp12 = Fp12Over<Fp2>

    /// γ = ξ^((p − 1)/6), so that w^p = γ·w; its powers γ⁰ … γ⁵.
    static let frobeniusCoefficients: [Fp2] = {
        let gamma = Fp2(c0: .one, c1: .one).power(littleEndianLimbs(hex: Constants.pMinus1Over6))
        var powers = [Fp2.one]
        for _ in 1...5 { powers.append(powers[powers.count - 1] * gamma) }
        return powers
    }()

    /// δ = ξ^((p² − 1)/6), so that w^(p²) = δ·w; its powers δ⁰ … δ⁵.
    static let frobeniusSquaredCoefficients: [Fp2] = {
        let delta = Fp2(c0: .one, c1: .one).power(littleEndianLimbs(hex: Constants.pSquaredMinus1Over6))
        var powers = [Fp2.one]
        for _ in 1...5 { powers.append(powers[powers.count - 1] * delta) }
        return powers
    }()
}

extension BLS12381.Fp2: CurveField, TowerBase {
    static var frobeniusCoefficients: [Self] { BLS12381.frobeniusCoefficients }
    static var frobeniusSquaredCoefficients: [Self] { BLS12381.frobeniusSquaredCoefficients }
}

extension Fp12Over where F == BLS12381.Fp2 {
    /// self^x for BLS12-381's seed x = −0xd201000000010000, in the cyclotomic subgroup (where
    /// the inverse is the conjugate): 63 cyclotomic squarings and 5 multiplications.
    var cyclotomicPowerBySeed: Fp12Over { cyclotomicPower(seed: BLS12381.Pairing.loopCount).conjugate }
}
