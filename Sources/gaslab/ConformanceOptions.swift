import ArgumentParser
import EVMCore
import Foundation

/// What `statetest` and `blocktest` share: the fixture paths, the fork and name filters,
/// JSON output and the worker count.
struct ConformanceOptions: ParsableArguments {
    @Argument(help: "Fixture JSON files or folders.")
    var paths: [String]

    @Option(name: .long, help: "Only this fork (blocktest: networks running its rules, transitions included).")
    var fork: Fork?

    @Option(name: .long, help: "Only tests whose name or file contains this text.")
    var filter: String?

    @Flag(name: .long, help: "Print one JSON object: passed, failed, skipped, per fork or network.")
    var json = false

    @Option(name: .long, help: "Worker threads (default: the number of cores).")
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    var workers: Int { jobs ?? ProcessInfo.processInfo.activeProcessorCount }
}
