/// Comparisons (execution specs: `vm/instructions/comparison.py`): 1 for true, 0 for false.
extension Instructions {
    @inline(__always)
    static func lt(_ sp: inout UnsafeMutablePointer<U256>) {
        sp[-2] = sp[-1] < sp[-2] ? .one : .zero
        sp -= 1
    }

    @inline(__always)
    static func gt(_ sp: inout UnsafeMutablePointer<U256>) {
        sp[-2] = sp[-2] < sp[-1] ? .one : .zero
        sp -= 1
    }

    @inline(__always)
    static func slt(_ sp: inout UnsafeMutablePointer<U256>) {
        sp[-2] = U256.signedLess(sp[-1], sp[-2]) ? .one : .zero
        sp -= 1
    }

    @inline(__always)
    static func sgt(_ sp: inout UnsafeMutablePointer<U256>) {
        sp[-2] = U256.signedLess(sp[-2], sp[-1]) ? .one : .zero
        sp -= 1
    }

    @inline(__always)
    static func eq(_ sp: inout UnsafeMutablePointer<U256>) {
        sp[-2] = sp[-1] == sp[-2] ? .one : .zero
        sp -= 1
    }

    @inline(__always)
    static func iszero(_ sp: inout UnsafeMutablePointer<U256>) {
        sp[-1] = sp[-1].isZero ? .one : .zero
    }
}
