extension BLS12381 {
    /// Fp2 = Fp[u]/(u² + 1): the field of G2's coordinates.
    struct Fp2: Equatable, Sendable {
        var c0: Fp  // real part
        var c1: Fp  // coefficient of u

        static let zero = Fp2(c0: .zero, c1: .zero)
        static let one = Fp2(c0: .one, c1: .zero)

        var isZero: Bool { c0.isZero && c1.isZero }

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

extension BLS12381.Fp2: CurveField, TowerBase {}

extension Fp12Over where F == BLS12381.Fp2 {
    /// The p-th power: each Fp2 coefficient conjugated (u^p = −u), and the coefficient of
    /// vⁱwʲ = w^(2i+j) multiplied by γ^(2i+j).
    var frobenius: Fp12Over {
        let g = BLS12381.frobeniusCoefficients
        func conj(_ a: F) -> F { BLS12381.conjugate(a) }
        return Fp12Over(a0: Fp6Over(c0: conj(a0.c0), c1: conj(a0.c1) * g[2], c2: conj(a0.c2) * g[4]),
                        a1: Fp6Over(c0: conj(a1.c0) * g[1], c1: conj(a1.c1) * g[3], c2: conj(a1.c2) * g[5]))
    }

    /// The p²-th power. Coefficients in Fp2 are fixed by it, and the coefficient of
    /// vⁱwʲ = w^(2i+j) is multiplied by δ^(2i+j): ten Fp2 multiplications instead of an
    /// exponentiation by a 762-bit number.
    var frobeniusSquared: Fp12Over {
        let d = BLS12381.frobeniusSquaredCoefficients
        return Fp12Over(a0: Fp6Over(c0: a0.c0, c1: a0.c1 * d[2], c2: a0.c2 * d[4]),
                        a1: Fp6Over(c0: a1.c0 * d[1], c1: a1.c1 * d[3], c2: a1.c2 * d[5]))
    }

    /// (a + b·t)² in Fp4 = Fp2[t]/(t² − ξ), as two Fp2 values.
    @inline(__always)
    private static func fp4Square(_ a: F, _ b: F) -> (F, F) {
        let t0 = a.squared, t1 = b.squared
        return (t1.timesXi + t0, (a + b).squared - t0 - t1)
    }

    /// Squaring in the cyclotomic subgroup (elements of order dividing p⁴ − p² + 1, as
    /// after the easy part of the final exponentiation): Granger and Scott's formula, nine
    /// Fp2 squarings instead of two Fp6 multiplications. Only valid in that subgroup.
    var cyclotomicSquared: Fp12Over {
        var z0 = a0.c0, z4 = a0.c1, z3 = a0.c2, z2 = a1.c0, z1 = a1.c1, z5 = a1.c2
        var (t0, t1) = Self.fp4Square(z0, z1)
        z0 = t0 - z0
        z0 = z0 + z0 + t0
        z1 = t1 + z1
        z1 = z1 + z1 + t1
        (t0, t1) = Self.fp4Square(z2, z3)
        let (t2, t3) = Self.fp4Square(z4, z5)
        z4 = t0 - z4
        z4 = z4 + z4 + t0
        z5 = t1 + z5
        z5 = z5 + z5 + t1
        let t3x = t3.timesXi
        z2 = t3x + z2
        z2 = z2 + z2 + t3x
        z3 = t2 - z3
        z3 = z3 + z3 + t2
        return Fp12Over(a0: Fp6Over(c0: z0, c1: z4, c2: z3), a1: Fp6Over(c0: z2, c1: z1, c2: z5))
    }

    /// self^e in the cyclotomic subgroup: fixed 4-bit windows over cyclotomic squarings.
    func cyclotomicPower(_ e: [UInt64]) -> Fp12Over {
        var table = [Fp12Over.one]
        for i in 1..<16 { table.append(table[i - 1] * self) }
        var result = Fp12Over.one
        var started = false
        for limb in e.reversed() {
            for nibble in stride(from: 60, through: 0, by: -4) {
                if started {
                    for _ in 0..<4 { result = result.cyclotomicSquared }
                }
                let digit = Int((limb >> UInt64(nibble)) & 0xf)
                if digit != 0 {
                    result = started ? result * table[digit] : table[digit]
                    started = true
                }
            }
        }
        return result
    }

    /// self^x for BLS12-381's seed x = −0xd201000000010000, in the cyclotomic subgroup (where
    /// the inverse is the conjugate): 63 cyclotomic squarings and 5 multiplications.
    var cyclotomicPowerBySeed: Fp12Over {
        var result = self
        let e = BLS12381.Pairing.loopCount
        for bit in stride(from: 62, through: 0, by: -1) {
            result = result.cyclotomicSquared
            if (e >> UInt64(bit)) & 1 == 1 { result = result * self }
        }
        return result.conjugate
    }
}
