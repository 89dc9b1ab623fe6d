import Crypto
import EVMCore

/// 0x100 P256VERIFY (EIP-7951, Osaka): verifies a secp256r1 ECDSA signature over a 32-byte
/// hash, 6,900 gas. Input exactly 160 bytes: hash, r, s, qx, qy. Returns 32 bytes with value 1
/// when valid, empty output otherwise (never a failure of the call).
public enum P256Verify: Precompile {
    public static func gas(_ input: [UInt8], schedule: GasSchedule) -> Int { 6_900 }

    static let n = U256(hex: "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551")!
    static let p = U256(hex: "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff")!

    /// A prehashed message as swift-crypto's `Digest`.
    struct Prehashed: Digest {
        static var byteCount: Int { 32 }
        let bytes: [UInt8]
        func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
            try bytes.withUnsafeBytes(body)
        }
        func makeIterator() -> IndexingIterator<[UInt8]> { bytes.makeIterator() }
        var description: String { Hex.encode(bytes) }
    }

    public static func run(_ input: [UInt8], schedule: GasSchedule) -> [UInt8]? {
        guard input.count == 160 else { return [] }
        let r = U256(bigEndianBytes: input[32..<64]), s = U256(bigEndianBytes: input[64..<96])
        let x = U256(bigEndianBytes: input[96..<128]), y = U256(bigEndianBytes: input[128..<160])
        guard !r.isZero, r < n, !s.isZero, s < n, x < p, y < p, !(x.isZero && y.isZero) else { return [] }
        guard let key = try? P256.Signing.PublicKey(rawRepresentation: input[96..<160]),
              let signature = try? P256.Signing.ECDSASignature(rawRepresentation: input[32..<96]) else { return [] }
        guard key.isValidSignature(signature, for: Prehashed(bytes: Array(input[0..<32]))) else { return [] }
        return U256.one.bigEndianBytes
    }
}
