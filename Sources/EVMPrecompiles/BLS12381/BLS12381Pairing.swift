extension BLS12381 {
    /// The optimal ate pairing: a Miller loop over |x| = 0xd201000000010000 (x is BLS12-381's
    /// negative seed), then the final exponentiation by (p¹² − 1)/r. The G2 point stays on the
    /// M-twist over Fp2; the untwisting map is (x', y') ↦ (x'·w⁻², y'·w⁻³) since w⁶ = ξ.
    /// Only products of pairings compared with one are needed (EIP-2537's PAIRING, KZG), so the
    /// conjugation that x < 0 would add is left out: it cannot change whether a product is one.
    enum Pairing {
        static let loopCount: UInt64 = 0xd201_0000_0001_0000
        static let pSquared = littleEndianLimbs(hex: Constants.pSquared)
        static let hardExponent = littleEndianLimbs(hex: Constants.hardExponent)

        /// Whether Π e(Pᵢ, Qᵢ) = 1. Pairs with a point at infinity contribute one.
        static func check(_ pairs: [(G1, G2)]) -> Bool {
            var f = Fp12.one
            for (p, q) in pairs {
                guard let (px, py) = p.affine, let (qx, qy) = q.affine else { continue }
                f = f * millerLoop(qx: qx, qy: qy, px: px, py: py)
            }
            return finalExponentiation(f) == Fp12.one
        }

        /// The line through twist points T1, T2 (the tangent when equal), untwisted, evaluated
        /// at P and scaled by ξ, an Fp2 factor that the final exponentiation removes:
        /// ξ·l(P) = ξ·py + ((λx1 − y1)·v − λ·px·v²)·w, with λ the slope on the twist.
        /// A vertical line lies in Fp6, which the final exponentiation also removes: one.
        static func line(_ x1: Fp2, _ y1: Fp2, _ x2: Fp2, _ y2: Fp2, px: Fp, py: Fp) -> Fp12 {
            let slope: Fp2
            if x1 != x2 {
                slope = (y2 - y1) * (x2 - x1).inverse
            } else if y1 == y2 && !y1.isZero {
                let x1sq = x1.squared
                slope = (x1sq + x1sq + x1sq) * (y1 + y1).inverse
            } else {
                return .one
            }
            let xiPy = Fp2(c0: py, c1: py)  // ξ·py with ξ = 1 + u
            return Fp12(a0: Fp6(c0: xiPy, c1: .zero, c2: .zero),
                        a1: Fp6(c0: .zero, c1: slope * x1 - y1, c2: -(slope * px)))
        }

        /// Affine addition on the twist (doubling when equal); nil for infinity.
        static func add(_ p: (Fp2, Fp2)?, _ q: (Fp2, Fp2)?) -> (Fp2, Fp2)? {
            guard let (x1, y1) = p else { return q }
            guard let (x2, y2) = q else { return p }
            let slope: Fp2
            if x1 != x2 {
                slope = (y2 - y1) * (x2 - x1).inverse
            } else if y1 == y2 && !y1.isZero {
                let x1sq = x1.squared
                slope = (x1sq + x1sq + x1sq) * (y1 + y1).inverse
            } else {
                return nil
            }
            let x3 = slope.squared - x1 - x2
            return (x3, slope * (x1 - x3) - y1)
        }

        static func millerLoop(qx: Fp2, qy: Fp2, px: Fp, py: Fp) -> Fp12 {
            var f = Fp12.one
            var t: (Fp2, Fp2)? = (qx, qy)
            for bit in stride(from: 62, through: 0, by: -1) {
                guard let (tx, ty) = t else { break }
                f = f.squared * line(tx, ty, tx, ty, px: px, py: py)
                t = add(t, t)
                if (loopCount >> UInt64(bit)) & 1 == 1, let (tx2, ty2) = t {
                    f = f * line(tx2, ty2, qx, qy, px: px, py: py)
                    t = add(t, (qx, qy))
                }
            }
            return f
        }

        /// f^((p¹² − 1)/r) = ((f^(p⁶ − 1))^(p² + 1))^((p⁴ − p² + 1)/r).
        static func finalExponentiation(_ f: Fp12) -> Fp12 {
            let easy1 = f.conjugate * f.inverse
            let easy = easy1.power(pSquared) * easy1
            return easy.power(hardExponent)
        }
    }
}
