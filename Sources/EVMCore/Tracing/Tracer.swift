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
    /// Memory contents before the opcode (kept only when tracers ask for it).
    public var memory: [UInt8] = []
    /// Stack before the opcode, bottom first.
    public var stack: [U256]
    public var returnData: [UInt8]
    /// 1 for the transaction's frame (EIP-3155 counts from one).
    public var depth: Int
    public var refund: Int
    /// Set on the step that halted the frame exceptionally, or reverted it.
    public var error: ExecutionStatus?
    /// The account whose code runs, and whether that code is initcode (a create frame).
    public var codeAddress: Address = .zero
    public var inInitcode = false
    /// Every charge the opcode made, in order, with its rule (the gas handed to a child frame
    /// included).
    public var charges: [GasCharge] = []

    /// The opcode touched a cold account or slot (EIP-2929).
    public var cold: Bool {
        charges.contains {
            switch $0.reason {
            case .coldAccount, .coldSlot, .delegationAccess(cold: true): return true
            default: return false
            }
        }
    }

    /// An SSTORE's storage status.
    public var storageStatus: StorageStatus? {
        for c in charges { if case .storageWrite(let status) = c.reason { return status } }
        return nil
    }

    public var opName: String { Opcode.name(of: op) }

    public init(pc: Int, op: UInt8, gas: Int, gasCost: Int, memSize: Int, memory: [UInt8] = [], stack: [U256],
                returnData: [UInt8], depth: Int, refund: Int, error: ExecutionStatus? = nil) {
        self.pc = pc
        self.op = op
        self.gas = gas
        self.gasCost = gasCost
        self.memSize = memSize
        self.memory = memory
        self.stack = stack
        self.returnData = returnData
        self.depth = depth
        self.refund = refund
        self.error = error
    }
}

/// Receives every executed opcode when tracing is on. Tracing is chosen once per frame run:
/// when it is off, the interpreter is compiled without any tracing code.
public protocol Tracer: AnyObject {
    func step(_ step: TraceStep)
    /// A charge no opcode made: code deposit, precompile gas, a failed create's burned gas (from
    /// the executor, at the EIP-3155 depth of the frame it belongs to, 0 for the transaction),
    /// and the intrinsic parts, refund and floor (from the transaction processor, depth 0).
    func charge(_ charge: GasCharge, depth: Int)
    /// Whether steps should carry a copy of memory (costly; EIP-3155 output wants it).
    var wantsMemory: Bool { get }
    /// A message starts: the transaction's, or a CALL/CREATE family opcode's (before its
    /// checks, so a call that fails at once, or runs a precompile or no code, has a frame).
    /// For a nested create the recipient is not yet known; `exit` carries it.
    func enter(_ message: Message)
    /// The message `enter` announced last (and not yet exited) ended with `result`.
    func exit(_ result: FrameResult)
}

extension Tracer {
    public var wantsMemory: Bool { false }
    public func charge(_ charge: GasCharge, depth: Int) {}
    public func enter(_ message: Message) {}
    public func exit(_ result: FrameResult) {}
}
