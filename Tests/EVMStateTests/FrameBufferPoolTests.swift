import EVMCore
@testable import EVMState
import Testing

/// Frames that reuse a finished frame's stack and memory (`FrameBufferPool`) start as a new
/// frame does: memory empty, and zero wherever it grows to.
@Suite struct FrameBufferPoolTests {
    static func execute(_ hex: String, buffers: FrameBufferPool) -> FrameResult {
        let state = WorldState(fork: .osaka)
        state.setAccount(contract, Account(code: Code(bytes(hex))))
        state.setAccount(caller, Account(balance: U256(1_000_000)))
        state.beginTransaction()
        state.warm(contract)
        let message = Message(caller: caller, recipient: contract, value: .zero, input: [], gas: 1_000_000)
        return Executor(state: state, fork: .osaka, buffers: buffers).execute(message)
    }

    /// Writes all-ones words at 0x40, 0x1000 and 0x1f40 (growing memory past its first
    /// 4 KiB), and leaves words on the stack.
    static let dirty = "7f" + String(repeating: "ff", count: 32) + " 80 6040 52 80 611000 52 80 611f40 52 00"
    /// Returns MSIZE at its start, then the words at 0x1000, 0x40 and 0x1f40.
    static let reader = "59 6000 52  611000 51 6020 52  6040 51 6040 52  611f40 51 6060 52  6080 6000 f3"

    @Test func reusedBuffersReadAsNew() {
        let pool = FrameBufferPool()
        let first = Self.execute(Self.dirty, buffers: pool)
        #expect(first.status == .stop)
        let reused = Self.execute(Self.reader, buffers: pool)
        let fresh = Self.execute(Self.reader, buffers: FrameBufferPool())
        #expect(reused.status == .returned)
        #expect(reused.output == [UInt8](repeating: 0, count: 128))
        #expect(reused.output == fresh.output && reused.gasLeft == fresh.gasLeft)
    }

    /// A frame that calls itself while more than 0xE0000 gas is left (six levels deep from
    /// 1,000,000): each level takes buffers while its caller holds its own; then the
    /// nested frames' buffers, dirtied, come back for the next runs.
    @Test func nestedFramesGetTheirOwnBuffers() {
        // GAS PUSH3 0x0e0000 GT PUSH1 0x18 JUMPI (stop when 0xe0000 > gas);
        // CALL(GAS, ADDRESS, 0, 0, 0, 0, 0) POP STOP; JUMPDEST (0x18) STOP.
        let recurse = "5a 620e0000 11 6018 57  6000 6000 6000 6000 6000 30 5a f1 50 00  5b 00"
        #expect(bytes(recurse)[0x18] == 0x5b)
        let pool = FrameBufferPool()
        #expect(Self.execute(recurse, buffers: pool).status == .stop)
        #expect(Self.execute(Self.dirty, buffers: pool).status == .stop)
        let reused = Self.execute(Self.reader, buffers: pool)
        #expect(reused.output == [UInt8](repeating: 0, count: 128))
    }
}
