extension BLS12381 {
    /// The optimal ate pairing: a Miller loop over |x| = 0xd201000000010000 (x is BLS12-381's
    /// negative seed), then the final exponentiation. The G2 point stays on the M-twist over
    /// Fp2; the untwisting map is (x', y') ↦ (x'·w⁻², y'·w⁻³) since w⁶ = ξ. Only products of
    /// pairings compared with one are needed (EIP-2537's PAIRING, KZG), so neither the
    /// conjugation that x < 0 would add nor the cube the fast final exponentiation leaves can
    /// change an answer: both are bijections of the order-r group that fix one.
    enum Pairing {
        static let loopCount: UInt64 = 0xd201_0000_0001_0000
        static let hardExponent = littleEndianLimbs(hex: Constants.hardExponent)

        /// Whether Π e(Pᵢ, Qᵢ) = 1. Pairs with a point at infinity contribute one.
        static func check(_ pairs: [(G1, G2)]) -> Bool {
            var inputs: [(px: Fp, py: Fp, qx: Fp2, qy: Fp2)] = []
            for (p, q) in pairs {
                guard let (px, py) = p.affine, let (qx, qy) = q.affine else { continue }
                inputs.append((px, py, qx, qy))
            }
            // Only points at infinity: the empty product is 1, with no final exponentiation.
            if inputs.isEmpty { return true }
            return finalExponentiation(millerLoop(inputs)) == Fp12.one
        }

        /// ξ·py, the constant part of every line (ξ = 1 + u).
        @inline(__always)
        static func xiTimes(_ py: Fp) -> Fp2 { Fp2(c0: py, c1: py) }

        /// Doubles T (Jacobian on the twist) and returns the tangent at T, untwisted and
        /// evaluated at P, times the Fp2 factor ξ·2YZ³ (the final exponentiation removes any
        /// factor in a proper subfield):
        ///   ξ·py·2YZ³ + ((3X³ − 2Y²)·v − 3X²Z²·px·v²)·w.
        /// No inversion: with λ = 3X²/(2YZ), λ·x·2YZ³ = 3X³, y·2YZ³ = 2Y², λ·2YZ³ = 3X²Z².
        static func doublingStep(_ t: inout G2, px: Fp, py: Fp) -> Fp12 {
            if t.isInfinity || t.y.isZero {
                t = .infinity
                return .one
            }
            let x2 = t.x.squared, y2 = t.y.squared, z2 = t.z.squared
            let threeX2 = x2 + x2 + x2
            let s = (t.y + t.y) * z2 * t.z
            let line = Fp12(a0: Fp6(c0: s * xiTimes(py), c1: .zero, c2: .zero),
                            a1: Fp6(c0: .zero, c1: threeX2 * t.x - (y2 + y2), c2: -(threeX2 * z2 * px)))
            t = t.doubled
            return line
        }

        /// Adds the affine point Q = (qx, qy) to T and returns the line through them times the
        /// factor den = Z·(qx·Z² − X): with λ = num/den, num = qy·Z³ − Y,
        ///   ξ·py·den + ((num·qx − qy·den)·v − num·px·v²)·w.
        /// A vertical line (T = −Q) lies in Fp6, which the final exponentiation removes: one.
        static func additionStep(_ t: inout G2, qx: Fp2, qy: Fp2, px: Fp, py: Fp) -> Fp12 {
            if t.isInfinity {
                t = G2(affineX: qx, y: qy)
                return .one
            }
            let z2 = t.z.squared
            let z3 = z2 * t.z
            let num = qy * z3 - t.y
            let den = t.z * (qx * z2 - t.x)
            if den.isZero {
                if num.isZero { return doublingStep(&t, px: px, py: py) }
                t = .infinity
                return .one
            }
            let line = Fp12(a0: Fp6(c0: den * xiTimes(py), c1: .zero, c2: .zero),
                            a1: Fp6(c0: .zero, c1: num * qx - qy * den, c2: -(num * px)))
            t = t + G2(affineX: qx, y: qy)
            return line
        }

        /// Π f_{|x|,Qᵢ}(Pᵢ) in one loop: the accumulator is squared once per bit for all pairs,
        /// not once per pair.
        static func millerLoop(_ pairs: [(px: Fp, py: Fp, qx: Fp2, qy: Fp2)]) -> Fp12 {
            var f = Fp12.one
            var ts = pairs.map { G2(affineX: $0.qx, y: $0.qy) }
            for bit in stride(from: 62, through: 0, by: -1) {
                if bit != 62 { f = f.squared }
                for i in pairs.indices {
                    f = f * doublingStep(&ts[i], px: pairs[i].px, py: pairs[i].py)
                }
                if (loopCount >> UInt64(bit)) & 1 == 1 {
                    for i in pairs.indices {
                        f = f * additionStep(&ts[i], qx: pairs[i].qx, qy: pairs[i].qy, px: pairs[i].px, py: pairs[i].py)
                    }
                }
            }
            return f
        }

        /// f^(3·(p¹² − 1)/r): the pairing's value cubed, which is one exactly when the value is
        /// (cubing is a bijection of the order-r group). Easy part: conjugation and one
        /// inversion, then the p²-Frobenius. Hard part by the seed, after Hayashida, Hayasaka
        /// and Teruya (eprint 2020/875): 3·(p⁴ − p² + 1)/r = (x − 1)²·(x + p)·(x² + p² − 1) + 3,
        /// five exponentiations by the 64-bit x instead of one by a 1,269-bit number.
        static func finalExponentiation(_ f: Fp12) -> Fp12 {
            let easy1 = f.conjugate * f.inverse
            let m = easy1.frobeniusSquared * easy1
            let t0 = m.cyclotomicPowerBySeed * m.conjugate                      // m^(x − 1)
            let t1 = t0.cyclotomicPowerBySeed * t0.conjugate                    // m^((x − 1)²)
            let t2 = t1.cyclotomicPowerBySeed * t1.frobenius                    // · (x + p)
            let t3 = t2.cyclotomicPowerBySeed.cyclotomicPowerBySeed * t2.frobeniusSquared * t2.conjugate  // · (x² + p² − 1)
            return t3 * m.cyclotomicSquared * m                                 // · m³
        }

        /// The final exponentiation by definition: f^((p¹² − 1)/r), for tests of the fast one.
        static func finalExponentiationByDefinition(_ f: Fp12) -> Fp12 {
            let easy1 = f.conjugate * f.inverse
            return (easy1.frobeniusSquared * easy1).cyclotomicPower(hardExponent)
        }
    }
}
