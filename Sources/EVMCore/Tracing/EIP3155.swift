/// EIP-3155 JSON lines, in the field order and number formats of the execution specs'
/// `ethereum-spec-evm` (gas, gasCost and stack items as hex without leading zeros, op as a
/// number), so that two traces can be diffed line by line.
public enum EIP3155 {
    public static func line(_ s: TraceStep) -> String {
        var out = "{\"pc\":\(s.pc),\"op\":\(s.op),\"gas\":\"\(hex(s.gas))\",\"gasCost\":\"\(hex(s.gasCost))\""
        if !s.memory.isEmpty { out += ",\"memory\":\"0x\(Hex.encode(s.memory))\"" }
        out += ",\"memSize\":\(s.memSize),\"stack\":["
        out += s.stack.map { "\"\($0.hexString)\"" }.joined(separator: ",")
        out += "],\"returnData\":\"0x\(Hex.encode(s.returnData))\",\"depth\":\(s.depth),\"refund\":\(s.refund)"
        var name = specOpName(s.op)
        if case .invalidOpcode? = s.error { name = "InvalidOpcode" }  // the specs' name for any undefined byte
        out += ",\"opName\":\"\(name)\""
        if let e = s.error { out += ",\"error\":\"\(specName(e))\"" }
        return out + "}"
    }

    /// The summary line after a transaction; `gasUsed` is what the execution spent (the
    /// message's gas minus what was left, before refunds), as `ethereum-spec-evm` prints it.
    public static func summary(output: [UInt8], gasUsed: Int, error: String?) -> String {
        var out = "{\"output\":\"\(Hex.encode(output))\",\"gasUsed\":\"\(hex(gasUsed))\""
        if let error { out += ",\"error\":\"\(error)\"" }
        return out + "}"
    }

    static func hex(_ v: Int) -> String { "0x" + String(v, radix: 16) }

    /// Opcode names as the execution specs print them (KECCAK256 is `KECCAK` there).
    public static func specOpName(_ op: UInt8) -> String {
        op == 0x20 ? "KECCAK" : Opcode.name(of: op)
    }

    /// The execution specs' exception class names, so that error fields diff cleanly.
    public static func specName(_ status: ExecutionStatus) -> String {
        switch status {
        case .reverted: return "Revert"
        case .outOfGas: return "OutOfGasError"
        case .invalidOpcode: return "InvalidOpcode"
        case .stackUnderflow: return "StackUnderflowError"
        case .stackOverflow: return "StackOverflowError"
        case .badJumpDestination: return "InvalidJumpDestError"
        case .staticStateChange: return "WriteInStaticContext"
        case .returnDataOutOfBounds: return "OutOfBoundsRead"
        case .invalidCode: return "InvalidContractPrefix"
        case .addressCollision: return "AddressCollision"
        case .precompileFailure: return "InvalidParameter"
        case .stop, .returned: return "None"
        }
    }
}

/// Writes EIP-3155 lines to a sink (standard error, a file, a string).
public final class EIP3155Tracer: Tracer {
    public let write: (String) -> Void
    public let wantsMemory: Bool
    public init(memory: Bool = true, write: @escaping (String) -> Void) {
        self.wantsMemory = memory
        self.write = write
    }
    public func step(_ step: TraceStep) { write(EIP3155.line(step)) }
}
