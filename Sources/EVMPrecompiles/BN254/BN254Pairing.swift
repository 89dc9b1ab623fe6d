import EVMCore

/// The optimal ate pairing on BN254 (EIP-197): a Miller loop over 6x + 2 with the two Frobenius
/// steps, then the final exponentiation by (p¹² − 1)/r. G2 points stay on the D-twist over Fp2
/// in Jacobian coordinates, with no inversion in the loop; lines are evaluated at the G1 point
/// and embedded in Fp12 = Fp6[w]/(w² − v), where the untwisting map is (x, y) ↦ (x·w², y·w³).
/// Only products of pairings compared with one are needed (EIP-197's check), so lines may carry
/// any factor in a proper subfield of Fp12: the final exponentiation sends such factors to one.
/// Measured (2026-12-03, `gaslab precompile 0x08`, 20 calls in one process): a two-pair check
/// of the generators 19.7 → 5.3 ms per call, beside the affine loop with two inversions per
/// step, one loop per pair and the final exponentiation by plain powers that this replaces.
enum BN254Pairing {
    /// BN254's seed x: p = 36x⁴ + 36x³ + 24x² + 6x + 1, r = 36x⁴ + 36x³ + 18x² + 6x + 1.
    static let seed: UInt64 = 4_965_661_367_192_848_881
    /// 6x + 2 for BN254's x.
    static let ateLoopCount = U256(decimal: "29793968203157093288")!
    /// Its bits below the top one, from the top.
    static let loopBits: [Bool] = stride(from: ateLoopCount.bitWidth - 2, through: 0, by: -1).map {
        (ateLoopCount >> $0) & U256.one == U256.one
    }

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

    /// p², little-endian limbs, and (p⁴ − p² + 1)/r: the final exponentiation by definition,
    /// kept for the test of the fast one.
    static let pSquared: [UInt64] = littleEndianLimbs(hex: "925c4b8763cbf9c599a6f7c0348d21cb00b85511637560626edfa5c34c6b38d04689e957a1242c84a50189c6d96cadca602072d09eac1013b5458a2275d69b1")
    static let hardExponent: [UInt64] = littleEndianLimbs(hex: "1baaa710b0759ad331ec15183177faf6c0eb522d5b122784e529a5861876f6b3b1b1355d189227d79581e16f3fd90c66b887d56d5095f23aaa441e3954bcf8adcc7b44c87cdbacff1154e7e1da014fd5abf5cc4f49c36d4e81bb482ccdf42b1")

    /// Whether the product of the pairings e(Pᵢ, Qᵢ) is one. Pairs with a point at infinity
    /// contribute one.
    static func check(_ pairs: [(BN254.G1, BN254.G2)]) -> Bool {
        var inputs: [(px: Fp, py: Fp, qx: Fp2, qy: Fp2)] = []
        for (p, q) in pairs {
            guard let (px, py) = p.affine, let (qx, qy) = q.affine else { continue }
            inputs.append((px, py, qx, qy))
        }
        if inputs.isEmpty { return true }
        return finalExponentiation(millerLoop(inputs)) == Fp12.one
    }

    /// A line before it is evaluated at P = (px, py): the element a·py + (b·px + c·v)·w of
    /// Fp12, times a factor in Fp2. nil stands for a line the final exponentiation sends to one
    /// (a vertical line lies in Fp6).
    struct Line {
        var a: Fp2, b: Fp2, c: Fp2
    }

    /// Doubles T and returns its tangent times −2YZ³: with λ = 3X²/(2YZ), the untwisted
    /// tangent −py + λ·px·w + (y − λx)·v·w becomes
    ///   2YZ³·py − 3X²Z²·px·w + (3X³ − 2Y²)·v·w.
    static func doublingStep(_ t: inout BN254.G2) -> Line? {
        if t.isInfinity || t.y.isZero {
            t = .infinity
            return nil
        }
        let x2 = t.x.squared, y2 = t.y.squared, z2 = t.z.squared
        let threeX2 = x2 + x2 + x2
        let line = Line(a: (t.y + t.y) * z2 * t.z, b: -(threeX2 * z2), c: threeX2 * t.x - (y2 + y2))
        t = t.doubled
        return line
    }

    /// Adds the affine Q = (qx, qy) to T and returns the line through them times −den: with
    /// λ = num/den, num = qy·Z³ − Y, den = Z·(qx·Z² − X), the line −py + λ·px·w + (qy − λ·qx)·v·w
    /// becomes
    ///   den·py − num·px·w + (num·qx − qy·den)·v·w.
    static func additionStep(_ t: inout BN254.G2, qx: Fp2, qy: Fp2) -> Line? {
        if t.isInfinity {
            t = BN254.G2(affineX: qx, y: qy)
            return nil
        }
        let z2 = t.z.squared
        let num = qy * z2 * t.z - t.y
        let den = t.z * (qx * z2 - t.x)
        if den.isZero {
            if num.isZero { return doublingStep(&t) }
            t = .infinity
            return nil
        }
        let line = Line(a: den, b: -num, c: num * qx - qy * den)
        t = t + BN254.G2(affineX: qx, y: qy)
        return line
    }

    /// Π f(Pᵢ) over all pairs in one loop: the accumulator is squared once per bit for all
    /// pairs, and each line is multiplied in by its sparse shape. After the loop over 6x + 2,
    /// the lines through T and π(Q), then through T and −π²(Q).
    static func millerLoop(_ pairs: [(px: Fp, py: Fp, qx: Fp2, qy: Fp2)]) -> Fp12 {
        var f = Fp12.one
        func multiply(by line: Line?, _ px: Fp, _ py: Fp) {
            if let line { f = f.multiplied(byDTwistLine: line.a * py, line.b * px, line.c) }
        }
        var ts = pairs.map { BN254.G2(affineX: $0.qx, y: $0.qy) }
        for (index, bit) in loopBits.enumerated() {
            if index != 0 { f = f.squared }
            for i in pairs.indices { multiply(by: doublingStep(&ts[i]), pairs[i].px, pairs[i].py) }
            if bit {
                for i in pairs.indices {
                    multiply(by: additionStep(&ts[i], qx: pairs[i].qx, qy: pairs[i].qy), pairs[i].px, pairs[i].py)
                }
            }
        }
        for i in pairs.indices {
            let (qx, qy) = (pairs[i].qx, pairs[i].qy)
            let q1x = qx.conjugate * gamma1, q1y = qy.conjugate * gamma2
            let q2x = q1x.conjugate * gamma1, q2y = -(q1y.conjugate * gamma2)
            multiply(by: additionStep(&ts[i], qx: q1x, qy: q1y), pairs[i].px, pairs[i].py)
            multiply(by: additionStep(&ts[i], qx: q2x, qy: q2y), pairs[i].px, pairs[i].py)
        }
        return f
    }

    /// f^((p¹² − 1)/r). Easy part: f^((p⁶ − 1)(p² + 1)) by one inversion and Frobenius maps.
    /// Hard part, (p⁴ − p² + 1)/r, after Devegili, Scott and Dahab ("Implementing cryptographic
    /// pairings over Barreto-Naehrig curves", 2007, §5): with m the easy part's result,
    ///   y0 = m^(p + p² + p³), y1 = m⁻¹, y2 = m^(x²p²), y3 = m^(−xp),
    ///   y4 = m^(−x − x²p), y5 = m^(−x²), y6 = m^(−x³ − x³p),
    /// the result is y0·y1²·y2⁶·y3¹²·y4¹⁸·y5³⁰·y6³⁶, by a chain of 4 squarings and 10
    /// multiplications. Three exponentiations by the 63-bit x replace one by a 762-bit number;
    /// inverses are conjugates in the cyclotomic subgroup.
    static func finalExponentiation(_ f: Fp12) -> Fp12 {
        let easy1 = f.conjugate * f.inverse
        let m = easy1.frobeniusSquared * easy1
        let mx = m.cyclotomicPower(seed: seed)
        let mx2 = mx.cyclotomicPower(seed: seed)
        let mx3 = mx2.cyclotomicPower(seed: seed)
        let mp2 = m.frobeniusSquared
        let y0 = m.frobenius * mp2 * mp2.frobenius
        let y1 = m.conjugate
        let y2 = mx2.frobeniusSquared
        let y3 = mx.frobenius.conjugate
        let y4 = (mx * mx2.frobenius).conjugate
        let y5 = mx2.conjugate
        let y6 = (mx3 * mx3.frobenius).conjugate
        var t0 = y6.cyclotomicSquared * y4 * y5
        var t1 = y3 * y5 * t0
        t0 = t0 * y2
        t1 = (t1.cyclotomicSquared * t0).cyclotomicSquared
        t0 = t1 * y1
        t1 = t1 * y0
        return t0.cyclotomicSquared * t1
    }

    /// The final exponentiation by definition, with plain powers (no Frobenius map, no
    /// cyclotomic squaring): for the tests of the fast one.
    static func finalExponentiationByDefinition(_ f: Fp12) -> Fp12 {
        let easy1 = f.conjugate * f.inverse
        return (easy1.power(pSquared) * easy1).power(hardExponent)
    }
}
