import EVMCore

/// The optimal ate pairing on BN254 (EIP-197), as the execution specs (py_ecc) compute it:
/// a Miller loop over 6x + 2 with the two Frobenius steps, then the final exponentiation by
/// (p¹² − 1)/r. G2 points stay on the twist over Fp2; lines are evaluated at the G1 point and
/// embedded in Fp12 = Fp6[w]/(w² − v), where the untwisting map is (x, y) ↦ (x·w², y·w³).
enum BN254Pairing {
    /// 6x + 2 for BN254's x.
    static let ateLoopCount = U256(decimal: "29793968203157093288")!

    /// γ₁ = ξ^((p−1)/3) and γ₂ = ξ^((p−1)/2): the Frobenius map on the twist is
    /// (x, y) ↦ (conj(x)·γ₁, conj(y)·γ₂).
    static let gamma1: Fp2 = {
        let e = (Fp.p &- U256.one).div(U256(3))
        return Fp2.xi.power([e.w0, e.w1, e.w2, e.w3])
    }()
    static let gamma2: Fp2 = {
        let e = (Fp.p &- U256.one).div(U256(2))
        return Fp2.xi.power([e.w0, e.w1, e.w2, e.w3])
    }()

    /// p², little-endian limbs.
    static let pSquared: [UInt64] = littleEndianLimbs(hex: "925c4b8763cbf9c599a6f7c0348d21cb00b85511637560626edfa5c34c6b38d04689e957a1242c84a50189c6d96cadca602072d09eac1013b5458a2275d69b1")
    /// (p⁴ − p² + 1)/r, little-endian limbs.
    static let hardExponent: [UInt64] = littleEndianLimbs(hex: "1baaa710b0759ad331ec15183177faf6c0eb522d5b122784e529a5861876f6b3b1b1355d189227d79581e16f3fd90c66b887d56d5095f23aaa441e3954bcf8adcc7b44c87cdbacff1154e7e1da014fd5abf5cc4f49c36d4e81bb482ccdf42b1")

    /// Whether the product of the pairings e(Pᵢ, Qᵢ) is one.
    static func check(_ pairs: [(BN254.G1, BN254.G2)]) -> Bool {
        var f = Fp12.one
        for (p, q) in pairs {
            guard let (px, py) = p.affine, let (qx, qy) = q.affine else { continue }
            f = f * millerLoop(qx: qx, qy: qy, px: px, py: py)
        }
        return finalExponentiation(f) == Fp12.one
    }

    /// The line through affine twist points (x1, y1), (x2, y2) (tangent when equal), untwisted
    /// and evaluated at P = (px, py).
    static func line(_ x1: Fp2, _ y1: Fp2, _ x2: Fp2, _ y2: Fp2, px: Fp, py: Fp) -> Fp12 {
        let slope: Fp2
        if x1 != x2 {
            slope = (y2 - y1) * (x2 - x1).inverse
        } else if y1 == y2 {
            let x1sq = x1.squared
            slope = (x1sq + x1sq + x1sq) * (y1 + y1).inverse
        } else {
            // Vertical line x = x1: (px − x1·w²).
            return Fp12(a0: Fp6(c0: Fp2(a: px, b: .zero), c1: -x1, c2: .zero), a1: .zero)
        }
        // λw(px − x1w²) − (py − y1w³) = −py + (λ·px)w + (y1 − λx1)w³, with w³ = v·w.
        return Fp12(a0: Fp6(c0: Fp2(a: -py, b: .zero), c1: .zero, c2: .zero),
                    a1: Fp6(c0: slope * px, c1: y1 - slope * x1, c2: .zero))
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
        var r: (Fp2, Fp2)? = (qx, qy)
        for i in stride(from: ateLoopCount.bitWidth - 2, through: 0, by: -1) {
            guard let (rx, ry) = r else { break }
            f = f.squared * line(rx, ry, rx, ry, px: px, py: py)
            r = add(r, r)
            if (ateLoopCount >> i) & U256.one == U256.one, let (rx2, ry2) = r {
                f = f * line(rx2, ry2, qx, qy, px: px, py: py)
                r = add(r, (qx, qy))
            }
        }
        // Q1 = π(Q), −Q2 = −π²(Q).
        let q1x = qx.conjugate * gamma1, q1y = qy.conjugate * gamma2
        let q2x = q1x.conjugate * gamma1, q2y = -(q1y.conjugate * gamma2)
        if let (rx, ry) = r {
            f = f * line(rx, ry, q1x, q1y, px: px, py: py)
            r = add(r, (q1x, q1y))
        }
        if let (rx, ry) = r {
            f = f * line(rx, ry, q2x, q2y, px: px, py: py)
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
