/// One executed opcode, as EIP-3155 describes it: the state before the opcode ran, and the
/// gas it cost.
public struct TraceStep: Sendable {
    public var pc: Int
    public var op: UInt8
    /// Gas left before the opcode.
    public var gas: Int
    /// Gas the opcode charged (for a failing opcode, what it tried to charge).
    public var gasCost: Int
    /// Memory size in bytes before the opcode.
    public var memSize: Int
    /// Stack before the opcode, bottom first.
    public var stack: [U256]
    public var returnData: [UInt8]
    /// 1 for the transaction's frame (EIP-3155 counts from one).
    public var depth: Int
    public var refund: Int
    /// Set on the step that halted the frame exceptionally.
    public var error: ExecutionStatus?

    public var opName: String { Opcode.name(of: op) }
}

/// Receives every executed opcode when tracing is on. Tracing is chosen once per frame run:
/// when it is off, the interpreter is compiled without any tracing code.
public protocol Tracer: AnyObject {
    func step(_ step: TraceStep)
}

/// Collects steps in memory (tests, the profiler).
public final class RecordingTracer: Tracer {
    public private(set) var steps: [TraceStep] = []
    public init() {}
    public func step(_ step: TraceStep) { steps.append(step) }
}
