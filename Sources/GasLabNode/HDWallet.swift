import Crypto
import EVMCore
import EVMPrecompiles
import Foundation

/// Development accounts as Hardhat, Anvil and MetaMask derive them: a BIP-39 mnemonic
/// stretched into a seed (PBKDF2-HMAC-SHA512, 2,048 rounds, salt "mnemonic"), BIP-32 keys
/// from that seed, along BIP-44's path m/44'/60'/0'/0/i. The default mnemonic is theirs, so
/// the first account is 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 everywhere.
///
/// The mnemonic's checksum word is not checked (that needs BIP-39's word list): any phrase
/// gives keys, as `--mnemonic` in Anvil accepts only valid ones, a typo here gives other keys.
public enum HDWallet {
    public static let defaultMnemonic = "test test test test test test test test test test test junk"

    public struct Account: Sendable {
        public var index: Int
        public var privateKey: [UInt8]
        public var address: Address
    }

    /// The seed of a mnemonic (BIP-39): PBKDF2-HMAC-SHA512(mnemonic, "mnemonic" + passphrase).
    /// The phrase is taken as typed (ASCII word lists need no Unicode normalisation).
    public static func seed(mnemonic: String, passphrase: String = "") -> [UInt8] {
        let words = mnemonic.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return pbkdf2SHA512(password: Array(words.utf8), salt: Array(("mnemonic" + passphrase).utf8),
                            rounds: 2048, length: 64)
    }

    static func hmac(key: [UInt8], _ data: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA512>.authenticationCode(for: data, using: SymmetricKey(data: key)))
    }

    /// RFC 8018's PBKDF2 with HMAC-SHA512.
    static func pbkdf2SHA512(password: [UInt8], salt: [UInt8], rounds: Int, length: Int) -> [UInt8] {
        let key = SymmetricKey(data: password)
        var out: [UInt8] = []
        var block: UInt32 = 1
        while out.count < length {
            var u = Array(HMAC<SHA512>.authenticationCode(
                for: salt + [UInt8(block >> 24), UInt8(block >> 16 & 0xff), UInt8(block >> 8 & 0xff), UInt8(block & 0xff)],
                using: key))
            var t = u
            for _ in 1..<rounds {
                u = Array(HMAC<SHA512>.authenticationCode(for: u, using: key))
                for j in 0..<t.count { t[j] ^= u[j] }
            }
            out += t
            block += 1
        }
        return Array(out.prefix(length))
    }

    public enum DerivationError: Error, CustomStringConvertible {
        case badPath(String)
        case invalidKey
        public var description: String {
            switch self {
            case .badPath(let p): return "not a BIP-32 path: \(p) (like m/44'/60'/0'/0/0)"
            case .invalidKey: return "the derivation gave an invalid key (probability 2^-127; try the next index)"
            }
        }
    }

    /// The private key at `path` (BIP-32: "m/44'/60'/0'/0/3"; ' or h marks a hardened index).
    public static func privateKey(seed: [UInt8], path: String) throws(DerivationError) -> [UInt8] {
        let parts = path.split(separator: "/")
        guard parts.first == "m" else { throw .badPath(path) }
        let master = hmac(key: Array("Bitcoin seed".utf8), seed)
        var key = Array(master[0..<32])
        var chain = Array(master[32..<64])
        guard validScalar(key) else { throw .invalidKey }
        for part in parts.dropFirst() {
            let hardened = part.hasSuffix("'") || part.hasSuffix("h")
            guard let n = UInt32(hardened ? part.dropLast() : part), n < 0x8000_0000 else { throw .badPath(path) }
            let index = hardened ? n | 0x8000_0000 : n
            var data: [UInt8]
            if hardened {
                data = [0] + key
            } else {
                guard let pub = Secp256k1.shared.publicKey(privateKey: key) else { throw .invalidKey }
                data = [pub[63] & 1 == 0 ? 0x02 : 0x03] + pub[0..<32]
            }
            data += [UInt8(index >> 24), UInt8(index >> 16 & 0xff), UInt8(index >> 8 & 0xff), UInt8(index & 0xff)]
            let i = hmac(key: chain, data)
            let tweak = U256(bigEndianBytes: i[0..<32])
            guard tweak < Secp256k1.order else { throw .invalidKey }
            let child = U256.addmod(tweak, U256(bigEndianBytes: key), Secp256k1.order)
            guard !child.isZero else { throw .invalidKey }
            key = child.bigEndianBytes
            chain = Array(i[32..<64])
        }
        return key
    }

    static func validScalar(_ key: [UInt8]) -> Bool {
        let k = U256(bigEndianBytes: key)
        return !k.isZero && k < Secp256k1.order
    }

    /// The first `count` accounts of m/44'/60'/0'/0/i.
    public static func accounts(mnemonic: String, count: Int, passphrase: String = "") throws(DerivationError) -> [Account] {
        let seed = seed(mnemonic: mnemonic, passphrase: passphrase)
        var out: [Account] = []
        for i in 0..<count {
            let key = try privateKey(seed: seed, path: "m/44'/60'/0'/0/\(i)")
            guard let address = Secp256k1.shared.address(privateKey: key) else { throw .invalidKey }
            out.append(Account(index: i, privateKey: key, address: address))
        }
        return out
    }
}
