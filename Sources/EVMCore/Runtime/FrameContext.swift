/// What a running frame's instructions read: the frame, the host, the fork's table and
/// schedule, the frame's memory, message and code. The registers (stack pointer, program
/// counter, gas) stay plain locals of the interpreter's loop, passed `inout` to the inlined
/// instruction functions: kept apart from references and arrays, the compiler holds them in
/// machine registers.
@usableFromInline
struct FrameContext<M: TraceMode> {
    let frame: Frame
    let host: any Host
    let table: InstructionTable
    /// Read in place from the table's schedule rather than copied into the context.
    var schedule: GasSchedule { @inline(__always) get { table.schedule } }
    let memory: Memory
    let message: Message
    let code: AnalyzedCode
    /// The step being traced (nil, and never read, when `M` is `Untraced`): a reference, so
    /// that the untraced loop carries one null word instead of a trace step.
    let recorder: TraceRecorder?

    @inline(__always)
    init(frame: Frame, host: any Host, recorder: TraceRecorder?) {
        self.recorder = recorder
        self.frame = frame
        self.host = host
        table = frame.table
        memory = frame.memory
        message = frame.message
        code = frame.code
    }

    // MARK: Gas (each charge recorded with its rule on the traced step; nothing when not tracing)

    /// Takes `amount` for `reason`; whether gas is left (else the instruction halts out of gas).
    @inline(__always)
    func charge(_ gas: inout Int, _ amount: Int, _ reason: GasReason) -> Bool {
        gas &-= amount
        if M.isOn { recorder?.note(reason, amount) }
        return gas >= 0
    }

    /// Records a charge that does not come from this frame's gas (the call stipend, negative).
    @inline(__always)
    func note(_ amount: Int, _ reason: GasReason) {
        if M.isOn { recorder?.note(reason, amount) }
    }

    /// Grows memory to cover a region and pays for it (yellow paper C_mem); whether gas is
    /// left. Regions come from `memoryRegion`, so they are bounded.
    @inline(__always)
    func expandMemory(_ gas: inout Int, _ offset: Int, _ length: Int) -> Bool {
        let before = gas
        gas = memory.expand(offset: offset, length: length, gas: gas, schedule: schedule)
        if M.isOn { recorder?.note(.memoryExpansion, before &- gas) }
        return gas >= 0
    }

    /// Marks an account accessed and pays EIP-2929's price for it (`GasSchedule.accessCost`);
    /// whether gas is left.
    @inline(__always)
    func accessAccount(_ gas: inout Int, _ address: Address,
                       pricing: GasSchedule.AccessPricing) -> Bool {
        let cost = schedule.accessCost(host.accessAccount(address), slot: false, pricing: pricing)
        return cost == 0 || charge(&gas, cost, .coldAccount)
    }

    /// Pays EIP-2929's price for a storage slot the host reported warm or cold.
    @inline(__always)
    func payForSlot(_ gas: inout Int, _ access: Access,
                    pricing: GasSchedule.AccessPricing) -> Bool {
        let cost = schedule.accessCost(access, slot: true, pricing: pricing)
        return cost == 0 || charge(&gas, cost, .coldSlot)
    }
}

/// The step being traced and the gas before it (made only when tracing).
@usableFromInline
final class TraceRecorder {
    var step: TraceStep?
    var gasBefore = 0
    init() {}

    /// Records a charge on the step (the ones that took something).
    func note(_ reason: GasReason, _ amount: Int) {
        if amount != 0 { step?.charges.append(GasCharge(reason, amount)) }
    }
}

/// Pushes a word.
@inline(__always)
func pushWord(_ sp: inout UnsafeMutablePointer<U256>, _ value: U256) {
    sp.setWord(0, value)
    sp += 1
}

/// Instruction semantics, one function per instruction, grouped in files as the execution
/// specs group them (`vm/instructions/*.py`). Each reads its stack arguments, charges its
/// dynamic gas (the constant cost is charged by the loop from the fork's table), then acts;
/// one that can end the frame returns the status it ends with (nil: go on).
enum Instructions {}
