import EVMCore

// EIP-2537 (from Prague): BLS12-381 operations at 0x0b–0x11. Every failure (a wrong length, a
// coordinate not below p, a point off the curve, a point outside the subgroup where one is
// required) fails the call and consumes its gas. Gas figures are EIP-2537's.

/// 0x0b G1ADD: 375 gas; two G1 points (128 bytes each), on the curve, no subgroup check.
public enum BLS12G1Add: Precompile {
    public static let gasCost = 375
    public static func gas(_ input: [UInt8], schedule: GasSchedule) -> Int { gasCost }

    public static func run(_ input: [UInt8], schedule: GasSchedule) -> [UInt8]? {
        guard input.count == 256,
              let a = BLS12381.decodeG1(input[0..<128], subgroupCheck: false),
              let b = BLS12381.decodeG1(input[128..<256], subgroupCheck: false) else { return nil }
        return BLS12381.encode(a + b)
    }
}

/// 0x0d G2ADD: 600 gas; two G2 points (256 bytes each), on the twist, no subgroup check.
public enum BLS12G2Add: Precompile {
    public static let gasCost = 600
    public static func gas(_ input: [UInt8], schedule: GasSchedule) -> Int { gasCost }

    public static func run(_ input: [UInt8], schedule: GasSchedule) -> [UInt8]? {
        guard input.count == 512,
              let a = BLS12381.decodeG2(input[0..<256], subgroupCheck: false),
              let b = BLS12381.decodeG2(input[256..<512], subgroupCheck: false) else { return nil }
        return BLS12381.encode(a + b)
    }
}

/// MSM pricing: k · (cost of one multiplication) · discount(k) / 1000, with EIP-2537's
/// discount tables (k ≥ 1; past the table's end, its last value).
public enum BLS12MSMPricing {
    public static let multiplier = 1000
    public static let g1MultiplicationCost = 12_000
    public static let g2MultiplicationCost = 22_500

    public static let g1Discount: [Int] = [
        1000, 949, 848, 797, 764, 750, 738, 728, 719, 712, 705, 698, 692, 687, 682, 677, 673, 669, 665, 661,
        658, 654, 651, 648, 645, 642, 640, 637, 635, 632, 630, 627, 625, 623, 621, 619, 617, 615, 613, 611,
        609, 608, 606, 604, 603, 601, 599, 598, 596, 595, 593, 592, 591, 589, 588, 586, 585, 584, 582, 581,
        580, 579, 577, 576, 575, 574, 573, 572, 570, 569, 568, 567, 566, 565, 564, 563, 562, 561, 560, 559,
        558, 557, 556, 555, 554, 553, 552, 551, 550, 549, 548, 547, 547, 546, 545, 544, 543, 542, 541, 540,
        540, 539, 538, 537, 536, 536, 535, 534, 533, 532, 532, 531, 530, 529, 528, 528, 527, 526, 525, 525,
        524, 523, 522, 522, 521, 520, 520, 519,
    ]
    public static let g2Discount: [Int] = [
        1000, 1000, 923, 884, 855, 832, 812, 796, 782, 770, 759, 749, 740, 732, 724, 717, 711, 704, 699, 693,
        688, 683, 679, 674, 670, 666, 663, 659, 655, 652, 649, 646, 643, 640, 637, 634, 632, 629, 627, 624,
        622, 620, 618, 615, 613, 611, 609, 607, 606, 604, 602, 600, 598, 597, 595, 593, 592, 590, 589, 587,
        586, 584, 583, 582, 580, 579, 578, 576, 575, 574, 573, 571, 570, 569, 568, 567, 566, 565, 563, 562,
        561, 560, 559, 558, 557, 556, 555, 554, 553, 552, 552, 551, 550, 549, 548, 547, 546, 545, 545, 544,
        543, 542, 541, 541, 540, 539, 538, 537, 537, 536, 535, 535, 534, 533, 532, 532, 531, 530, 530, 529,
        528, 528, 527, 526, 526, 525, 524, 524,
    ]

    /// Gas for k pairs; zero for k = 0 (the call then fails on its length).
    public static func gas(pairs k: Int, multiplicationCost: Int, discounts: [Int]) -> Int {
        guard k > 0, let last = discounts.last else { return 0 }
        let discount = k <= discounts.count ? discounts[k - 1] : last
        // k is bounded by the input's length, so the product cannot overflow.
        return k * multiplicationCost * discount / multiplier
    }

    /// The MSM of k ≥ 1 pairs, each a point (the pair's bytes but its last 32) and a 32-byte
    /// big-endian scalar; nil for a bad length or a point `decode` refuses.
    static func run<F: CurveField>(_ input: [UInt8], pairLength: Int,
                                   decode: (ArraySlice<UInt8>) -> JacobianPoint<F>?) -> JacobianPoint<F>? {
        guard !input.isEmpty, input.count % pairLength == 0 else { return nil }
        var points: [JacobianPoint<F>] = [], scalars: [U256] = []
        for offset in stride(from: 0, to: input.count, by: pairLength) {
            let scalarStart = offset + pairLength - 32
            guard let p = decode(input[offset..<scalarStart]) else { return nil }
            points.append(p)
            scalars.append(U256(bigEndianBytes: input[scalarStart..<offset + pairLength]))
        }
        return JacobianPoint.multiScalarMultiplication(points, scalars)
    }
}

/// 0x0c G1MSM: k pairs of a G1 point (subgroup-checked) and a 32-byte scalar, 160 bytes each.
public enum BLS12G1MSM: Precompile {
    static let pairLength = 160

    public static func gas(_ input: [UInt8], schedule: GasSchedule) -> Int {
        BLS12MSMPricing.gas(pairs: input.count / pairLength, multiplicationCost: BLS12MSMPricing.g1MultiplicationCost,
                            discounts: BLS12MSMPricing.g1Discount)
    }

    public static func run(_ input: [UInt8], schedule: GasSchedule) -> [UInt8]? {
        BLS12MSMPricing.run(input, pairLength: pairLength) { BLS12381.decodeG1($0, subgroupCheck: true) }
            .map { BLS12381.encode($0) }
    }
}

/// 0x0e G2MSM: k pairs of a G2 point (subgroup-checked) and a 32-byte scalar, 288 bytes each.
public enum BLS12G2MSM: Precompile {
    static let pairLength = 288

    public static func gas(_ input: [UInt8], schedule: GasSchedule) -> Int {
        BLS12MSMPricing.gas(pairs: input.count / pairLength, multiplicationCost: BLS12MSMPricing.g2MultiplicationCost,
                            discounts: BLS12MSMPricing.g2Discount)
    }

    public static func run(_ input: [UInt8], schedule: GasSchedule) -> [UInt8]? {
        BLS12MSMPricing.run(input, pairLength: pairLength) { BLS12381.decodeG2($0, subgroupCheck: true) }
            .map { BLS12381.encode($0) }
    }
}

/// 0x0f PAIRING: 37,700 + 32,600 per pair; k pairs of (G1, G2), 384 bytes each, both
/// subgroup-checked. Returns 1 (as a word) when the product of the pairings is one, else 0.
public enum BLS12Pairing: Precompile {
    public static let baseCost = 37_700
    public static let perPairCost = 32_600
    static let pairLength = 384

    public static func gas(_ input: [UInt8], schedule: GasSchedule) -> Int {
        baseCost + perPairCost * (input.count / pairLength)
    }

    public static func run(_ input: [UInt8], schedule: GasSchedule) -> [UInt8]? {
        guard !input.isEmpty, input.count % pairLength == 0 else { return nil }
        var pairs: [(BLS12381.G1, BLS12381.G2)] = []
        for offset in stride(from: 0, to: input.count, by: pairLength) {
            guard let p = BLS12381.decodeG1(input[offset..<offset + 128], subgroupCheck: true),
                  let q = BLS12381.decodeG2(input[offset + 128..<offset + pairLength], subgroupCheck: true) else { return nil }
            pairs.append((p, q))
        }
        return U256(BLS12381.Pairing.check(pairs) ? 1 : 0).bigEndianBytes
    }
}

/// 0x10 MAP_FP_TO_G1: 5,500 gas; one field element (64 bytes) to a G1 point.
public enum BLS12MapFpToG1: Precompile {
    public static let gasCost = 5_500
    public static func gas(_ input: [UInt8], schedule: GasSchedule) -> Int { gasCost }

    public static func run(_ input: [UInt8], schedule: GasSchedule) -> [UInt8]? {
        guard input.count == 64, let u = BLS12381.decodeFp(input[...]) else { return nil }
        return BLS12381.encode(BLS12381.mapToG1(u))
    }
}

/// 0x11 MAP_FP2_TO_G2: 23,800 gas; one Fp2 element (128 bytes) to a G2 point.
public enum BLS12MapFp2ToG2: Precompile {
    public static let gasCost = 23_800
    public static func gas(_ input: [UInt8], schedule: GasSchedule) -> Int { gasCost }

    public static func run(_ input: [UInt8], schedule: GasSchedule) -> [UInt8]? {
        guard input.count == 128, let u = BLS12381.decodeFp2(input[...]) else { return nil }
        return BLS12381.encode(BLS12381.mapToG2(u))
    }
}
