import EVMCore
import EVMPrecompiles
import Synchronization

/// Runs a message and every frame it spawns, on an explicit frame stack (revm's handler
/// design): CALL and CREATE suspend the interpreter with a request, the executor runs the
/// child frame, then resumes the parent. Depth 1,024 never deepens the native stack.
///
/// The rules follow the execution specs' `process_message`, `process_create_message`,
/// `generic_call` and `generic_create`.
public final class Executor {
    public let state: WorldState
    public let fork: Fork
    public let schedule: GasSchedule
    public var tracer: (any Tracer)?

    /// The stacks and memories of finished frames, for the next frames (`FrameBuffers`).
    let buffers: FrameBufferPool

    /// `buffers` may be shared with executors that run before or after this one (never at
    /// the same time): a benchmark's runs, a block's transactions.
    public init(state: WorldState, fork: Fork, tracer: (any Tracer)? = nil, buffers: FrameBufferPool = FrameBufferPool()) {
        self.buffers = buffers
        self.state = state
        self.fork = fork
        self.schedule = fork.schedule
        self.tracer = tracer
    }

    /// A frame on the frame stack, with what its end must do.
    struct Pending {
        let frame: Frame
        let checkpoint: Int
        /// What the frame is suspended on, if anything: its child's result resumes it.
        var awaiting: Message.Kind? = nil
    }

    /// Runs a message to completion. For a create, `message.recipient` must already be the new
    /// address (the transaction layer computes it and checks collisions).
    public func execute(_ message: Message) -> FrameResult {
        var stack: [Pending] = []
        tracer?.enter(message)
        var result = start(message, stack: &stack)
        if let result, let tracer { tracer.exit(result) }
        while let top = stack.last {
            // Resume or start the frame on top; feed it results until it needs a child.
            if let pendingResult = result {
                if top.awaiting?.isCreate == true {
                    top.frame.finishCreate(pendingResult)
                } else {
                    top.frame.finishCall(pendingResult)
                }
                stack[stack.count - 1].awaiting = nil
                result = nil
            }
            switch Interpreter.run(top.frame, host: state, tracer: tracer) {
            case .call(let child), .create(let child):
                stack[stack.count - 1].awaiting = child.kind
                tracer?.enter(child)
                result = start(child, stack: &stack)
                if let result, let tracer { tracer.exit(result) }
            case .finished(let frameResult):
                stack.removeLast()
                let finished = finish(top, frameResult)
                buffers.give(top.frame.buffers)
                tracer?.exit(finished)
                if stack.isEmpty { return finished }
                result = finished
            }
        }
        return result ?? FrameResult(status: .stop, gasLeft: message.gas, refund: 0, output: [])
    }

    /// Starts a message: either finishes it at once (a failed precondition, a precompile, an
    /// account without code) and returns the result, or pushes a frame and returns nil.
    func start(_ message: Message, stack: inout [Pending]) -> FrameResult? {
        if message.kind.isCreate && message.depth > 0 {
            return startNestedCreate(message, stack: &stack)
        }
        // generic_call's preconditions (the CALL opcode checks the balance first).
        if message.depth > GasSchedule.maxCallDepth {
            return FrameResult(status: .reverted, gasLeft: message.gas, refund: 0, output: [])
        }
        if message.depth > 0 && message.transfersValue && !message.value.isZero
            && state.balance(message.caller) < message.value {
            return FrameResult(status: .reverted, gasLeft: message.gas, refund: 0, output: [])
        }
        if message.kind.isCreate {
            return startCreateFrame(message, stack: &stack)
        }
        let checkpoint = state.checkpoint
        if schedule.deletesTouchedEmptyAccounts { state.touch(message.recipient) }
        if message.transfersValue && !message.value.isZero {
            state.transfer(from: message.caller, to: message.recipient, value: message.value)
        }
        if schedule.isPrecompile(message.codeAddress) && !message.isDelegated {
            let out = Precompiles.run(message.codeAddress, input: message.input, gas: message.gas, schedule: schedule)
            if !out.status.isSuccess { state.revert(to: checkpoint) }
            report(.precompile, message.gas - out.gasLeft, depth: message.depth)
            return out
        }
        let code = state.code(message.codeAddress)
        if code.count == 0 {
            return FrameResult(status: .stop, gasLeft: message.gas, refund: 0, output: [])
        }
        push(Frame(message: message, code: code, fork: fork, buffers: buffers.take()),
             checkpoint: checkpoint, stack: &stack)
        return nil
    }

    /// Tells the tracer of a charge no opcode made (`depth` as EIP-3155 counts: the frame the
    /// gas comes from, 0 for the transaction).
    func report(_ reason: GasReason, _ amount: Int, depth: Int) {
        if amount != 0 { tracer?.charge(GasCharge(reason, amount), depth: depth) }
    }

    /// Puts a frame on the stack, noting its callers' refunds for traces.
    func push(_ frame: Frame, checkpoint: Int, stack: inout [Pending]) {
        if let caller = stack.last?.frame { frame.refundOfCallers = caller.refundOfCallers + caller.refund }
        stack.append(Pending(frame: frame, checkpoint: checkpoint))
    }

    /// CREATE/CREATE2 from code: generic_create's checks, address, collision, nonce.
    func startNestedCreate(_ message: Message, stack: inout [Pending]) -> FrameResult? {
        let creator = message.caller
        let creatorNonce = state.nonce(creator)
        if state.balance(creator) < message.value || creatorNonce == UInt64.max
            || message.depth > GasSchedule.maxCallDepth {
            return FrameResult(status: .reverted, gasLeft: message.gas, refund: 0, output: [])
        }
        let address = message.kind == .create2
            ? ContractAddress.create2(sender: creator, salt: message.salt, initcode: message.input)
            : ContractAddress.create(sender: creator, nonce: creatorNonce)
        state.warm(address)
        if hasCodeOrNonceOrStorage(address) {
            state.incrementNonce(creator)
            report(.createFailure, message.gas, depth: message.depth)
            return FrameResult(status: .addressCollision, gasLeft: 0, refund: 0, output: [])
        }
        state.incrementNonce(creator)
        var child = message
        child.recipient = address
        child.codeAddress = address
        return startCreateFrame(child, stack: &stack)
    }

    /// Whether an address cannot be created at (EIP-684, EIP-7610).
    public func hasCodeOrNonceOrStorage(_ address: Address) -> Bool {
        guard let a = state.account(address) else { return false }
        return a.nonce != 0 || !a.code.isEmpty || !a.storage.isEmpty
    }

    /// process_create_message: a fresh account runs the initcode.
    func startCreateFrame(_ message: Message, stack: inout [Pending]) -> FrameResult? {
        let checkpoint = state.checkpoint
        let address = message.recipient
        state.clearStorage(address)
        state.markCreated(address)
        state.incrementNonce(address)
        if schedule.deletesTouchedEmptyAccounts { state.touch(address) }
        if !message.value.isZero {
            state.transfer(from: message.caller, to: address, value: message.value)
        }
        // The initcode runs as code with empty calldata.
        let code = AnalyzedCode(message.input)
        if code.count == 0 {
            return finishCreate(message, checkpoint: checkpoint,
                                FrameResult(status: .stop, gasLeft: message.gas, refund: 0, output: []))
        }
        var frameMessage = message
        frameMessage.input = []
        push(Frame(message: frameMessage, code: code, fork: fork, buffers: buffers.take()),
             checkpoint: checkpoint, stack: &stack)
        return nil
    }

    /// A frame ended: commit or revert its changes; for a create, deposit the code.
    func finish(_ pending: Pending, _ result: FrameResult) -> FrameResult {
        let message = pending.frame.message
        if message.kind.isCreate {
            return finishCreate(message, checkpoint: pending.checkpoint, result)
        }
        if !result.status.isSuccess { state.revert(to: pending.checkpoint) }
        return result
    }

    /// Code deposit (EIP-170 size, EIP-3541 0xEF prefix, 200 gas a byte) or revert.
    func finishCreate(_ message: Message, checkpoint: Int, _ result: FrameResult) -> FrameResult {
        let address = message.recipient
        guard result.status.isSuccess else {
            state.revert(to: checkpoint)
            return result
        }
        let code = result.output
        let depositCost = code.count * schedule.codeDepositByte
        // The deposit is the create frame's own charge, after its last opcode.
        let depth = message.depth + 1
        if (schedule.rejectsCodeStartingWithEF && code.first == 0xef)
            || depositCost > result.gasLeft || code.count > schedule.maxCodeSize {
            state.revert(to: checkpoint)
            report(.createFailure, result.gasLeft, depth: depth)
            return FrameResult(status: code.first == 0xef && schedule.rejectsCodeStartingWithEF ? .invalidCode : .outOfGas,
                               gasLeft: 0, refund: 0, output: [])
        }
        report(.codeDeposit, depositCost, depth: depth)
        state.setCode(address, Code(code))
        return FrameResult(status: .returned, gasLeft: result.gasLeft - depositCost, refund: result.refund,
                           output: code, createdAddress: address)
    }
}

/// Addresses of new contracts.
public enum ContractAddress {
    /// CREATE: keccak256(rlp([sender, nonce]))[12:].
    public static func create(sender: Address, nonce: UInt64) -> Address {
        let encoded = RLP.encodeList([RLP.encode(bytes: sender.bytes), RLP.encode(uint: U256(nonce))])
        return Address(bytes: Keccak256.hash(encoded)[12...])!
    }

    /// CREATE2 (EIP-1014): keccak256(0xff ‖ sender ‖ salt ‖ keccak256(initcode))[12:].
    public static func create2(sender: Address, salt: U256, initcode: [UInt8]) -> Address {
        let preimage = [0xff] + sender.bytes + salt.bigEndianBytes + Keccak256.hash(initcode)
        return Address(bytes: Keccak256.hash(preimage)[12...])!
    }
}

/// Stacks and memories of finished frames, kept for the frames that start next
/// (`FrameBuffers`). Executors that run one after another share one to reuse them: a
/// benchmark's runs, a block's transactions (`TransactionProcessor`). A lock makes sharing
/// between threads safe, though not useful.
public final class FrameBufferPool: Sendable {
    private let spare = Mutex<[FrameBuffers]>([])
    /// Enough for the depth that real contracts reach; a deeper recursion's extra buffers
    /// are freed.
    static let kept = 64

    public init() {}

    func take() -> FrameBuffers { spare.withLock { $0.popLast() } ?? FrameBuffers() }

    func give(_ buffers: FrameBuffers) {
        guard buffers.reset() else { return }
        spare.withLock { if $0.count < FrameBufferPool.kept { $0.append(buffers) } }
    }
}
