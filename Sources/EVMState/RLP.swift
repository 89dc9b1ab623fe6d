import EVMCore

/// Recursive Length Prefix encoding (yellow paper, appendix B).
public enum RLP {
    /// A decoded item: a byte string or a list.
    public indirect enum Item: Equatable, Sendable {
        case bytes([UInt8])
        case list([Item])

        public var bytes: [UInt8]? {
            if case .bytes(let b) = self { return b }
            return nil
        }

        public var list: [Item]? {
            if case .list(let l) = self { return l }
            return nil
        }
    }

    // MARK: Encoding

    public static func encode(bytes: [UInt8]) -> [UInt8] {
        if bytes.count == 1 && bytes[0] < 0x80 { return bytes }
        return header(bytes.count, offset: 0x80) + bytes
    }

    /// An integer: big-endian without leading zeros (zero is the empty string).
    public static func encode(uint: U256) -> [UInt8] { encode(bytes: uint.minimalBigEndianBytes) }

    public static func encode(uint: UInt64) -> [UInt8] { encode(uint: U256(uint)) }

    /// A list of already-encoded items.
    public static func encodeList(_ items: [[UInt8]]) -> [UInt8] {
        let payload = items.flatMap { $0 }
        return header(payload.count, offset: 0xc0) + payload
    }

    public static func encode(_ item: Item) -> [UInt8] {
        switch item {
        case .bytes(let b): return encode(bytes: b)
        case .list(let items): return encodeList(items.map(encode))
        }
    }

    static func header(_ length: Int, offset: UInt8) -> [UInt8] {
        if length < 56 { return [offset + UInt8(length)] }
        let lengthBytes = U256(UInt64(length)).minimalBigEndianBytes
        return [offset + 55 + UInt8(lengthBytes.count)] + lengthBytes
    }

    // MARK: Decoding

    /// Why bytes are not canonical RLP.
    public enum DecodingError: Error, Equatable, CustomStringConvertible {
        case empty
        case truncated(offset: Int)
        case nonCanonicalSingleByte(offset: Int)
        case nonCanonicalLength(offset: Int)
        case lengthTooLarge(offset: Int)
        case trailingBytes(count: Int)

        public var description: String {
            switch self {
            case .empty: return "RLP: no input"
            case .truncated(let o): return "RLP: item at offset \(o) runs past the end of the input"
            case .nonCanonicalSingleByte(let o): return "RLP: single byte below 0x80 at offset \(o) must not have a prefix"
            case .nonCanonicalLength(let o): return "RLP: length at offset \(o) is not in its shortest form"
            case .lengthTooLarge(let o): return "RLP: length at offset \(o) is too large"
            case .trailingBytes(let n): return "RLP: \(n) bytes after the item"
            }
        }
    }

    /// Decodes exactly one item that spans the whole input, with the canonical-form rules
    /// (shortest lengths, single bytes without prefix, no leading zeros in lengths).
    public static func decode(_ data: [UInt8]) throws(DecodingError) -> Item {
        guard !data.isEmpty else { throw .empty }
        var offset = 0
        let item = try decodeItem(data, &offset, end: data.count)
        if offset != data.count { throw .trailingBytes(count: data.count - offset) }
        return item
    }

    static func decodeItem(_ d: [UInt8], _ offset: inout Int, end: Int) throws(DecodingError) -> Item {
        let start = offset
        guard offset < end else { throw .truncated(offset: start) }
        let prefix = d[offset]
        offset += 1
        switch prefix {
        case 0x00...0x7f:
            return .bytes([prefix])
        case 0x80...0xb7:
            let length = Int(prefix - 0x80)
            guard end - offset >= length else { throw .truncated(offset: start) }
            let b = Array(d[offset..<offset + length])
            if length == 1 && b[0] < 0x80 { throw .nonCanonicalSingleByte(offset: start) }
            offset += length
            return .bytes(b)
        case 0xb8...0xbf:
            let length = try longLength(d, &offset, count: Int(prefix - 0xb7), end: end, start: start)
            guard end - offset >= length else { throw .truncated(offset: start) }
            let b = Array(d[offset..<offset + length])
            offset += length
            return .bytes(b)
        case 0xc0...0xf7:
            let length = Int(prefix - 0xc0)
            guard end - offset >= length else { throw .truncated(offset: start) }
            return .list(try decodeList(d, &offset, end: offset + length))
        default:
            let length = try longLength(d, &offset, count: Int(prefix - 0xf7), end: end, start: start)
            guard end - offset >= length else { throw .truncated(offset: start) }
            return .list(try decodeList(d, &offset, end: offset + length))
        }
    }

    static func decodeList(_ d: [UInt8], _ offset: inout Int, end: Int) throws(DecodingError) -> [Item] {
        var items: [Item] = []
        while offset < end {
            items.append(try decodeItem(d, &offset, end: end))
        }
        return items
    }

    static func longLength(_ d: [UInt8], _ offset: inout Int, count: Int, end: Int, start: Int) throws(DecodingError) -> Int {
        guard end - offset >= count else { throw .truncated(offset: start) }
        guard d[offset] != 0 else { throw .nonCanonicalLength(offset: start) }
        guard count <= 7 else { throw .lengthTooLarge(offset: start) }
        var length = 0
        for i in 0..<count { length = length << 8 | Int(d[offset + i]) }
        offset += count
        guard length >= 56 else { throw .nonCanonicalLength(offset: start) }
        return length
    }
}
