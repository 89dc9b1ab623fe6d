/// LOG0 … LOG4 (execution specs: `vm/instructions/log.py`). The constant cost holds the
/// topics (375 + 375 each); the data costs 8 a byte.
extension Instructions {
    @inline(__always)
    static func log<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int,
                       _ c: FrameContext<M>, topics topicCount: Int) -> ExecutionStatus? {
        if c.message.isStatic { return .staticStateChange }
        guard let (offset, size) = memoryRegion(sp.word(-1), sp.word(-2)) else { return .outOfGas }
        _ = c.charge(&gas, c.schedule.logDataByte &* size, .logData)
        guard c.expandMemory(&gas, offset, size) else { return .outOfGas }
        var topics: [U256] = []
        topics.reserveCapacity(topicCount)
        for i in 0..<topicCount { topics.append(sp.word(-3 - i)) }
        c.host.emitLog(address: c.message.recipient, topics: topics, data: c.memory.slice(offset, size))
        sp -= 2 + topicCount
        return nil
    }
}
