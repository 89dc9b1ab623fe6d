import EVMCore
import Foundation
import GasLab
import Testing

/// `gaslab bench` loads every benchmark input and runs it to success (timing is not tested).
@Suite struct BenchTests {
    @Test(.enabled(if: TestPaths.haveFixtures, "../shared/fixtures is absent"))
    func benchmarkCasesRunToSuccess() throws {
        let cases = try EVMBench.cases(paths: [TestPaths.fixtures + "/evm-benchmarks/benchmarks"])
        #expect(cases.count == 27)
        #expect(cases.contains { $0.name == "main/snailtracer/benchmark" })
        for c in cases where !c.name.contains("snailtracer") && !c.name.contains("blake2b_shifts") {
            let m = EVMBench.run(c, fork: .istanbul, repetitions: 1)
            #expect(m.status.isSuccess, "\(c.name): \(m.status)")
            #expect(m.gasUsed > 0)
        }
    }
}
