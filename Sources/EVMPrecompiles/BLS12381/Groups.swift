import EVMCore

extension BLS12381 {
    /// G1: y² = x³ + 4 over Fp. G2: the M-twist y² = x³ + 4(1 + u) over Fp2.
    typealias G1 = JacobianPoint<Fp>
    typealias G2 = JacobianPoint<Fp2>

    static let b1 = Fp(small: 4)
    static let b2 = Fp2(c0: Fp(small: 4), c1: Fp(small: 4))

    /// The order r of G1, G2 and the pairing's target group.
    static let order = U256(hex: Constants.order)!

    static let g1Generator = G1(
        affineX: Fp(hex: "17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb"),
        y: Fp(hex: "8b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1"))
    static let g2Generator = G2(
        affineX: Fp2(c0: Fp(hex: "24aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8"),
                     c1: Fp(hex: "13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e")),
        y: Fp2(c0: Fp(hex: "ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e193548608b82801"),
               c1: Fp(hex: "606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da1aaa9075ff05f79be")))

    /// Y² = X³ + b·Z⁶ in Jacobian coordinates: no inversion.
    static func isOnCurve<F: CurveField>(_ p: JacobianPoint<F>, b: F) -> Bool {
        if p.isInfinity { return true }
        let z2 = p.z.squared
        return p.y.squared == p.x.squared * p.x + b * z2.squared * z2
    }

    static func isOnCurve(_ p: G1) -> Bool { isOnCurve(p, b: b1) }
    static func isOnCurve(_ p: G2) -> Bool { isOnCurve(p, b: b2) }

    /// Membership of the order-r subgroup by definition, r·P = O: what the specification
    /// computes, kept as the reference for the endomorphism tests below.
    static func isInSubgroupByOrder<F: CurveField>(_ p: JacobianPoint<F>) -> Bool {
        p.multiplied(by: order).isInfinity
    }

    // The fast subgroup checks of EIP-2537 (assets/eip-2537/fast_subgroup_checks.md, after
    // Scott, eprint 2021/1130 §4): for a point on the curve they decide membership exactly as
    // r·P = O does, with a 128-bit (G1) or 64-bit (G2) multiplication instead of a 255-bit one.

    /// β, the cube root of unity of φ(x, y) = (β·x, y) on G1.
    static let beta = Fp(hex: "5f19672fdf76ce51ba69c6076a0f77eaddb3a93be6f89688de17d813620a00022e01fffffffefffe")
    /// x² for BLS12-381's seed x = −0xd201000000010000.
    static let seedSquared: [UInt64] = {
        let (high, low) = Pairing.loopCount.multipliedFullWidth(by: Pairing.loopCount)
        return [low, high]
    }()
    /// The coefficients of ψ(x, y) = (conj(x)·ψx, conj(y)·ψy) on G2.
    static let psiX = Fp2(c0: .zero, c1: Fp(hex: "1a0111ea397fe699ec02408663d4de85aa0d857d89759ad4897d29650fb85f9b409427eb4f49fffd8bfd00000000aaad"))
    static let psiY = Fp2(c0: Fp(hex: "135203e60180a68ee2e9c448d77a2cd91c3dedd930b1cf60ef396489f61eb45e304466cf3e67fa0af1ee7b04121bdea2"),
                          c1: Fp(hex: "6af0e0437ff400b6831e36d6bd17ffe48395dabc2d3435e77f76e17009241c5ee67992f72ec05f4c81084fbede3cc09"))

    /// G1 membership: φ(P) + x²·P = O.
    static func isInSubgroup(_ p: G1) -> Bool {
        let phi = G1(x: p.x * beta, y: p.y, z: p.z)
        return (phi + p.multiplied(limbs: seedSquared)).isInfinity
    }

    /// G2 membership: ψ(P) = x·P with x < 0, tested as ψ(P) + |x|·P = O. In Jacobian coordinates
    /// ψ maps (X, Y, Z) to (conj(X)·ψx, conj(Y)·ψy, conj(Z)), conjugation being a field map.
    static func isInSubgroup(_ p: G2) -> Bool {
        (psi(p) + p.multiplied(limbs: [Pairing.loopCount])).isInfinity
    }

    /// ψ = twist⁻¹ ∘ Frobenius ∘ twist on G2, with the constants of EIP-2537's note (equal to
    /// RFC 9380's 1/(1 + u)^((p−1)/3) and 1/(1 + u)^((p−1)/2)).
    static func psi(_ p: G2) -> G2 {
        G2(x: p.x.conjugate * psiX, y: p.y.conjugate * psiY, z: p.z.conjugate)
    }
}

extension JacobianPoint {
    /// Σ kᵢ·Pᵢ by Pippenger's bucket method: the scalars are cut into c-bit windows; in each
    /// window every point is added once to the bucket of its digit, and the buckets are summed
    /// with running sums (2·2^c additions), so the cost grows as n·256/c rather than n·256.
    static func multiScalarMultiplication(_ points: [JacobianPoint], _ scalars: [U256]) -> JacobianPoint {
        precondition(points.count == scalars.count)
        let n = points.count
        if n == 0 { return .infinity }
        if n == 1 { return points[0].multiplied(by: scalars[0]) }
        // Window width ≈ log2(n), the usual choice; at least 2 bits, at most 16.
        let c = max(2, min(16, Int.bitWidth - (n.leadingZeroBitCount) - 1))
        let windows = (256 + c - 1) / c
        let mask = (1 << c) - 1
        var result = JacobianPoint.infinity
        var buckets = [JacobianPoint](repeating: .infinity, count: mask)
        for window in stride(from: windows - 1, through: 0, by: -1) {
            for _ in 0..<c { result = result.doubled }
            for i in 0..<mask { buckets[i] = .infinity }
            let shift = window * c
            for (point, scalar) in zip(points, scalars) {
                let digit = Int(truncatingIfNeeded: (scalar >> shift).w0) & mask
                if digit != 0 { buckets[digit - 1] = buckets[digit - 1] + point }
            }
            // Σ d·bucket[d] = Σ_d (running sum of buckets from the top down to d).
            var running = JacobianPoint.infinity
            var windowSum = JacobianPoint.infinity
            for i in stride(from: mask - 1, through: 0, by: -1) {
                running = running + buckets[i]
                windowSum = windowSum + running
            }
            result = result + windowSum
        }
        return result
    }
}
