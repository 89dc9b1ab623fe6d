/// Hex text to and from bytes.
public enum Hex {
    /// The value of one hex digit (either case), or nil.
    @inlinable
    public static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: return c - 48
        case 97...102: return c - 87
        case 65...70: return c - 55
        default: return nil
        }
    }

    /// Lower-case hex without prefix.
    public static func encode<C: Sequence>(_ bytes: C) -> String where C.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// "0x" followed by lower-case hex.
    public static func prefixed<C: Sequence>(_ bytes: C) -> String where C.Element == UInt8 {
        "0x" + encode(bytes)
    }

    /// Why a hex string could not be read.
    public enum DecodingError: Error, CustomStringConvertible, Equatable {
        case oddLength(Int)
        case invalidCharacter(Character, offset: Int)

        public var description: String {
            switch self {
            case .oddLength(let n): return "hex has an odd number of digits (\(n))"
            case .invalidCharacter(let c, let offset): return "invalid hex character '\(c)' at offset \(offset)"
            }
        }
    }

    /// Decodes hex with or without "0x"; white space around it is ignored.
    public static func decode(_ text: String) throws(DecodingError) -> [UInt8] {
        var s = Substring(text.trimmingWhitespace())
        if s.hasPrefix("0x") || s.hasPrefix("0X") { s = s.dropFirst(2) }
        let utf8 = Array(s.utf8)
        guard utf8.count % 2 == 0 else { throw .oddLength(utf8.count) }
        var out = [UInt8]()
        out.reserveCapacity(utf8.count / 2)
        var i = 0
        while i < utf8.count {
            guard let hi = nibble(utf8[i]) else {
                throw .invalidCharacter(Character(Unicode.Scalar(utf8[i])), offset: i)
            }
            guard let lo = nibble(utf8[i + 1]) else {
                throw .invalidCharacter(Character(Unicode.Scalar(utf8[i + 1])), offset: i + 1)
            }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }
}
