/// One call frame: its message, code, stack, memory, program counter and gas.
///
/// Frames live on an explicit frame stack owned by the driver (`EVMState`), never on the
/// native stack: when the code calls or creates, the interpreter saves its registers here
/// and returns a request; the driver runs the nested frame and then resumes this one with
/// `finishCall` / `finishCreate`.
public final class Frame {
    public let message: Message
    public let code: AnalyzedCode
    public let table: InstructionTable
    public var schedule: GasSchedule { table.schedule }

    public var pc: Int = 0
    public var gasLeft: Int
    /// Refund counter changes made by this frame and its successful children.
    public var refund: Int = 0
    /// The refund counters of the frames that called this one, summed (traces show the total).
    public var refundOfCallers: Int = 0
    /// The stack: 1,024 preallocated words, bottom first, at the start of a block aligned to
    /// `Frame.stackAlignment`, so that the stack pointer's low bits are the height in bytes.
    public let stackBase: UnsafeMutablePointer<U256>

    /// 64 KiB: above the stack's 32 KiB, so `address & (stackAlignment - 1)` is the height in
    /// bytes for every stack pointer from the base to the top (1,024 × 32 bytes).
    @inlinable public static var stackAlignment: Int { 65_536 }
    public var stackHeight: Int = 0
    /// Set when one of the frame's basic blocks failed its checks: from there on the frame
    /// runs with the per-opcode checks (`BasicBlocks`).
    var checksEachOpcode = false
    public let memory: Memory
    /// The output of the last nested call or create (RETURNDATASIZE / RETURNDATACOPY).
    public var returnData: [UInt8] = []

    /// Recent KECCAK256 results (made on the frame's first KECCAK256).
    lazy var keccakMemo = KeccakMemo()

    /// The output of RETURN or REVERT, once the frame has halted.
    var output: [UInt8] = []
    /// The nested call or create the frame is suspended on (the driver runs it, then resumes
    /// this frame with `finishCall` or `finishCreate`).
    var request: Message? = nil

    /// Where a suspended CALL wants its output written.
    var pendingOutputOffset = 0
    var pendingOutputSize = 0

    /// The stack's and memory's buffers, which the executor hands on to a later frame once
    /// this one has finished (`FrameBuffers`).
    public let buffers: FrameBuffers

    public init(message: Message, code: AnalyzedCode, fork: Fork, buffers: FrameBuffers = FrameBuffers()) {
        self.message = message
        self.code = code
        self.table = InstructionTable.of(fork)
        self.gasLeft = message.gas
        self.buffers = buffers
        stackBase = buffers.stackBase
        memory = buffers.memory
    }

    /// The stack, bottom first (tracing, tests).
    public var stack: [U256] { Array(UnsafeBufferPointer(start: stackBase, count: stackHeight)) }

    @inline(__always)
    func push(_ v: U256) {
        stackBase[stackHeight] = v
        stackHeight += 1
    }

    /// Resumes after a nested call finished (or failed before running: depth, balance).
    /// EIP-211: the return data is the callee's output, reverted or not.
    public func finishCall(_ result: FrameResult) {
        returnData = result.output
        gasLeft += result.gasLeft
        if result.status.isSuccess { refund += result.refund }
        let n = min(pendingOutputSize, result.output.count)
        if n > 0 {
            result.output.withUnsafeBytes { memory.pointer(pendingOutputOffset).copyMemory(from: $0.baseAddress!, byteCount: n) }
        }
        push(result.status.isSuccess ? .one : .zero)
    }

    /// Resumes after a nested create: the new address on success, else 0 with the return
    /// data of a revert.
    public func finishCreate(_ result: FrameResult) {
        gasLeft += result.gasLeft
        if result.status.isSuccess, let address = result.createdAddress {
            refund += result.refund
            returnData = []
            push(address.word)
        } else {
            returnData = result.status == .reverted ? result.output : []
            push(.zero)
        }
    }
}

/// A frame's stack and memory, which can outlive it: an executor keeps those of finished
/// frames and gives them to the frames it starts next, as evmone keeps one execution state
/// per call depth. Then a frame allocates nothing, and its memory touches no fresh pages,
/// once the first frames have run: a new frame's stack took a 32 KiB allocation aligned to
/// 64 KiB, and its memory a buffer grown by doubling, copied and zeroed at each step.
/// Measured (2026-12-03, `gaslab bench` sharing one pool between a case's runs as
/// evmone-bench keeps its VM, fastest of 3 medians of 31): structarray_alloc 0.532 → 0.478
/// ms, blake2b_shifts 8.11 → 7.53 ms, the other main cases within 1%.
///
/// Sendable so that a pool can hand them between threads: a frame uses them alone, and a
/// pool holds them only between frames.
public final class FrameBuffers: @unchecked Sendable {
    public let stackBase: UnsafeMutablePointer<U256>
    public let memory: Memory

    public init() {
        stackBase = UnsafeMutableRawPointer.allocate(byteCount: GasSchedule.maxStackHeight * MemoryLayout<U256>.stride,
                                                     alignment: Frame.stackAlignment)
            .bindMemory(to: U256.self, capacity: GasSchedule.maxStackHeight)
        memory = Memory()
    }

    deinit { UnsafeMutableRawPointer(stackBase).deallocate() }

    /// Makes the buffers ready for another frame: memory empty (and zero, as a new one is).
    /// False when the memory grew too large to be worth keeping (above 4 MiB).
    public func reset() -> Bool {
        guard memory.capacity <= FrameBuffers.largestKept else { return false }
        memory.clear()
        return true
    }

    static let largestKept = 4 << 20
}
