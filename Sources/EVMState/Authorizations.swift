import EVMCore
import EVMPrecompiles

/// EIP-7702 authorization signatures.
public enum Authorizations {
    /// The hash an authority signs: keccak256(0x05 ‖ rlp([chain_id, address, nonce])).
    public static func signingHash(chainId: U256, address: Address, nonce: U256) -> [UInt8] {
        let body = RLP.encodeList([RLP.encode(uint: chainId), RLP.encode(bytes: address.bytes), RLP.encode(uint: nonce)])
        return Keccak256.hash([0x05] + body)
    }

    /// The authority of an authorization; nil when the signature is invalid (y parity not
    /// 0 or 1, r outside [1, n), s outside [1, n/2]) or recovers no key.
    public static func recover(_ auth: Authorization) -> Address? {
        guard auth.yParity < U256(2), !auth.s.isZero, auth.s <= Secp256k1.halfOrder else { return nil }
        let hash = signingHash(chainId: auth.chainId, address: auth.address, nonce: auth.nonce)
        return Secp256k1.shared.recoverAddress(hash: hash, r: auth.r, s: auth.s, recoveryId: Int(auth.yParity.w0))
    }
}
