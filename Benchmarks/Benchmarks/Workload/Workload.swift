// The Table I workload end to end (deploy, 9 addData, initParams, 2,000 train(), the views:
// 2,015 transactions), and one train() transaction alone, whose "Malloc (total)" is the heap
// allocations of one transaction.
import BenchSupport
import Benchmark
import EVMAssembler
import EVMCore
import EVMState
import GasLab

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .throughput],
        warmupIterations: 1, maxDuration: .seconds(5), maxIterations: 100)

    let workload: TableOneWorkload
    do { workload = try TableOneWorkload() } catch { fatalError("Table I workload: \(error)") }

    Benchmark("TableI/faithful (2,015 transactions)") { benchmark in
        for _ in benchmark.scaledIterations {
            let result: ScenarioResult
            do { result = try workload.run() } catch { fatalError("\(error)") }
            guard result.totalGas > 0 else { fatalError("no gas used") }
            blackHole(result)
        }
    }

    // One more train() on the trained model: the state after the workload, a transaction
    // from the owner with the next nonce each iteration.
    let trained: ScenarioResult
    do { trained = try workload.run() } catch { fatalError("\(error)") }
    guard let model = trained.addresses["model"] else { fatalError("no model address") }
    let owner = ScenarioRunner.address(for: "owner")
    let trainCall: [UInt8]
    do { trainCall = try ABI.encodeCall("train()", []) } catch { fatalError("\(error)") }
    let fork = workload.scenario.fork
    let processor = TransactionProcessor(fork: fork)
    let block = BlockEnvironment(gasLimit: U256(30_000_000), baseFee: workload.scenario.baseFee)
    Benchmark("TableI/one train() transaction") { benchmark in
        for _ in benchmark.scaledIterations {
            let tx = Transaction(
                type: 2, nonce: U256(trained.state.nonce(owner)), gasPrice: workload.scenario.gasPrice,
                maxFeePerGas: max(workload.scenario.gasPrice, workload.scenario.baseFee), maxPriorityFeePerGas: .zero,
                gasLimit: U256(1_000_000), to: model, value: .zero, data: trainCall, sender: owner)
            benchmark.startMeasurement()
            let receipt = try? processor.execute(tx, state: trained.state, block: block)
            benchmark.stopMeasurement()
            guard let receipt, receipt.status.isSuccess else { fatalError("train() failed") }
            blackHole(receipt)
        }
    }
}
