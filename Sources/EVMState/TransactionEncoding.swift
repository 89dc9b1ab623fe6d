import EVMCore
import EVMPrecompiles

/// A signature over a transaction: y parity (0 or 1) or, for legacy transactions, v.
public struct TransactionSignature: Sendable, Equatable {
    public var v: U256
    public var r: U256
    public var s: U256

    public init(v: U256, r: U256, s: U256) {
        self.v = v
        self.r = r
        self.s = s
    }
}

/// Why signed transaction bytes could not be read.
public enum TransactionDecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    case rlp(RLP.DecodingError)
    case shape(String)
    case badSignature

    public var description: String {
        switch self {
        case .rlp(let e): return "\(e)"
        case .shape(let s): return "transaction: \(s)"
        case .badSignature: return "transaction: the signature recovers no sender"
        }
    }
}

/// Transactions as the network carries them: RLP for legacy (EIP-155), `type ‖ rlp(…)` for
/// EIP-2718 typed transactions; signing with libsecp256k1 and sender recovery.
extension Transaction {
    func accessListRLP() -> [UInt8] {
        RLP.encodeList(accessList.map { entry in
            RLP.encodeList([RLP.encode(bytes: entry.address.bytes),
                            RLP.encodeList(entry.storageKeys.map { RLP.encode(bytes: $0.bigEndianBytes) })])
        })
    }

    var toRLP: [UInt8] { RLP.encode(bytes: to?.bytes ?? []) }

    /// The fields before the signature, each RLP-encoded.
    func unsignedFields(legacyChainId: Bool) -> [[UInt8]] {
        switch type {
        case 0:
            let base = [RLP.encode(uint: nonce), RLP.encode(uint: gasPrice), RLP.encode(uint: gasLimit), toRLP,
                        RLP.encode(uint: value), RLP.encode(bytes: data)]
            return legacyChainId ? base + [RLP.encode(uint: chainId), RLP.encode(bytes: []), RLP.encode(bytes: [])] : base
        case 1:
            return [RLP.encode(uint: chainId), RLP.encode(uint: nonce), RLP.encode(uint: gasPrice), RLP.encode(uint: gasLimit),
                    toRLP, RLP.encode(uint: value), RLP.encode(bytes: data), accessListRLP()]
        default:
            var fields = [RLP.encode(uint: chainId), RLP.encode(uint: nonce), RLP.encode(uint: maxPriorityFeePerGas),
                          RLP.encode(uint: maxFeePerGas), RLP.encode(uint: gasLimit), toRLP, RLP.encode(uint: value),
                          RLP.encode(bytes: data), accessListRLP()]
            if type == 3 {
                fields.append(RLP.encode(uint: maxFeePerBlobGas))
                fields.append(RLP.encodeList(blobVersionedHashes.map { RLP.encode(bytes: $0.bigEndianBytes) }))
            }
            if type == 4 {
                fields.append(RLP.encodeList(authorizations.map { a in
                    RLP.encodeList([RLP.encode(uint: a.chainId), RLP.encode(bytes: a.address.bytes), RLP.encode(uint: a.nonce),
                                    RLP.encode(uint: a.yParity), RLP.encode(uint: a.r), RLP.encode(uint: a.s)])
                }))
            }
            return fields
        }
    }

    /// The hash a sender signs (EIP-155 for legacy transactions, EIP-2718 payloads otherwise).
    public func signingHash(legacyChainId: Bool = true) -> [UInt8] {
        let body = RLP.encodeList(unsignedFields(legacyChainId: legacyChainId))
        return Keccak256.hash(type == 0 ? body : [UInt8(type)] + body)
    }

    /// The signed bytes.
    public func encoded(signature: TransactionSignature) -> [UInt8] {
        let fields = unsignedFields(legacyChainId: false)
            + [RLP.encode(uint: signature.v), RLP.encode(uint: signature.r), RLP.encode(uint: signature.s)]
        let body = RLP.encodeList(fields)
        return type == 0 ? body : [UInt8(type)] + body
    }

    /// Signs with a private key (RFC 6979 nonces): the signature and the signed bytes.
    public func signed(privateKey: [UInt8], legacyChainId: Bool = true) -> (signature: TransactionSignature, bytes: [UInt8])? {
        guard let sig = Secp256k1.shared.sign(hash: signingHash(legacyChainId: legacyChainId), privateKey: privateKey) else { return nil }
        let recovery = U256(UInt64(sig.recoveryId))
        let v: U256
        if type == 0 {
            v = legacyChainId ? U256(35) &+ chainId &+ chainId &+ recovery : U256(27) &+ recovery
        } else {
            v = recovery
        }
        let signature = TransactionSignature(v: v, r: sig.r, s: sig.s)
        return (signature, encoded(signature: signature))
    }

    /// Decodes signed bytes and recovers the sender.
    public static func decode(_ bytes: [UInt8]) throws(TransactionDecodingError) -> (Transaction, TransactionSignature) {
        guard let first = bytes.first else { throw .shape("empty") }
        let type: Int
        let item: RLP.Item
        do {
            if first >= 0xc0 {
                type = 0
                item = try RLP.decode(bytes)
            } else {
                guard first <= 4 else { throw TransactionDecodingError.shape("unknown type \(first)") }
                type = Int(first)
                item = try RLP.decode(Array(bytes.dropFirst()))
            }
        } catch let e as RLP.DecodingError {
            throw .rlp(e)
        } catch let e as TransactionDecodingError {
            throw e
        } catch {
            throw .shape("\(error)")
        }
        guard let f = item.list else { throw .shape("not a list") }
        let expected = [0: 9, 1: 11, 2: 12, 3: 14, 4: 13][type]!
        guard f.count == expected else { throw .shape("type \(type) has \(expected) fields, found \(f.count)") }
        func uint(_ i: Int) throws(TransactionDecodingError) -> U256 {
            guard let b = f[i].bytes, b.count <= 32, b.first != 0 else { throw .shape("field \(i) is not a canonical integer") }
            return U256(bigEndianBytes: b)
        }
        func bytesAt(_ i: Int) throws(TransactionDecodingError) -> [UInt8] {
            guard let b = f[i].bytes else { throw .shape("field \(i) is not a byte string") }
            return b
        }
        func address(_ i: Int) throws(TransactionDecodingError) -> Address? {
            let b = try bytesAt(i)
            if b.isEmpty { return nil }
            guard let a = Address(bytes: b) else { throw .shape("field \(i) is not an address") }
            return a
        }
        func accessList(_ i: Int) throws(TransactionDecodingError) -> [AccessListEntry] {
            guard let list = f[i].list else { throw .shape("access list is not a list") }
            var out: [AccessListEntry] = []
            for e in list {
                guard let pair = e.list, pair.count == 2, let a = pair[0].bytes, let address = Address(bytes: a),
                      let keys = pair[1].list else { throw .shape("malformed access list entry") }
                var storageKeys: [U256] = []
                for k in keys {
                    guard let kb = k.bytes, kb.count == 32 else { throw .shape("storage key is not 32 bytes") }
                    storageKeys.append(U256(bigEndianBytes: kb))
                }
                out.append(AccessListEntry(address: address, storageKeys: storageKeys))
            }
            return out
        }
        var tx = Transaction(type: type, gasLimit: .zero, to: nil, sender: .zero)
        let signature: TransactionSignature
        switch type {
        case 0:
            tx.nonce = try uint(0); tx.gasPrice = try uint(1); tx.gasLimit = try uint(2); tx.to = try address(3)
            tx.value = try uint(4); tx.data = try bytesAt(5)
            signature = TransactionSignature(v: try uint(6), r: try uint(7), s: try uint(8))
            if signature.v >= U256(35) { tx.chainId = (signature.v &- U256(35)) >> 1 }
        case 1:
            tx.chainId = try uint(0); tx.nonce = try uint(1); tx.gasPrice = try uint(2); tx.gasLimit = try uint(3)
            tx.to = try address(4); tx.value = try uint(5); tx.data = try bytesAt(6); tx.accessList = try accessList(7)
            signature = TransactionSignature(v: try uint(8), r: try uint(9), s: try uint(10))
        default:
            tx.chainId = try uint(0); tx.nonce = try uint(1); tx.maxPriorityFeePerGas = try uint(2); tx.maxFeePerGas = try uint(3)
            tx.gasLimit = try uint(4); tx.to = try address(5); tx.value = try uint(6); tx.data = try bytesAt(7)
            tx.accessList = try accessList(8)
            var next = 9
            if type == 3 {
                tx.maxFeePerBlobGas = try uint(9)
                guard let hashes = f[10].list else { throw .shape("blob hashes are not a list") }
                tx.blobVersionedHashes = []
                for h in hashes {
                    guard let hb = h.bytes, hb.count == 32 else { throw .shape("blob hash is not 32 bytes") }
                    tx.blobVersionedHashes.append(U256(bigEndianBytes: hb))
                }
                next = 11
            }
            if type == 4 {
                guard let auths = f[9].list else { throw .shape("authorizations are not a list") }
                for a in auths {
                    guard let fields = a.list, fields.count == 6, let ab = fields[1].bytes, let address = Address(bytes: ab) else {
                        throw .shape("malformed authorization")
                    }
                    var values: [U256] = []
                    for i in [0, 2, 3, 4, 5] {
                        guard let b = fields[i].bytes, b.count <= 32 else { throw .shape("malformed authorization") }
                        values.append(U256(bigEndianBytes: b))
                    }
                    tx.authorizations.append(Authorization(chainId: values[0], address: address, nonce: values[1],
                                                           yParity: values[2], r: values[3], s: values[4]))
                }
                next = 10
            }
            signature = TransactionSignature(v: try uint(next), r: try uint(next + 1), s: try uint(next + 2))
        }
        // Recover the sender.
        let legacyChainId = type == 0 && signature.v >= U256(35)
        let recovery: U256
        if type == 0 {
            recovery = legacyChainId ? (signature.v &- U256(35)) & U256.one : signature.v &- U256(27)
        } else {
            recovery = signature.v
        }
        guard recovery < U256(2), signature.s <= Secp256k1.halfOrder,
              let sender = Secp256k1.shared.recoverAddress(hash: tx.signingHash(legacyChainId: legacyChainId),
                                                           r: signature.r, s: signature.s, recoveryId: Int(recovery.w0)) else {
            throw .badSignature
        }
        tx.sender = sender
        return (tx, signature)
    }
}
