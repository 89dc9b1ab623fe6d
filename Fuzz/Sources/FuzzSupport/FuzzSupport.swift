import CFuzzerDriver
#if canImport(Glibc)
import Glibc
#endif

/// Starts libFuzzer on this harness's `LLVMFuzzerTestOneInput` (see CFuzzerDriver.h): SwiftPM
/// gives every executable target a `main` of its own, so each harness's main calls this.
public func startFuzzer() -> Never {
    var arguments = CommandLine.argc
    var values: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&arguments, &values, LLVMFuzzerTestOneInput))
}
