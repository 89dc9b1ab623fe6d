// Keccak-256 and the U256 operations the interpreter leans on. Each iteration runs the
// operation 1,000 times over a chain of values (so the optimiser cannot hoist it), so the
// time per operation is the reported time divided by 1,000.
import Benchmark
import EVMCore

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal],
        warmupIterations: 10, maxDuration: .seconds(1), maxIterations: 10_000)

    let kilobyte = [UInt8]((0..<1024).map { UInt8(truncatingIfNeeded: $0 &* 31) })
    Benchmark("Keccak-256/32 bytes x1000") { benchmark in
        for _ in benchmark.scaledIterations {
            var word = U256(0x1234_5678)
            for _ in 0..<1_000 {
                word = withUnsafeBytes(of: word) { Keccak256.hashWord($0) }
            }
            blackHole(word)
        }
    }
    Benchmark("Keccak-256/1 KiB x1000") { benchmark in
        for _ in benchmark.scaledIterations {
            var acc = U256.zero
            kilobyte.withUnsafeBytes { bytes in
                for _ in 0..<1_000 { acc = acc ^ Keccak256.hashWord(bytes) }
            }
            blackHole(acc)
        }
    }

    // Full-width operands: 256-bit values with every limb set.
    let a = U256(w0: 0x0123_4567_89ab_cdef, w1: 0xfedc_ba98_7654_3210, w2: 0x0f1e_2d3c_4b5a_6978, w3: 0x7a6b_5c4d_3e2f_1001)
    let b = U256(w0: 0x9e37_79b9_7f4a_7c15, w1: 0xc2b2_ae3d_27d4_eb4f, w2: 0x1656_67b1_9e37_79f9, w3: 0x0000_0000_ffff_ffff)
    let m = U256(w0: 0xffff_ffff_ffff_ffc5, w1: 0xffff_ffff_ffff_ffff, w2: 0xffff_ffff_ffff_ffff, w3: 0x0fff_ffff_ffff_ffff)
    Benchmark("U256/MUL x1000") { benchmark in
        for _ in benchmark.scaledIterations {
            var x = a
            for _ in 0..<1_000 { x = x &* b }
            blackHole(x)
        }
    }
    Benchmark("U256/DIV 256 by 128 bits x1000") { benchmark in
        for _ in benchmark.scaledIterations {
            var x = a
            let d = U256(w0: b.w0, w1: b.w1, w2: 0, w3: 0)
            for _ in 0..<1_000 { x = (x | m).div(d) }
            blackHole(x)
        }
    }
    Benchmark("U256/MULMOD x1000") { benchmark in
        for _ in benchmark.scaledIterations {
            var x = a
            for _ in 0..<1_000 { x = U256.mulmod(x, b, m) }
            blackHole(x)
        }
    }
    Benchmark("U256/EXP (256-bit exponent) x100") { benchmark in
        for _ in benchmark.scaledIterations {
            var x = a
            for _ in 0..<100 { x = x.power(b) | U256.one }
            blackHole(x)
        }
    }
}
