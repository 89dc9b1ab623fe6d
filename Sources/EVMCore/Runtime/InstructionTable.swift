/// What the interpreter checks before each opcode, for one fork: constant gas and the stack
/// bounds, packed in eight bytes per opcode. Built from `Opcode.table` (traits) and
/// `GasSchedule.baseCost` (costs), once per fork.
///
/// The stack bounds are in bytes (32 per item) and as a range, so that one unsigned compare
/// checks both: `UInt(height − minStackBytes) > stackRangeBytes` is true exactly when the
/// height is below the minimum (the subtraction wraps) or above the maximum.
@frozen
public struct InstructionEntry: Sendable {
    /// Constant gas; negative when the opcode is undefined in this fork.
    public var cost: Int32
    /// Bytes of stack the opcode needs (32 per item).
    public var minStackBytes: UInt16
    /// From `minStackBytes` to the highest height, in bytes, at which the opcode may start
    /// without overflowing.
    public var stackRangeBytes: UInt16

    init(cost: Int32, minStack: Int, maxStack: Int) {
        self.cost = cost
        minStackBytes = UInt16(minStack * 32)
        stackRangeBytes = UInt16((maxStack - minStack) * 32)
    }

    /// An opcode the fork does not define: its bounds fail for every height (no stack has
    /// 65,535 bytes), so the loop needs no separate check; the failure path then looks at
    /// the negative cost and reports an invalid opcode.
    static let undefined: InstructionEntry = {
        var e = InstructionEntry(cost: -1, minStack: 0, maxStack: 0)
        e.minStackBytes = .max
        return e
    }()

    /// Whether a stack of `heightBytes` bytes is outside the bounds (either way), or the
    /// opcode is undefined.
    @inlinable @inline(__always)
    func stackOutOfBounds(_ heightBytes: Int) -> Bool {
        UInt(bitPattern: heightBytes &- Int(minStackBytes)) > UInt(stackRangeBytes)
    }
}

/// The per-fork tables the interpreter's loop reads through raw pointers.
public final class InstructionTable: @unchecked Sendable {
    public let fork: Fork
    public let schedule: GasSchedule
    @usableFromInline let entries: UnsafeMutablePointer<InstructionEntry>
    /// SSTORE cost and refund by `StorageStatus` (warm).
    @usableFromInline let sstoreCost: UnsafeMutablePointer<Int>
    @usableFromInline let sstoreRefund: UnsafeMutablePointer<Int>

    init(_ fork: Fork) {
        self.fork = fork
        let schedule = GasSchedule.of(fork)
        self.schedule = schedule
        entries = .allocate(capacity: 256)
        for code in 0..<256 {
            let cost = schedule.baseCost[code]
            // The schedule says whether the fork defines the opcode (a test checks that it
            // agrees with the traits' `since`).
            if let info = Opcode.table[code], cost != GasSchedule.undefined {
                let growth = max(0, info.stackChange)
                entries[code] = InstructionEntry(
                    cost: cost, minStack: info.stackIn, maxStack: GasSchedule.maxStackHeight - growth)
            } else {
                entries[code] = .undefined
            }
        }
        let costs = schedule.sstoreCosts
        sstoreCost = .allocate(capacity: costs.count)
        sstoreRefund = .allocate(capacity: costs.count)
        for (i, c) in costs.enumerated() {
            sstoreCost[i] = c.cost
            sstoreRefund[i] = c.refund
        }
    }

    /// The table of a fork, built once and kept for the life of the process.
    public static func of(_ fork: Fork) -> InstructionTable { all[fork.rawValue] }

    static let all: [InstructionTable] = Fork.allCases.map { InstructionTable($0) }
}
