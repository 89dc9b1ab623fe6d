import CSecp256k1
import EVMCore

/// libsecp256k1 behind a small API that owns its context: public keys, addresses, signing
/// and recovery. One shared context; libsecp256k1's functions taking a const context are
/// safe to call from several threads.
public final class Secp256k1: @unchecked Sendable {
    public static let shared = Secp256k1()

    /// The group order n.
    public static let order = U256(hex: "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")!
    public static let halfOrder = order >> 1

    let context: OpaquePointer

    init() {
        context = gaslab_secp256k1_context_create()
    }

    deinit { secp256k1_context_destroy(context) }

    /// A signature with its recovery id (0 or 1).
    public struct Signature: Sendable, Equatable {
        public var r: U256
        public var s: U256
        public var recoveryId: Int
    }

    /// The 64-byte public key (x ‖ y) of a 32-byte private key; nil if the key is invalid.
    public func publicKey(privateKey: [UInt8]) -> [UInt8]? {
        guard privateKey.count == 32 else { return nil }
        var key = secp256k1_pubkey()
        guard secp256k1_ec_pubkey_create(context, &key, privateKey) == 1 else { return nil }
        return serialize(&key)
    }

    /// The Ethereum address of a private key: keccak256(public key)[12:].
    public func address(privateKey: [UInt8]) -> Address? {
        publicKey(privateKey: privateKey).flatMap { Address(bytes: Keccak256.hash($0)[12...]) }
    }

    /// Signs a 32-byte hash (RFC 6979 nonces, low s).
    public func sign(hash: [UInt8], privateKey: [UInt8]) -> Signature? {
        guard hash.count == 32, privateKey.count == 32 else { return nil }
        var sig = secp256k1_ecdsa_recoverable_signature()
        guard secp256k1_ecdsa_sign_recoverable(context, &sig, hash, privateKey, nil, nil) == 1 else { return nil }
        var compact = [UInt8](repeating: 0, count: 64)
        var recid: Int32 = 0
        secp256k1_ecdsa_recoverable_signature_serialize_compact(context, &compact, &recid, &sig)
        return Signature(r: U256(bigEndianBytes: compact[0..<32]), s: U256(bigEndianBytes: compact[32..<64]),
                         recoveryId: Int(recid))
    }

    /// Recovers the 64-byte public key that signed `hash`; nil when r or s is out of range
    /// or no key matches.
    public func recover(hash: [UInt8], r: U256, s: U256, recoveryId: Int) -> [UInt8]? {
        guard hash.count == 32, recoveryId == 0 || recoveryId == 1,
              !r.isZero, r < Secp256k1.order, !s.isZero, s < Secp256k1.order else { return nil }
        let compact = r.bigEndianBytes + s.bigEndianBytes
        var sig = secp256k1_ecdsa_recoverable_signature()
        guard secp256k1_ecdsa_recoverable_signature_parse_compact(context, &sig, compact, Int32(recoveryId)) == 1 else {
            return nil
        }
        var key = secp256k1_pubkey()
        guard secp256k1_ecdsa_recover(context, &key, &sig, hash) == 1 else { return nil }
        return serialize(&key)
    }

    /// The address that signed `hash`.
    public func recoverAddress(hash: [UInt8], r: U256, s: U256, recoveryId: Int) -> Address? {
        recover(hash: hash, r: r, s: s, recoveryId: recoveryId).flatMap { Address(bytes: Keccak256.hash($0)[12...]) }
    }

    func serialize(_ key: inout secp256k1_pubkey) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 65)
        _ = gaslab_secp256k1_serialize_uncompressed(context, &out, &key)
        return Array(out[1...])
    }
}
