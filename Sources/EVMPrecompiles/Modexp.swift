import CGMP
import EVMCore

/// 0x05 MODEXP: base^exp mod modulus on byte strings of declared lengths (EIP-198), computed
/// by GMP. Priced by EIP-198 (Istanbul), EIP-2565 (Berlin–Prague) or EIP-7883 (Osaka), with
/// EIP-7823's 1,024-byte bound from Osaka.
///
/// The declared lengths are 256-bit: the price is computed with saturating arithmetic from
/// the three lengths and the exponent's first 32 bytes before anything else is read or
/// allocated, so a huge declared length is simply out of gas.
public enum Modexp: Precompile {
    /// Lengths above this are refused outright (their price exceeds any gas limit by far).
    static let materialLimit = 1 << 24

    struct Header {
        var baseLength: U256, expLength: U256, modLength: U256
        /// The first min(32, expLength) bytes of the exponent, as a number.
        var expHead: U256
    }

    static func header(_ input: [UInt8]) -> Header {
        let baseLength = word(input, at: .zero), expLength = word(input, at: U256(32)), modLength = word(input, at: U256(64))
        let expStart = U256(96).addingReportingOverflow(baseLength)
        var head = U256.zero
        if !expStart.overflow {
            let n = min(32, Int(expLength.clampedUInt64 > 32 ? 32 : expLength.w0))
            head = U256(bigEndianBytes: read(input, at: expStart.partialValue, count: n))
        }
        return Header(baseLength: baseLength, expLength: expLength, modLength: modLength, expHead: head)
    }

    public static func gas(_ input: [UInt8], schedule: GasSchedule) -> Int {
        let h = header(input)
        if let bound = schedule.modexpMaxLength,
           h.baseLength > U256(UInt64(bound)) || h.expLength > U256(UInt64(bound)) || h.modLength > U256(UInt64(bound)) {
            return 0  // fails in `run`, consuming all gas (EIP-7823)
        }
        let maxLength = max(h.baseLength, h.modLength)
        guard maxLength.fitsUInt64, maxLength.w0 < (1 << 30) else { return Int.max }  // x² stays in 60 bits
        let x = Int(maxLength.w0)
        let headBits = max(h.expHead.bitWidth - 1, 0)
        // Iterations: from the exponent's length and its first 32 bytes.
        func iterations(perExtraByte: Int, strictlyBelow32: Bool) -> Int {
            let short = strictlyBelow32 ? h.expLength < U256(32) : h.expLength <= U256(32)
            if short { return max(headBits, 1) }
            guard h.expLength.fitsUInt64, h.expLength.w0 < (1 << 40) else { return Int.max }
            return max(perExtraByte * (Int(h.expLength.w0) - 32) + headBits, 1)
        }
        switch schedule.modexpPricing {
        case .eip198:
            let complexity: Int
            if x <= 64 { complexity = x * x }
            else if x <= 1024 { complexity = x * x / 4 + 96 * x - 3_072 }
            else { complexity = x * x / 16 + 480 * x - 199_680 }
            return saturating(complexity, iterations(perExtraByte: 8, strictlyBelow32: true)) / 20
        case .eip2565:
            let words = (x + 7) / 8
            return max(200, saturating(words * words, iterations(perExtraByte: 8, strictlyBelow32: false)) / 3)
        case .eip7883:
            let words = (x + 7) / 8
            let complexity = x <= 32 ? 16 : 2 * words * words
            return max(500, saturating(complexity, iterations(perExtraByte: 16, strictlyBelow32: false)))
        }
    }

    static func saturating(_ a: Int, _ b: Int) -> Int {
        let (r, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? Int.max : r
    }

    public static func run(_ input: [UInt8], schedule: GasSchedule) -> [UInt8]? {
        let h = header(input)
        if let bound = schedule.modexpMaxLength,
           h.baseLength > U256(UInt64(bound)) || h.expLength > U256(UInt64(bound)) || h.modLength > U256(UInt64(bound)) {
            return nil
        }
        if h.baseLength.isZero && h.modLength.isZero { return [] }
        let limit = U256(UInt64(materialLimit))
        guard h.baseLength <= limit, h.expLength <= limit, h.modLength <= limit else { return nil }
        let baseLength = Int(h.baseLength.w0), expLength = Int(h.expLength.w0), modLength = Int(h.modLength.w0)
        let base = read(input, at: U256(96), count: baseLength)
        let exponent = read(input, at: U256(UInt64(96 + baseLength)), count: expLength)
        let modulus = read(input, at: U256(UInt64(96 + baseLength + expLength)), count: modLength)
        var out = [UInt8](repeating: 0, count: modLength)
        base.withUnsafeBufferPointer { b in
            exponent.withUnsafeBufferPointer { e in
                modulus.withUnsafeBufferPointer { m in
                    out.withUnsafeMutableBufferPointer { o in
                        gaslab_modexp(b.baseAddress, b.count, e.baseAddress, e.count, m.baseAddress, m.count, o.baseAddress)
                    }
                }
            }
        }
        return out
    }

    /// 32 bytes at `offset` as a word, zero past the end.
    static func word(_ input: [UInt8], at offset: U256) -> U256 {
        U256(bigEndianBytes: read(input, at: offset, count: 32))
    }

    /// `count` bytes at `offset`, zero-filled past the end of the input.
    static func read(_ input: [UInt8], at offset: U256, count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        guard offset.fitsUInt64, offset.w0 < UInt64(input.count) else { return out }
        let start = Int(offset.w0)
        let n = min(count, input.count - start)
        for i in 0..<n { out[i] = input[start + i] }
        return out
    }
}
