import EVMCore

/// 0x06 ECADD on BN254 (EIP-196), 150 gas since EIP-1108. Input right-padded to 128 bytes;
/// an invalid point fails the call and consumes its gas.
public enum BN254Add: Precompile {
    public static func gas(_ input: [UInt8], schedule: GasSchedule) -> Int { 150 }

    public static func run(_ input: [UInt8], schedule: GasSchedule) -> [UInt8]? {
        let data = padded(input, to: 128)
        guard let a = BN254.g1(data[0..<64]), let b = BN254.g1(data[64..<128]) else { return nil }
        return BN254.encode(a + b)
    }
}

/// 0x07 ECMUL on BN254 (EIP-196), 6,000 gas since EIP-1108. Input right-padded to 96 bytes.
public enum BN254Mul: Precompile {
    public static func gas(_ input: [UInt8], schedule: GasSchedule) -> Int { 6_000 }

    public static func run(_ input: [UInt8], schedule: GasSchedule) -> [UInt8]? {
        let data = padded(input, to: 96)
        guard let p = BN254.g1(data[0..<64]) else { return nil }
        return BN254.encode(p.multiplied(by: U256(bigEndianBytes: data[64..<96])))
    }
}

/// 0x08 ECPAIRING on BN254 (EIP-197): 45,000 + 34,000 per pair since EIP-1108. Returns 1 when
/// the product of the pairings is one; input must be a multiple of 192 bytes.
public enum BN254PairingCheck: Precompile {
    public static func gas(_ input: [UInt8], schedule: GasSchedule) -> Int { 45_000 + 34_000 * (input.count / 192) }

    public static func run(_ input: [UInt8], schedule: GasSchedule) -> [UInt8]? {
        guard input.count % 192 == 0 else { return nil }
        var pairs: [(BN254.G1, BN254.G2)] = []
        var offset = 0
        while offset < input.count {
            guard let p = BN254.g1(input[offset..<offset + 64]),
                  let q = BN254.g2(input[offset + 64..<offset + 192]) else { return nil }
            pairs.append((p, q))
            offset += 192
        }
        return U256(BN254Pairing.check(pairs) ? 1 : 0).bigEndianBytes
    }
}
