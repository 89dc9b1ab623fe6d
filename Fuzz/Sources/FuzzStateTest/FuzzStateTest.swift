// Any bytes as a state-test JSON file: the loader and the runner must report an error or run.
import Foundation
import GasLab

let fuzzFile = FileManager.default.temporaryDirectory
    .appendingPathComponent("gaslab-fuzz-statetest-\(getpid()).json").path

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    guard FileManager.default.createFile(atPath: fuzzFile, contents: data) else { return 0 }
    _ = StateTestRunner().run(file: fuzzFile)
    return 0
}
