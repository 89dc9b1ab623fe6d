import EVMCore
import Testing

/// PUSH1…PUSH32 as executed (PUSH2…PUSH8 and PUSH9…PUSH32 take different paths): the pushed
/// word, stored and returned, is the n immediate bytes as a big-endian number; each costs 3.
@Suite struct PushTests {
    @Test func everyWidthPushesItsBytes() {
        for n in 1...32 {
            // Immediate bytes 0xa1, 0xa2, … so that every byte and its position are checked.
            let immediate = (1...n).map { UInt8(0xa0 + $0) }
            let code = [UInt8(0x5f + n)] + immediate + [0x5f, 0x52, 0x60, 0x20, 0x5f, 0xf3]  // PUSH0 MSTORE PUSH1 32 PUSH0 RETURN
            let ran = run(Hex.encode(code), fork: .cancun)
            #expect(ran.status == .returned)
            #expect(ran.output == [UInt8](repeating: 0, count: 32 - n) + immediate, "PUSH\(n)")
            // PUSHn 3, PUSH0 2, MSTORE 3 + 3 memory, PUSH1 3, PUSH0 2, RETURN 0.
            #expect(ran.used == 3 + 2 + 6 + 3 + 2, "PUSH\(n)")
        }
    }

    /// A PUSH cut short by the end of the code reads zeros for the missing bytes and then stops.
    @Test func truncatedPushStops() {
        for n in [2, 8, 9, 32] {
            let ran = run(Hex.encode([UInt8(0x5f + n), 0xff]), fork: .cancun)
            #expect(ran.status == .stop)
            #expect(ran.used == 3)
        }
    }
}
