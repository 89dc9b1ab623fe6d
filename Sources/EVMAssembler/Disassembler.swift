import EVMCore

/// Bytecode to `.easm` text that assembles back to the same bytes: explicit PUSH widths with
/// the data in hex, a label before every JUMPDEST, and raw `%data` for bytes that are not
/// opcodes and for a PUSH cut short by the end of the code.
public enum Disassembler {
    public struct Line: Sendable, Equatable {
        public var offset: Int
        public var text: String
    }

    public static func lines(_ code: [UInt8]) -> [Line] {
        var out: [Line] = []
        var i = 0
        while i < code.count {
            let op = code[i]
            if op == Opcode.JUMPDEST { out.append(Line(offset: i, text: label(i) + ":")) }
            if let info = Opcode.table[Int(op)] {
                let n = info.immediateSize
                if n > 0 {
                    if i + n >= code.count {
                        // Truncated: the EVM reads zeros past the end, but the bytes are not there.
                        let rest = Array(code[i...])
                        out.append(Line(offset: i, text: "    %data 0x\(Hex.encode(rest))  ; \(info.name) cut short by the end of code"))
                        break
                    }
                    let data = code[(i + 1)...(i + n)]
                    var text = "    \(info.name) 0x\(Hex.encode(data))"
                    if n == 2 || n == 1 {
                        let v = data.reduce(0) { $0 << 8 | Int($1) }
                        if v < code.count, code[v] == Opcode.JUMPDEST, v > 0 { text += "  ; " + label(v) }
                    }
                    out.append(Line(offset: i, text: text))
                    i += n + 1
                    continue
                }
                out.append(Line(offset: i, text: "    " + info.name))
            } else {
                out.append(Line(offset: i, text: "    %data 0x\(Hex.encode([op]))  ; not an opcode"))
            }
            i += 1
        }
        return out
    }

    /// The whole listing, one instruction a line, with byte offsets as comments.
    public static func text(_ code: [UInt8]) -> String {
        lines(code).map { line in
            line.text.hasSuffix(":") ? line.text : pad(line.text, 44) + "; @\(line.offset)"
        }.joined(separator: "\n") + "\n"
    }

    static func label(_ offset: Int) -> String { "L\(offset)" }

    static func pad(_ s: String, _ n: Int) -> String {
        // Keep comments already on the line; align the offset after them.
        s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count)
    }
}
