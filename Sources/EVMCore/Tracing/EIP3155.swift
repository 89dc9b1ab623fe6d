/// EIP-3155 JSON lines, in the field order and number formats of the execution specs'
/// `ethereum-spec-evm` (gas, gasCost and stack items as hex without leading zeros, op as a
/// number), so that two traces can be diffed line by line.
public enum EIP3155 {
    public static func line(_ s: TraceStep) -> String {
        var out = "{\"pc\":\(s.pc),\"op\":\(s.op),\"gas\":\"\(hex(s.gas))\",\"gasCost\":\"\(hex(s.gasCost))\""
        out += ",\"memSize\":\(s.memSize),\"stack\":["
        out += s.stack.map { "\"\($0.hexString)\"" }.joined(separator: ",")
        out += "],\"returnData\":\"0x\(Hex.encode(s.returnData))\",\"depth\":\(s.depth),\"refund\":\(s.refund)"
        out += ",\"opName\":\"\(s.opName)\""
        if let e = s.error { out += ",\"error\":\"\(e)\"" }
        return out + "}"
    }

    /// The summary line after a transaction.
    public static func summary(output: [UInt8], gasUsed: Int, error: String?) -> String {
        var out = "{\"output\":\"\(Hex.encode(output))\",\"gasUsed\":\"\(hex(gasUsed))\""
        if let error { out += ",\"error\":\"\(error)\"" }
        return out + "}"
    }

    static func hex(_ v: Int) -> String { "0x" + String(v, radix: 16) }
}

/// Writes EIP-3155 lines to a sink (standard error, a file, a string).
public final class EIP3155Tracer: Tracer {
    let write: (String) -> Void
    public init(write: @escaping (String) -> Void) { self.write = write }
    public func step(_ step: TraceStep) { write(EIP3155.line(step)) }
}
