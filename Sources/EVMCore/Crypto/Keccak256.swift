/// Keccak-256 as Ethereum uses it: the original Keccak padding (0x01 … 0x80), not SHA3-256's.
///
/// Rate 136 bytes, capacity 512 bits, 24 rounds of Keccak-f[1600]. The state lives in a
/// stack-allocated buffer; one call allocates only its 32-byte result when asked for an array.
public enum Keccak256 {
    public static let rate = 136

    /// The round constants in memory that is never freed, read without reference counting.
    nonisolated(unsafe) static let roundConstantsPointer: UnsafePointer<UInt64> = {
        let p = UnsafeMutablePointer<UInt64>.allocate(capacity: 24)
        p.initialize(from: roundConstants, count: 24)
        return UnsafePointer(p)
    }()

    @usableFromInline
    static let roundConstants: [UInt64] = [
        0x0000_0000_0000_0001, 0x0000_0000_0000_8082, 0x8000_0000_0000_808A, 0x8000_0000_8000_8000,
        0x0000_0000_0000_808B, 0x0000_0000_8000_0001, 0x8000_0000_8000_8081, 0x8000_0000_0000_8009,
        0x0000_0000_0000_008A, 0x0000_0000_0000_0088, 0x0000_0000_8000_8009, 0x0000_0000_8000_000A,
        0x0000_0000_8000_808B, 0x8000_0000_0000_008B, 0x8000_0000_0000_8089, 0x8000_0000_0000_8003,
        0x8000_0000_0000_8002, 0x8000_0000_0000_0080, 0x0000_0000_0000_800A, 0x8000_0000_8000_000A,
        0x8000_0000_8000_8081, 0x8000_0000_0000_8080, 0x0000_0000_8000_0001, 0x8000_0000_8000_8008,
    ]

    /// The hash of a byte buffer as a word (the form KECCAK256 pushes).
    public static func hashWord(_ input: UnsafeRawBufferPointer) -> U256 {
        var out = U256.zero
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 25) { st in
            let s = st.baseAddress!
            s.initialize(repeating: 0, count: 25)
            absorb(input, into: s)
            out = U256(
                w0: byteSwappedLane(s[3]),
                w1: byteSwappedLane(s[2]),
                w2: byteSwappedLane(s[1]),
                w3: byteSwappedLane(s[0]))
        }
        return out
    }

    /// A lane's low byte is the digest's first byte, so as a big-endian word it is byte-swapped.
    @inline(__always)
    static func byteSwappedLane(_ lane: UInt64) -> UInt64 { lane.byteSwapped }

    /// The 32-byte digest.
    public static func hash<C: Collection>(_ input: C) -> [UInt8] where C.Element == UInt8 {
        let word: U256
        if let w = input.withContiguousStorageIfAvailable({ hashWord(UnsafeRawBufferPointer($0)) }) {
            word = w
        } else {
            word = Array(input).withUnsafeBytes { hashWord($0) }
        }
        return word.bigEndianBytes
    }

    /// The digest of a string's UTF-8 bytes (selectors, event topics).
    public static func hash(_ text: String) -> [UInt8] { hash(Array(text.utf8)) }

    /// Absorbs the whole input with Keccak padding and runs the final permutation.
    static func absorb(_ input: UnsafeRawBufferPointer, into s: UnsafeMutablePointer<UInt64>) {
        var offset = 0
        let count = input.count
        while count - offset >= rate {
            let p = input.baseAddress! + offset
            for i in 0..<(rate / 8) {
                s[i] ^= UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))
            }
            permute(s)
            offset += rate
        }
        // Last, partial block with padding 0x01 … 0x80.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: rate) { blockBuffer in
            let block = blockBuffer.baseAddress!
            block.initialize(repeating: 0, count: rate)
            let remaining = count - offset
            if remaining > 0 {
                block.update(from: input.baseAddress!.advanced(by: offset).assumingMemoryBound(to: UInt8.self), count: remaining)
            }
            block[remaining] ^= 0x01
            block[rate - 1] ^= 0x80
            let raw = UnsafeRawPointer(block)
            for i in 0..<(rate / 8) {
                s[i] ^= UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))
            }
        }
        permute(s)
    }

    @inline(__always)
    static func rotl(_ x: UInt64, _ n: UInt64) -> UInt64 { (x << n) | (x >> (64 &- n)) }

    /// Keccak-f[1600], written out with the lanes in locals so they stay in registers.
    static func permute(_ s: UnsafeMutablePointer<UInt64>) {
        var a00 = s[0], a01 = s[1], a02 = s[2], a03 = s[3], a04 = s[4]
        var a05 = s[5], a06 = s[6], a07 = s[7], a08 = s[8], a09 = s[9]
        var a10 = s[10], a11 = s[11], a12 = s[12], a13 = s[13], a14 = s[14]
        var a15 = s[15], a16 = s[16], a17 = s[17], a18 = s[18], a19 = s[19]
        var a20 = s[20], a21 = s[21], a22 = s[22], a23 = s[23], a24 = s[24]
        let rc = roundConstantsPointer
        do {
            for round in 0..<24 {
                // θ
                let c0 = a00 ^ a05 ^ a10 ^ a15 ^ a20
                let c1 = a01 ^ a06 ^ a11 ^ a16 ^ a21
                let c2 = a02 ^ a07 ^ a12 ^ a17 ^ a22
                let c3 = a03 ^ a08 ^ a13 ^ a18 ^ a23
                let c4 = a04 ^ a09 ^ a14 ^ a19 ^ a24
                let d0 = c4 ^ rotl(c1, 1)
                let d1 = c0 ^ rotl(c2, 1)
                let d2 = c1 ^ rotl(c3, 1)
                let d3 = c2 ^ rotl(c4, 1)
                let d4 = c3 ^ rotl(c0, 1)
                // ρ and π: b[y][2x+3y] = rot(a[x][y] ^ d[x], r[x][y])
                let b00 = a00 ^ d0
                let b10 = rotl(a01 ^ d1, 1)
                let b20 = rotl(a02 ^ d2, 62)
                let b05 = rotl(a03 ^ d3, 28)
                let b15 = rotl(a04 ^ d4, 27)
                let b16 = rotl(a05 ^ d0, 36)
                let b01 = rotl(a06 ^ d1, 44)
                let b11 = rotl(a07 ^ d2, 6)
                let b21 = rotl(a08 ^ d3, 55)
                let b06 = rotl(a09 ^ d4, 20)
                let b07 = rotl(a10 ^ d0, 3)
                let b17 = rotl(a11 ^ d1, 10)
                let b02 = rotl(a12 ^ d2, 43)
                let b12 = rotl(a13 ^ d3, 25)
                let b22 = rotl(a14 ^ d4, 39)
                let b23 = rotl(a15 ^ d0, 41)
                let b08 = rotl(a16 ^ d1, 45)
                let b18 = rotl(a17 ^ d2, 15)
                let b03 = rotl(a18 ^ d3, 21)
                let b13 = rotl(a19 ^ d4, 8)
                let b14 = rotl(a20 ^ d0, 18)
                let b24 = rotl(a21 ^ d1, 2)
                let b09 = rotl(a22 ^ d2, 61)
                let b19 = rotl(a23 ^ d3, 56)
                let b04 = rotl(a24 ^ d4, 14)
                // χ and ι
                a00 = b00 ^ (~b01 & b02) ^ rc[round]
                a01 = b01 ^ (~b02 & b03)
                a02 = b02 ^ (~b03 & b04)
                a03 = b03 ^ (~b04 & b00)
                a04 = b04 ^ (~b00 & b01)
                a05 = b05 ^ (~b06 & b07)
                a06 = b06 ^ (~b07 & b08)
                a07 = b07 ^ (~b08 & b09)
                a08 = b08 ^ (~b09 & b05)
                a09 = b09 ^ (~b05 & b06)
                a10 = b10 ^ (~b11 & b12)
                a11 = b11 ^ (~b12 & b13)
                a12 = b12 ^ (~b13 & b14)
                a13 = b13 ^ (~b14 & b10)
                a14 = b14 ^ (~b10 & b11)
                a15 = b15 ^ (~b16 & b17)
                a16 = b16 ^ (~b17 & b18)
                a17 = b17 ^ (~b18 & b19)
                a18 = b18 ^ (~b19 & b15)
                a19 = b19 ^ (~b15 & b16)
                a20 = b20 ^ (~b21 & b22)
                a21 = b21 ^ (~b22 & b23)
                a22 = b22 ^ (~b23 & b24)
                a23 = b23 ^ (~b24 & b20)
                a24 = b24 ^ (~b20 & b21)
            }
        }
        s[0] = a00; s[1] = a01; s[2] = a02; s[3] = a03; s[4] = a04
        s[5] = a05; s[6] = a06; s[7] = a07; s[8] = a08; s[9] = a09
        s[10] = a10; s[11] = a11; s[12] = a12; s[13] = a13; s[14] = a14
        s[15] = a15; s[16] = a16; s[17] = a17; s[18] = a18; s[19] = a19
        s[20] = a20; s[21] = a21; s[22] = a22; s[23] = a23; s[24] = a24
    }
}
