/// Stack instructions (execution specs: `vm/instructions/stack.py`). The loop has checked
/// the stack's bounds from the opcode's traits before any of these run.
extension Instructions {
    @inline(__always)
    static func pop(_ sp: inout UnsafeMutablePointer<U256>) {
        sp -= 1
    }

    /// PUSH0 (EIP-3855).
    @inline(__always)
    static func push0(_ sp: inout UnsafeMutablePointer<U256>) {
        pushWord(&sp, .zero)
    }

    /// PUSH1 … PUSH32: `n` bytes of immediate data, big-endian; moves past them. The code's
    /// 33 bytes of zero padding make a truncated push read zeros. Three functions, so that
    /// each dispatch case compiles to its own straight line: PUSH1 (the commonest), PUSH2 …
    /// PUSH8 (jump targets, small constants: one limb) and the rest.
    @inline(__always)
    static func push1(_ sp: inout UnsafeMutablePointer<U256>, _ ip: inout UnsafePointer<UInt8>) {
        pushWord(&sp, U256(UInt64(ip[1])))
        ip += 2
    }

    @inline(__always)
    static func pushOneLimb(_ sp: inout UnsafeMutablePointer<U256>, _ ip: inout UnsafePointer<UInt8>, _ n: Int) {
        let limb = UInt64(bigEndian: UnsafeRawPointer(ip + 1).loadUnaligned(as: UInt64.self))
        pushWord(&sp, U256(w0: limb &>> UInt64((8 &- n) &<< 3), w1: 0, w2: 0, w3: 0))
        ip += n &+ 1
    }

    @inline(__always)
    static func push(_ sp: inout UnsafeMutablePointer<U256>, _ ip: inout UnsafePointer<UInt8>, _ n: Int) {
        pushWord(&sp, readPush(ip + 1, n))
        ip += n &+ 1
    }

    /// DUP1 … DUP16.
    @inline(__always)
    static func dup(_ sp: inout UnsafeMutablePointer<U256>, _ n: Int) {
        sp.setWord(0, sp.word(-n))
        sp += 1
    }

    /// SWAP1 … SWAP16.
    @inline(__always)
    static func swap(_ sp: inout UnsafeMutablePointer<U256>, _ n: Int) {
        let top = sp.word(-1)
        sp.setWord(-1, sp.word(-(n &+ 1)))
        sp.setWord(-(n &+ 1), top)
    }

    /// n big-endian bytes (1…32) as a word, read as whole 8-byte limbs: the first limb takes
    /// the top `n mod 8` bytes (or 8), each further limb 8 bytes. The code's 33 bytes of zero
    /// padding make every 8-byte read in bounds, whatever `pc` is.
    @inline(__always)
    static func readPush(_ p: UnsafePointer<UInt8>, _ n: Int) -> U256 {
        let raw = UnsafeRawPointer(p)
        @inline(__always) func limb(_ offset: Int) -> UInt64 {
            UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }
        let limbs = (n &+ 7) >> 3
        let k = n &- ((limbs &- 1) << 3)  // bytes in the top limb, 1…8
        let top = limb(0) >> UInt64((8 &- k) << 3)
        switch limbs {
        case 1: return U256(w0: top, w1: 0, w2: 0, w3: 0)
        case 2: return U256(w0: limb(k), w1: top, w2: 0, w3: 0)
        case 3: return U256(w0: limb(k &+ 8), w1: limb(k), w2: top, w3: 0)
        default: return U256(w0: limb(k &+ 16), w1: limb(k &+ 8), w2: limb(k), w3: top)
        }
    }
}
