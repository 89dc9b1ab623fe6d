/// Code prepared once for execution: a copy padded with 33 zero bytes, so that the loop never
/// checks for the end of code (a truncated PUSH reads zeros, running off the end reads STOP),
/// and the bitmap of valid JUMPDESTs (push data is skipped, so a 0x5b inside PUSH data is not
/// a destination).
public final class AnalyzedCode: @unchecked Sendable {
    /// The code as deployed.
    public let bytes: [UInt8]
    /// The padded copy the interpreter reads.
    @usableFromInline let padded: UnsafeMutablePointer<UInt8>
    /// One bit per byte of code: set where a JUMPDEST may be jumped to.
    @usableFromInline let jumpdests: UnsafeMutablePointer<UInt64>
    /// The code's length, kept apart from `bytes` so the hot path reads a plain integer.
    public let count: Int

    public static let padding = 33

    /// The basic blocks' gas and stack bounds under each fork that ran the code (`BasicBlocks`).
    let blockTables = BlockTables()

    /// The basic blocks under `table`'s fork, analysed on first use.
    func blocks(for table: InstructionTable) -> UnsafePointer<InstructionEntry> {
        blockTables.table(self, table)
    }

    public init(_ code: [UInt8]) {
        bytes = code
        let n = code.count
        count = n
        let padded = UnsafeMutablePointer<UInt8>.allocate(capacity: n + AnalyzedCode.padding)
        padded.initialize(repeating: 0, count: n + AnalyzedCode.padding)
        if n > 0 { code.withUnsafeBufferPointer { padded.update(from: $0.baseAddress!, count: n) } }
        let mapWords = n / 64 + 1
        let jumpdests = UnsafeMutablePointer<UInt64>.allocate(capacity: mapWords)
        jumpdests.initialize(repeating: 0, count: mapWords)
        self.padded = padded
        self.jumpdests = jumpdests
        var i = 0
        while i < n {
            let op = padded[i]
            if op == Opcode.JUMPDEST {
                jumpdests[i >> 6] |= 1 << UInt64(i & 63)
            } else if op >= Opcode.PUSH1 && op <= Opcode.PUSH32 {
                i += Int(op - Opcode.PUSH1) + 1
            }
            i += 1
        }
    }

    deinit {
        padded.deallocate()
        jumpdests.deallocate()
    }

    /// Whether `destination` is a JUMPDEST outside push data.
    @inlinable @inline(__always)
    public func isValidJumpDestination(_ destination: U256) -> Bool {
        AnalyzedCode.isJumpDestination(destination, count: count, map: jumpdests)
    }

    /// The same test on a code length and bitmap the interpreter holds in locals.
    @inlinable @inline(__always)
    static func isJumpDestination(_ destination: U256, count: Int, map: UnsafePointer<UInt64>) -> Bool {
        guard destination.fitsUInt64, destination.w0 < UInt64(count) else { return false }
        let d = Int(destination.w0)
        return map[d >> 6] & (1 << UInt64(d & 63)) != 0
    }

    public static let empty = AnalyzedCode([])
}
