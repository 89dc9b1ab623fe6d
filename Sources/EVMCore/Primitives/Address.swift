/// A 20-byte account address, held as three words so it hashes and compares fast.
@frozen
public struct Address: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Bytes 0..<4 (big-endian).
    public var high: UInt32
    /// Bytes 4..<12.
    public var middle: UInt64
    /// Bytes 12..<20.
    public var low: UInt64

    @inlinable
    public init(high: UInt32, middle: UInt64, low: UInt64) {
        self.high = high
        self.middle = middle
        self.low = low
    }

    /// The low 160 bits of a word, as CALL and BALANCE read an address from the stack.
    @inlinable @inline(__always)
    public init(_ word: U256) {
        self.init(high: UInt32(truncatingIfNeeded: word.w2), middle: word.w1, low: word.w0)
    }

    /// A small address such as a precompile's (0x01 …).
    @inlinable
    public init(_ value: Int) { self.init(high: 0, middle: 0, low: UInt64(truncatingIfNeeded: value)) }

    /// From exactly 20 bytes; nil otherwise.
    public init?<C: Collection>(bytes: C) where C.Element == UInt8 {
        guard bytes.count == 20 else { return nil }
        self.init(U256(bigEndianBytes: bytes))
    }

    /// From 40 hex digits, with or without "0x".
    public init?(hex: String) {
        guard let b = try? Hex.decode(hex), b.count == 20 else { return nil }
        self.init(bytes: b)
    }

    public static let zero = Address(high: 0, middle: 0, low: 0)

    /// One mixed word for the hasher (warm sets and account maps hash addresses constantly).
    @inlinable
    public func hash(into hasher: inout Hasher) { hasher.combine(foldedHash) }

    /// See `U256._rawHashValue(seed:)`.
    @inlinable
    public func _rawHashValue(seed: Int) -> Int { FastHash.finish(foldedHash, seed: seed) }

    @inlinable @inline(__always)
    public var foldedHash: UInt64 { low ^ (middle &* 0x9E37_79B9_7F4A_7C15) ^ (UInt64(high) &* 0xC2B2_AE3D_27D4_EB4F) }

    @inlinable @inline(__always)
    public var word: U256 { U256(w0: low, w1: middle, w2: UInt64(high), w3: 0) }

    public var bytes: [UInt8] { Array(word.bigEndianBytes[12...]) }

    public var description: String { Hex.prefixed(bytes) }

    @inlinable
    public static func < (a: Address, b: Address) -> Bool { a.word < b.word }
}
