import CBrotli

/// libbrotli's encoder (window 22, generic mode, as Nitro's `arbcompress`), for Arbitrum's units.
public enum Brotli {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String { "brotli failed to compress the input" }
    }

    /// The compressed length; a brotli stream is never empty, so the shim's 0 means failure.
    public static func compressedLength(_ input: [UInt8], quality: Int32) throws(Failure) -> Int {
        let n = input.withUnsafeBufferPointer { Int(gaslab_brotli_length($0.baseAddress, $0.count, quality)) }
        guard n > 0 else { throw Failure() }
        return n
    }
}
