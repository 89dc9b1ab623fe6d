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
            check(prepared: pairs.compactMap { p, q in q.isInfinity || p.isInfinity ? nil : (p, PreparedG2(q)) })
        }

        /// The same check with each G2 point's lines computed beforehand (KZG's two G2 points
        /// are constants, so it prepares them once per process).
        static func check(prepared pairs: [(G1, PreparedG2)]) -> Bool {
            var inputs: [(px: Fp, py: Fp, lines: [Line?])] = []
            for (p, q) in pairs {
                guard let (px, py) = p.affine, !q.lines.isEmpty else { continue }
                inputs.append((px, py, q.lines))
            }
            // Only points at infinity: the empty product is 1, with no final exponentiation.
            if inputs.isEmpty { return true }
            return finalExponentiation(millerLoop(inputs)) == Fp12.one
        }

        /// A line of the Miller loop before it is evaluated at P = (px, py): the element
        ///   a·py + (b·v + c·px·v²)·w
        /// of Fp12, times an Fp2 factor that the final exponentiation removes (it removes any
        /// factor in a proper subfield). Its coefficients depend on the G2 point only, so a
        /// fixed point's lines can be computed once and evaluated at any P with four Fp
        /// multiplications.
        struct Line: Sendable {
            var a: Fp2, b: Fp2, c: Fp2

            /// The line at P: a sparse Fp12 given by its three nonzero Fp2 coefficients.
            @inline(__always)
            func evaluated(px: Fp, py: Fp) -> (Fp2, Fp2, Fp2) { (a * py, b, c * px) }
        }

        /// A G2 point's Miller-loop lines, in the order the loop uses them: at each bit of |x|
        /// from the top, the tangent, then the line through Q when the bit is one. nil stands
        /// for a line equal to one (vertical lines and the point at infinity, which a point of
        /// order r never reaches before the loop ends). No lines for the point at infinity.
        struct PreparedG2: Sendable {
            let lines: [Line?]

            init(_ q: G2) {
                guard let (qx, qy) = q.affine else {
                    lines = []
                    return
                }
                var lines: [Line?] = []
                lines.reserveCapacity(70)
                var t = G2(affineX: qx, y: qy)
                for bit in stride(from: 62, through: 0, by: -1) {
                    lines.append(doublingStep(&t))
                    if (loopCount >> UInt64(bit)) & 1 == 1 {
                        lines.append(additionStep(&t, qx: qx, qy: qy))
                    }
                }
                self.lines = lines
            }
        }

        /// Doubles T (Jacobian on the twist) and returns the tangent at T, untwisted, times the
        /// Fp2 factor ξ·2YZ³:
        ///   ξ·2YZ³·py + ((3X³ − 2Y²)·v − 3X²Z²·px·v²)·w.
        /// No inversion: with λ = 3X²/(2YZ), λ·x·2YZ³ = 3X³, y·2YZ³ = 2Y², λ·2YZ³ = 3X²Z².
        static func doublingStep(_ t: inout G2) -> Line? {
            if t.isInfinity || t.y.isZero {
                t = .infinity
                return nil
            }
            let x2 = t.x.squared, y2 = t.y.squared, z2 = t.z.squared
            let threeX2 = x2 + x2 + x2
            let s = (t.y + t.y) * z2 * t.z
            let line = Line(a: s.timesXi, b: threeX2 * t.x - (y2 + y2), c: -(threeX2 * z2))
            t = t.doubled
            return line
        }

        /// Adds the affine point Q = (qx, qy) to T and returns the line through them times the
        /// factor ξ·den, den = Z·(qx·Z² − X): with λ = num/den, num = qy·Z³ − Y,
        ///   ξ·den·py + ((num·qx − qy·den)·v − num·px·v²)·w.
        /// A vertical line (T = −Q) lies in Fp6, which the final exponentiation removes: one.
        static func additionStep(_ t: inout G2, qx: Fp2, qy: Fp2) -> Line? {
            if t.isInfinity {
                t = G2(affineX: qx, y: qy)
                return nil
            }
            let z2 = t.z.squared
            let z3 = z2 * t.z
            let num = qy * z3 - t.y
            let den = t.z * (qx * z2 - t.x)
            if den.isZero {
                if num.isZero { return doublingStep(&t) }
                t = .infinity
                return nil
            }
            let line = Line(a: den.timesXi, b: num * qx - qy * den, c: -num)
            t = t + G2(affineX: qx, y: qy)
            return line
        }

        /// Π f_{|x|,Qᵢ}(Pᵢ) in one loop: the accumulator is squared once per bit for all pairs,
        /// not once per pair, and each line, being sparse, is multiplied in as such.
        static func millerLoop(_ pairs: [(px: Fp, py: Fp, lines: [Line?])]) -> Fp12 {
            var f = Fp12.one
            var next = 0  // index of the next line, the same for every pair
            func multiplyByLines() {
                for pair in pairs {
                    if let line = pair.lines[next] {
                        let (l0, l1, l2) = line.evaluated(px: pair.px, py: pair.py)
                        f = f.multiplied(byMTwistLine: l0, l1, l2)
                    }
                }
                next += 1
            }
            for bit in stride(from: 62, through: 0, by: -1) {
                if bit != 62 { f = f.squared }
                multiplyByLines()
                if (loopCount >> UInt64(bit)) & 1 == 1 { multiplyByLines() }
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
