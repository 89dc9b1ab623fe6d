/// The interpreter: runs one frame until it halts or needs a nested call or create.
///
/// One loop, and one `switch` over the opcode byte that only dispatches. Program counter,
/// gas and the stack pointer are locals. The constant gas and the stack bounds are checked
/// once per basic block when not tracing (`BasicBlocks`: the block's summed costs and bounds
/// from the fork's table), and before each opcode when tracing or after a block failed its
/// checks (undefined? stack bounds? constant gas?). Then the instruction's function in
/// `Instructions/` (named and grouped as the execution specs' `vm/instructions/*.py`)
/// charges its dynamic gas and acts. When tracing, every charge is recorded on the step with
/// its rule (`GasCharge`), which is what the profiler sums.
public enum Interpreter {
    /// Runs (or resumes) a frame. With a tracer, every opcode is reported; without one the
    /// loop is compiled with no tracing code at all.
    public static func run(_ frame: Frame, host: any Host, tracer: (any Tracer)? = nil) -> FrameOutcome {
        if let tracer {
            return execute(frame, host: host, tracer: tracer, mode: Traced.self)
        }
        if frame.checksEachOpcode {
            return execute(frame, host: host, tracer: nil, mode: CheckedUntraced.self)
        }
        return execute(frame, host: host, tracer: nil, mode: Untraced.self)
    }
}

/// How the loop is compiled: with tracing or without, and with the gas and stack checks
/// before every opcode or once per basic block (`BasicBlocks`).
@usableFromInline protocol TraceMode {
    static var isOn: Bool { get }
    static var checksEachOpcode: Bool { get }
}
/// Traced: every opcode is checked and reported, so each step records its own charge.
@usableFromInline enum Traced: TraceMode {
    @usableFromInline static var isOn: Bool { true }
    @usableFromInline static var checksEachOpcode: Bool { true }
}
/// Untraced, checked per basic block: the fast path.
@usableFromInline enum Untraced: TraceMode {
    @usableFromInline static var isOn: Bool { false }
    @usableFromInline static var checksEachOpcode: Bool { false }
}
/// Untraced, checked per opcode: where a block's checks failed, so that the frame halts on
/// the instruction, and with the status, that the per-opcode rules give.
@usableFromInline enum CheckedUntraced: TraceMode {
    @usableFromInline static var isOn: Bool { false }
    @usableFromInline static var checksEachOpcode: Bool { true }
}

extension Interpreter {
    /// Enters a basic block: checks its stack bounds and pays its constant gas (`BasicBlocks`);
    /// false, with nothing paid, when either fails.
    @inline(__always)
    static func enterBlock(_ block: InstructionEntry, _ sp: UnsafeMutablePointer<U256>, _ gas: inout Int) -> Bool {
        let heightBytes = Int(bitPattern: UInt(bitPattern: sp) & UInt(Frame.stackAlignment &- 1))
        if block.stackOutOfBounds(heightBytes) { return false }
        let left = gas &- Int(block.cost)
        if left < 0 { return false }
        gas = left
        return true
    }

    /// Enters the block at `ip`, where one starts after an instruction that ends a block
    /// (and at a frame's start or resumption); a JUMPDEST that starts it is paid with the
    /// block and stepped over. `ip` moves only when the block is entered, so a block that
    /// fails its checks is run again opcode by opcode from its start.
    @inline(__always)
    static func enterBlock(at ip: inout UnsafePointer<UInt8>, _ bytes: UnsafePointer<UInt8>, _ blocks: UnsafePointer<InstructionEntry>,
                           _ sp: UnsafeMutablePointer<U256>, _ gas: inout Int) -> Bool {
        guard enterBlock(blocks[ip - bytes], sp, &gas) else { return false }
        ip += ip.pointee == Opcode.JUMPDEST ? 1 : 0
        return true
    }

    /// Enters the block at a jump's destination, a JUMPDEST (the jump checked it), and steps
    /// over it, so a jump costs one dispatch instead of two. JUMP only: JUMPI takes
    /// `enterBlock(at:)` whether it jumps or not, since telling the two apart there made
    /// snailtracer 19% slower. Measured (2026-12-03): callgrind instructions −6.8% on
    /// snailtracer and −6.7% on blake2b_shifts; micro/jump_around 0.025 → 0.022 ms, the
    /// main cases' times within noise.
    @inline(__always)
    static func enterJumpdest(at ip: inout UnsafePointer<UInt8>, _ bytes: UnsafePointer<UInt8>, _ blocks: UnsafePointer<InstructionEntry>,
                              _ sp: UnsafeMutablePointer<U256>, _ gas: inout Int) -> Bool {
        guard enterBlock(blocks[ip - bytes], sp, &gas) else { return false }
        ip += 1
        return true
    }
}

/// A memory region from two stack words: (offset, size) as Ints, (0, 0) when size is zero,
/// nil when either is too large to pay for (an out-of-gas result, before any arithmetic).
@inline(__always)
func memoryRegion(_ offset: U256, _ size: U256) -> (Int, Int)? {
    if size.isZero { return (0, 0) }
    guard offset.fitsUInt64, size.fitsUInt64,
          offset.w0 <= Memory.maxBufferSize, size.w0 <= Memory.maxBufferSize else { return nil }
    return (Int(offset.w0), Int(size.w0))
}

extension Interpreter {
    // swiftlint:disable:next function_body_length cyclomatic_complexity
    static func execute<M: TraceMode>(_ frame: Frame, host: any Host, tracer: (any Tracer)?, mode: M.Type) -> FrameOutcome {
        let recorder = M.isOn ? TraceRecorder() : nil
        let c = FrameContext<M>(frame: frame, host: host, recorder: recorder)
        let entries = c.table.entries
        // Per basic block: the block tables; per opcode: unused (the entries, not to analyse).
        let blocks = M.checksEachOpcode ? UnsafePointer(entries) : c.code.blocks(for: c.table)
        let bytes = UnsafePointer(c.code.padded)
        let jumpdests = UnsafePointer(c.code.jumpdests)
        let codeCount = c.code.count
        let memory = c.memory
        let message = c.message
        let stackBase = frame.stackBase
        var sp = stackBase + frame.stackHeight
        // The place in the code, as a pointer: the dispatch reads the opcode with no base
        // register, and the pushes read their data from it. Measured (2026-12-03, beside the
        // index, fastest of 3 medians of 31): snailtracer 38.7 → 37.4 ms, signextend/one
        // 0.082 → 0.069 ms, loop_with_many_jumpdests 12.4 → 5.0 ms (that one is a single
        // six-instruction block jumping to itself, and moves with the code's alignment),
        // jump_around 0.022 → 0.031 ms; callgrind −2.2% instructions.
        var ip = bytes + frame.pc
        var gas = frame.gasLeft
        var status = ExecutionStatus.stop
        frame.request = nil

        let traceMemory = tracer?.wantsMemory ?? false
        /// Set when a block's checks fail: the frame goes on with the per-opcode checks.
        var checkEachOpcode = false
        // A frame starts, or resumes after a call or create, at the start of a block (a
        // JUMPDEST enters its own).
        if !M.checksEachOpcode && !enterBlock(at: &ip, bytes, blocks, sp, &gas) {
            frame.checksEachOpcode = true
            return execute(frame, host: host, tracer: nil, mode: CheckedUntraced.self)
        }

        loop: while true {
            let op = ip.pointee
            if M.isOn, let recorder {
                recorder.gasBefore = gas
                var step = TraceStep(
                    pc: ip - bytes, op: op, gas: gas, gasCost: 0, memSize: memory.size,
                    memory: traceMemory ? memory.bytes : [],
                    stack: Array(UnsafeBufferPointer(start: stackBase, count: sp - stackBase)),
                    returnData: frame.returnData, depth: message.depth + 1, refund: frame.refund, error: nil)
                step.codeAddress = message.codeAddress
                step.inInitcode = message.kind.isCreate
                recorder.step = step
            }
            if M.checksEachOpcode {
                let entry = entries[Int(op)]
                // The height in bytes: the stack pointer's low 16 bits, since the stack starts
                // on a 64 KiB boundary (`Frame.stackAlignment`); the base need not stay in a
                // register, where the loop used to reload it from its spill slot on every
                // opcode. Measured (2026-12-02, beside evmone-bench): snailtracer 49.5 → 44.6
                // ms, blake2b_shifts 11.8 → 10.5 ms. One unsigned compare covers underflow,
                // overflow and an undefined opcode.
                let heightBytes = Int(bitPattern: UInt(bitPattern: sp) & UInt(Frame.stackAlignment &- 1))
                if entry.stackOutOfBounds(heightBytes) {
                    status = entry.cost < 0 ? .invalidOpcode(op)
                        : heightBytes < Int(entry.minStackBytes) ? .stackUnderflow : .stackOverflow
                    break loop
                }
                gas &-= Int(entry.cost)
                if M.isOn { recorder?.note(.base, Int(entry.cost)) }
                if gas < 0 {
                    status = .outOfGas
                    break loop
                }
            }

            switch unsafeBitCast(op, to: DispatchByte.self) {
            case .x00: status = .stop; break loop  // STOP
            case .x01: Instructions.add(&sp)
            case .x02: Instructions.mul(&sp)
            case .x03: Instructions.sub(&sp)
            case .x04: Instructions.div(&sp)
            case .x05: Instructions.sdiv(&sp)
            case .x06: Instructions.mod(&sp)
            case .x07: Instructions.smod(&sp)
            case .x08: Instructions.addmod(&sp)
            case .x09: Instructions.mulmod(&sp)
            case .x0a: if let halt = Instructions.exp(&sp, &gas, c) { status = halt; break loop }
            case .x0b: Instructions.signextend(&sp)
            case .x10: Instructions.lt(&sp)
            case .x11: Instructions.gt(&sp)
            case .x12: Instructions.slt(&sp)
            case .x13: Instructions.sgt(&sp)
            case .x14: Instructions.eq(&sp)
            case .x15: Instructions.iszero(&sp)
            case .x16: Instructions.and(&sp)
            case .x17: Instructions.or(&sp)
            case .x18: Instructions.xor(&sp)
            case .x19: Instructions.not(&sp)
            case .x1a: Instructions.byte(&sp)
            case .x1b: Instructions.shl(&sp)
            case .x1c: Instructions.shr(&sp)
            case .x1d: Instructions.sar(&sp)
            case .x1e: Instructions.clz(&sp)
            case .x20: if let halt = Instructions.keccak256(&sp, &gas, c) { status = halt; break loop }
            case .x30: Instructions.address(&sp, &gas, c)
            case .x31: if let halt = Instructions.balance(&sp, &gas, c) { status = halt; break loop }
            case .x32: Instructions.origin(&sp, &gas, c)
            case .x33: Instructions.caller(&sp, &gas, c)
            case .x34: Instructions.callvalue(&sp, &gas, c)
            case .x35: Instructions.calldataload(&sp, &gas, c)
            case .x36: Instructions.calldatasize(&sp, &gas, c)
            case .x37: if let halt = Instructions.calldatacopy(&sp, &gas, c) { status = halt; break loop }
            case .x38: Instructions.codesize(&sp, &gas, c)
            case .x39: if let halt = Instructions.codecopy(&sp, &gas, c) { status = halt; break loop }
            case .x3a: Instructions.gasprice(&sp, &gas, c)
            case .x3b: if let halt = Instructions.extcodesize(&sp, &gas, c) { status = halt; break loop }
            case .x3c: if let halt = Instructions.extcodecopy(&sp, &gas, c) { status = halt; break loop }
            case .x3d: Instructions.returndatasize(&sp, &gas, c)
            case .x3e: if let halt = Instructions.returndatacopy(&sp, &gas, c) { status = halt; break loop }
            case .x3f: if let halt = Instructions.extcodehash(&sp, &gas, c) { status = halt; break loop }
            case .x40: Instructions.blockhash(&sp, &gas, c)
            case .x41: Instructions.coinbase(&sp, &gas, c)
            case .x42: Instructions.timestamp(&sp, &gas, c)
            case .x43: Instructions.number(&sp, &gas, c)
            case .x44: Instructions.prevrandao(&sp, &gas, c)
            case .x45: Instructions.gaslimit(&sp, &gas, c)
            case .x46: Instructions.chainid(&sp, &gas, c)
            case .x47: Instructions.selfbalance(&sp, &gas, c)
            case .x48: Instructions.basefee(&sp, &gas, c)
            case .x49: Instructions.blobhash(&sp, &gas, c)
            case .x4a: Instructions.blobbasefee(&sp, &gas, c)
            case .x50: Instructions.pop(&sp)
            case .x51: if let halt = Instructions.mload(&sp, &gas, c) { status = halt; break loop }
            case .x52: if let halt = Instructions.mstore(&sp, &gas, c) { status = halt; break loop }
            case .x53: if let halt = Instructions.mstore8(&sp, &gas, c) { status = halt; break loop }
            case .x54: if let halt = Instructions.sload(&sp, &gas, c) { status = halt; break loop }
            // SSTORE, GAS, JUMP and JUMPI end a block; the next one is entered here.
            case .x55:  // SSTORE: ends a block (its stipend check reads the gas)
                if let halt = Instructions.sstore(&sp, &gas, c) { status = halt; break loop }
                if !M.checksEachOpcode {
                    ip += 1
                    if !enterBlock(at: &ip, bytes, blocks, sp, &gas) { checkEachOpcode = true; break loop }
                    continue loop
                }
            case .x56:  // JUMP: sets ip itself
                if let halt = Instructions.jump(&sp, &ip, code: bytes, codeCount: codeCount, jumpdests: jumpdests) { status = halt; break loop }
                if !M.checksEachOpcode && !enterJumpdest(at: &ip, bytes, blocks, sp, &gas) {
                    checkEachOpcode = true
                    break loop
                }
                if M.isOn { Interpreter.emit(recorder, gas, frame, tracer) }
                continue loop
            case .x57:  // JUMPI: sets ip itself
                if let halt = Instructions.jumpi(&sp, &ip, code: bytes, codeCount: codeCount, jumpdests: jumpdests) { status = halt; break loop }
                if !M.checksEachOpcode && !enterBlock(at: &ip, bytes, blocks, sp, &gas) {
                    checkEachOpcode = true
                    break loop
                }
                if M.isOn { Interpreter.emit(recorder, gas, frame, tracer) }
                continue loop
            case .x58: Instructions.pc(&sp, ip - bytes)
            case .x59: Instructions.msize(&sp, &gas, c)
            case .x5a:  // GAS: ends a block (it reads the gas)
                Instructions.gas(&sp, gas)
                if !M.checksEachOpcode {
                    ip += 1
                    if !enterBlock(at: &ip, bytes, blocks, sp, &gas) { checkEachOpcode = true; break loop }
                    continue loop
                }
            case .x5b: break  // JUMPDEST: a jump steps over it; a straight line's block paid for it
            case .x5c: Instructions.tload(&sp, &gas, c)
            case .x5d: if let halt = Instructions.tstore(&sp, &gas, c) { status = halt; break loop }
            case .x5e: if let halt = Instructions.mcopy(&sp, &gas, c) { status = halt; break loop }
            case .x5f: Instructions.push0(&sp)
            case .x60:  // PUSH1: moves ip past its data itself
                Instructions.push1(&sp, &ip)
                if M.isOn { Interpreter.emit(recorder, gas, frame, tracer) }
                continue loop
            case .x61, .x62, .x63, .x64, .x65, .x66, .x67:  // PUSH2 … PUSH8
                Instructions.pushOneLimb(&sp, &ip, Int(op) &- 0x5f)
                if M.isOn { Interpreter.emit(recorder, gas, frame, tracer) }
                continue loop
            case .x68, .x69, .x6a, .x6b, .x6c, .x6d, .x6e, .x6f, .x70, .x71, .x72, .x73, .x74, .x75, .x76,
                 .x77, .x78, .x79, .x7a, .x7b, .x7c, .x7d, .x7e, .x7f:  // PUSH9 … PUSH32
                Instructions.push(&sp, &ip, Int(op) &- 0x5f)
                if M.isOn { Interpreter.emit(recorder, gas, frame, tracer) }
                continue loop
            case .x80, .x81, .x82, .x83, .x84, .x85, .x86, .x87, .x88, .x89, .x8a, .x8b, .x8c, .x8d, .x8e,
                 .x8f:  // DUP1 … DUP16
                Instructions.dup(&sp, Int(op) &- 0x7f)
            case .x90, .x91, .x92, .x93, .x94, .x95, .x96, .x97, .x98, .x99, .x9a, .x9b, .x9c, .x9d, .x9e,
                 .x9f:  // SWAP1 … SWAP16
                Instructions.swap(&sp, Int(op) &- 0x8f)
            case .xa0, .xa1, .xa2, .xa3, .xa4:  // LOG0 … LOG4
                if let halt = Instructions.log(&sp, &gas, c, topics: Int(op) &- 0xa0) { status = halt; break loop }
            case .xf0:  // CREATE
                let r = Instructions.create(sp, gas, c, salted: false)
                (sp, gas) = (r.sp, r.gas)
                // The specs' traces count CREATE's own charge, not the gas handed to the child.
                if M.isOn { recorder?.gasBefore -= r.forwarded }
                status = r.halt ?? .stop
                if r.halt == nil { ip += 1 }
                break loop
            case .xf1:  // call
                let r = Instructions.call(sp, gas, c, .call)
                (sp, gas) = (r.sp, r.gas)
                status = r.halt ?? .stop
                if r.halt == nil { ip += 1 }
                break loop
            case .xf2:  // callCode
                let r = Instructions.call(sp, gas, c, .callCode)
                (sp, gas) = (r.sp, r.gas)
                status = r.halt ?? .stop
                if r.halt == nil { ip += 1 }
                break loop
            case .xf3: status = Instructions.returnOrRevert(&sp, &gas, c, reverting: false); break loop
            case .xf4:  // delegateCall
                let r = Instructions.call(sp, gas, c, .delegateCall)
                (sp, gas) = (r.sp, r.gas)
                status = r.halt ?? .stop
                if r.halt == nil { ip += 1 }
                break loop
            case .xf5:  // CREATE2
                let r = Instructions.create(sp, gas, c, salted: true)
                (sp, gas) = (r.sp, r.gas)
                // The specs' traces count CREATE's own charge, not the gas handed to the child.
                if M.isOn { recorder?.gasBefore -= r.forwarded }
                status = r.halt ?? .stop
                if r.halt == nil { ip += 1 }
                break loop
            case .xfa:  // staticCall
                let r = Instructions.call(sp, gas, c, .staticCall)
                (sp, gas) = (r.sp, r.gas)
                status = r.halt ?? .stop
                if r.halt == nil { ip += 1 }
                break loop
            case .xfd: status = Instructions.returnOrRevert(&sp, &gas, c, reverting: true); break loop
            case .xfe: status = .invalidOpcode(op); break loop  // INVALID
            case .xff: status = Instructions.selfdestruct(&sp, &gas, c); break loop
            // Bytes no fork defines (their table entry fails the bounds check first). Listed
            // rather than `default`, which left a test of a constant in front of the jump table.
            case .x0c, .x0d, .x0e, .x0f, .x1f, .x21, .x22, .x23, .x24, .x25, .x26, .x27, .x28, .x29, .x2a, .x2b,
                 .x2c, .x2d, .x2e, .x2f, .x4b, .x4c, .x4d, .x4e, .x4f, .xa5, .xa6, .xa7, .xa8, .xa9, .xaa, .xab,
                 .xac, .xad, .xae, .xaf, .xb0, .xb1, .xb2, .xb3, .xb4, .xb5, .xb6, .xb7, .xb8, .xb9, .xba, .xbb,
                 .xbc, .xbd, .xbe, .xbf, .xc0, .xc1, .xc2, .xc3, .xc4, .xc5, .xc6, .xc7, .xc8, .xc9, .xca, .xcb,
                 .xcc, .xcd, .xce, .xcf, .xd0, .xd1, .xd2, .xd3, .xd4, .xd5, .xd6, .xd7, .xd8, .xd9, .xda, .xdb,
                 .xdc, .xdd, .xde, .xdf, .xe0, .xe1, .xe2, .xe3, .xe4, .xe5, .xe6, .xe7, .xe8, .xe9, .xea, .xeb,
                 .xec, .xed, .xee, .xef, .xf6, .xf7, .xf8, .xf9, .xfb, .xfc:
                status = .invalidOpcode(op)
                break loop
            }
            ip += 1
            if M.isOn { Interpreter.emit(recorder, gas, frame, tracer) }
        }

        if !M.checksEachOpcode && checkEachOpcode {
            // The block at `pc` failed its checks before any of it ran: the frame goes on
            // with the per-opcode checks, which halt where and as the rules say.
            frame.pc = ip - bytes
            frame.stackHeight = sp - stackBase
            frame.gasLeft = gas
            frame.checksEachOpcode = true
            return execute(frame, host: host, tracer: nil, mode: CheckedUntraced.self)
        }
        if M.isOn, let recorder, var step = recorder.step {
            step.gasCost = recorder.gasBefore - gas
            step.refund = frame.refundOfCallers + frame.refund
            if frame.request == nil && !status.isSuccess { step.error = status }
            tracer?.step(step)
        }
        frame.pc = ip - bytes
        frame.stackHeight = sp - stackBase
        if let request = frame.request {
            frame.gasLeft = gas
            return request.kind.isCreate ? .create(request) : .call(request)
        }
        let gasLeft = status.consumesAllGas ? 0 : gas
        frame.gasLeft = gasLeft
        let output = frame.output
        frame.output = []
        return .finished(FrameResult(status: status, gasLeft: gasLeft, refund: frame.refund, output: output))
    }

    /// Reports a finished step; the refund is the running total after the opcode, as the
    /// specs' tracer records it when the opcode charges its gas.
    @inline(__always)
    static func emit(_ recorder: TraceRecorder?, _ gas: Int, _ frame: Frame, _ tracer: (any Tracer)?) {
        guard let recorder, var step = recorder.step else { return }
        step.gasCost = recorder.gasBefore - gas
        step.refund = frame.refundOfCallers + frame.refund
        tracer?.step(step)
        recorder.step = nil
    }
}
