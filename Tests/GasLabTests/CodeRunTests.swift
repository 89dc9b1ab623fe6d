import EVMCore
import GasLab
import Testing

/// `gaslab run`'s engine: whole-transaction gas as a receipt reports it.
@Suite struct CodeRunTests {
    /// PUSH1 2, PUSH1 3, ADD, PUSH1 0, SSTORE, STOP.
    static let sstoreExample: [UInt8] = try! Hex.decode("600260030160005500")

    @Test func sstoreExampleAcrossForks() throws {
        // 21,000 + 4 pushes and ADD (12) + SSTORE of a new value to a cold slot:
        // EIP-2929 from Berlin: 20,000 + 2,100; Istanbul (EIP-2200, no cold/warm): 20,000.
        for fork in [Fork.berlin, .london, .paris, .shanghai, .cancun, .prague, .osaka] {
            #expect(try CodeRun(code: Self.sstoreExample, fork: fork).execute().receipt.gasUsed == 43_112)
        }
        #expect(try CodeRun(code: Self.sstoreExample, fork: .istanbul).execute().receipt.gasUsed == 41_012)
    }

    @Test func pureArithmetic() throws {
        // PUSH1 2, PUSH1 3, ADD, STOP: 21,000 + 9.
        let outcome = try CodeRun(code: try Hex.decode("600260030100")).execute()
        #expect(outcome.receipt.gasUsed == 21_009)
        #expect(outcome.executionGas == 9)
        #expect(outcome.status == "success")
    }

    @Test func calldataCounts() throws {
        // Two non-zero bytes and one zero byte of calldata: 2·16 + 4 (EIP-2028).
        let outcome = try CodeRun(code: [0x00], input: [1, 0, 2], fork: .cancun).execute()
        #expect(outcome.receipt.gasUsed == 21_000 + 36)
    }

    @Test func defaultGasRespectsOsakaCap() {
        #expect(CodeRun.defaultGasLimit(.osaka) == 16_777_216)
        #expect(CodeRun.defaultGasLimit(.prague) == 30_000_000)
    }

    /// No trap on any byte string as code: thousands of random programs, each an EVM result.
    @Test func randomBytecodeNeverTraps() throws {
        var seed: UInt64 = 0x5eed
        func next() -> UInt64 {
            seed &+= 0x9E37_79B9_7F4A_7C15
            var z = seed
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var statuses: [String: Int] = [:]
        for i in 0..<3_000 {
            let length = Int(next() % 96)
            var code = (0..<length).map { _ in UInt8(truncatingIfNeeded: next()) }
            // Bias half the programs toward stack-feeding pushes so that deep opcodes run.
            if i % 2 == 0 { code = [0x60, 0x20, 0x60, 0x00, 0x60, 0x01, 0x5a] + code }
            let input = (0..<Int(next() % 8)).map { _ in UInt8(truncatingIfNeeded: next()) }
            let fork = Fork.allCases[Int(next() % UInt64(Fork.allCases.count))]
            let outcome = try CodeRun(code: code, input: input, fork: fork, gasLimit: 200_000).execute()
            statuses[outcome.status, default: 0] += 1
            // Before London a SELFDESTRUCT refund may take up to half of the gas back.
            #expect(outcome.receipt.gasUsed >= 21_000 / 2 && outcome.receipt.gasUsed <= 200_000)
        }
        #expect(statuses.count >= 2)
    }
}
