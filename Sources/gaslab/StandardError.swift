import Foundation

/// Standard error, for progress lines, traces and error messages, written with write(2).
/// `FileHandle.standardError.write(_: Data)` traps when a write fails: a trace that filled the
/// disk killed `gaslab run --trace` with SIGILL. Here a failed write is remembered instead, and a
/// command whose output on standard error matters (a trace) asks `checkWritten` at its end and
/// reports the failure as an error.
enum StandardError {
    /// The errno of the first write that failed, if one did (writes may come from several
    /// threads: `statetest --trace` runs files in parallel).
    private static let firstFailure = FailureRecord()

    static func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count, let base = bytes.baseAddress {
                let written = Foundation.write(2, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    firstFailure.record(errno)
                    return
                }
                offset += written
            }
        }
    }

    /// Throws when a write to standard error has failed, naming what was lost and why.
    static func checkWritten(_ what: String) throws {
        if let code = firstFailure.code {
            throw CLIError("could not write \(what) to standard error: \(String(cString: strerror(code)))")
        }
    }

    private final class FailureRecord: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: Int32?

        var code: Int32? { lock.withLock { stored } }

        func record(_ code: Int32) { lock.withLock { if stored == nil { stored = code } } }
    }
}
