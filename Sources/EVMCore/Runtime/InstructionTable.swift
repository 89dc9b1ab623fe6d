/// What the interpreter checks before each opcode, for one fork: constant gas and the stack
/// bounds, packed in eight bytes per opcode. Built from `Opcode.table` (traits) and
/// `GasSchedule.baseCost` (costs), once per fork.
@frozen
public struct InstructionEntry: Sendable {
    /// Constant gas; negative when the opcode is undefined in this fork.
    public var cost: Int32
    /// Items the opcode needs on the stack.
    public var minStack: Int16
    /// The highest stack height at which the opcode may start without overflowing.
    public var maxStack: Int16
}

/// The per-fork tables the interpreter's loop reads through raw pointers.
public final class InstructionTable: @unchecked Sendable {
    public let schedule: GasSchedule
    @usableFromInline let entries: UnsafeMutablePointer<InstructionEntry>
    /// SSTORE cost and refund by `StorageStatus` (warm).
    @usableFromInline let sstoreCost: UnsafeMutablePointer<Int>
    @usableFromInline let sstoreRefund: UnsafeMutablePointer<Int>
    /// Extra gas for a cold account beyond the warm base cost (2,500 from Berlin, else 0).
    @usableFromInline let coldAccountSurcharge: Int
    /// Extra gas for a cold SLOAD beyond the warm base cost (2,000 from Berlin, else 0).
    @usableFromInline let coldSloadSurcharge: Int

    init(_ schedule: GasSchedule) {
        self.schedule = schedule
        entries = .allocate(capacity: 256)
        for code in 0..<256 {
            let cost = schedule.baseCost[code]
            if let info = Opcode.table[code], cost >= 0, Opcode.isDefined(UInt8(code), in: schedule.fork) {
                let growth = max(0, info.stackChange)
                entries[code] = InstructionEntry(
                    cost: cost, minStack: Int16(info.stackIn),
                    maxStack: Int16(GasSchedule.maxStackHeight - growth))
            } else {
                entries[code] = InstructionEntry(cost: -1, minStack: 0, maxStack: Int16(GasSchedule.maxStackHeight))
            }
        }
        let costs = schedule.sstoreCosts
        sstoreCost = .allocate(capacity: costs.count)
        sstoreRefund = .allocate(capacity: costs.count)
        for (i, c) in costs.enumerated() {
            sstoreCost[i] = c.cost
            sstoreRefund[i] = c.refund
        }
        coldAccountSurcharge = schedule.hasAccessLists ? schedule.coldAccountAccess - schedule.warmStorageRead : 0
        coldSloadSurcharge = schedule.hasAccessLists ? schedule.coldSload - schedule.warmStorageRead : 0
    }

    /// The table of a fork, built once and kept for the life of the process.
    public static func of(_ fork: Fork) -> InstructionTable { all[fork.rawValue] }

    static let all: [InstructionTable] = Fork.allCases.map { InstructionTable(GasSchedule.of($0)) }
}
