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

    /// Fp6 = Fp2[v]/(v³ − ξ).
    struct Fp6: Equatable {
        var c0: Fp2, c1: Fp2, c2: Fp2

        static let zero = Fp6(c0: .zero, c1: .zero, c2: .zero)
        static let one = Fp6(c0: .one, c1: .zero, c2: .zero)

        static func + (x: Fp6, y: Fp6) -> Fp6 { Fp6(c0: x.c0 + y.c0, c1: x.c1 + y.c1, c2: x.c2 + y.c2) }
        static func - (x: Fp6, y: Fp6) -> Fp6 { Fp6(c0: x.c0 - y.c0, c1: x.c1 - y.c1, c2: x.c2 - y.c2) }
        static prefix func - (x: Fp6) -> Fp6 { Fp6(c0: -x.c0, c1: -x.c1, c2: -x.c2) }

        static func * (x: Fp6, y: Fp6) -> Fp6 {
            let t0 = x.c0 * y.c0, t1 = x.c1 * y.c1, t2 = x.c2 * y.c2
            let c0 = ((x.c1 + x.c2) * (y.c1 + y.c2) - t1 - t2).timesXi + t0
            let c1 = (x.c0 + x.c1) * (y.c0 + y.c1) - t0 - t1 + t2.timesXi
            let c2 = (x.c0 + x.c2) * (y.c0 + y.c2) - t0 - t2 + t1
            return Fp6(c0: c0, c1: c1, c2: c2)
        }

        /// Multiplication by v: (c0 + c1 v + c2 v²)·v = ξ c2 + c0 v + c1 v².
        var timesV: Fp6 { Fp6(c0: c2.timesXi, c1: c0, c2: c1) }

        var inverse: Fp6 {
            let t0 = c0.squared - (c1 * c2).timesXi
            let t1 = c2.squared.timesXi - c0 * c1
            let t2 = c1.squared - c0 * c2
            let norm = (c0 * t0 + (c2 * t1).timesXi + (c1 * t2).timesXi).inverse
            return Fp6(c0: t0 * norm, c1: t1 * norm, c2: t2 * norm)
        }
    }

    /// Fp12 = Fp6[w]/(w² − v): where the pairing takes its values.
    struct Fp12: Equatable {
        var a0: Fp6, a1: Fp6

        static let one = Fp12(a0: .one, a1: .zero)

        static func * (x: Fp12, y: Fp12) -> Fp12 {
            let t0 = x.a0 * y.a0, t1 = x.a1 * y.a1
            return Fp12(a0: t0 + t1.timesV, a1: (x.a0 + x.a1) * (y.a0 + y.a1) - t0 - t1)
        }

        var squared: Fp12 {
            // Complex squaring: (a + bw)² = (a + b)(a + vb) − ab − v·ab + 2ab·w.
            let ab = a0 * a1
            let c0 = (a0 + a1) * (a0 + a1.timesV) - ab - ab.timesV
            return Fp12(a0: c0, a1: ab + ab)
        }

        /// The p⁶-th power: conjugation over Fp6 (w^(p⁶) = −w).
        var conjugate: Fp12 { Fp12(a0: a0, a1: -a1) }

        var inverse: Fp12 {
            let norm = (a0 * a0 - (a1 * a1).timesV).inverse
            return Fp12(a0: a0 * norm, a1: -(a1 * norm))
        }

        /// δ = ξ^((p² − 1)/6), so that w^(p²) = δ·w.
        static let frobeniusSquaredDelta = Fp2(c0: .one, c1: .one)  // ξ
            .power(littleEndianLimbs(hex: Constants.pSquaredMinus1Over6))
        static let frobeniusSquaredCoefficients: [Fp2] = {
            var powers = [Fp2.one]
            for _ in 1...5 { powers.append(powers[powers.count - 1] * frobeniusSquaredDelta) }
            return powers
        }()

        /// The p²-th power. Coefficients in Fp2 are fixed by it, and the coefficient of
        /// vⁱwʲ = w^(2i+j) is multiplied by δ^(2i+j): ten Fp2 multiplications instead of an
        /// exponentiation by a 762-bit number.
        var frobeniusSquared: Fp12 {
            let d = Fp12.frobeniusSquaredCoefficients
            return Fp12(a0: Fp6(c0: a0.c0, c1: a0.c1 * d[2], c2: a0.c2 * d[4]),
                        a1: Fp6(c0: a1.c0 * d[1], c1: a1.c1 * d[3], c2: a1.c2 * d[5]))
        }

        /// (a + b·t)² in Fp4 = Fp2[t]/(t² − ξ), as two Fp2 values.
        @inline(__always)
        private static func fp4Square(_ a: Fp2, _ b: Fp2) -> (Fp2, Fp2) {
            let t0 = a.squared, t1 = b.squared
            return (t1.timesXi + t0, (a + b).squared - t0 - t1)
        }

        /// Squaring in the cyclotomic subgroup (elements of order dividing p⁴ − p² + 1, as
        /// after the easy part of the final exponentiation): Granger and Scott's formula, nine
        /// Fp2 squarings instead of two Fp6 multiplications. Only valid in that subgroup.
        var cyclotomicSquared: Fp12 {
            var z0 = a0.c0, z4 = a0.c1, z3 = a0.c2, z2 = a1.c0, z1 = a1.c1, z5 = a1.c2
            var (t0, t1) = Fp12.fp4Square(z0, z1)
            z0 = t0 - z0
            z0 = z0 + z0 + t0
            z1 = t1 + z1
            z1 = z1 + z1 + t1
            (t0, t1) = Fp12.fp4Square(z2, z3)
            let (t2, t3) = Fp12.fp4Square(z4, z5)
            z4 = t0 - z4
            z4 = z4 + z4 + t0
            z5 = t1 + z5
            z5 = z5 + z5 + t1
            let t3x = t3.timesXi
            z2 = t3x + z2
            z2 = z2 + z2 + t3x
            z3 = t2 - z3
            z3 = z3 + z3 + t2
            return Fp12(a0: Fp6(c0: z0, c1: z4, c2: z3), a1: Fp6(c0: z2, c1: z1, c2: z5))
        }

        /// self^e in the cyclotomic subgroup: fixed 4-bit windows over cyclotomic squarings.
        func cyclotomicPower(_ e: [UInt64]) -> Fp12 {
            var table = [Fp12.one]
            for i in 1..<16 { table.append(table[i - 1] * self) }
            var result = Fp12.one
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

        /// self^e for an exponent given as little-endian limbs (square and multiply).
        func power(_ e: [UInt64]) -> Fp12 {
            var result = Fp12.one
            var started = false
            for limb in e.reversed() {
                for bit in stride(from: 63, through: 0, by: -1) {
                    if started { result = result.squared }
                    if (limb >> UInt64(bit)) & 1 == 1 {
                        result = started ? result * self : self
                        started = true
                    }
                }
            }
            return result
        }
    }
}

extension BLS12381.Fp2: CurveField {}
