/// The hash that the EVM's hot tables (accounts, storage, warm sets) use in place of SipHash.
///
/// Keys (addresses, storage words) are first folded to one 64-bit word by their type; this
/// mixes that word with the table's per-instance seed through MurmurHash3's 64-bit
/// finaliser, which spreads every input bit over the whole result. Swift's `Hasher` would
/// do the same job with a SipHash setup and finalisation per lookup, which perf showed as
/// a tenth of the time of a storage-heavy transaction.
public enum FastHash {
    @inlinable @inline(__always)
    public static func finish(_ word: UInt64, seed: Int) -> Int {
        var x = word ^ UInt64(bitPattern: Int64(seed))
        x ^= x >> 33
        x &*= 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x &*= 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return Int(bitPattern: UInt(truncatingIfNeeded: x))
    }
}
