@testable import EVMCore
import Testing

/// PUSH1…PUSH32 read whole limbs from the padded code; the value must be the n big-endian
/// bytes after the opcode, with zeros past the end of the code (a truncated PUSH).
@Suite struct ReadPushTests {
    @Test func everyWidthAndTruncation() {
        var x: UInt64 = 0x0123_4567_89AB_CDEF
        for n in 1...32 {
            for available in [n, n - 1, 0, n / 2] where available >= 0 {
                // Code: PUSHn then `available` immediate bytes, and nothing after.
                var code: [UInt8] = [UInt8(0x5f + n)]
                var expected = U256.zero
                for i in 0..<n {
                    x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    let byte = UInt8(truncatingIfNeeded: x >> 56)
                    if i < available { code.append(byte) }
                    expected = (expected << 8) | U256(UInt64(i < available ? byte : 0))
                }
                let analyzed = AnalyzedCode(code)
                let got = Instructions.readPush(UnsafePointer(analyzed.padded) + 1, n)
                #expect(got == expected, "PUSH\(n) with \(available) bytes")
            }
        }
    }
}
