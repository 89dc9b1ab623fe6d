// Any bytes as the input of a precompile: byte 0 picks it (0x01–0x11, P256VERIFY), the rest is
// its input, under Osaka. The call succeeds or fails; it never traps, and on success it costs
// at most the gas given and the BLS12-381 outputs have their fixed sizes.
import EVMCore
import EVMPrecompiles

let addresses: [UInt64] = Array(0x01...0x11) + [0x100]
let schedule = GasSchedule.of(.osaka)
let outputSizes: [UInt64: Int] = [0x0a: 64, 0x0b: 128, 0x0c: 128, 0x0d: 256, 0x0e: 256, 0x0f: 32, 0x10: 128, 0x11: 256]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    let low = addresses[Int(bytes[0]) % addresses.count]
    let gas = 30_000_000
    let result = Precompiles.run(Address(high: 0, middle: 0, low: low), input: Array(bytes.dropFirst()), gas: gas, schedule: schedule)
    precondition(result.gasLeft >= 0 && result.gasLeft <= gas, "gas left out of range")
    if result.status.isSuccess, let size = outputSizes[low] {
        precondition(result.output.count == size, "output of \(low) has \(result.output.count) bytes")
    }
    return 0
}
