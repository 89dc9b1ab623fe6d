import Testing
@testable import EVMCore

/// The schedule's figures against the EIPs that set them.
@Suite struct ForkScheduleTests {
    @Test func forkNames() {
        #expect(Fork(name: "Cancun") == .cancun)
        #expect(Fork(name: "merge") == .paris)
        #expect(Fork(name: "osaka") == .osaka)
        #expect(Fork(name: "Byzantium") == nil)
        #expect(Fork.latest == .osaka)
    }

    @Test func accessCosts() {
        #expect(GasSchedule.of(.istanbul).baseCost[0x54] == 800)  // EIP-1884 SLOAD
        #expect(GasSchedule.of(.istanbul).baseCost[0x31] == 700)  // EIP-1884 BALANCE
        #expect(GasSchedule.of(.berlin).baseCost[0x54] == 100)  // EIP-2929 warm read
        #expect(GasSchedule.of(.berlin).coldSload == 2_100)
        #expect(GasSchedule.of(.berlin).coldAccountAccess == 2_600)
        #expect(GasSchedule.of(.berlin).sstoreReset == 2_900)
    }

    @Test func refunds() {
        #expect(GasSchedule.of(.berlin).sstoreClearRefund == 15_000)
        #expect(GasSchedule.of(.london).sstoreClearRefund == 4_800)  // EIP-3529
        #expect(GasSchedule.of(.berlin).refundQuotient == 2)
        #expect(GasSchedule.of(.london).refundQuotient == 5)
        #expect(GasSchedule.of(.london).selfdestructRefund == 0)
    }

    @Test func opcodeAvailability() {
        #expect(GasSchedule.of(.berlin).baseCost[0x48] == GasSchedule.undefined)  // BASEFEE from London
        #expect(GasSchedule.of(.london).baseCost[0x48] == 2)
        #expect(GasSchedule.of(.paris).baseCost[0x5f] == GasSchedule.undefined)  // PUSH0 from Shanghai
        #expect(GasSchedule.of(.shanghai).baseCost[0x5f] == 2)
        #expect(GasSchedule.of(.shanghai).baseCost[0x5c] == GasSchedule.undefined)
        #expect(GasSchedule.of(.cancun).baseCost[0x5c] == 100)  // TLOAD (EIP-1153)
        #expect(GasSchedule.of(.prague).baseCost[0x1e] == GasSchedule.undefined)
        #expect(GasSchedule.of(.osaka).baseCost[0x1e] == 5)  // CLZ (EIP-7939)
        #expect(InstructionTable.of(.prague).entries[0x1e].cost < 0)
    }

    @Test func transactionRules() {
        #expect(GasSchedule.of(.shanghai).maxInitcodeSize == 49_152)
        #expect(GasSchedule.of(.prague).calldataFloorPerToken == 10)
        #expect(GasSchedule.of(.osaka).txGasLimitCap == 16_777_216)
        #expect(GasSchedule.of(.prague).txGasLimitCap == nil)
        #expect(GasSchedule.of(.cancun).precompiles.last == 0x0a)
        #expect(GasSchedule.of(.prague).precompiles.contains(0x11))
        #expect(GasSchedule.of(.osaka).precompiles.contains(0x100))
        #expect(GasSchedule.of(.berlin).deletesTouchedEmptyAccounts)
        #expect(!GasSchedule.of(.paris).deletesTouchedEmptyAccounts)
    }

    @Test func opcodeTraits() {
        #expect(Opcode.table[0xf1]?.stackIn == 7)
        #expect(Opcode.table[0x7f]?.immediateSize == 32)
        #expect(Opcode.table[0x9f]?.stackIn == 17)
        #expect(Opcode.byName["SHA3"] == 0x20)
        #expect(Opcode.table[0x0c] == nil)
    }

    @Test func intrinsicGas() {
        let s = GasSchedule.of(.cancun)
        #expect(GasMath.intrinsicGas(data: [0, 1, 2], isCreate: false, schedule: s) == 21_000 + 4 + 32)
        // EIP-3860: 2 gas per initcode word.
        #expect(GasMath.intrinsicGas(data: [UInt8](repeating: 1, count: 33), isCreate: true, schedule: s)
                == 21_000 + 33 * 16 + 32_000 + 2 * 2)
        #expect(GasMath.calldataFloor([0, 1], schedule: GasSchedule.of(.prague)) == 21_000 + 10 * 5)
    }

    @Test func memoryCost() {
        let s = GasSchedule.of(.cancun)
        #expect(GasMath.memoryCost(words: 1, schedule: s) == 3)
        #expect(GasMath.memoryCost(words: 129, schedule: s) == 3 * 129 + 129 * 129 / 512)
        #expect(GasMath.allButOne64th(6_400) == 6_300)
    }
}
