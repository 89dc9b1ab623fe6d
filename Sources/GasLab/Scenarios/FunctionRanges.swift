import EVMAssembler
import EVMCore

/// Profiles of compiled code without a source map: the runtime cut into functions by its
/// dispatcher. Each selector of the ABI is found where the dispatcher compares it (Solidity:
/// `PUSH4 selector EQ PUSH dest JUMPI` jumps to the function; Vyper: `PUSH4 selector DUP2 XOR
/// PUSH dest JUMPI` falls through into it), and the code from one function's start to the
/// next is labelled with its name. It is a code range, not a source line: code a function
/// shares with others (internal helpers) goes to the range it lies in.
enum FunctionRanges {
    static func program(runtime: [UInt8], initcode: [UInt8], abi: [CompiledContract.ABIFunction], name: String) -> Program? {
        var selectors: [U256: String] = [:]
        for f in abi { selectors[U256(bigEndianBytes: Keccak256.hash(f.signature).prefix(4))] = f.name }
        guard !selectors.isEmpty else { return nil }
        // Instructions: (pc, opcode, immediate).
        var instructions: [(pc: Int, op: UInt8, value: U256)] = []
        var pc = 0
        while pc < runtime.count {
            let op = runtime[pc]
            var value = U256.zero
            var width = 0
            if op >= 0x60 && op <= 0x7f {
                width = Int(op - 0x5f)
                let end = min(pc + 1 + width, runtime.count)
                value = U256(bigEndianBytes: Array(runtime[(pc + 1)..<end]))
            }
            instructions.append((pc, op, value))
            pc += 1 + width
        }
        var starts: [(pc: Int, name: String)] = []
        for (i, ins) in instructions.enumerated() where ins.op == 0x63 {
            guard let fname = selectors[ins.value], i + 4 < instructions.count else { continue }
            let next = instructions[(i + 1)...].prefix(4).map(\.op)
            // Solidity: EQ, PUSHn dest, JUMPI.
            if next.count >= 3, next[0] == 0x14, (0x60...0x63).contains(next[1]), next[2] == 0x57 {
                starts.append((Int(instructions[i + 2].value.w0), fname))
            } else if next.count >= 4, (0x80...0x8f).contains(next[0]), next[1] == 0x18,
                      (0x60...0x63).contains(next[2]), next[3] == 0x57 {
                // Vyper: the body follows the JUMPI.
                starts.append((instructions[i + 4].pc + 1, fname))
            }
        }
        guard !starts.isEmpty else { return nil }
        starts.sort { $0.pc < $1.pc }
        var entries: [SourceMapEntry] = []
        if let first = starts.first, first.pc > 0 {
            entries.append(SourceMapEntry(offset: 0, length: first.pc, location: SourceLocation(file: name + " (dispatcher)", line: 0, column: 0),
                                          label: "dispatcher", macros: []))
        }
        for (i, s) in starts.enumerated() where s.pc < runtime.count {
            let end = i + 1 < starts.count ? min(starts[i + 1].pc, runtime.count) : runtime.count
            guard end > s.pc else { continue }
            entries.append(SourceMapEntry(offset: s.pc, length: end - s.pc,
                                          location: SourceLocation(file: "\(name) (no source map) \(s.name)", line: 0, column: 0),
                                          label: s.name, macros: []))
        }
        return Program(sections: [("runtime", runtime)], runtime: runtime, initcode: initcode, runtimeMap: entries,
                       initcodeMap: [], labels: [:])
    }
}
