import EVMCore
import EVMState

/// geth's default tracer for debug_traceTransaction and debug_traceCall: one entry per executed
/// opcode with pc, op, gas, gasCost, depth, stack (unless disableStack), memory (with
/// enableMemory), the storage the frame has read or written so far at SLOAD and SSTORE (unless
/// disableStorage), refund, and the error of a failing step.
final class StructLogger: Tracer {
    let disableStack: Bool
    let disableStorage: Bool
    let enableMemory: Bool
    let enableReturnData: Bool
    let limit: Int
    var logs: [JSON] = []
    /// Storage seen per account (the frames' storage context), as geth keeps it.
    var storage: [Address: [U256: U256]] = [:]
    /// The storage account of each open frame (CALL/CREATE set it; DELEGATECALL and CALLCODE
    /// keep the caller's).
    var frames: [Address] = []

    init(options: JSON?) {
        disableStack = options?["disableStack"] == .bool(true)
        disableStorage = options?["disableStorage"] == .bool(true)
        enableMemory = options?["enableMemory"] == .bool(true)
        enableReturnData = options?["enableReturnData"] == .bool(true)
        if case .number(let n)? = options?["limit"], let l = Int(n), l > 0 { limit = l } else { limit = Int.max }
    }

    var wantsMemory: Bool { enableMemory }

    func enter(_ message: Message) { frames.append(message.recipient) }
    func exit(_ result: FrameResult) { if !frames.isEmpty { frames.removeLast() } }

    func step(_ s: TraceStep) {
        if let (account, key, index) = pendingLoad, index < logs.count {
            // The previous step was an SLOAD: its result is this step's stack top.
            if let value = s.stack.last {
                storage[account, default: [:]][key] = value
                if case .object(var fields) = logs[index], let at = fields.firstIndex(where: { $0.0 == "storage" }) {
                    fields[at].1 = storageJSON(account)
                    logs[index] = .object(fields)
                }
            }
            pendingLoad = nil
        }
        guard logs.count < limit else { return }
        var p: [(String, JSON)] = [("pc", .int(s.pc)), ("op", .string(s.opName)), ("gas", .int(s.gas)),
                                   ("gasCost", .int(s.gasCost)), ("depth", .int(s.depth))]
        if let e = s.error { p.append(("error", .string(DevNode.haltMessage(e)))) }
        if !disableStack { p.append(("stack", .array(s.stack.map { .string(RPCHex.quantity($0)) }))) }
        if enableMemory {
            var words: [JSON] = []
            var i = 0
            while i + 32 <= s.memory.count {
                words.append(.string(EVMCore.Hex.encode(s.memory[i..<i + 32])))
                i += 32
            }
            p.append(("memory", .array(words)))
        }
        if enableReturnData, !s.returnData.isEmpty { p.append(("returnData", .data(s.returnData))) }
        if !disableStorage, s.op == 0x54 || s.op == 0x55, let account = frames.last, s.stack.count >= (s.op == 0x54 ? 1 : 2) {
            let top = s.stack[s.stack.count - 1]
            if s.op == 0x55 {
                storage[account, default: [:]][top] = s.stack[s.stack.count - 2]
            } else if storage[account]?[top] == nil {
                // The value an SLOAD reads is not in the step (it is the next step's stack top);
                // it is filled in when that step arrives.
                pendingLoad = (account, top, logs.count)
            }
            p.append(("storage", storageJSON(account)))
        }
        if s.refund != 0 { p.append(("refund", .int(s.refund))) }
        logs.append(.object(p))
    }

    var pendingLoad: (Address, U256, Int)?

    func storageJSON(_ account: Address) -> JSON {
        .object((storage[account] ?? [:]).sorted { $0.key < $1.key }.map {
            (EVMCore.Hex.encode($0.key.bigEndianBytes), .string(EVMCore.Hex.encode($0.value.bigEndianBytes)))
        })
    }

    func result(gasUsed: Int, failed: Bool, output: [UInt8]) -> JSON {
        .object([("gas", .int(gasUsed)), ("failed", .bool(failed)),
                 ("returnValue", .string(EVMCore.Hex.encode(output))), ("structLogs", .array(logs))])
    }
}

/// geth's `callTracer`: the tree of calls, each with type, from, to, value, gas, gasUsed,
/// input, output, error and revertReason, and its subcalls (`onlyTopCall` keeps the root).
final class CallTracer: Tracer {
    final class Frame {
        var type: String
        var from: Address
        var to: Address?
        var value: U256?
        var gas: Int
        var gasUsed = 0
        var input: [UInt8]
        var output: [UInt8] = []
        var error: String?
        var revertReason: String?
        var calls: [Frame] = []
        init(type: String, from: Address, to: Address?, value: U256?, gas: Int, input: [UInt8]) {
            self.type = type
            self.from = from
            self.to = to
            self.value = value
            self.gas = gas
            self.input = input
        }
    }

    let onlyTopCall: Bool
    var stack: [Frame] = []
    var root: Frame?

    init(options: JSON?) {
        onlyTopCall = options?["onlyTopCall"] == .bool(true)
    }

    func step(_ step: TraceStep) {}

    func enter(_ m: Message) {
        let type: String
        switch m.kind {
        case .call: type = "CALL"
        case .callCode: type = "CALLCODE"
        case .delegateCall: type = "DELEGATECALL"
        case .staticCall: type = "STATICCALL"
        case .create: type = "CREATE"
        case .create2: type = "CREATE2"
        }
        let f = Frame(type: type, from: m.caller, to: m.kind.isCreate && m.depth > 0 ? nil : m.recipient,
                      value: m.kind == .staticCall || m.kind == .delegateCall ? nil : m.value, gas: m.gas, input: m.input)
        if let parent = stack.last {
            if !onlyTopCall { parent.calls.append(f) }
        } else {
            root = f
        }
        stack.append(f)
    }

    func exit(_ r: FrameResult) {
        guard let f = stack.popLast() else { return }
        f.gasUsed = f.gas - r.gasLeft
        if let created = r.createdAddress { f.to = created }
        f.output = r.output
        if !r.status.isSuccess {
            f.error = DevNode.haltMessage(r.status)
            if r.status == .reverted, let reason = RevertReason.decode(r.output) { f.revertReason = reason }
        }
    }

    func json(_ f: Frame) -> JSON {
        var p: [(String, JSON)] = [("type", .string(f.type)), ("from", .address(f.from))]
        if let to = f.to { p.append(("to", .address(to))) }
        if let v = f.value { p.append(("value", .quantity(v))) }
        p += [("gas", .quantity(f.gas)), ("gasUsed", .quantity(f.gasUsed)), ("input", .data(f.input))]
        if !f.output.isEmpty { p.append(("output", .data(f.output))) }
        if let e = f.error { p.append(("error", .string(e))) }
        if let r = f.revertReason { p.append(("revertReason", .string(r))) }
        if !f.calls.isEmpty { p.append(("calls", .array(f.calls.map(json)))) }
        return .object(p)
    }

    /// The root frame with the transaction's gas: geth reports the gas limit and the gas the
    /// receipt charges (intrinsic gas and refund included) at the top.
    func result(gasLimit: Int, gasUsed: Int) -> JSON {
        guard let root else { return .null }
        root.gas = gasLimit
        root.gasUsed = gasUsed
        return json(root)
    }
}
