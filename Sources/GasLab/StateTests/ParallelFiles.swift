import Foundation

/// A report of a conformance run that can absorb another (one file's into the total).
public protocol MergeableReport: Sendable {
    init()
    mutating func merge(_ other: Self)
}

/// A fixture file that could not be read or parsed, with the reason.
public struct FileError: Sendable {
    public var file: String
    public var error: String
}

/// Runs per-file work on `jobs` threads, handing out files in order and merging each file's
/// report under a lock; `progress` is called under that lock with the file's report, the
/// running total and the count done (state tests and blockchain tests share it).
enum ParallelFiles {
    static func run<R: MergeableReport>(count: Int, jobs: Int, work: @escaping @Sendable (Int) -> R,
                                        progress: @escaping @Sendable (R, R, Int) -> Void) -> R {
        let collector = Collector<R>()
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, count))) { _ in
            while let i = collector.nextIndex(below: count) {
                collector.add(work(i), progress)
            }
        }
        return collector.report
    }

    final class Collector<R: MergeableReport>: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private var done = 0
        var report = R()

        func nextIndex(below n: Int) -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard next < n else { return nil }
            next += 1
            return next - 1
        }

        func add(_ r: R, _ progress: (R, R, Int) -> Void) {
            lock.lock()
            defer { lock.unlock() }
            report.merge(r)
            done += 1
            progress(r, report, done)
        }
    }
}
