import EVMCore
import Crypto
import EVMState

/// The 2,048-bit filter a receipt and a header carry (yellow paper M3:2048): for the address
/// and each topic of every log, three bits chosen by the first three 16-bit pairs of its hash.
public enum LogsBloom {
    public static func of(_ logs: [Log]) -> [UInt8] {
        var bloom = [UInt8](repeating: 0, count: 256)
        for log in logs {
            add(log.address.bytes, to: &bloom)
            for topic in log.topics { add(topic.bigEndianBytes, to: &bloom) }
        }
        return bloom
    }

    /// ORs several blooms (a block's is its receipts').
    public static func union(_ blooms: [[UInt8]]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 256)
        for b in blooms { for i in 0..<256 { out[i] |= b[i] } }
        return out
    }

    static func add(_ value: [UInt8], to bloom: inout [UInt8]) {
        let h = Keccak256.hash(value)
        for i in stride(from: 0, to: 6, by: 2) {
            let bit = (Int(h[i]) << 8 | Int(h[i + 1])) & 2047
            bloom[255 - bit / 8] |= UInt8(1) << UInt8(bit % 8)
        }
    }
}

/// A transaction's receipt in a block (EIP-658 status from Byzantium, EIP-2718 typed
/// envelopes from Berlin): what the receipts trie stores.
public struct BlockReceipt: Sendable, Equatable {
    public var type: Int
    public var succeeded: Bool
    /// Gas used by this transaction and every one before it in the block.
    public var cumulativeGasUsed: UInt64
    public var logs: [Log]
    public var bloom: [UInt8]

    public init(type: Int, succeeded: Bool, cumulativeGasUsed: UInt64, logs: [Log]) {
        self.type = type
        self.succeeded = succeeded
        self.cumulativeGasUsed = cumulativeGasUsed
        self.logs = logs
        bloom = LogsBloom.of(logs)
    }

    /// rlp([status, cumulative gas, bloom, logs]), behind its type byte when typed.
    public var encoded: [UInt8] {
        let body = RLP.encodeList([RLP.encode(uint: UInt64(succeeded ? 1 : 0)), RLP.encode(uint: cumulativeGasUsed),
                                   RLP.encode(bytes: bloom), RLP.encodeList(logs.map(\.rlp))])
        return type == 0 ? body : [UInt8(type)] + body
    }
}

/// SHA-256 (EIP-7685's requests hash).
enum SHA256Hash {
    static func of(_ data: [UInt8]) -> [UInt8] { Array(SHA256.hash(data: data)) }
}
