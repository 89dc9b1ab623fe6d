/// Fork-independent traits of each opcode: its name, the bytes of immediate data after it,
/// the stack items it needs and leaves, whether it ends the frame, and the fork that
/// introduced it (before which it is undefined). Costs are fork-specific and live in
/// `GasSchedule`. The interpreter, the tracer, the assembler and the disassembler read this
/// one table.
public struct OpcodeInfo: Sendable, Equatable {
    public let code: UInt8
    public let name: String
    /// Bytes of immediate data (PUSH1…PUSH32).
    public let immediateSize: Int
    /// Items popped.
    public let stackIn: Int
    /// Items pushed.
    public let stackOut: Int
    /// STOP, RETURN, REVERT, INVALID, SELFDESTRUCT.
    public let terminates: Bool
    /// The first fork with this opcode; nil for opcodes older than every supported fork.
    public let since: Fork?

    /// Net change of the stack height.
    public var stackChange: Int { stackOut - stackIn }
}

/// Opcode values GasLab names in code.
public enum Opcode {
    public static let STOP: UInt8 = 0x00
    public static let JUMPDEST: UInt8 = 0x5b
    public static let PUSH0: UInt8 = 0x5f
    public static let PUSH1: UInt8 = 0x60
    public static let PUSH32: UInt8 = 0x7f
    public static let INVALID: UInt8 = 0xfe

    /// The traits of every defined opcode (nil for bytes that were never an opcode).
    public static let table: [OpcodeInfo?] = {
        var t = [OpcodeInfo?](repeating: nil, count: 256)
        func def(_ code: UInt8, _ name: String, _ stackIn: Int, _ stackOut: Int,
                 immediate: Int = 0, terminates: Bool = false, since: Fork? = nil) {
            t[Int(code)] = OpcodeInfo(code: code, name: name, immediateSize: immediate, stackIn: stackIn,
                                      stackOut: stackOut, terminates: terminates, since: since)
        }
        def(0x00, "STOP", 0, 0, terminates: true)
        def(0x01, "ADD", 2, 1)
        def(0x02, "MUL", 2, 1)
        def(0x03, "SUB", 2, 1)
        def(0x04, "DIV", 2, 1)
        def(0x05, "SDIV", 2, 1)
        def(0x06, "MOD", 2, 1)
        def(0x07, "SMOD", 2, 1)
        def(0x08, "ADDMOD", 3, 1)
        def(0x09, "MULMOD", 3, 1)
        def(0x0a, "EXP", 2, 1)
        def(0x0b, "SIGNEXTEND", 2, 1)
        def(0x10, "LT", 2, 1)
        def(0x11, "GT", 2, 1)
        def(0x12, "SLT", 2, 1)
        def(0x13, "SGT", 2, 1)
        def(0x14, "EQ", 2, 1)
        def(0x15, "ISZERO", 1, 1)
        def(0x16, "AND", 2, 1)
        def(0x17, "OR", 2, 1)
        def(0x18, "XOR", 2, 1)
        def(0x19, "NOT", 1, 1)
        def(0x1a, "BYTE", 2, 1)
        def(0x1b, "SHL", 2, 1)
        def(0x1c, "SHR", 2, 1)
        def(0x1d, "SAR", 2, 1)
        def(0x1e, "CLZ", 1, 1, since: .osaka)
        def(0x20, "KECCAK256", 2, 1)
        def(0x30, "ADDRESS", 0, 1)
        def(0x31, "BALANCE", 1, 1)
        def(0x32, "ORIGIN", 0, 1)
        def(0x33, "CALLER", 0, 1)
        def(0x34, "CALLVALUE", 0, 1)
        def(0x35, "CALLDATALOAD", 1, 1)
        def(0x36, "CALLDATASIZE", 0, 1)
        def(0x37, "CALLDATACOPY", 3, 0)
        def(0x38, "CODESIZE", 0, 1)
        def(0x39, "CODECOPY", 3, 0)
        def(0x3a, "GASPRICE", 0, 1)
        def(0x3b, "EXTCODESIZE", 1, 1)
        def(0x3c, "EXTCODECOPY", 4, 0)
        def(0x3d, "RETURNDATASIZE", 0, 1)
        def(0x3e, "RETURNDATACOPY", 3, 0)
        def(0x3f, "EXTCODEHASH", 1, 1)
        def(0x40, "BLOCKHASH", 1, 1)
        def(0x41, "COINBASE", 0, 1)
        def(0x42, "TIMESTAMP", 0, 1)
        def(0x43, "NUMBER", 0, 1)
        def(0x44, "PREVRANDAO", 0, 1)
        def(0x45, "GASLIMIT", 0, 1)
        def(0x46, "CHAINID", 0, 1)
        def(0x47, "SELFBALANCE", 0, 1)
        def(0x48, "BASEFEE", 0, 1, since: .london)
        def(0x49, "BLOBHASH", 1, 1, since: .cancun)
        def(0x4a, "BLOBBASEFEE", 0, 1, since: .cancun)
        def(0x50, "POP", 1, 0)
        def(0x51, "MLOAD", 1, 1)
        def(0x52, "MSTORE", 2, 0)
        def(0x53, "MSTORE8", 2, 0)
        def(0x54, "SLOAD", 1, 1)
        def(0x55, "SSTORE", 2, 0)
        def(0x56, "JUMP", 1, 0)
        def(0x57, "JUMPI", 2, 0)
        def(0x58, "PC", 0, 1)
        def(0x59, "MSIZE", 0, 1)
        def(0x5a, "GAS", 0, 1)
        def(0x5b, "JUMPDEST", 0, 0)
        def(0x5c, "TLOAD", 1, 1, since: .cancun)
        def(0x5d, "TSTORE", 2, 0, since: .cancun)
        def(0x5e, "MCOPY", 3, 0, since: .cancun)
        def(0x5f, "PUSH0", 0, 1, since: .shanghai)
        for n in 1...32 { def(UInt8(0x5f + n), "PUSH\(n)", 0, 1, immediate: n) }
        for n in 1...16 { def(UInt8(0x7f + n), "DUP\(n)", n, n + 1) }
        for n in 1...16 { def(UInt8(0x8f + n), "SWAP\(n)", n + 1, n + 1) }
        for n in 0...4 { def(UInt8(0xa0 + n), "LOG\(n)", 2 + n, 0) }
        def(0xf0, "CREATE", 3, 1)
        def(0xf1, "CALL", 7, 1)
        def(0xf2, "CALLCODE", 7, 1)
        def(0xf3, "RETURN", 2, 0, terminates: true)
        def(0xf4, "DELEGATECALL", 6, 1)
        def(0xf5, "CREATE2", 4, 1)
        def(0xfa, "STATICCALL", 6, 1)
        def(0xfd, "REVERT", 2, 0, terminates: true)
        def(0xfe, "INVALID", 0, 0, terminates: true)
        def(0xff, "SELFDESTRUCT", 1, 0, terminates: true)
        return t
    }()

    /// Opcodes by name, for the assembler (aliases: SHA3, DIFFICULTY).
    public static let byName: [String: UInt8] = {
        var m: [String: UInt8] = [:]
        for case let info? in table { m[info.name] = info.code }
        m["SHA3"] = 0x20
        m["DIFFICULTY"] = 0x44
        return m
    }()

    /// The name of a byte, "UNDEFINED(0x..)" style for unassigned ones (traces print
    /// names of undefined opcodes too).
    public static func name(of code: UInt8) -> String {
        table[Int(code)]?.name ?? "0x" + Hex.encode([code])
    }

    /// Whether the opcode exists under a fork.
    public static func isDefined(_ code: UInt8, in fork: Fork) -> Bool {
        guard let info = table[Int(code)] else { return false }
        return info.since.map { fork >= $0 } ?? true
    }
}
