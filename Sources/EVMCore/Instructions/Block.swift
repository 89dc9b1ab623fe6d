/// The block's values (execution specs: `vm/instructions/block.py`).
extension Instructions {
    @inline(__always)
    static func blockhash<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int, _ c: FrameContext<M>) {
        sp.setWord(-1, c.host.blockHash(sp.word(-1)))
    }

    @inline(__always)
    static func coinbase<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int, _ c: FrameContext<M>) {
        pushWord(&sp, c.host.context.coinbase.word)
    }

    @inline(__always)
    static func timestamp<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int, _ c: FrameContext<M>) {
        pushWord(&sp, c.host.context.timestamp)
    }

    @inline(__always)
    static func number<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int, _ c: FrameContext<M>) {
        pushWord(&sp, c.host.context.number)
    }

    /// PREVRANDAO (EIP-4399; DIFFICULTY before Paris).
    @inline(__always)
    static func prevrandao<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int, _ c: FrameContext<M>) {
        pushWord(&sp, c.host.context.prevRandao)
    }

    @inline(__always)
    static func gaslimit<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int, _ c: FrameContext<M>) {
        pushWord(&sp, c.host.context.gasLimit)
    }

    @inline(__always)
    static func chainid<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int, _ c: FrameContext<M>) {
        pushWord(&sp, c.host.context.chainId)
    }
}
