/// The interpreter: runs one frame until it halts or needs a nested call or create.
///
/// One function, one `switch` over the opcode byte. Program counter, gas and the stack
/// pointer are locals; before each opcode the table answers (undefined? stack bounds?
/// constant gas?), then the opcode charges its dynamic gas and runs. Instruction semantics
/// follow the execution specs' `vm/instructions/*.py` (STACK, GAS, OPERATION, PC). When
/// tracing, every charge is recorded on the step with its rule (`GasCharge`), which is what
/// the profiler sums; access costs come from `GasSchedule.accessCost`, call gas from
/// `GasMath.messageCallGas`.
public enum Interpreter {
    /// Runs (or resumes) a frame. With a tracer, every opcode is reported; without one the
    /// loop is compiled with no tracing code at all.
    public static func run(_ frame: Frame, host: any Host, tracer: (any Tracer)? = nil) -> FrameOutcome {
        if let tracer {
            return execute(frame, host: host, tracer: tracer, mode: Traced.self)
        }
        return execute(frame, host: host, tracer: nil, mode: Untraced.self)
    }
}

@usableFromInline protocol TraceMode { static var isOn: Bool { get } }
@usableFromInline enum Traced: TraceMode { @usableFromInline static var isOn: Bool { true } }
@usableFromInline enum Untraced: TraceMode { @usableFromInline static var isOn: Bool { false } }

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
        let table = frame.table
        let entries = table.entries
        let schedule = table.schedule
        let code = frame.code
        let bytes = UnsafePointer(code.padded)
        let codeCount = code.count
        let jumpdests = UnsafePointer(code.jumpdests)
        let memory = frame.memory
        let message = frame.message
        let stackBase = frame.stackBase
        var sp = stackBase + frame.stackHeight
        var pc = frame.pc
        var gas = frame.gasLeft
        var status = ExecutionStatus.stop
        var output: [UInt8] = []
        var suspended: FrameOutcome? = nil

        // Tracing state (dead code when M.isOn is false).
        var pending: TraceStep? = nil
        var gasBefore = 0
        let traceMemory = tracer?.wantsMemory ?? false

        loop: while true {
            let op = bytes[pc]
            let entry = entries[Int(op)]
            if M.isOn {
                gasBefore = gas
                pending = TraceStep(
                    pc: pc, op: op, gas: gas, gasCost: 0, memSize: memory.size,
                    memory: traceMemory ? memory.bytes : [],
                    stack: Array(UnsafeBufferPointer(start: stackBase, count: sp - stackBase)),
                    returnData: frame.returnData, depth: message.depth + 1, refund: frame.refund, error: nil)
                pending?.codeAddress = message.codeAddress
                pending?.inInitcode = message.kind.isCreate
            }
            // The height in bytes: a plain subtraction, where `sp - stackBase` divides by 32.
            // One unsigned compare covers underflow, overflow and an undefined opcode.
            let heightBytes = UnsafeRawPointer(sp) - UnsafeRawPointer(stackBase)
            if entry.stackOutOfBounds(heightBytes) {
                status = entry.cost < 0 ? .invalidOpcode(op)
                    : heightBytes < Int(entry.minStackBytes) ? .stackUnderflow : .stackOverflow
                break loop
            }
            gas &-= Int(entry.cost)
            if M.isOn { Interpreter.note(&pending, .base, Int(entry.cost)) }
            if gas < 0 {
                status = .outOfGas
                break loop
            }

            switch unsafeBitCast(op, to: DispatchByte.self) {
            case .x00:  // STOP
                status = .stop
                break loop

            // MARK: Arithmetic
            case .x01:  // ADD
                sp[-2] = sp[-1] &+ sp[-2]
                sp -= 1
            case .x02:  // MUL
                sp[-2] = sp[-1] &* sp[-2]
                sp -= 1
            case .x03:  // SUB
                sp[-2] = sp[-1] &- sp[-2]
                sp -= 1
            case .x04:  // DIV
                sp[-2] = sp[-1].div(sp[-2])
                sp -= 1
            case .x05:  // SDIV
                sp[-2] = sp[-1].sdiv(sp[-2])
                sp -= 1
            case .x06:  // MOD
                sp[-2] = sp[-1].mod(sp[-2])
                sp -= 1
            case .x07:  // SMOD
                sp[-2] = sp[-1].smod(sp[-2])
                sp -= 1
            case .x08:  // ADDMOD
                sp[-3] = U256.addmod(sp[-1], sp[-2], sp[-3])
                sp -= 2
            case .x09:  // MULMOD
                sp[-3] = U256.mulmod(sp[-1], sp[-2], sp[-3])
                sp -= 2
            case .x0a:  // EXP: 10 + 50 per byte of exponent (EIP-160)
                let exponent = sp[-2]
                gas &-= schedule.expByte &* exponent.byteWidth
                if M.isOn { Interpreter.note(&pending, .exponentBytes, schedule.expByte &* exponent.byteWidth) }
                if gas < 0 { status = .outOfGas; break loop }
                sp[-2] = sp[-1].power(exponent)
                sp -= 1
            case .x0b:  // SIGNEXTEND
                sp[-2] = sp[-2].signExtended(fromByte: sp[-1])
                sp -= 1

            // MARK: Comparison and bitwise logic
            case .x10:  // LT
                sp[-2] = sp[-1] < sp[-2] ? .one : .zero
                sp -= 1
            case .x11:  // GT
                sp[-2] = sp[-2] < sp[-1] ? .one : .zero
                sp -= 1
            case .x12:  // SLT
                sp[-2] = U256.signedLess(sp[-1], sp[-2]) ? .one : .zero
                sp -= 1
            case .x13:  // SGT
                sp[-2] = U256.signedLess(sp[-2], sp[-1]) ? .one : .zero
                sp -= 1
            case .x14:  // EQ
                sp[-2] = sp[-1] == sp[-2] ? .one : .zero
                sp -= 1
            case .x15:  // ISZERO
                sp[-1] = sp[-1].isZero ? .one : .zero
            case .x16:  // AND
                sp[-2] = sp[-1] & sp[-2]
                sp -= 1
            case .x17:  // OR
                sp[-2] = sp[-1] | sp[-2]
                sp -= 1
            case .x18:  // XOR
                sp[-2] = sp[-1] ^ sp[-2]
                sp -= 1
            case .x19:  // NOT
                sp[-1] = ~sp[-1]
            case .x1a:  // BYTE
                sp[-2] = sp[-2].byte(sp[-1])
                sp -= 1
            case .x1b:  // SHL
                sp[-2] = sp[-2].shl(sp[-1])
                sp -= 1
            case .x1c:  // SHR
                sp[-2] = sp[-2].shr(sp[-1])
                sp -= 1
            case .x1d:  // SAR
                sp[-2] = sp[-2].sar(sp[-1])
                sp -= 1
            case .x1e:  // CLZ (EIP-7939)
                sp[-1] = U256(UInt64(sp[-1].leadingZeroBitCount))

            // MARK: KECCAK256
            case .x20:
                guard let (offset, size) = memoryRegion(sp[-1], sp[-2]) else { status = .outOfGas; break loop }
                gas &-= schedule.keccakWord &* GasMath.words(size)
                if M.isOn { Interpreter.note(&pending, .hashWords, schedule.keccakWord &* GasMath.words(size)) }
                gas = Interpreter.expand(memory, offset, size, gas: gas, schedule, &pending, M.self)
                if gas < 0 {
                    status = .outOfGas; break loop
                }
                sp[-2] = frame.keccakMemo.hash(memory.pointer(offset), count: size)
                sp -= 1

            // MARK: Environment
            case .x30:  // ADDRESS
                sp[0] = message.recipient.word
                sp += 1
            case .x31:  // BALANCE
                let address = Address(sp[-1])
                let access = schedule.accessCost(host.accessAccount(address), slot: false, pricing: .warmInConstant)
                if access != 0 {
                    gas &-= access
                    if M.isOn { Interpreter.note(&pending, .coldAccount, access) }
                    if gas < 0 { status = .outOfGas; break loop }
                }
                sp[-1] = host.balance(address)
            case .x32:  // ORIGIN
                sp[0] = host.context.origin.word
                sp += 1
            case .x33:  // CALLER
                sp[0] = message.caller.word
                sp += 1
            case .x34:  // CALLVALUE
                sp[0] = message.value
                sp += 1
            case .x35:  // CALLDATALOAD
                sp[-1] = Interpreter.loadWord(message.input, at: sp[-1])
            case .x36:  // CALLDATASIZE
                sp[0] = U256(UInt64(message.input.count))
                sp += 1
            case .x37:  // CALLDATACOPY
                gas = Interpreter.copyToMemory(message.input, sp, memory, gas: gas, schedule: schedule, &pending, M.self)
                if gas < 0 { status = .outOfGas; break loop }
                sp -= 3
            case .x39:  // CODECOPY
                gas = Interpreter.copyToMemory(code.bytes, sp, memory, gas: gas, schedule: schedule, &pending, M.self)
                if gas < 0 { status = .outOfGas; break loop }
                sp -= 3
            case .x38:  // CODESIZE
                sp[0] = U256(UInt64(code.count))
                sp += 1
            case .x3a:  // GASPRICE
                sp[0] = host.context.gasPrice
                sp += 1
            case .x3b:  // EXTCODESIZE
                let address = Address(sp[-1])
                let access = schedule.accessCost(host.accessAccount(address), slot: false, pricing: .warmInConstant)
                if access != 0 {
                    gas &-= access
                    if M.isOn { Interpreter.note(&pending, .coldAccount, access) }
                    if gas < 0 { status = .outOfGas; break loop }
                }
                sp[-1] = U256(UInt64(host.code(address).count))
            case .x3c:  // EXTCODECOPY
                let address = Address(sp[-1])
                guard let (dest, size) = memoryRegion(sp[-2], sp[-4]) else { status = .outOfGas; break loop }
                gas &-= GasMath.copyCost(size: size, schedule: schedule)
                if M.isOn { Interpreter.note(&pending, .copy, GasMath.copyCost(size: size, schedule: schedule)) }
                gas = Interpreter.expand(memory, dest, size, gas: gas, schedule, &pending, M.self)
                if gas < 0 {
                    status = .outOfGas; break loop
                }
                let access = schedule.accessCost(host.accessAccount(address), slot: false, pricing: .warmInConstant)
                if access != 0 {
                    gas &-= access
                    if M.isOn { Interpreter.note(&pending, .coldAccount, access) }
                    if gas < 0 { status = .outOfGas; break loop }
                }
                let source = sp[-3]
                host.code(address).bytes.withUnsafeBytes { memory.write($0, sourceOffset: source, to: dest, length: size) }
                sp -= 4
            case .x3d:  // RETURNDATASIZE
                sp[0] = U256(UInt64(frame.returnData.count))
                sp += 1
            case .x3e:  // RETURNDATACOPY (EIP-211: reading past the end is an exceptional halt)
                guard let (dest, size) = memoryRegion(sp[-1], sp[-3]) else { status = .outOfGas; break loop }
                gas &-= GasMath.copyCost(size: size, schedule: schedule)
                if M.isOn { Interpreter.note(&pending, .copy, GasMath.copyCost(size: size, schedule: schedule)) }
                gas = Interpreter.expand(memory, dest, size, gas: gas, schedule, &pending, M.self)
                if gas < 0 {
                    status = .outOfGas; break loop
                }
                let source = sp[-2]
                let available = UInt64(frame.returnData.count)
                guard source.fitsUInt64, source.w0 <= available, UInt64(size) <= available - source.w0 else {
                    status = .returnDataOutOfBounds; break loop
                }
                frame.returnData.withUnsafeBytes { memory.write($0, sourceOffset: source, to: dest, length: size) }
                sp -= 3
            case .x3f:  // EXTCODEHASH
                let address = Address(sp[-1])
                let access = schedule.accessCost(host.accessAccount(address), slot: false, pricing: .warmInConstant)
                if access != 0 {
                    gas &-= access
                    if M.isOn { Interpreter.note(&pending, .coldAccount, access) }
                    if gas < 0 { status = .outOfGas; break loop }
                }
                sp[-1] = host.codeHash(address)

            // MARK: Block
            case .x40:  // BLOCKHASH
                sp[-1] = host.blockHash(sp[-1])
            case .x41:  // COINBASE
                sp[0] = host.context.coinbase.word
                sp += 1
            case .x42:  // TIMESTAMP
                sp[0] = host.context.timestamp
                sp += 1
            case .x43:  // NUMBER
                sp[0] = host.context.number
                sp += 1
            case .x44:  // PREVRANDAO
                sp[0] = host.context.prevRandao
                sp += 1
            case .x45:  // GASLIMIT
                sp[0] = host.context.gasLimit
                sp += 1
            case .x46:  // CHAINID
                sp[0] = host.context.chainId
                sp += 1
            case .x47:  // SELFBALANCE
                sp[0] = host.balance(message.recipient)
                sp += 1
            case .x48:  // BASEFEE
                sp[0] = host.context.baseFee
                sp += 1
            case .x49:  // BLOBHASH
                let hashes = host.context.blobHashes
                let index = sp[-1]
                sp[-1] = index.fitsUInt64 && index.w0 < UInt64(hashes.count) ? hashes[Int(index.w0)] : .zero
            case .x4a:  // BLOBBASEFEE
                sp[0] = host.context.blobBaseFee
                sp += 1

            // MARK: Stack, memory, storage, flow
            case .x50:  // POP
                sp -= 1
            case .x51:  // MLOAD
                guard let (offset, _) = memoryRegion(sp[-1], U256(32)) else { status = .outOfGas; break loop }
                gas = Interpreter.expand(memory, offset, 32, gas: gas, schedule, &pending, M.self)
                if gas < 0 { status = .outOfGas; break loop }
                sp[-1] = memory.loadWord(offset)
            case .x52:  // MSTORE
                guard let (offset, _) = memoryRegion(sp[-1], U256(32)) else { status = .outOfGas; break loop }
                gas = Interpreter.expand(memory, offset, 32, gas: gas, schedule, &pending, M.self)
                if gas < 0 { status = .outOfGas; break loop }
                memory.storeWord(offset, sp[-2])
                sp -= 2
            case .x53:  // MSTORE8
                guard let (offset, _) = memoryRegion(sp[-1], U256(1)) else { status = .outOfGas; break loop }
                gas = Interpreter.expand(memory, offset, 1, gas: gas, schedule, &pending, M.self)
                if gas < 0 { status = .outOfGas; break loop }
                memory.pointer(offset).storeBytes(of: UInt8(truncatingIfNeeded: sp[-2].w0), as: UInt8.self)
                sp -= 2
            case .x54:  // SLOAD
                let (value, slotAccess) = host.sload(message.recipient, sp[-1])
                let access = schedule.accessCost(slotAccess, slot: true, pricing: .warmInConstant)
                if access != 0 {
                    gas &-= access
                    if M.isOn { Interpreter.note(&pending, .coldSlot, access) }
                    if gas < 0 { status = .outOfGas; break loop }
                }
                sp[-1] = value
            case .x55:  // SSTORE (EIP-2200, EIP-2929, EIP-3529)
                if message.isStatic { status = .staticStateChange; break loop }
                if gas <= schedule.sstoreSentry { status = .outOfGas; break loop }
                let (storageStatus, slotAccess) = host.sstore(message.recipient, sp[-1], sp[-2])
                let access = schedule.accessCost(slotAccess, slot: true, pricing: .coldOnly)
                if M.isOn {
                    Interpreter.note(&pending, .storageWrite(storageStatus), table.sstoreCost[storageStatus.rawValue])
                    Interpreter.note(&pending, .coldSlot, access)
                }
                gas &-= table.sstoreCost[storageStatus.rawValue] &+ access
                if gas < 0 { status = .outOfGas; break loop }
                frame.refund &+= table.sstoreRefund[storageStatus.rawValue]
                sp -= 2
            case .x56:  // JUMP
                guard AnalyzedCode.isJumpDestination(sp[-1], count: codeCount, map: jumpdests) else { status = .badJumpDestination; break loop }
                pc = Int(sp[-1].w0)
                sp -= 1
                if M.isOn { Interpreter.emit(&pending, gasBefore - gas, frame, tracer) }
                continue loop
            case .x57:  // JUMPI
                if !sp[-2].isZero {
                    guard AnalyzedCode.isJumpDestination(sp[-1], count: codeCount, map: jumpdests) else { status = .badJumpDestination; break loop }
                    pc = Int(sp[-1].w0)
                    sp -= 2
                    if M.isOn { Interpreter.emit(&pending, gasBefore - gas, frame, tracer) }
                    continue loop
                }
                sp -= 2
            case .x58:  // PC
                sp[0] = U256(UInt64(pc))
                sp += 1
            case .x59:  // MSIZE
                sp[0] = U256(UInt64(memory.size))
                sp += 1
            case .x5a:  // GAS
                sp[0] = U256(UInt64(gas))
                sp += 1
            case .x5b:  // JUMPDEST
                break
            case .x5c:  // TLOAD (EIP-1153)
                sp[-1] = host.tload(message.recipient, sp[-1])
            case .x5d:  // TSTORE (EIP-1153)
                if message.isStatic { status = .staticStateChange; break loop }
                host.tstore(message.recipient, sp[-1], sp[-2])
                sp -= 2
            case .x5e:  // MCOPY (EIP-5656)
                guard let (dest, size) = memoryRegion(sp[-1], sp[-3]),
                      let (source, _) = memoryRegion(sp[-2], sp[-3]) else { status = .outOfGas; break loop }
                gas &-= GasMath.copyCost(size: size, schedule: schedule)
                if M.isOn { Interpreter.note(&pending, .copy, GasMath.copyCost(size: size, schedule: schedule)) }
                gas = Interpreter.expand(memory, max(dest, source), size, gas: gas, schedule, &pending, M.self)
                if gas < 0 {
                    status = .outOfGas; break loop
                }
                if size > 0 { memory.pointer(dest).copyMemory(from: memory.pointer(source), byteCount: size) }
                sp -= 3
            case .x5f:  // PUSH0 (EIP-3855)
                sp[0] = .zero
                sp += 1

            // MARK: PUSH, DUP, SWAP
            case .x60:  // PUSH1
                sp[0] = U256(UInt64(bytes[pc &+ 1]))
                sp += 1
                pc &+= 2
                if M.isOn { Interpreter.emit(&pending, gasBefore - gas, frame, tracer) }
                continue loop
            case .x61, .x62, .x63, .x64, .x65, .x66, .x67:  // PUSH2 … PUSH8: jump targets, small constants
                let n = Int(op) &- 0x5f
                let limb = UInt64(bigEndian: UnsafeRawPointer(bytes + pc + 1).loadUnaligned(as: UInt64.self))
                sp[0] = U256(w0: limb &>> UInt64((8 &- n) &<< 3), w1: 0, w2: 0, w3: 0)
                sp += 1
                pc &+= n &+ 1
                if M.isOn { Interpreter.emit(&pending, gasBefore - gas, frame, tracer) }
                continue loop
            case .x68, .x69, .x6a, .x6b, .x6c, .x6d, .x6e, .x6f, .x70, .x71, .x72, .x73, .x74, .x75, .x76,
                 .x77, .x78, .x79, .x7a, .x7b, .x7c, .x7d, .x7e,
                 .x7f:  // PUSH9 … PUSH32 (the padding makes a truncated push read zeros)
                let n = Int(op) &- 0x5f
                sp[0] = Interpreter.readPush(bytes + pc + 1, n)
                sp += 1
                pc &+= n &+ 1
                if M.isOn { Interpreter.emit(&pending, gasBefore - gas, frame, tracer) }
                continue loop
            case .x80, .x81, .x82, .x83, .x84, .x85, .x86, .x87, .x88, .x89, .x8a, .x8b, .x8c, .x8d, .x8e,
                 .x8f:  // DUP1 … DUP16
                sp[0] = sp[0x7f &- Int(op)]
                sp += 1
            case .x90, .x91, .x92, .x93, .x94, .x95, .x96, .x97, .x98, .x99, .x9a, .x9b, .x9c, .x9d, .x9e,
                 .x9f:  // SWAP1 … SWAP16
                let other = sp + (0x8e &- Int(op))
                let top = sp[-1]
                sp[-1] = other.pointee
                other.pointee = top

            // MARK: Logs
            case .xa0, .xa1, .xa2, .xa3, .xa4:  // LOG0 … LOG4
                if message.isStatic { status = .staticStateChange; break loop }
                guard let (offset, size) = memoryRegion(sp[-1], sp[-2]) else { status = .outOfGas; break loop }
                gas &-= schedule.logDataByte &* size
                if M.isOn { Interpreter.note(&pending, .logData, schedule.logDataByte &* size) }
                gas = Interpreter.expand(memory, offset, size, gas: gas, schedule, &pending, M.self)
                if gas < 0 {
                    status = .outOfGas; break loop
                }
                let topicCount = Int(op) - 0xa0
                var topics: [U256] = []
                topics.reserveCapacity(topicCount)
                for i in 0..<topicCount { topics.append(sp[-3 - i]) }
                host.emitLog(address: message.recipient, topics: topics, data: memory.slice(offset, size))
                sp -= 2 + topicCount

            // MARK: Calls and creates (suspend; the driver runs the nested frame)
            case .xf0, .xf5:  // CREATE, CREATE2
                let isCreate2 = op == 0xf5
                guard let (offset, size) = memoryRegion(sp[-2], sp[-3]) else { status = .outOfGas; break loop }
                if let limit = schedule.maxInitcodeSize, size > limit { status = .outOfGas; break loop }
                gas &-= schedule.initcodeWord &* GasMath.words(size)
                if isCreate2 { gas &-= schedule.keccakWord &* GasMath.words(size) }
                if M.isOn {
                    Interpreter.note(&pending, .initcodeWords, schedule.initcodeWord &* GasMath.words(size))
                    if isCreate2 { Interpreter.note(&pending, .hashWords, schedule.keccakWord &* GasMath.words(size)) }
                }
                gas = Interpreter.expand(memory, offset, size, gas: gas, schedule, &pending, M.self)
                if gas < 0 {
                    status = .outOfGas; break loop
                }
                let childGas = GasMath.allButOne64th(gas)
                // The specs' traces count CREATE's own charge, not the gas handed to the child.
                if M.isOn {
                    gasBefore -= childGas
                    Interpreter.note(&pending, .forwarded, childGas)
                }
                gas -= childGas
                if message.isStatic { status = .staticStateChange; break loop }
                let value = sp[-1]
                let salt = isCreate2 ? sp[-4] : .zero
                sp -= isCreate2 ? 4 : 3
                frame.returnData = []
                let child = Message(
                    kind: isCreate2 ? .create2 : .create, caller: message.recipient, recipient: .zero,
                    value: value, input: memory.slice(offset, size), gas: childGas,
                    depth: message.depth + 1, isStatic: false, salt: salt)
                suspended = .create(child)
                pc += 1
                break loop
            case .xf1, .xf2, .xf4, .xfa:  // CALL, CALLCODE, DELEGATECALL, STATICCALL
                let hasValue = op == 0xf1 || op == 0xf2
                let requested = sp[-1]
                let target = Address(sp[-2])
                let value = hasValue ? sp[-3] : .zero
                let argBase = hasValue ? 4 : 3
                guard let (inOffset, inSize) = memoryRegion(sp[-argBase], sp[-argBase - 1]),
                      let (outOffset, outSize) = memoryRegion(sp[-argBase - 2], sp[-argBase - 3]) else {
                    status = .outOfGas; break loop
                }
                sp -= hasValue ? 7 : 6
                gas = Interpreter.expand(memory, inOffset, inSize, gas: gas, schedule, &pending, M.self)
                gas = Interpreter.expand(memory, outOffset, outSize, gas: gas, schedule, &pending, M.self)
                if gas < 0 {
                    status = .outOfGas; break loop
                }
                // Every extra charge first, then one check, as the specs add them up.
                let targetAccess = schedule.accessCost(host.accessAccount(target), slot: false, pricing: .warmInConstant)
                var extra = targetAccess
                if M.isOn { Interpreter.note(&pending, .coldAccount, targetAccess) }
                var codeAddress = target
                var delegated = false
                if schedule.hasSetCode, let delegate = host.delegationTarget(target) {
                    let delegateAccess = host.accessAccount(delegate)
                    let cost = schedule.accessCost(delegateAccess, slot: false, pricing: .full)
                    extra &+= cost
                    if M.isOn { Interpreter.note(&pending, .delegationAccess(cold: delegateAccess == .cold), cost) }
                    codeAddress = delegate
                    delegated = true
                }
                if !value.isZero {
                    extra &+= schedule.callValueTransfer
                    if M.isOn { Interpreter.note(&pending, .valueTransfer, schedule.callValueTransfer) }
                    if op == 0xf1 && !host.isAlive(target) {
                        extra &+= schedule.callNewAccount
                        if M.isOn { Interpreter.note(&pending, .newAccount, schedule.callNewAccount) }
                    }
                }
                gas &-= extra
                if gas < 0 { status = .outOfGas; break loop }
                let (forwarded, stipend) = GasMath.messageCallGas(requested: requested, available: gas,
                                                                  transfersValue: !value.isZero, schedule: schedule)
                gas &-= forwarded
                if M.isOn { Interpreter.note(&pending, .forwarded, forwarded) }
                if op == 0xf1 && message.isStatic && !value.isZero { status = .staticStateChange; break loop }
                // The callee gets the stipend free: a negative charge for the caller.
                if M.isOn { Interpreter.note(&pending, .callStipend, -stipend) }
                let childGas = forwarded &+ stipend
                frame.returnData = []
                frame.pendingOutputOffset = outOffset
                frame.pendingOutputSize = outSize
                let input = memory.slice(inOffset, inSize)
                let child: Message
                switch op {
                case 0xf1:
                    child = Message(kind: .call, caller: message.recipient, recipient: target, codeAddress: codeAddress,
                                    value: value, transfersValue: true, input: input, gas: childGas,
                                    depth: message.depth + 1, isStatic: message.isStatic)
                case 0xf2:
                    child = Message(kind: .callCode, caller: message.recipient, recipient: message.recipient,
                                    codeAddress: codeAddress, value: value, transfersValue: true, input: input,
                                    gas: childGas, depth: message.depth + 1, isStatic: message.isStatic)
                case 0xf4:
                    child = Message(kind: .delegateCall, caller: message.caller, recipient: message.recipient,
                                    codeAddress: codeAddress, value: message.value, transfersValue: false, input: input,
                                    gas: childGas, depth: message.depth + 1, isStatic: message.isStatic)
                default:
                    child = Message(kind: .staticCall, caller: message.recipient, recipient: target, codeAddress: codeAddress,
                                    value: .zero, transfersValue: true, input: input, gas: childGas,
                                    depth: message.depth + 1, isStatic: true)
                }
                var request = child
                request.isDelegated = delegated
                suspended = .call(request)
                pc += 1
                break loop

            // MARK: Halting
            case .xf3, .xfd:  // RETURN, REVERT
                guard let (offset, size) = memoryRegion(sp[-1], sp[-2]) else { status = .outOfGas; break loop }
                gas = Interpreter.expand(memory, offset, size, gas: gas, schedule, &pending, M.self)
                if gas < 0 { status = .outOfGas; break loop }
                output = memory.slice(offset, size)
                sp -= 2
                status = op == 0xf3 ? .returned : .reverted
                break loop
            case .xfe:  // INVALID
                status = .invalidOpcode(op)
                break loop
            case .xff:  // SELFDESTRUCT
                let beneficiary = Address(sp[-1])
                var cost = schedule.accessCost(host.accessAccount(beneficiary), slot: false, pricing: .coldOnly)
                if M.isOn { Interpreter.note(&pending, .coldAccount, cost) }
                if !host.isAlive(beneficiary) && !host.balance(message.recipient).isZero {
                    cost &+= schedule.selfdestructNewAccount
                    if M.isOn { Interpreter.note(&pending, .newAccount, schedule.selfdestructNewAccount) }
                }
                gas &-= cost
                if gas < 0 { status = .outOfGas; break loop }
                if message.isStatic { status = .staticStateChange; break loop }
                if host.selfDestruct(message.recipient, beneficiary: beneficiary) {
                    frame.refund &+= schedule.selfdestructRefund
                }
                sp -= 1
                status = .stop
                break loop
            // Bytes no fork defines. Listed rather than `default`, which left a test of a
            // constant in front of the jump table.
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
            pc &+= 1
            if M.isOn { Interpreter.emit(&pending, gasBefore - gas, frame, tracer) }
        }

        if M.isOn, var step = pending {
            step.gasCost = gasBefore - gas
            step.refund = frame.refundOfCallers + frame.refund
            if suspended == nil && !status.isSuccess { step.error = status }
            tracer?.step(step)
        }
        frame.pc = pc
        frame.stackHeight = sp - stackBase
        if let suspended {
            frame.gasLeft = gas
            return suspended
        }
        let gasLeft = status.consumesAllGas ? 0 : gas
        frame.gasLeft = gasLeft
        return .finished(FrameResult(status: status, gasLeft: gasLeft, refund: frame.refund, output: output))
    }

    /// Records a charge on the step being traced (the untraced loop never calls it).
    @inline(__always)
    static func note(_ pending: inout TraceStep?, _ reason: GasReason, _ amount: Int) {
        if amount != 0 { pending?.charges.append(GasCharge(reason, amount)) }
    }

    /// Grows memory and pays for it (`Memory.expand`), recording the charge when tracing.
    @inline(__always)
    static func expand<M: TraceMode>(_ memory: Memory, _ offset: Int, _ length: Int, gas: Int, _ schedule: GasSchedule,
                                     _ pending: inout TraceStep?, _ mode: M.Type) -> Int {
        let left = memory.expand(offset: offset, length: length, gas: gas, schedule: schedule)
        if M.isOn && left != gas { note(&pending, .memoryExpansion, gas &- left) }
        return left
    }

    /// Reports a finished step; the refund is the running total after the opcode, as the
    /// specs' tracer records it when the opcode charges its gas.
    @inline(__always)
    static func emit(_ pending: inout TraceStep?, _ cost: Int, _ frame: Frame, _ tracer: (any Tracer)?) {
        guard var step = pending else { return }
        step.gasCost = cost
        step.refund = frame.refundOfCallers + frame.refund
        tracer?.step(step)
        pending = nil
    }

    /// CALLDATACOPY and CODECOPY (dest, offset, size on the stack): charges the copy and the
    /// memory, then copies with zeros past the source's end. Returns the gas left, negative
    /// when out of gas. Each opcode has its own `case`: one case with two values would split
    /// the dispatch switch's jump table.
    @inline(__always)
    static func copyToMemory<M: TraceMode>(_ source: [UInt8], _ sp: UnsafeMutablePointer<U256>, _ memory: Memory,
                                           gas: Int, schedule: GasSchedule, _ pending: inout TraceStep?, _ mode: M.Type) -> Int {
        guard let (dest, size) = memoryRegion(sp[-1], sp[-3]) else { return -1 }
        let copy = GasMath.copyCost(size: size, schedule: schedule)
        if M.isOn { note(&pending, .copy, copy) }
        let left = expand(memory, dest, size, gas: gas &- copy, schedule, &pending, M.self)
        if left < 0 { return left }
        source.withUnsafeBytes { memory.write($0, sourceOffset: sp[-2], to: dest, length: size) }
        return left
    }

    /// n big-endian bytes (1…32) as a word, read as whole 8-byte limbs: the first limb takes
    /// the top `n mod 8` bytes (or 8), each further limb 8 bytes. The code's 33 bytes of zero
    /// padding make every 8-byte read in bounds, whatever `pc` is.
    @inline(__always)
    static func readPush(_ p: UnsafePointer<UInt8>, _ n: Int) -> U256 {
        let raw = UnsafeRawPointer(p)
        @inline(__always) func limb(_ offset: Int) -> UInt64 {
            UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }
        let limbs = (n &+ 7) >> 3
        let k = n &- ((limbs &- 1) << 3)  // bytes in the top limb, 1…8
        let top = limb(0) >> UInt64((8 &- k) << 3)
        switch limbs {
        case 1: return U256(w0: top, w1: 0, w2: 0, w3: 0)
        case 2: return U256(w0: limb(k), w1: top, w2: 0, w3: 0)
        case 3: return U256(w0: limb(k &+ 8), w1: limb(k), w2: top, w3: 0)
        default: return U256(w0: limb(k &+ 16), w1: limb(k &+ 8), w2: limb(k), w3: top)
        }
    }

    /// CALLDATALOAD: 32 bytes from `offset`, zero past the end.
    @inline(__always)
    static func loadWord(_ data: [UInt8], at offset: U256) -> U256 {
        guard offset.fitsUInt64, offset.w0 < UInt64(data.count) else { return .zero }
        let start = Int(offset.w0)
        return data.withUnsafeBytes { raw in
            if data.count - start >= 32 { return U256(loadingBigEndianFrom: raw.baseAddress! + start) }
            var buffer = (U256.zero, U256.zero)
            return withUnsafeMutableBytes(of: &buffer) { b in
                b.baseAddress!.copyMemory(from: raw.baseAddress! + start, byteCount: data.count - start)
                return U256(loadingBigEndianFrom: b.baseAddress!)
            }
        }
    }
}
