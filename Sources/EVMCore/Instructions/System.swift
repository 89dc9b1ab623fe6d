/// Calls, creates, halts and self-destruct (execution specs: `vm/instructions/system.py`).
/// A call or create charges its gas, then suspends the frame with a request (`Frame.request`);
/// the executor runs the child frame and resumes this one with its result.
///
/// CALL and CREATE are large and rare next to their child frames, so they run out of line
/// on values: an out-of-line function handed the loop's registers by address would pin them
/// to memory for every opcode.
extension Instructions {
    /// What a call or create did to the registers: the new stack pointer and gas, how the
    /// frame halted (nil: suspended on `Frame.request`), and the gas handed to the child.
    @usableFromInline
    struct Suspension {
        var sp: UnsafeMutablePointer<U256>
        var gas: Int
        var halt: ExecutionStatus?
        var forwarded: Int
    }

    /// CREATE and CREATE2: initcode words (EIP-3860) and, for CREATE2, its hashing; then all
    /// but one 64th of the gas left goes to the child.
    @inline(never)
    static func create<M>(_ sp: UnsafeMutablePointer<U256>, _ gasIn: Int, _ c: FrameContext<M>,
                          salted: Bool) -> Suspension {
        var gas = gasIn
        guard let (offset, size) = memoryRegion(sp.word(-2), sp.word(-3)) else {
            return Suspension(sp: sp, gas: gas, halt: .outOfGas, forwarded: 0)
        }
        if let limit = c.schedule.maxInitcodeSize, size > limit { return Suspension(sp: sp, gas: gas, halt: .outOfGas, forwarded: 0) }
        let words = GasMath.words(size)
        _ = c.charge(&gas, c.schedule.initcodeWord &* words, .initcodeWords)
        if salted { _ = c.charge(&gas, c.schedule.keccakWord &* words, .hashWords) }
        guard c.expandMemory(&gas, offset, size) else { return Suspension(sp: sp, gas: gas, halt: .outOfGas, forwarded: 0) }
        let childGas = GasMath.allButOne64th(gas)
        _ = c.charge(&gas, childGas, .forwarded)
        if c.message.isStatic { return Suspension(sp: sp, gas: gas, halt: .staticStateChange, forwarded: childGas) }
        let value = sp.word(-1)
        let salt = salted ? sp.word(-4) : .zero
        c.frame.returnData = []
        c.frame.request = Message(
            kind: salted ? .create2 : .create, caller: c.message.recipient, recipient: .zero,
            value: value, input: c.memory.slice(offset, size), gas: childGas,
            depth: c.message.depth + 1, isStatic: false, salt: salt)
        return Suspension(sp: sp - (salted ? 4 : 3), gas: gas, halt: nil, forwarded: childGas)
    }

    /// CALL, CALLCODE, DELEGATECALL and STATICCALL: memory for input and output, the
    /// target's access (and its EIP-7702 delegate's), value transfer and new account; then
    /// the 63/64 rule and the stipend (`GasMath.messageCallGas`).
    @inline(never)
    static func call<M>(_ spIn: UnsafeMutablePointer<U256>, _ gasIn: Int, _ c: FrameContext<M>,
                        _ kind: Message.Kind) -> Suspension {
        var gas = gasIn
        var sp = spIn
        let hasValue = kind == .call || kind == .callCode
        let requested = sp.word(-1)
        let target = Address(sp.word(-2))
        let value = hasValue ? sp.word(-3) : .zero
        let argBase = hasValue ? 4 : 3
        guard let (inOffset, inSize) = memoryRegion(sp.word(-argBase), sp.word(-argBase - 1)),
              let (outOffset, outSize) = memoryRegion(sp.word(-argBase - 2), sp.word(-argBase - 3)) else {
            return Suspension(sp: sp, gas: gas, halt: .outOfGas, forwarded: 0)
        }
        sp -= hasValue ? 7 : 6
        guard c.expandMemory(&gas, inOffset, inSize), c.expandMemory(&gas, outOffset, outSize) else {
            return Suspension(sp: sp, gas: gas, halt: .outOfGas, forwarded: 0)
        }
        // Every extra charge first, then one check: the specs add them up before charging.
        let schedule = c.schedule
        _ = c.charge(&gas, schedule.accessCost(c.host.accessAccount(target), slot: false, pricing: .warmInConstant),
                     .coldAccount)
        var codeAddress = target
        var delegated = false
        if schedule.hasSetCode, let delegate = c.host.delegationTarget(target) {
            let access = c.host.accessAccount(delegate)
            _ = c.charge(&gas, schedule.accessCost(access, slot: false, pricing: .full),
                         .delegationAccess(cold: access == .cold))
            codeAddress = delegate
            delegated = true
        }
        if !value.isZero {
            _ = c.charge(&gas, schedule.callValueTransfer, .valueTransfer)
            if kind == .call && !c.host.isAlive(target) { _ = c.charge(&gas, schedule.callNewAccount, .newAccount) }
        }
        if gas < 0 { return Suspension(sp: sp, gas: gas, halt: .outOfGas, forwarded: 0) }
        let (forwarded, stipend) = GasMath.messageCallGas(requested: requested, available: gas,
                                                          transfersValue: !value.isZero, schedule: schedule)
        _ = c.charge(&gas, forwarded, .forwarded)
        if kind == .call && c.message.isStatic && !value.isZero {
            return Suspension(sp: sp, gas: gas, halt: .staticStateChange, forwarded: forwarded)
        }
        // The callee gets the stipend free: a negative charge for the caller.
        c.note(-stipend, .callStipend)
        let frame = c.frame
        frame.returnData = []
        frame.pendingOutputOffset = outOffset
        frame.pendingOutputSize = outSize
        let input = c.memory.slice(inOffset, inSize)
        let message = c.message
        let childGas = forwarded &+ stipend
        var child: Message
        switch kind {
        case .callCode:
            child = Message(kind: .callCode, caller: message.recipient, recipient: message.recipient,
                            codeAddress: codeAddress, value: value, transfersValue: true, input: input,
                            gas: childGas, depth: message.depth + 1, isStatic: message.isStatic)
        case .delegateCall:
            child = Message(kind: .delegateCall, caller: message.caller, recipient: message.recipient,
                            codeAddress: codeAddress, value: message.value, transfersValue: false, input: input,
                            gas: childGas, depth: message.depth + 1, isStatic: message.isStatic)
        case .staticCall:
            child = Message(kind: .staticCall, caller: message.recipient, recipient: target, codeAddress: codeAddress,
                            value: .zero, transfersValue: true, input: input, gas: childGas,
                            depth: message.depth + 1, isStatic: true)
        default:
            child = Message(kind: .call, caller: message.recipient, recipient: target, codeAddress: codeAddress,
                            value: value, transfersValue: true, input: input, gas: childGas,
                            depth: message.depth + 1, isStatic: message.isStatic)
        }
        child.isDelegated = delegated
        frame.request = child
        return Suspension(sp: sp, gas: gas, halt: nil, forwarded: forwarded)
    }

    /// RETURN and REVERT: the output from memory, paying its expansion.
    @inline(__always)
    static func returnOrRevert<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int,
                                  _ c: FrameContext<M>, reverting: Bool) -> ExecutionStatus {
        guard let (offset, size) = memoryRegion(sp.word(-1), sp.word(-2)), c.expandMemory(&gas, offset, size) else {
            return .outOfGas
        }
        c.frame.output = c.memory.slice(offset, size)
        sp -= 2
        return reverting ? .reverted : .returned
    }

    /// SELFDESTRUCT: a cold beneficiary costs the full cold price (EIP-2929), a beneficiary
    /// that is not alive receiving a balance the new-account price (EIP-161); refused in a
    /// static frame; the refund before London (EIP-3529). Always ends the frame.
    @inline(__always)
    static func selfdestruct<M>(_ sp: inout UnsafeMutablePointer<U256>, _ gas: inout Int,
                                _ c: FrameContext<M>,) -> ExecutionStatus {
        let beneficiary = Address(sp.word(-1))
        let recipient = c.message.recipient
        _ = c.charge(&gas, c.schedule.accessCost(c.host.accessAccount(beneficiary), slot: false, pricing: .coldOnly),
                     .coldAccount)
        if !c.host.isAlive(beneficiary) && !c.host.balance(recipient).isZero {
            _ = c.charge(&gas, c.schedule.selfdestructNewAccount, .newAccount)
        }
        if gas < 0 { return .outOfGas }
        if c.message.isStatic { return .staticStateChange }
        if c.host.selfDestruct(recipient, beneficiary: beneficiary) {
            c.frame.refund &+= c.schedule.selfdestructRefund
        }
        sp -= 1
        return .stop
    }
}
