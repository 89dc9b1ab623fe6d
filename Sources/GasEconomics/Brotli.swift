import CBrotli

/// libbrotli's encoder, for Arbitrum's size estimate.
public enum Brotli {
    public static func compressedLength(_ input: [UInt8], quality: Int32) -> Int {
        input.withUnsafeBufferPointer { Int(gaslab_brotli_length($0.baseAddress, $0.count, quality)) }
    }
}
