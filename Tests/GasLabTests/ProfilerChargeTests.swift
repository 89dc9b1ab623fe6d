import EVMCore
import EVMState
@testable import GasLab
import Testing

/// The profiler's categories are the charges the EVM reports, so on small programs each must
/// equal the figure the EIPs give, derived here by hand (Cancun rules, a call transaction of
/// 21,000 with empty calldata).
@Suite struct ProfilerChargeTests {
    func profile(_ hex: String, fork: Fork = .cancun) throws -> (GasProfiler, Receipt) {
        let profiler = GasProfiler(schedule: fork.schedule)
        let outcome = try CodeRun(code: try Hex.decode(hex.filter { $0 != " " }), fork: fork).execute(tracer: profiler)
        profiler.finish()
        #expect(profiler.discrepancies.isEmpty, "\(profiler.discrepancies)")
        #expect(profiler.total == outcome.receipt.gasUsed)
        return (profiler, outcome.receipt)
    }

    @Test func coldSloadIsExactly2100() throws {
        // PUSH1 0, SLOAD, STOP. EIP-2929: COLD_SLOAD_COST = 2,100; PUSH1 is 3.
        let (p, receipt) = try profile("6000 54 00")
        #expect(p.byCategory[.sloadCold] == 2_100)
        #expect(p.byCategory[.sloadWarm] == nil)
        #expect(p.byCategory[.computation] == 3)
        #expect(p.byCategory[.intrinsicBase] == 21_000)
        #expect(receipt.gasUsed == 21_000 + 3 + 2_100)
    }

    @Test func warmSloadIs100() throws {
        // The same slot twice: cold 2,100, then WARM_STORAGE_READ_COST 100.
        let (p, _) = try profile("6000 54 6000 54 00")
        #expect(p.byCategory[.sloadCold] == 2_100)
        #expect(p.byCategory[.sloadWarm] == 100)
        #expect(p.byCategory[.computation] == 6)
    }

    @Test func coldSstoreOfANewValue() throws {
        // PUSH1 1, PUSH1 0, SSTORE: EIP-2200 SSTORE_SET 20,000 plus EIP-2929's cold 2,100.
        let (p, _) = try profile("6001 6000 55 00")
        #expect(p.byCategory[.sstoreSet] == 22_100)
        #expect(p.byCategory[.computation] == 6)
    }

    @Test func memoryExpansionOfOneWord() throws {
        // MSTORE at 0: one word, 3·1 + 1²/512 = 3 (yellow paper C_mem), beside its own 3.
        let (p, _) = try profile("6001 6000 52 00")
        #expect(p.byCategory[.memory] == 3)
        #expect(p.byCategory[.computation] == 9)
    }

    @Test func coldBalance() throws {
        // BALANCE of an untouched address: COLD_ACCOUNT_ACCESS_COST 2,600 (100 warm + 2,500).
        let (p, _) = try profile("73 00000000000000000000000000000000000000aa 31 00")
        #expect(p.byCategory[.coldAccount] == 2_600)
        #expect(p.byCategory[.computation] == 3)
    }

    @Test func callWithValueToANewAccount() throws {
        // CALL(0xffff, 0xaa, 1, 0, 0, 0, 0): cold target 2,600; value 9,000, new account
        // 25,000, less the 2,300 stipend the callee gets free: 31,700. The target has no code,
        // so its gas comes back whole; seven pushes cost 21.
        let (p, _) = try profile("6000 6000 6000 6000 6001 73 00000000000000000000000000000000000000aa 61ffff f1 00")
        #expect(p.byCategory[.coldAccount] == 2_600)
        #expect(p.byCategory[.calls] == 9_000 + 25_000 - 2_300)
        #expect(p.byCategory[.computation] == 21)
    }

    @Test func precompileGasIsTheCallers() throws {
        // STATICCALL to IDENTITY (0x04, warm from the start) with no input: 100 warm access,
        // 15 for the precompile (15 + 3 per word).
        let (p, _) = try profile("6000 6000 6000 6000 6004 61ffff fa 00")
        #expect(p.byCategory[.warmAccount] == 100)
        #expect(p.byCategory[.calls] == 15)
        #expect(p.byCategory[.computation] == 18)
    }

    @Test func codeDepositOfANestedCreate() throws {
        // The initcode 60016000f3 (RETURN one byte) stored by MSTORE, then CREATE(0, 27, 5):
        // 32,000 + EIP-3860's 2 per initcode word; the child's one-byte code deposit is 200
        // (G_codedeposit); memory: one word in each frame, 3 each.
        let (p, _) = try profile("64 60016000f3 6000 52 6005 601b 6000 f0 00")
        #expect(p.byCategory[.codeDeposit] == 200)
        #expect(p.byCategory[.calls] == 32_000 + 2)
        #expect(p.byCategory[.memory] == 6)
        #expect(p.byCategory[.computation] == 3 * 5 + 3 + 3 + 3)
    }

    @Test func outOfGasBurnsTheRest() throws {
        // A cold SLOAD with too little gas: everything after the intrinsic gas is burned.
        let profiler = GasProfiler(schedule: Fork.cancun.schedule)
        let outcome = try CodeRun(code: try Hex.decode("600054"), fork: .cancun, gasLimit: 22_000).execute(tracer: profiler)
        profiler.finish()
        #expect(outcome.receipt.gasUsed == 22_000)
        #expect(profiler.byCategory[.exceptionalHalt] == 22_000 - 21_000 - 3)
        #expect(profiler.total == 22_000)
    }
}
