import Foundation
import Testing

/// Standard error that cannot be written (a full disk: /dev/full answers every write with
/// ENOSPC) is an error the command reports by its exit code, not a crash, and the result on
/// standard output is still printed.
@Suite struct StandardErrorTests {
    func runWithFullStandardError(_ arguments: [String]) throws -> (reason: Process.TerminationReason, status: Int32, stdout: String) {
        let process = Process()
        process.executableURL = RunCommandTests.binary
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        guard let full = FileHandle(forWritingAtPath: "/dev/full") else { throw CocoaError(.fileNoSuchFile) }
        process.standardError = full
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationReason, process.terminationStatus, String(decoding: stdout, as: UTF8.self))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full"))
    func aTraceThatCannotBeWrittenIsAnError() throws {
        let r = try runWithFullStandardError(["run", "--code", "6001600201", "--trace"])
        #expect(r.reason == .exit)
        #expect(r.status == 2)
        #expect(r.stdout.contains("status:        success"))
        // Without --trace nothing needs standard error: the same run succeeds.
        let quiet = try runWithFullStandardError(["run", "--code", "6001600201"])
        #expect(quiet.reason == .exit && quiet.status == 0)
    }
}
