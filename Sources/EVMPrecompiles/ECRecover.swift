import EVMCore

/// 0x01 ECRECOVER: the address that signed a hash, 3,000 gas.
///
/// Input (right-padded with zeros to 128 bytes): hash, v, r, s. v must be 27 or 28 and r, s
/// in [1, n−1]; anything else returns empty output, which is a success, not an error
/// (yellow paper appendix E; execution specs `ecrecover.py`).
public enum ECRecover: Precompile {
    public static func gas(_ input: [UInt8], schedule: GasSchedule) -> Int { 3_000 }

    public static func run(_ input: [UInt8], schedule: GasSchedule) -> [UInt8]? {
        let data = padded(input, to: 128)
        let hash = Array(data[0..<32])
        let v = U256(bigEndianBytes: data[32..<64])
        let r = U256(bigEndianBytes: data[64..<96])
        let s = U256(bigEndianBytes: data[96..<128])
        guard v == U256(27) || v == U256(28) else { return [] }
        guard let address = Secp256k1.shared.recoverAddress(hash: hash, r: r, s: s, recoveryId: Int(v.w0) - 27) else {
            return []
        }
        return [UInt8](repeating: 0, count: 12) + address.bytes
    }
}

/// The input right-padded with zeros (or cut) to `count` bytes.
func padded(_ input: [UInt8], to count: Int) -> [UInt8] {
    if input.count >= count { return Array(input[0..<count]) }
    return input + [UInt8](repeating: 0, count: count - input.count)
}
