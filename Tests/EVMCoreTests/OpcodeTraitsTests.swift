@testable import EVMCore
import Testing

/// Two tables say whether an opcode exists: the traits' `since:` (the assembler and
/// disassembler ask it) and the fork schedule's constant cost (the interpreter asks it). As
/// evmone checks its traits against its tables, every opcode must agree in every fork.
@Suite struct OpcodeTraitsTests {
    @Test func sinceAgreesWithTheScheduleInEveryFork() {
        for fork in Fork.allCases {
            let schedule = fork.schedule
            for code in 0..<256 {
                let byTraits = Opcode.isDefined(UInt8(code), in: fork)
                let bySchedule = schedule.baseCost[code] != GasSchedule.undefined
                #expect(byTraits == bySchedule, "0x\(String(code, radix: 16)) in \(fork): since says \(byTraits), schedule \(bySchedule)")
            }
        }
    }

    /// Each opcode with a `since` appears exactly in that fork: undefined in the one before.
    @Test func sinceIsTheFirstForkWithTheOpcode() {
        for case let info? in Opcode.table {
            guard let since = info.since, let before = Fork(rawValue: since.rawValue - 1) else { continue }
            #expect(before.schedule.baseCost[Int(info.code)] == GasSchedule.undefined, "\(info.name) before \(since)")
            #expect(since.schedule.baseCost[Int(info.code)] != GasSchedule.undefined, "\(info.name) in \(since)")
        }
    }

    /// The interpreter's table marks undefined exactly what the schedule does.
    @Test func instructionTableFollowsTheSchedule() {
        for fork in Fork.allCases {
            let table = InstructionTable.of(fork)
            for code in 0..<256 {
                let undefinedInTable = table.entries[code].cost < 0
                #expect(undefinedInTable == (fork.schedule.baseCost[code] == GasSchedule.undefined || Opcode.table[code] == nil))
            }
        }
    }
}
