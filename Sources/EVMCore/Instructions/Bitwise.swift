/// Bitwise logic and shifts (execution specs: `vm/instructions/bitwise.py`).
extension Instructions {
    @inline(__always)
    static func and(_ sp: inout UnsafeMutablePointer<U256>) {
        sp.setWord(-2, sp.word(-1) & sp.word(-2))
        sp -= 1
    }

    @inline(__always)
    static func or(_ sp: inout UnsafeMutablePointer<U256>) {
        sp.setWord(-2, sp.word(-1) | sp.word(-2))
        sp -= 1
    }

    @inline(__always)
    static func xor(_ sp: inout UnsafeMutablePointer<U256>) {
        sp.setWord(-2, sp.word(-1) ^ sp.word(-2))
        sp -= 1
    }

    @inline(__always)
    static func not(_ sp: inout UnsafeMutablePointer<U256>) {
        sp.setWord(-1, ~sp.word(-1))
    }

    @inline(__always)
    static func byte(_ sp: inout UnsafeMutablePointer<U256>) {
        sp.setWord(-2, sp.word(-2).byte(sp.word(-1)))
        sp -= 1
    }

    /// SHL, SHR, SAR (EIP-145): the shift is the top item.
    @inline(__always)
    static func shl(_ sp: inout UnsafeMutablePointer<U256>) {
        sp.setWord(-2, sp.word(-2).shl(sp.word(-1)))
        sp -= 1
    }

    @inline(__always)
    static func shr(_ sp: inout UnsafeMutablePointer<U256>) {
        sp.setWord(-2, sp.word(-2).shr(sp.word(-1)))
        sp -= 1
    }

    @inline(__always)
    static func sar(_ sp: inout UnsafeMutablePointer<U256>) {
        sp.setWord(-2, sp.word(-2).sar(sp.word(-1)))
        sp -= 1
    }

    /// CLZ (EIP-7939): leading zero bits, 256 for zero.
    @inline(__always)
    static func clz(_ sp: inout UnsafeMutablePointer<U256>) {
        sp.setWord(-1, U256(UInt64(sp.word(-1).leadingZeroBitCount)))
    }
}
