#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Basic blocks: the constant gas and the stack bounds of a straight run of instructions,
/// checked once when the run is entered instead of before each of its opcodes (evmone's
/// "advanced" analysis does the same; its baseline interpreter checks every opcode).
///
/// The untraced loop uses them; the traced loop keeps the per-opcode checks, which is what a
/// trace records. The two give the same results because a block is cut wherever its gas or
/// its end could be observed:
///
/// - A block ends after an instruction that leaves the straight line (JUMP, JUMPI, STOP,
///   RETURN, REVERT, INVALID, SELFDESTRUCT), after one that reads the gas left (GAS; SSTORE's
///   EIP-2200 stipend check; the calls' and creates' 63/64 rule, where the frame is also
///   suspended). So when an instruction reads the gas, the block has charged nothing beyond
///   it, and the gas is what the per-opcode checks leave. A JUMPDEST does not end a block:
///   a jump to it enters the block of the run's rest from there (its own entry), and a
///   straight line runs through it without a check.
/// - Inside a block nothing can end the frame but an exceptional halt, which discards every
///   effect and all the gas. So charging the whole block at its entry changes no result; when
///   it cannot be paid, or its stack bounds fail, or it holds an opcode the fork does not
///   define, the loop goes back to the per-opcode checks for the rest of the frame
///   (`Frame.checksEachOpcode`), which halt on the same instruction, with the same status, as
///   they always did.
/// - A dynamic charge inside a block (memory, cold access, copies) is taken from a gas that
///   already paid the rest of the block: if that leaves it negative, the per-opcode checks
///   would have failed later in the same block.
///
/// Measured (2026-12-02, beside evmone-bench in one session): see `Benchmarks/README.md`.
enum BasicBlocks {
    /// Whether the block ends after an instruction: one that ends the frame (the traits'
    /// `terminates`: STOP, RETURN, REVERT, INVALID, SELFDESTRUCT), leaves the straight line,
    /// or reads the gas left.
    static func endsBlock(_ op: UInt8, _ info: OpcodeInfo) -> Bool {
        if info.terminates { return true }
        switch op {
        case 0x56, 0x57: return true  // JUMP, JUMPI
        case 0x5a, 0x55: return true  // GAS; SSTORE (the stipend check)
        case 0xf0, 0xf1, 0xf2, 0xf4, 0xf5, 0xfa: return true  // CREATE, CALL, CALLCODE, DELEGATECALL, CREATE2, STATICCALL
        default: return false
        }
    }

    /// One entry per code position from 0 to `count` (the STOP read past the end); filled
    /// where a block starts, zero elsewhere (never read there). An entry is the block's
    /// summed constant gas and its stack bounds in `InstructionEntry`'s form, or
    /// `InstructionEntry.undefined` when the block cannot run without an exceptional halt
    /// that the per-opcode checks should name.
    ///
    /// A run of straight-line code, from the start or an instruction that ends a block to
    /// the next one that does, is one block, JUMPDESTs and all: reached in a straight line,
    /// a JUMPDEST is already paid for and costs no check. A jump lands on a JUMPDEST with
    /// the rest of the run from there, so each JUMPDEST of a run also gets an entry, for
    /// its suffix of the run. The suffixes are summed backwards over the run's
    /// instructions.
    static func analyze(_ code: AnalyzedCode, _ table: InstructionTable) -> UnsafeMutablePointer<InstructionEntry> {
        let count = code.count
        let blocks = UnsafeMutablePointer<InstructionEntry>.allocate(capacity: count + 1)
        blocks.initialize(repeating: InstructionEntry(cost: 0, minStack: 0, maxStack: 0), count: count + 1)
        let bytes = code.padded
        /// The current run's instructions: position and opcode.
        var run: [(pc: Int, op: UInt8)] = []

        /// Writes the entries of the run's start and of its JUMPDESTs, from the end back.
        func close() {
            var gas = 0, need = 0, peak = 0
            var failing = false
            for (i, (pc, op)) in run.enumerated().reversed() {
                let entry = table.entries[Int(op)]
                if let info = Opcode.table[Int(op)], entry.cost >= 0 {
                    // This instruction first, then the suffix after it, `stackChange` higher.
                    need = max(info.stackIn, need - info.stackChange)
                    peak = max(max(0, info.stackChange), info.stackChange + peak)
                    gas += Int(entry.cost)
                } else {
                    failing = true
                }
                guard i == 0 || op == Opcode.JUMPDEST else { continue }
                let maxEntry = GasSchedule.maxStackHeight - peak
                if failing || need > maxEntry || gas > Int(Int32.max) {
                    blocks[pc] = .undefined
                } else {
                    blocks[pc] = InstructionEntry(cost: Int32(gas), minStack: need, maxStack: maxEntry)
                }
            }
            run.removeAll(keepingCapacity: true)
        }

        var pc = 0
        // The padding holds zeros (STOP, which ends a block), so every run ends by
        // `count + AnalyzedCode.padding`; runs starting at or past `count` run only STOP.
        while pc <= count {
            let op = bytes[pc]
            run.append((pc, op))
            var ends = true
            if let info = Opcode.table[Int(op)], table.entries[Int(op)].cost >= 0 {
                pc += 1 + info.immediateSize
                ends = endsBlock(op, info)
            } else {
                pc += 1
            }
            if ends { close() }
        }
        if !run.isEmpty { close() }
        return blocks
    }
}

/// The block tables of one code, one per fork that ran it, made on first use. Codes are
/// shared between threads (the conformance runners work on files in parallel), so the
/// slots are filled under a lock, taken once per frame run, not per opcode.
final class BlockTables: @unchecked Sendable {
    private var tables: [UnsafeMutablePointer<InstructionEntry>?]
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    init() {
        tables = Array(repeating: nil, count: Fork.allCases.count)
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        for t in tables { t?.deallocate() }
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func table(_ code: AnalyzedCode, _ instructions: InstructionTable) -> UnsafePointer<InstructionEntry> {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        let i = instructions.fork.rawValue
        if let t = tables[i] { return UnsafePointer(t) }
        let t = BasicBlocks.analyze(code, instructions)
        tables[i] = t
        return UnsafePointer(t)
    }
}
