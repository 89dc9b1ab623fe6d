import CFuzzerDriver
#if canImport(Glibc)
import Glibc
#endif

// Starts libFuzzer with this harness (see CFuzzerDriver.h).
var arguments = CommandLine.argc
var values: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &values) { data, size in
    guard let data else { return 0 }
    return fuzzOne(data, size)
})
