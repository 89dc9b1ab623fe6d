/// Comparisons (execution specs: `vm/instructions/comparison.py`): 1 for true, 0 for false.
extension Instructions {
    @inline(__always)
    static func lt(_ sp: inout UnsafeMutablePointer<U256>) {
        sp.setWord(-2, sp.word(-1) < sp.word(-2) ? .one : .zero)
        sp -= 1
    }

    @inline(__always)
    static func gt(_ sp: inout UnsafeMutablePointer<U256>) {
        sp.setWord(-2, sp.word(-2) < sp.word(-1) ? .one : .zero)
        sp -= 1
    }

    @inline(__always)
    static func slt(_ sp: inout UnsafeMutablePointer<U256>) {
        sp.setWord(-2, U256.signedLess(sp.word(-1), sp.word(-2)) ? .one : .zero)
        sp -= 1
    }

    @inline(__always)
    static func sgt(_ sp: inout UnsafeMutablePointer<U256>) {
        sp.setWord(-2, U256.signedLess(sp.word(-2), sp.word(-1)) ? .one : .zero)
        sp -= 1
    }

    @inline(__always)
    static func eq(_ sp: inout UnsafeMutablePointer<U256>) {
        sp.setWord(-2, sp.word(-1) == sp.word(-2) ? .one : .zero)
        sp -= 1
    }

    @inline(__always)
    static func iszero(_ sp: inout UnsafeMutablePointer<U256>) {
        sp.setWord(-1, sp.word(-1).isZero ? .one : .zero)
    }
}
