/// Arithmetic (execution specs: `vm/instructions/arithmetic.py`). Words wrap modulo 2^256.
extension Instructions {
    @inline(__always)
    static func add(_ sp: inout UnsafeMutablePointer<U256>) {
        sp.setWord(-2, sp.word(-1) &+ sp.word(-2))
        sp -= 1
    }

    @inline(__always)
    static func mul(_ sp: inout UnsafeMutablePointer<U256>) {
        sp.setWord(-2, sp.word(-1) &* sp.word(-2))
        sp -= 1
    }

    @inline(__always)
    static func sub(_ sp: inout UnsafeMutablePointer<U256>) {
        sp.setWord(-2, sp.word(-1) &- sp.word(-2))
        sp -= 1
    }

    @inline(__always)
    static func div(_ sp: inout UnsafeMutablePointer<U256>) {
        sp.setWord(-2, sp.word(-1).div(sp.word(-2)))
        sp -= 1
    }

    @inline(__always)
    static func sdiv(_ sp: inout UnsafeMutablePointer<U256>) {
        sp.setWord(-2, sp.word(-1).sdiv(sp.word(-2)))
        sp -= 1
    }

    @inline(__always)
    static func mod(_ sp: inout UnsafeMutablePointer<U256>) {
        sp.setWord(-2, sp.word(-1).mod(sp.word(-2)))
        sp -= 1
    }

    @inline(__always)
    static func smod(_ sp: inout UnsafeMutablePointer<U256>) {
        sp.setWord(-2, sp.word(-1).smod(sp.word(-2)))
        sp -= 1
    }

    @inline(__always)
    static func addmod(_ sp: inout UnsafeMutablePointer<U256>) {
        sp.setWord(-3, U256.addmod(sp.word(-1), sp.word(-2), sp.word(-3)))
        sp -= 2
    }

    @inline(__always)
    static func mulmod(_ sp: inout UnsafeMutablePointer<U256>) {
        sp.setWord(-3, U256.mulmod(sp.word(-1), sp.word(-2), sp.word(-3)))
        sp -= 2
    }

    /// EXP: 10 + 50 per byte of exponent (EIP-160).
    @inline(__always)
    static func exp<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int, _ c: FrameContext<M>) -> ExecutionStatus? {
        let exponent = sp.word(-2)
        guard c.charge(&gas, c.schedule.expByte &* exponent.byteWidth, .exponentBytes) else { return .outOfGas }
        sp.setWord(-2, sp.word(-1).power(exponent))
        sp -= 1
        return nil
    }

    @inline(__always)
    static func signextend(_ sp: inout UnsafeMutablePointer<U256>) {
        sp.setWord(-2, sp.word(-2).signExtended(fromByte: sp.word(-1)))
        sp -= 1
    }
}
