/// The quadratic field a pairing tower is built on (Fp2 = Fp[u]/(u² + 1)), with its
/// non-residue ξ and the constants of the Frobenius map on the tower.
protocol TowerBase: CurveField {
    /// Multiplication by ξ: v³ = ξ in Fp6 and w⁶ = ξ in Fp12.
    var timesXi: Self { get }
    /// The p-th power of an Fp2 element: its conjugate (u^p = −u).
    var conjugate: Self { get }
    /// γ⁰ … γ⁵ for γ = ξ^((p − 1)/6), so that w^p = γ·w.
    static var frobeniusCoefficients: [Self] { get }
    /// δ⁰ … δ⁵ for δ = ξ^((p² − 1)/6), so that w^(p²) = δ·w.
    static var frobeniusSquaredCoefficients: [Self] { get }
}

/// Fp6 = Fp2[v]/(v³ − ξ), for BN254 (ξ = 9 + u) and BLS12-381 (ξ = 1 + u) alike.
struct Fp6Over<F: TowerBase>: Equatable, Sendable {
    var c0: F, c1: F, c2: F

    static var zero: Fp6Over { Fp6Over(c0: .zero, c1: .zero, c2: .zero) }
    static var one: Fp6Over { Fp6Over(c0: .one, c1: .zero, c2: .zero) }

    static func + (x: Fp6Over, y: Fp6Over) -> Fp6Over { Fp6Over(c0: x.c0 + y.c0, c1: x.c1 + y.c1, c2: x.c2 + y.c2) }
    static func - (x: Fp6Over, y: Fp6Over) -> Fp6Over { Fp6Over(c0: x.c0 - y.c0, c1: x.c1 - y.c1, c2: x.c2 - y.c2) }
    static prefix func - (x: Fp6Over) -> Fp6Over { Fp6Over(c0: -x.c0, c1: -x.c1, c2: -x.c2) }

    static func * (x: Fp6Over, y: Fp6Over) -> Fp6Over {
        let t0 = x.c0 * y.c0, t1 = x.c1 * y.c1, t2 = x.c2 * y.c2
        let c0 = ((x.c1 + x.c2) * (y.c1 + y.c2) - t1 - t2).timesXi + t0
        let c1 = (x.c0 + x.c1) * (y.c0 + y.c1) - t0 - t1 + t2.timesXi
        let c2 = (x.c0 + x.c2) * (y.c0 + y.c2) - t0 - t2 + t1
        return Fp6Over(c0: c0, c1: c1, c2: c2)
    }

    /// Multiplication by an Fp2 scalar.
    static func * (x: Fp6Over, k: F) -> Fp6Over { Fp6Over(c0: x.c0 * k, c1: x.c1 * k, c2: x.c2 * k) }

    /// Multiplication by l1·v + l2·v² (no constant term), as a Miller-loop line's w part is:
    /// five Fp2 multiplications instead of six.
    ///   (x0 + x1 v + x2 v²)(l1 v + l2 v²) = ξ(x1 l2 + x2 l1) + (x0 l1 + ξ x2 l2) v + (x0 l2 + x1 l1) v²
    @inline(__always)
    func multiplied(byV l1: F, vSquared l2: F) -> Fp6Over {
        let m1 = c1 * l1, m2 = c2 * l2
        let cross = (c1 + c2) * (l1 + l2) - m1 - m2  // x1 l2 + x2 l1
        return Fp6Over(c0: cross.timesXi, c1: c0 * l1 + m2.timesXi, c2: c0 * l2 + m1)
    }

    /// Multiplication by b0 + b1·v (no v² term), as a D-twist line's w part is: five Fp2
    /// multiplications instead of six.
    ///   (x0 + x1 v + x2 v²)(b0 + b1 v) = (x0 b0 + ξ x2 b1) + (x0 b1 + x1 b0) v + (x1 b1 + x2 b0) v²
    @inline(__always)
    func multiplied(by b0: F, v b1: F) -> Fp6Over {
        let m0 = c0 * b0, m1 = c1 * b1
        let cross = (c0 + c1) * (b0 + b1) - m0 - m1  // x0 b1 + x1 b0
        return Fp6Over(c0: m0 + (c2 * b1).timesXi, c1: cross, c2: m1 + c2 * b0)
    }

    /// Multiplication by v: (c0 + c1 v + c2 v²)·v = ξ c2 + c0 v + c1 v².
    var timesV: Fp6Over { Fp6Over(c0: c2.timesXi, c1: c0, c2: c1) }

    var inverse: Fp6Over {
        let t0 = c0.squared - (c1 * c2).timesXi
        let t1 = c2.squared.timesXi - c0 * c1
        let t2 = c1.squared - c0 * c2
        let norm = (c0 * t0 + (c2 * t1).timesXi + (c1 * t2).timesXi).inverse
        return Fp6Over(c0: t0 * norm, c1: t1 * norm, c2: t2 * norm)
    }
}

/// Fp12 = Fp6[w]/(w² − v): where pairings take their values.
struct Fp12Over<F: TowerBase>: Equatable, Sendable {
    var a0: Fp6Over<F>, a1: Fp6Over<F>

    static var one: Fp12Over { Fp12Over(a0: .one, a1: .zero) }

    static func * (x: Fp12Over, y: Fp12Over) -> Fp12Over {
        let t0 = x.a0 * y.a0, t1 = x.a1 * y.a1
        return Fp12Over(a0: t0 + t1.timesV, a1: (x.a0 + x.a1) * (y.a0 + y.a1) - t0 - t1)
    }

    /// Multiplication by the sparse l0 + (l1·v + l2·v²)·w, the shape of a Miller-loop line on
    /// an M-twist (BLS12-381): Karatsuba over w with the products of the sparse halves taken
    /// as such, 14 Fp2 multiplications instead of 18.
    func multiplied(byMTwistLine l0: F, _ l1: F, _ l2: F) -> Fp12Over {
        let t0 = a0 * l0
        let t1 = a1.multiplied(byV: l1, vSquared: l2)
        let sum = (a0 + a1) * Fp6Over(c0: l0, c1: l1, c2: l2)
        return Fp12Over(a0: t0 + t1.timesV, a1: sum - t0 - t1)
    }

    /// Multiplication by the sparse l0 + (l1 + l2·v)·w, the shape of a Miller-loop line on a
    /// D-twist (BN254): 13 Fp2 multiplications instead of 18.
    func multiplied(byDTwistLine l0: F, _ l1: F, _ l2: F) -> Fp12Over {
        let t0 = a0 * l0
        let t1 = a1.multiplied(by: l1, v: l2)
        let sum = (a0 + a1).multiplied(by: l0 + l1, v: l2)
        return Fp12Over(a0: t0 + t1.timesV, a1: sum - t0 - t1)
    }

    var squared: Fp12Over {
        // Complex squaring: (a + bw)² = (a + b)(a + vb) − ab − v·ab + 2ab·w.
        let ab = a0 * a1
        let c0 = (a0 + a1) * (a0 + a1.timesV) - ab - ab.timesV
        return Fp12Over(a0: c0, a1: ab + ab)
    }

    /// The p⁶-th power: conjugation over Fp6 (w^(p⁶) = −w).
    var conjugate: Fp12Over { Fp12Over(a0: a0, a1: -a1) }

    var inverse: Fp12Over {
        let norm = (a0 * a0 - (a1 * a1).timesV).inverse
        return Fp12Over(a0: a0 * norm, a1: -(a1 * norm))
    }

    /// self^e for an exponent given as little-endian limbs (square and multiply).
    func power(_ e: [UInt64]) -> Fp12Over {
        var result = Fp12Over.one
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

extension Fp12Over {
    /// The p-th power: each Fp2 coefficient conjugated, and the coefficient of vⁱwʲ = w^(2i+j)
    /// multiplied by γ^(2i+j).
    var frobenius: Fp12Over {
        let g = F.frobeniusCoefficients
        return Fp12Over(a0: Fp6Over(c0: a0.c0.conjugate, c1: a0.c1.conjugate * g[2], c2: a0.c2.conjugate * g[4]),
                        a1: Fp6Over(c0: a1.c0.conjugate * g[1], c1: a1.c1.conjugate * g[3], c2: a1.c2.conjugate * g[5]))
    }

    /// The p²-th power. Coefficients in Fp2 are fixed by it, and the coefficient of
    /// vⁱwʲ = w^(2i+j) is multiplied by δ^(2i+j): ten Fp2 multiplications instead of an
    /// exponentiation by a number of twice p's length.
    var frobeniusSquared: Fp12Over {
        let d = F.frobeniusSquaredCoefficients
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

    /// self^e in the cyclotomic subgroup for a curve's 64-bit seed e > 0: square and
    /// multiply, which for the seeds' few set bits beats windows.
    func cyclotomicPower(seed e: UInt64) -> Fp12Over {
        var result = self
        for bit in stride(from: 62 - e.leadingZeroBitCount, through: 0, by: -1) {
            result = result.cyclotomicSquared
            if (e >> UInt64(bit)) & 1 == 1 { result = result * self }
        }
        return result
    }
}
