/// Persistent and transient storage (execution specs: `vm/instructions/storage.py`).
extension Instructions {
    /// SLOAD: the warm read is the constant cost; a cold slot adds EIP-2929's surcharge.
    @inline(__always)
    static func sload<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int,
                         _ c: FrameContext<M>) -> ExecutionStatus? {
        let (value, access) = c.host.sload(c.message.recipient, sp.word(-1))
        guard c.payForSlot(&gas, access, pricing: .warmInConstant) else { return .outOfGas }
        sp.setWord(-1, value)
        return nil
    }

    /// SSTORE (EIP-2200 as amended by EIP-2929 and EIP-3529): refused in a static frame and
    /// when no more than the sentry is left; the cost and refund by storage status, plus the
    /// full cold price for a cold slot.
    @inline(__always)
    static func sstore<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int,
                          _ c: FrameContext<M>) -> ExecutionStatus? {
        if c.message.isStatic { return .staticStateChange }
        if gas <= c.schedule.sstoreSentry { return .outOfGas }
        let (status, access) = c.host.sstore(c.message.recipient, sp.word(-1), sp.word(-2))
        _ = c.charge(&gas, c.table.sstoreCost[status.rawValue], .storageWrite(status))
        guard c.payForSlot(&gas, access, pricing: .coldOnly) else { return .outOfGas }
        c.frame.refund &+= c.table.sstoreRefund[status.rawValue]
        sp -= 2
        return nil
    }

    /// TLOAD (EIP-1153).
    @inline(__always)
    static func tload<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int, _ c: FrameContext<M>) {
        sp.setWord(-1, c.host.tload(c.message.recipient, sp.word(-1)))
    }

    /// TSTORE (EIP-1153): refused in a static frame.
    @inline(__always)
    static func tstore<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int,
                          _ c: FrameContext<M>) -> ExecutionStatus? {
        if c.message.isStatic { return .staticStateChange }
        c.host.tstore(c.message.recipient, sp.word(-1), sp.word(-2))
        sp -= 2
        return nil
    }
}
