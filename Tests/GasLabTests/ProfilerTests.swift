import EVMAssembler
import EVMCore
import EVMState
import Foundation
@testable import GasLab
import Testing

/// The profiler attributes every unit of gas: its categories, summed from the charges the EVM
/// reports, add up to the receipt's gasUsed, and every opcode's charges to its measured gas
/// drop, on every scenario and on state tests with calls, creates, reverts and failures; and
/// the source map points every instruction at the line that wrote it.
@Suite struct ProfilerTests {
    @Test func categoriesAddUpOnEveryScenario() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: TestPaths.contracts).filter { $0.hasSuffix(".scenario.json") }
        var checked = 0
        for file in files {
            let scenario = try Scenario.load(TestPaths.contracts + "/" + file)
            for variant in scenario.variants {
                // Every deployment and call, and every 50th of the long training runs.
                let runner = ScenarioRunner(profile: { index, label, _ in
                    !label.hasPrefix("train") || index % 50 == 0
                })
                let result = try runner.run(scenario, variant: variant)
                for (index, profiler) in result.profiles {
                    #expect(profiler.total == result.records[index].gasUsed, "\(file) [\(variant.name)] #\(index) \(result.records[index].label)")
                    #expect(profiler.discrepancies.isEmpty, "\(file) [\(variant.name)] #\(index): \(profiler.discrepancies)")
                    checked += 1
                }
            }
        }
        #expect(checked > 100)
    }

    @Test(.enabled(if: TestPaths.haveFixtures, "../shared/fixtures is absent"))
    func categoriesAddUpOnStateTests() throws {
        let dirs = ["stCallCodes", "stRevertTest", "stCreateTest", "stRefundTest", "stSStoreTest", "stMemoryTest",
                    "stPreCompiledContracts2", "stReturnDataTest", "stStaticCall"]
        var checked = 0
        for dir in dirs {
            let files = StateTestRunner.files(in: [TestPaths.fixtures + "/ethereum-tests/GeneralStateTests/" + dir]).prefix(8)
            for file in files {
                for test in try StateTestLoader.load(file) {
                    guard let entries = test.post["Cancun"] else { continue }
                    for entry in entries.prefix(3) where entry.expectException == nil {
                        let state = WorldState(accounts: test.pre, fork: .cancun)
                        let tx = try test.transaction(for: entry)
                        let profiler = GasProfiler(schedule: Fork.cancun.schedule)
                        let block = try test.block(forkName: "Cancun", schedule: Fork.cancun.schedule)
                        guard let receipt = try? TransactionProcessor(fork: .cancun, tracer: profiler).execute(tx, state: state, block: block) else {
                            continue
                        }
                        profiler.finish()
                        #expect(profiler.total == receipt.gasUsed, "\(file) \(test.name) d=\(entry.data)")
                        #expect(profiler.discrepancies.isEmpty, "\(file) \(test.name) d=\(entry.data): \(profiler.discrepancies)")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked > 50)
    }

    @Test func sourceMapPointsAtTheInstruction() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: TestPaths.contracts).filter { $0.hasSuffix(".easm") }
        var checked = 0
        for file in files {
            let program = try Assembler().assemble(file: TestPaths.contracts + "/" + file)
            for (code, map) in [(program.runtime, program.runtimeMap), (program.initcode, program.initcodeMap)] {
                for entry in map {
                    let text = try String(contentsOfFile: entry.location.file, encoding: .utf8)
                    let line = String(text.split(separator: "\n", omittingEmptySubsequences: false)[entry.location.line - 1])
                    let tokens = line.split(whereSeparator: { $0 == " " || $0 == ":" }).map(String.init)
                    let word = tokens.first { !$0.isEmpty && !$0.hasPrefix(";") } ?? ""
                    if word.hasPrefix("%") { continue }  // %data, %word
                    let op = code[entry.offset]
                    let name = Opcode.name(of: op)
                    let written = word.uppercased()
                    let matches = written == name || (written == "PUSH" && (op == 0x5f || (0x60...0x7f).contains(op)))
                        || (written == "SHA3" && op == 0x20)
                    #expect(matches, "\(file) offset \(entry.offset): \(name) but line \(entry.location.line) says '\(line)'")
                    checked += 1
                }
            }
        }
        #expect(checked > 1_000)
    }

    @Test func profileTablesAndOutputs() throws {
        let scenario = try Scenario.load(TestPaths.contracts + "/table1.scenario.json")
        let result = try ScenarioRunner(profile: { _, label, _ in label == "train()" }).run(scenario, variant: scenario.variants[0])
        let indexes = Array(result.profiles.keys.sorted().suffix(3))
        let profile = GasProfile(result: result, indexes: indexes, slotNames: ["model": scenario.contracts[0].slotNames])
        #expect(profile.total == profile.gasUsed)
        #expect(profile.bySlot.contains { $0.slot == "x[0]" })
        #expect(profile.bySlot.contains { $0.slot == "x.length" })
        #expect(profile.byLine.first?.label == "train_loop")
        #expect(profile.text(top: 5).contains("SLOAD cold"))
        let speedscope = try JSONSerialization.jsonObject(with: Data(profile.speedscope().utf8)) as? [String: Any]
        #expect(speedscope?["exporter"] as? String == "gaslab")
        #expect(profile.flameGraph().contains("train_loop"))
        _ = try JSONSerialization.jsonObject(with: Data(profile.json(top: 5).utf8))
    }
}
