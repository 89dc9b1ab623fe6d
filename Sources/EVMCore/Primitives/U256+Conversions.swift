// Big-endian bytes, hex and decimal text for U256.

extension U256 {
    /// From up to 32 big-endian bytes (fewer are left-padded with zeros; more keep the last 32).
    @inlinable
    public init<C: Collection>(bigEndianBytes bytes: C) where C.Element == UInt8 {
        var r = U256.zero
        var shift = 0
        var index = bytes.endIndex
        var count = 0
        while index != bytes.startIndex && count < 32 {
            index = bytes.index(index, offsetBy: -1)
            let limb = shift >> 6
            r[limb: limb] |= UInt64(bytes[index]) << UInt64(shift & 63)
            shift += 8
            count += 1
        }
        self = r
    }

    /// From 32 bytes at a raw pointer, big-endian.
    @inlinable @inline(__always)
    public init(loadingBigEndianFrom p: UnsafeRawPointer) {
        self.init(
            w0: UInt64(bigEndian: p.loadUnaligned(fromByteOffset: 24, as: UInt64.self)),
            w1: UInt64(bigEndian: p.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
            w2: UInt64(bigEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
            w3: UInt64(bigEndian: p.loadUnaligned(fromByteOffset: 0, as: UInt64.self)))
    }

    /// Writes the 32 big-endian bytes at a raw pointer.
    @inlinable @inline(__always)
    public func storeBigEndian(to p: UnsafeMutableRawPointer) {
        p.storeBytes(of: w3.bigEndian, toByteOffset: 0, as: UInt64.self)
        p.storeBytes(of: w2.bigEndian, toByteOffset: 8, as: UInt64.self)
        p.storeBytes(of: w1.bigEndian, toByteOffset: 16, as: UInt64.self)
        p.storeBytes(of: w0.bigEndian, toByteOffset: 24, as: UInt64.self)
    }

    /// The 32 big-endian bytes.
    public var bigEndianBytes: [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 32) { buffer, count in
            storeBigEndian(to: UnsafeMutableRawPointer(buffer.baseAddress!))
            count = 32
        }
    }

    /// The big-endian bytes without leading zeros (empty for zero), as RLP encodes integers.
    public var minimalBigEndianBytes: [UInt8] {
        Array(bigEndianBytes.drop(while: { $0 == 0 }))
    }

    /// Parses "0x"-prefixed hex or plain decimal; nil when malformed or wider than 256 bits.
    public init?(_ text: String) {
        let t = text.trimmingWhitespace()
        if t.hasPrefix("0x") || t.hasPrefix("0X") {
            self.init(hex: String(t.dropFirst(2)))
        } else {
            self.init(decimal: t)
        }
    }

    /// Parses hex digits (no prefix; empty means zero); nil when malformed or over 64 digits.
    public init?(hex digits: String) {
        var r = U256.zero
        var significant = 0
        for c in digits.utf8 {
            guard let v = Hex.nibble(c) else { return nil }
            if significant == 0 && v == 0 { continue }
            significant += 1
            if significant > 64 { return nil }
            r = (r << 4) | U256(UInt64(v))
        }
        self = r
    }

    /// Parses decimal digits; nil when malformed, empty, or at least 2^256.
    public init?(decimal digits: String) {
        guard !digits.isEmpty else { return nil }
        var r = U256.zero
        let ten = U256(10)
        for c in digits.utf8 {
            guard c >= 48 && c <= 57 else { return nil }
            let (hi, lo) = r.multipliedFullWidth(by: ten)
            guard hi.isZero else { return nil }
            let (sum, carry) = lo.addingReportingOverflow(U256(UInt64(c - 48)))
            guard !carry else { return nil }
            r = sum
        }
        self = r
    }

    /// Lower-case hex with "0x" and no leading zeros ("0x0" for zero), as EIP-3155 traces show.
    public var hexString: String {
        if isZero { return "0x0" }
        var s = ""
        var started = false
        for limb in [w3, w2, w1, w0] {
            if started {
                let h = String(limb, radix: 16)
                s += String(repeating: "0", count: 16 - h.count) + h
            } else if limb != 0 {
                s += String(limb, radix: 16)
                started = true
            }
        }
        return "0x" + s
    }

    /// Exactly 64 hex digits with "0x".
    public var paddedHexString: String { "0x" + Hex.encode(bigEndianBytes) }

    /// Decimal digits.
    public var decimalString: String {
        if fitsUInt64 { return String(w0) }
        var digits: [UInt8] = []
        var v = self
        let chunk = U256(10_000_000_000_000_000_000)  // 10^19
        while !v.isZero {
            let (q, r) = v.quotientAndRemainder(dividingBy: chunk)
            var part = r.w0
            for _ in 0..<19 {
                digits.append(UInt8(part % 10) + 48)
                part /= 10
            }
            v = q
        }
        while digits.count > 1 && digits.last == 48 { digits.removeLast() }
        return String(decoding: digits.reversed(), as: UTF8.self)
    }

    /// Decimal text of the two's complement value (with a minus sign when negative).
    public var signedDecimalString: String {
        isNegative ? "-" + negated.decimalString : decimalString
    }
}

extension U256: CustomStringConvertible {
    public var description: String { decimalString }
}

extension String {
    @usableFromInline
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
