/// The frame's and the transaction's environment, and other accounts (execution specs:
/// `vm/instructions/environment.py`).
extension Instructions {
    @inline(__always)
    static func address<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int, _ c: FrameContext<M>) {
        pushWord(&sp, c.message.recipient.word)
    }

    /// BALANCE: the warm read is the constant cost; a cold account adds EIP-2929's surcharge.
    @inline(__always)
    static func balance<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int,
                           _ c: FrameContext<M>) -> ExecutionStatus? {
        let address = Address(sp.word(-1))
        guard c.accessAccount(&gas, address, pricing: .warmInConstant) else { return .outOfGas }
        sp.setWord(-1, c.host.balance(address))
        return nil
    }

    @inline(__always)
    static func origin<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int, _ c: FrameContext<M>) {
        pushWord(&sp, c.host.context.origin.word)
    }

    @inline(__always)
    static func caller<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int, _ c: FrameContext<M>) {
        pushWord(&sp, c.message.caller.word)
    }

    @inline(__always)
    static func callvalue<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int, _ c: FrameContext<M>) {
        pushWord(&sp, c.message.value)
    }

    @inline(__always)
    static func calldataload<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int, _ c: FrameContext<M>) {
        sp.setWord(-1, loadWord(c.message.input, at: sp.word(-1)))
    }

    @inline(__always)
    static func calldatasize<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int, _ c: FrameContext<M>) {
        pushWord(&sp, U256(UInt64(c.message.input.count)))
    }

    @inline(__always)
    static func calldatacopy<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int,
                                _ c: FrameContext<M>) -> ExecutionStatus? {
        copyToMemory(c.message.input, &sp, &gas, c)
    }

    @inline(__always)
    static func codesize<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int, _ c: FrameContext<M>) {
        pushWord(&sp, U256(UInt64(c.code.count)))
    }

    @inline(__always)
    static func codecopy<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int,
                            _ c: FrameContext<M>) -> ExecutionStatus? {
        copyToMemory(c.code.bytes, &sp, &gas, c)
    }

    @inline(__always)
    static func gasprice<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int, _ c: FrameContext<M>) {
        pushWord(&sp, c.host.context.gasPrice)
    }

    @inline(__always)
    static func extcodesize<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int,
                               _ c: FrameContext<M>) -> ExecutionStatus? {
        let address = Address(sp.word(-1))
        guard c.accessAccount(&gas, address, pricing: .warmInConstant) else { return .outOfGas }
        sp.setWord(-1, U256(UInt64(c.host.code(address).count)))
        return nil
    }

    /// EXTCODECOPY: copy and memory first, then the account access (the specs' order).
    @inline(__always)
    static func extcodecopy<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int,
                               _ c: FrameContext<M>) -> ExecutionStatus? {
        let address = Address(sp.word(-1))
        guard let (dest, size) = memoryRegion(sp.word(-2), sp.word(-4)) else { return .outOfGas }
        _ = c.charge(&gas, GasMath.copyCost(size: size, schedule: c.schedule), .copy)
        guard c.expandMemory(&gas, dest, size),
              c.accessAccount(&gas, address, pricing: .warmInConstant) else { return .outOfGas }
        let source = sp.word(-3)
        let memory = c.memory
        c.host.code(address).bytes.withUnsafeBytes { memory.write($0, sourceOffset: source, to: dest, length: size) }
        sp -= 4
        return nil
    }

    @inline(__always)
    static func returndatasize<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int, _ c: FrameContext<M>) {
        pushWord(&sp, U256(UInt64(c.frame.returnData.count)))
    }

    /// RETURNDATACOPY (EIP-211): reading past the end is an exceptional halt.
    @inline(__always)
    static func returndatacopy<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int,
                                  _ c: FrameContext<M>) -> ExecutionStatus? {
        guard let (dest, size) = memoryRegion(sp.word(-1), sp.word(-3)) else { return .outOfGas }
        _ = c.charge(&gas, GasMath.copyCost(size: size, schedule: c.schedule), .copy)
        guard c.expandMemory(&gas, dest, size) else { return .outOfGas }
        let source = sp.word(-2)
        let available = UInt64(c.frame.returnData.count)
        guard source.fitsUInt64, source.w0 <= available, UInt64(size) <= available - source.w0 else {
            return .returnDataOutOfBounds
        }
        let memory = c.memory
        c.frame.returnData.withUnsafeBytes { memory.write($0, sourceOffset: source, to: dest, length: size) }
        sp -= 3
        return nil
    }

    @inline(__always)
    static func extcodehash<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int,
                               _ c: FrameContext<M>) -> ExecutionStatus? {
        let address = Address(sp.word(-1))
        guard c.accessAccount(&gas, address, pricing: .warmInConstant) else { return .outOfGas }
        sp.setWord(-1, c.host.codeHash(address))
        return nil
    }

    @inline(__always)
    static func selfbalance<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int, _ c: FrameContext<M>) {
        pushWord(&sp, c.host.balance(c.message.recipient))
    }

    @inline(__always)
    static func basefee<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int, _ c: FrameContext<M>) {
        pushWord(&sp, c.host.context.baseFee)
    }

    /// BLOBHASH (EIP-4844): zero past the transaction's list.
    @inline(__always)
    static func blobhash<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int, _ c: FrameContext<M>) {
        let hashes = c.host.context.blobHashes
        let index = sp.word(-1)
        sp.setWord(-1, index.fitsUInt64 && index.w0 < UInt64(hashes.count) ? hashes[Int(index.w0)] : .zero)
    }

    @inline(__always)
    static func blobbasefee<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int, _ c: FrameContext<M>) {
        pushWord(&sp, c.host.context.blobBaseFee)
    }

    // MARK: Helpers

    /// CALLDATACOPY and CODECOPY (dest, offset, size on the stack): charges the copy and the
    /// memory, then copies with zeros past the source's end.
    @inline(__always)
    static func copyToMemory<M>(_ source: [UInt8], _ sp: inout UnsafeMutablePointer<U256>,
                                _ gas: inout Int, _ c: FrameContext<M>) -> ExecutionStatus? {
        guard let (dest, size) = memoryRegion(sp.word(-1), sp.word(-3)) else { return .outOfGas }
        _ = c.charge(&gas, GasMath.copyCost(size: size, schedule: c.schedule), .copy)
        guard c.expandMemory(&gas, dest, size) else { return .outOfGas }
        let offset = sp.word(-2)
        let memory = c.memory
        source.withUnsafeBytes { memory.write($0, sourceOffset: offset, to: dest, length: size) }
        sp -= 3
        return nil
    }

    /// CALLDATALOAD: 32 bytes from `offset`, zero past the end.
    @inline(__always)
    static func loadWord(_ data: [UInt8], at offset: U256) -> U256 {
        guard offset.fitsUInt64, offset.w0 < UInt64(data.count) else { return .zero }
        let start = Int(offset.w0)
        return data.withUnsafeBytes { raw in
            if data.count - start >= 32 { return U256(loadingBigEndianFrom: raw.baseAddress! + start) }
            var buffer = (U256.zero, U256.zero)
            return withUnsafeMutableBytes(of: &buffer) { b in
                b.baseAddress!.copyMemory(from: raw.baseAddress! + start, byteCount: data.count - start)
                return U256(loadingBigEndianFrom: b.baseAddress!)
            }
        }
    }
}
