// Any bytes as RLP and as a signed transaction (legacy RLP or a typed envelope): a value or a
// decoding error. What decodes as RLP must encode back to the same bytes (RLP is canonical).
import EVMCore
import EVMState

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    if let item = try? RLP.decode(bytes) {
        precondition(RLP.encode(item) == bytes, "RLP decoded a non-canonical encoding")
    }
    _ = try? Transaction.decode(bytes)
    return 0
}
