// The interpreter on the standard EVM benchmark programs (ipsilon/evm-benchmarks), each input a
// direct call against a fresh state under Istanbul rules, as `gaslab bench` and evmone-bench
// run them. Wall time excludes building the state; allocations are counted for the call alone,
// so "Malloc (total)" per iteration is the allocations of one run of the program.
import BenchSupport
import Benchmark
import EVMCore
import GasLab

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .throughput],
        warmupIterations: 1, maxDuration: .seconds(2), maxIterations: 200)

    guard let folder = BenchPaths.evmBenchmarks else { return }
    let cases: [EVMBench.Case]
    do { cases = try EVMBench.cases(paths: [folder]) } catch {
        fatalError("cannot load the EVM benchmarks in \(folder): \(error)")
    }
    for c in cases {
        Benchmark(c.name) { benchmark in
            for _ in benchmark.scaledIterations {
                let prepared = EVMBench.Prepared(c, fork: .istanbul)
                benchmark.startMeasurement()
                let result = prepared.run()
                benchmark.stopMeasurement()
                guard result.status.isSuccess else { fatalError("\(c.name) did not succeed: \(result.status)") }
                blackHole(result)
            }
        }
    }
}
