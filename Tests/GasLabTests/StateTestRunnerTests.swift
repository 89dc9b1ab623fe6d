import EVMCore
import Foundation
import GasLab
import Testing

/// The state-test runner on a sample of the fixtures (when `../shared` is present; `make
/// test` runs all of them from a release build) and on malformed files.
@Suite struct StateTestRunnerTests {
    static let fixtures = TestPaths.fixtures
    static let haveFixtures = TestPaths.haveFixtures

    @Test(.enabled(if: haveFixtures, "../shared/fixtures is absent: state-test sample skipped"))
    func sampleOfBothFormatsPasses() {
        let runner = StateTestRunner()
        let paths = [
            Self.fixtures + "/ethereum-tests/GeneralStateTests/stExample",
            Self.fixtures + "/ethereum-tests/GeneralStateTests/stSStoreTest",
            Self.fixtures + "/execution-spec-tests/state_tests/cancun/eip1153_tstore",
            Self.fixtures + "/execution-spec-tests/state_tests/prague/eip7623_increase_calldata_cost",
        ]
        let report = runner.run(files: StateTestRunner.files(in: paths), jobs: 2) { _, _, _ in }
        let total = report.total
        #expect(total.failed == 0, "\(report.failures.prefix(3).map(\.line))")
        #expect(total.passed > 500)
        #expect(report.fileErrors.isEmpty)
        #expect(report.byFork["Prague"]?.passed ?? 0 > 0)
    }

    @Test func malformedFileIsReportedAndRunContinues() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gaslab-st-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("{ not json".utf8).write(to: dir.appendingPathComponent("a.json"))
        try Data("{\"t\": {\"pre\": 5}}".utf8).write(to: dir.appendingPathComponent("b.json"))
        let report = StateTestRunner().run(files: StateTestRunner.files(in: [dir.path]), jobs: 1) { _, _, _ in }
        #expect(report.fileErrors.count == 2)
        #expect(report.fileErrors.contains { $0.error.contains("malformed JSON") })
    }

    @Test func hostileIndexesAndBlobScheduleAreErrorsNotTraps() throws {
        func run(_ indexes: String, blobMax: String) throws -> StateTestRunner.Report {
            let json = """
                {"t": {"env": {"currentCoinbase": "0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba", "currentGasLimit": "0x0f4240",
                  "currentNumber": "0x01", "currentTimestamp": "0x03e8", "currentDifficulty": "0x020000", "currentBaseFee": "0x07"},
                 "config": {"blobSchedule": {"Cancun": {"target": "0x03", "max": "\(blobMax)", "baseFeeUpdateFraction": "0xffffffffffffffffffff"}}},
                 "pre": {}, "transaction": {"data": ["0x"], "gasLimit": ["0x5208"], "value": ["0x00"], "nonce": "0x00",
                  "gasPrice": "0x0a", "to": "0x1000000000000000000000000000000000000000",
                  "secretKey": "0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8"},
                 "post": {"Cancun": [{"hash": "0x00", "logs": "0x00", "indexes": \(indexes)}]}}}
                """
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("gaslab-hostile-\(UUID().uuidString).json")
            try Data(json.utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            return StateTestRunner().run(file: file.path)
        }
        // A negative index is a malformed file, not an out-of-range read.
        let negative = try run("{\"data\": -1, \"gas\": 0, \"value\": 0}", blobMax: "0x06")
        #expect(negative.fileErrors.count == 1 && negative.total.passed == 0)
        // A blob maximum of 2^64 - 1 is held to 32 bits; the (wrong) expected hash then fails the test.
        let huge = try run("{\"data\": 0, \"gas\": 0, \"value\": 0}", blobMax: "0xffffffffffffffff")
        #expect(huge.total.failed == 1 && huge.fileErrors.isEmpty)
    }

    @Test func unsupportedForksAreSkippedNotPassed() throws {
        let json = """
            {"t": {"env": {"currentCoinbase": "0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba", "currentGasLimit": "0x0f4240",
              "currentNumber": "0x01", "currentTimestamp": "0x03e8", "currentDifficulty": "0x020000"},
             "pre": {}, "transaction": {"data": ["0x"], "gasLimit": ["0x5208"], "value": ["0x00"], "nonce": "0x00",
              "gasPrice": "0x0a", "to": "0x1000000000000000000000000000000000000000",
              "secretKey": "0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8"},
             "post": {"Byzantium": [{"hash": "0x00", "logs": "0x00", "indexes": {"data": 0, "gas": 0, "value": 0}}]}}}
            """
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("gaslab-skip-\(UUID().uuidString).json")
        try Data(json.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let report = StateTestRunner().run(file: file.path)
        #expect(report.total.skipped == 1)
        #expect(report.total.passed == 0)
    }
}
