@testable import EVMCore
import Testing

/// The stack's limb-by-limb access (`StackWords`) reads back what it wrote, in every limb,
/// and touches only the slot it names: the instructions read and write every stack word
/// through it.
@Suite struct StackWordsTests {
    @Test func wordsRoundTripInTheirOwnSlots() {
        let slots = UnsafeMutablePointer<U256>.allocate(capacity: 5)
        defer { slots.deallocate() }
        slots.initialize(repeating: .zero, count: 5)
        let sp = slots + 3
        let words = [
            U256(w0: 1, w1: 2, w2: 3, w3: 4),
            U256(w0: .max, w1: 0, w2: .max, w3: 0x8000_0000_0000_0000),
            U256(w0: 0x0123_4567_89ab_cdef, w1: 0, w2: 0, w3: 0),
        ]
        for (i, w) in words.enumerated() { sp.setWord(-3 + i, w) }
        for (i, w) in words.enumerated() {
            #expect(sp.word(-3 + i) == w)
            #expect(sp.limb0(-3 + i) == w.w0)
            #expect(slots[i] == w)  // the plain view of the same memory agrees
        }
        #expect(slots[3] == .zero && slots[4] == .zero)
        sp.setWord(0, words[1])
        #expect(slots[3] == words[1] && slots[4] == .zero && slots[2] == words[2])
    }
}
