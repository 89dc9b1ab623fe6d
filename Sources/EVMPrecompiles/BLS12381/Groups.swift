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

    static func isOnCurve(_ p: G1) -> Bool {
        guard let (x, y) = p.affine else { return true }
        return y.squared == x.squared * x + b1
    }

    static func isOnCurve(_ p: G2) -> Bool {
        guard let (x, y) = p.affine else { return true }
        return y.squared == x.squared * x + b2
    }

    /// Membership of the order-r subgroup, checked by definition: r·P = O.
    static func isInSubgroup<F: CurveField>(_ p: JacobianPoint<F>) -> Bool {
        p.multiplied(by: order).isInfinity
    }
}

extension JacobianPoint {
    /// k·P for a scalar of any length given as little-endian limbs (double and add).
    func multiplied(limbs k: [UInt64]) -> JacobianPoint {
        var result = JacobianPoint.infinity
        for limb in k.reversed() {
            for bit in stride(from: 63, through: 0, by: -1) {
                result = result.doubled
                if (limb >> UInt64(bit)) & 1 == 1 { result = result + self }
            }
        }
        return result
    }

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
