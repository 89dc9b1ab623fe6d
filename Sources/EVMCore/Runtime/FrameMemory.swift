/// A frame's memory: bytes that grow in 32-byte words, paid for by the quadratic formula.
///
/// Sizes and offsets above `maxBufferSize` (2^32 − 1, as in evmone) are refused before any
/// arithmetic: their cost exceeds any gas a transaction can carry, so refusing them is an
/// out-of-gas result, and every sum below stays far from overflow.
public final class Memory {
    // Exclusivity is not checked at run time on these: memory is owned by one frame on one
    // thread, and the checks (swift_beginAccess) cost more than the growth they guard.
    @usableFromInline @exclusivity(unchecked) var base: UnsafeMutableRawPointer
    @usableFromInline @exclusivity(unchecked) var capacity: Int
    /// Current size in bytes (a multiple of 32).
    @exclusivity(unchecked) public private(set) var size: Int = 0

    public static let maxBufferSize: UInt64 = 0xFFFF_FFFF

    public init(capacity: Int = 4096) {
        self.capacity = capacity
        base = .allocate(byteCount: capacity, alignment: 32)
        base.initializeMemory(as: UInt8.self, repeating: 0, count: capacity)
    }

    deinit { base.deallocate() }

    @inlinable @inline(__always)
    public var words: Int { size >> 5 }

    /// Grows memory to cover [offset, offset+length) and charges the expansion: returns the
    /// gas left after it, negative when it cannot be paid (out of gas; memory then does not
    /// grow). A zero length never expands. `offset` and `length` must already be at most
    /// `maxBufferSize`. Gas goes in and out by value so the interpreter's counter stays in
    /// a register rather than in memory.
    @inlinable @inline(__always)
    public func expand(offset: Int, length: Int, gas: Int, schedule: GasSchedule) -> Int {
        if length == 0 { return gas }
        let end = offset &+ length
        if end <= size { return gas }
        // The two prices, not the schedule: an out-of-line callee needs the schedule's
        // address, and a schedule the optimizer split into registers was copied (441 bytes)
        // on every call to get one.
        return grow(to: end, gas: gas, wordCost: schedule.memoryWord, quadraticDivisor: schedule.memoryQuadraticDivisor)
    }

    @usableFromInline @inline(never)
    func grow(to end: Int, gas: Int, wordCost: Int, quadraticDivisor: Int) -> Int {
        let newWords = GasMath.words(end)
        let cost = GasMath.memoryCost(words: newWords, wordCost: wordCost, quadraticDivisor: quadraticDivisor)
            - GasMath.memoryCost(words: words, wordCost: wordCost, quadraticDivisor: quadraticDivisor)
        let left = gas - cost
        if left < 0 { return left }
        let newSize = newWords << 5
        if newSize > capacity {
            var newCapacity = Swift.max(capacity * 2, 4096)
            while newCapacity < newSize { newCapacity *= 2 }
            let grown = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 32)
            grown.copyMemory(from: base, byteCount: size)
            (grown + size).initializeMemory(as: UInt8.self, repeating: 0, count: newCapacity - size)
            base.deallocate()
            base = grown
            capacity = newCapacity
        }
        size = newSize
        return left
    }

    /// Empties memory for reuse by another frame. Bytes past `size` are always zero (growth
    /// relies on it), so the used ones are zeroed here.
    func clear() {
        base.initializeMemory(as: UInt8.self, repeating: 0, count: size)
        size = 0
    }

    /// The address of byte `offset` (which must be inside memory).
    @inlinable @inline(__always)
    public func pointer(_ offset: Int) -> UnsafeMutableRawPointer { base + offset }

    @inlinable @inline(__always)
    public func loadWord(_ offset: Int) -> U256 { U256(loadingBigEndianFrom: base + offset) }

    @inlinable @inline(__always)
    public func storeWord(_ offset: Int, _ value: U256) { value.storeBigEndian(to: base + offset) }

    /// A copy of [offset, offset+length); empty for length 0.
    public func slice(_ offset: Int, _ length: Int) -> [UInt8] {
        guard length > 0 else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: base + offset, count: length))
    }

    /// Copies `length` bytes from `source`, zero-filling past `source`'s end, to `offset`
    /// (the rule of CALLDATACOPY, CODECOPY and EXTCODECOPY).
    public func write(_ source: UnsafeRawBufferPointer, sourceOffset: U256, to offset: Int, length: Int) {
        guard length > 0 else { return }
        let dest = base + offset
        var copied = 0
        if sourceOffset.fitsUInt64, sourceOffset.w0 < UInt64(source.count) {
            let start = Int(sourceOffset.w0)
            copied = Swift.min(length, source.count - start)
            dest.copyMemory(from: source.baseAddress! + start, byteCount: copied)
        }
        if copied < length {
            (dest + copied).initializeMemory(as: UInt8.self, repeating: 0, count: length - copied)
        }
    }

    /// The contents as bytes (tracing, tests).
    public var bytes: [UInt8] { slice(0, size) }
}
