/// Big-endian hex to little-endian 64-bit limbs: exponents and scalars of any length.
func littleEndianLimbs(hex: String) -> [UInt64] {
    var digits = Array(hex.utf8)
    var out: [UInt64] = []
    while !digits.isEmpty {
        let chunk = digits.suffix(16)
        digits.removeLast(chunk.count)
        out.append(UInt64(String(decoding: chunk, as: UTF8.self), radix: 16)!)
    }
    return out
}
