/// Memory (execution specs: `vm/instructions/memory.py`). Every access pays for the
/// expansion it causes.
extension Instructions {
    @inline(__always)
    static func mload<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int,
                         _ c: FrameContext<M>) -> ExecutionStatus? {
        guard let (offset, _) = memoryRegion(sp.word(-1), U256(32)), c.expandMemory(&gas, offset, 32) else { return .outOfGas }
        sp.setWord(-1, c.memory.loadWord(offset))
        return nil
    }

    @inline(__always)
    static func mstore<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int,
                          _ c: FrameContext<M>) -> ExecutionStatus? {
        guard let (offset, _) = memoryRegion(sp.word(-1), U256(32)), c.expandMemory(&gas, offset, 32) else { return .outOfGas }
        c.memory.storeWord(offset, sp.word(-2))
        sp -= 2
        return nil
    }

    @inline(__always)
    static func mstore8<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int,
                           _ c: FrameContext<M>) -> ExecutionStatus? {
        guard let (offset, _) = memoryRegion(sp.word(-1), U256(1)), c.expandMemory(&gas, offset, 1) else { return .outOfGas }
        c.memory.pointer(offset).storeBytes(of: UInt8(truncatingIfNeeded: sp.limb0(-2)), as: UInt8.self)
        sp -= 2
        return nil
    }

    @inline(__always)
    static func msize<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int, _ c: FrameContext<M>) {
        pushWord(&sp, U256(UInt64(c.memory.size)))
    }

    /// MCOPY (EIP-5656): the copy, and memory up to the larger of source and destination.
    @inline(__always)
    static func mcopy<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int,
                         _ c: FrameContext<M>) -> ExecutionStatus? {
        guard let (dest, size) = memoryRegion(sp.word(-1), sp.word(-3)),
              let (source, _) = memoryRegion(sp.word(-2), sp.word(-3)) else { return .outOfGas }
        _ = c.charge(&gas, GasMath.copyCost(size: size, schedule: c.schedule), .copy)
        guard c.expandMemory(&gas, max(dest, source), size) else { return .outOfGas }
        if size > 0 { c.memory.pointer(dest).copyMemory(from: c.memory.pointer(source), byteCount: size) }
        sp -= 3
        return nil
    }
}
