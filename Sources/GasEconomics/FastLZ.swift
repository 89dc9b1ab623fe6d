/// The length of an input after FastLZ level-1 compression, as OP Stack's Fjord fee formula
/// computes it (op-geth `FlzCompressLen`, Solady's `LibZip.flzCompress`): literal runs cost one
/// byte per 32 plus their bytes, matches two or three bytes, with an 8,192-entry hash of
/// 3-byte sequences. Only the length is computed; no output is produced.
public enum FastLZ {
    public static func compressedLength(_ input: [UInt8]) -> Int {
        let n = input.count
        guard n >= 13 else { return literalCost(n, size: 0) }
        let limit = n - 13
        var table = [Int](repeating: 0, count: 8_192)
        var index = 2
        var anchor = 0
        var size = 0

        func sequence(_ i: Int) -> UInt32 {
            UInt32(input[i]) | UInt32(input[i + 1]) << 8 | UInt32(input[i + 2]) << 16
        }
        func hash(_ v: UInt32) -> Int { Int((UInt64(v) &* 2_654_435_769) >> 19) & 0x1fff }

        while index < limit {
            var candidate = 0
            var found = false
            // Find the next position whose 3 bytes appeared within the last 8,192 bytes.
            while true {
                let seq = sequence(index)
                let h = hash(seq)
                candidate = table[h]
                table[h] = index
                let distance = index - candidate
                if index >= limit { break }
                index += 1
                if distance < 8_192 && seq == sequence(candidate) {
                    found = true
                    break
                }
            }
            if !found || index >= limit { break }
            index -= 1
            if index > anchor { size = literalCost(index - anchor, size: size) }
            // Extend the match as far as the input allows.
            var length = 0
            let stop = limit + 9 - (index + 3)
            while length < stop {
                if input[candidate + 3 + length] != input[index + 3 + length] { break }
                length += 1
            }
            size = matchCost(length + (length < stop ? 1 : 0), size: size)
            index += length + (length < stop ? 1 : 0)
            table[hash(sequence(index))] = index
            index += 1
            table[hash(sequence(index))] = index
            index += 1
            anchor = index
        }
        return literalCost(n - anchor, size: size)
    }

    static func literalCost(_ run: Int, size: Int) -> Int {
        let s = size + 0x21 * (run / 0x20)
        let rest = run % 0x20
        return rest != 0 ? s + rest + 1 : s
    }

    static func matchCost(_ length: Int, size: Int) -> Int {
        let l = length - 1
        let s = size + 3 * (l / 262)
        return l % 262 >= 6 ? s + 3 : s + 2
    }
}
