/// KECCAK256 (execution specs: `vm/instructions/keccak.py`).
extension Instructions {
    /// 30 + 6 per word hashed, plus memory expansion.
    @inline(__always)
    static func keccak256<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int,
                             _ c: FrameContext<M>) -> ExecutionStatus? {
        guard let (offset, size) = memoryRegion(sp.word(-1), sp.word(-2)) else { return .outOfGas }
        _ = c.charge(&gas, c.schedule.keccakWord &* GasMath.words(size), .hashWords)
        guard c.expandMemory(&gas, offset, size) else { return .outOfGas }
        sp.setWord(-2, c.frame.keccakMemo.hash(c.memory.pointer(offset), count: size))
        sp -= 1
        return nil
    }
}
