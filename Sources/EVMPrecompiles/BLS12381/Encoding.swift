extension BLS12381 {
    // MARK: EIP-2537's uncompressed encoding

    /// A field element in 64 bytes: 16 zero bytes, then 48 big-endian bytes below p.
    static func decodeFp(_ bytes: ArraySlice<UInt8>) -> Fp? {
        guard bytes.count == 64, bytes.prefix(16).allSatisfy({ $0 == 0 }) else { return nil }
        return Fp(bigEndian: bytes.dropFirst(16))
    }

    /// Fp2 in 128 bytes: c0, then c1.
    static func decodeFp2(_ bytes: ArraySlice<UInt8>) -> Fp2? {
        guard bytes.count == 128,
              let c0 = decodeFp(bytes.prefix(64)), let c1 = decodeFp(bytes.dropFirst(64)) else { return nil }
        return Fp2(c0: c0, c1: c1)
    }

    /// A G1 point in 128 bytes (x, y); all zeros is infinity. nil when a coordinate is not a
    /// field element or the point is off the curve; with `subgroupCheck`, also when r·P ≠ O.
    static func decodeG1(_ bytes: ArraySlice<UInt8>, subgroupCheck: Bool) -> G1? {
        guard bytes.count == 128, let x = decodeFp(bytes.prefix(64)), let y = decodeFp(bytes.dropFirst(64)) else { return nil }
        if x.isZero && y.isZero { return .infinity }
        let point = G1(affineX: x, y: y)
        guard isOnCurve(point), !subgroupCheck || isInSubgroup(point) else { return nil }
        return point
    }

    /// A G2 point in 256 bytes (x.c0, x.c1, y.c0, y.c1); all zeros is infinity.
    static func decodeG2(_ bytes: ArraySlice<UInt8>, subgroupCheck: Bool) -> G2? {
        guard bytes.count == 256, let x = decodeFp2(bytes.prefix(128)), let y = decodeFp2(bytes.dropFirst(128)) else { return nil }
        if x.isZero && y.isZero { return .infinity }
        let point = G2(affineX: x, y: y)
        guard isOnCurve(point), !subgroupCheck || isInSubgroup(point) else { return nil }
        return point
    }

    static func encode(_ x: Fp) -> [UInt8] { [UInt8](repeating: 0, count: 16) + x.bigEndianBytes }

    static func encode(_ p: G1) -> [UInt8] {
        guard let (x, y) = p.affine else { return [UInt8](repeating: 0, count: 128) }
        return encode(x) + encode(y)
    }

    static func encode(_ p: G2) -> [UInt8] {
        guard let (x, y) = p.affine else { return [UInt8](repeating: 0, count: 256) }
        return encode(x.c0) + encode(x.c1) + encode(y.c0) + encode(y.c1)
    }

    // MARK: The compressed encoding of the consensus specs (KZG commitments, proofs, setup)

    /// The parts of a compressed point: x's bytes with the flags cleared and the sign flag;
    /// nil for infinity. Fails (the outer nil) unless the compression flag is set and the
    /// infinity flag is set exactly when the rest is zero, with the sign flag clear then.
    private static func compressedParts(_ bytes: ArraySlice<UInt8>, length: Int) -> (x: [UInt8], largest: Bool)?? {
        guard bytes.count == length, let first = bytes.first, first & 0x80 != 0 else { return nil }
        let infinityFlag = first & 0x40 != 0, largest = first & 0x20 != 0
        var x = Array(bytes)
        x[0] &= 0x1f
        let allZero = x.allSatisfy { $0 == 0 }
        guard infinityFlag == allZero else { return nil }
        if allZero { return largest ? nil : .some(nil) }
        return (x, largest)
    }

    /// A compressed G1 point (48 bytes), validated as py_ecc's `decompress_G1` and
    /// `KeyValidate` do: the flags as above, x below p, x on the curve, the point in G1.
    static func decompressG1(_ bytes: ArraySlice<UInt8>) -> G1? {
        guard let parts = compressedParts(bytes, length: 48) else { return nil }
        guard let (xBytes, largest) = parts else { return .infinity }
        guard let x = Fp(bigEndian: xBytes[...]), var y = (x.squared * x + b1).squareRoot else { return nil }
        if y.isLexicographicallyLargest != largest { y = -y }
        let point = G1(affineX: x, y: y)
        return isInSubgroup(point) ? point : nil
    }

    /// A compressed G2 point (96 bytes: x.c1 carrying the flags, then x.c0), validated like G1.
    static func decompressG2(_ bytes: ArraySlice<UInt8>) -> G2? {
        guard let parts = compressedParts(bytes, length: 96) else { return nil }
        guard let (xBytes, largest) = parts else { return .infinity }
        guard let c1 = Fp(bigEndian: xBytes[0..<48]), let c0 = Fp(bigEndian: xBytes[48..<96]) else { return nil }
        let x = Fp2(c0: c0, c1: c1)
        guard var y = (x.squared * x + b2).squareRoot else { return nil }
        if y.isLexicographicallyLargest != largest { y = -y }
        let point = G2(affineX: x, y: y)
        return isInSubgroup(point) ? point : nil
    }
}
