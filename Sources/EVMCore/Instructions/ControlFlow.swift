/// Jumps and the program counter (execution specs: `vm/instructions/control_flow.py`).
/// STOP is a halt and lives in the loop.
extension Instructions {
    /// JUMP: to a JUMPDEST that is not inside push data (the code's bitmap). The loop holds
    /// its place as a pointer into the code (`ip`), so a jump lands at the code's start plus
    /// the destination.
    @inline(__always)
    static func jump(_ sp: inout UnsafeMutablePointer<U256>, _ ip: inout UnsafePointer<UInt8>, code: UnsafePointer<UInt8>,
                     codeCount: Int, jumpdests: UnsafePointer<UInt64>) -> ExecutionStatus? {
        guard AnalyzedCode.isJumpDestination(sp.word(-1), count: codeCount, map: jumpdests) else { return .badJumpDestination }
        ip = code + Int(sp.limb0(-1))
        sp -= 1
        return nil
    }

    /// JUMPI: jumps when the condition is not zero, else moves to the next instruction.
    @inline(__always)
    static func jumpi(_ sp: inout UnsafeMutablePointer<U256>, _ ip: inout UnsafePointer<UInt8>, code: UnsafePointer<UInt8>,
                      codeCount: Int, jumpdests: UnsafePointer<UInt64>) -> ExecutionStatus? {
        if sp.word(-2).isZero {
            ip += 1
        } else {
            guard AnalyzedCode.isJumpDestination(sp.word(-1), count: codeCount, map: jumpdests) else {
                return .badJumpDestination
            }
            ip = code + Int(sp.limb0(-1))
        }
        sp -= 2
        return nil
    }

    @inline(__always)
    static func pc(_ sp: inout UnsafeMutablePointer<U256>, _ pc: Int) {
        pushWord(&sp, U256(UInt64(pc)))
    }

    /// GAS: what is left after this instruction's own cost.
    @inline(__always)
    static func gas(_ sp: inout UnsafeMutablePointer<U256>, _ gas: Int) {
        pushWord(&sp, U256(UInt64(gas)))
    }
}
