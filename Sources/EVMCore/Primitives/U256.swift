/// A 256-bit unsigned integer: the EVM's word.
///
/// Four 64-bit limbs, least significant first, held inline (no heap), so a word on the stack
/// or in a local costs nothing to copy. Arithmetic wraps modulo 2^256 as the EVM does; the
/// signed operations read the same bits as two's complement.
@frozen
public struct U256: Hashable, Sendable {
    /// One mixed word for the hasher instead of four: storage keys are hashed on every SLOAD and
    /// SSTORE, and Hasher still finalises the mix.
    @inlinable
    public func hash(into hasher: inout Hasher) { hasher.combine(foldedHash) }

    /// Dictionaries and sets ask for this, not `hash(into:)`: finishing the one mixed word
    /// here, with the table's seed, skips SipHash's setup and finalisation on every lookup.
    @inlinable
    public func _rawHashValue(seed: Int) -> Int { FastHash.finish(foldedHash, seed: seed) }

    @inlinable @inline(__always)
    public var foldedHash: UInt64 {
        w0 ^ (w1 &* 0x9E37_79B9_7F4A_7C15) ^ (w2 &* 0xC2B2_AE3D_27D4_EB4F) ^ (w3 &* 0x1656_67B1_9E37_79F9)
    }

    public var w0: UInt64
    public var w1: UInt64
    public var w2: UInt64
    public var w3: UInt64

    @inlinable @inline(__always)
    public init(w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64) {
        self.w0 = w0
        self.w1 = w1
        self.w2 = w2
        self.w3 = w3
    }

    @inlinable @inline(__always)
    public init(_ value: UInt64) {
        self.init(w0: value, w1: 0, w2: 0, w3: 0)
    }

    /// A non-negative `Int`; a negative one is taken as two's complement.
    @inlinable @inline(__always)
    public init(_ value: Int) {
        let fill: UInt64 = value < 0 ? ~0 : 0
        self.init(w0: UInt64(bitPattern: Int64(value)), w1: fill, w2: fill, w3: fill)
    }

    public static let zero = U256(w0: 0, w1: 0, w2: 0, w3: 0)
    public static let one = U256(w0: 1, w1: 0, w2: 0, w3: 0)
    public static let max = U256(w0: ~0, w1: ~0, w2: ~0, w3: ~0)
    /// 2^255, the most negative signed value.
    public static let signBit = U256(w0: 0, w1: 0, w2: 0, w3: 1 << 63)

    @inlinable @inline(__always)
    public var isZero: Bool { (w0 | w1 | w2 | w3) == 0 }

    /// True when the value fits in 64 bits.
    @inlinable @inline(__always)
    public var fitsUInt64: Bool { (w1 | w2 | w3) == 0 }

    /// The value as an `Int` when it fits in 63 bits, else nil: the form offsets and sizes take.
    @inlinable @inline(__always)
    public var asInt: Int? {
        (w1 | w2 | w3) == 0 && w0 <= UInt64(Int.max) ? Int(w0) : nil
    }

    /// The low 64 bits clamped: values that do not fit become `UInt64.max`.
    @inlinable @inline(__always)
    public var clampedUInt64: UInt64 { (w1 | w2 | w3) == 0 ? w0 : .max }

    /// True when the top bit (the sign in two's complement) is set.
    @inlinable @inline(__always)
    public var isNegative: Bool { w3 >> 63 == 1 }

    /// Limb i, 0 being the least significant.
    @inlinable @inline(__always)
    public subscript(limb i: Int) -> UInt64 {
        get {
            switch i {
            case 0: return w0
            case 1: return w1
            case 2: return w2
            default: return w3
            }
        }
        set {
            switch i {
            case 0: w0 = newValue
            case 1: w1 = newValue
            case 2: w2 = newValue
            default: w3 = newValue
            }
        }
    }

    /// The number of significant bits (0 for zero).
    @inlinable
    public var bitWidth: Int {
        if w3 != 0 { return 256 - w3.leadingZeroBitCount }
        if w2 != 0 { return 192 - w2.leadingZeroBitCount }
        if w1 != 0 { return 128 - w1.leadingZeroBitCount }
        return 64 - w0.leadingZeroBitCount
    }

    /// The number of significant bytes (0 for zero): EXP charges per byte of exponent.
    @inlinable
    public var byteWidth: Int { (bitWidth + 7) >> 3 }

    /// CLZ (EIP-7939): leading zero bits; 256 for zero.
    @inlinable
    public var leadingZeroBitCount: Int { 256 - bitWidth }
}

extension U256: Comparable {
    @inlinable @inline(__always)
    public static func < (a: U256, b: U256) -> Bool {
        if a.w3 != b.w3 { return a.w3 < b.w3 }
        if a.w2 != b.w2 { return a.w2 < b.w2 }
        if a.w1 != b.w1 { return a.w1 < b.w1 }
        return a.w0 < b.w0
    }

    /// Signed comparison of two's complement values (SLT).
    @inlinable @inline(__always)
    public static func signedLess(_ a: U256, _ b: U256) -> Bool {
        let an = a.isNegative, bn = b.isNegative
        if an != bn { return an }
        return a < b
    }
}

extension U256: ExpressibleByIntegerLiteral {
    @inlinable
    public init(integerLiteral value: UInt64) { self.init(value) }
}
