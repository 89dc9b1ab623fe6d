import EVMCore
import EVMState

/// Where gas goes, by kind of cost.
public enum GasCategory: String, CaseIterable, Sendable, Comparable {
    case intrinsicBase = "intrinsic: transaction base"
    case intrinsicCalldata = "intrinsic: calldata"
    case intrinsicCreate = "intrinsic: contract creation"
    case intrinsicAccessList = "intrinsic: access list"
    case intrinsicAuthorizations = "intrinsic: authorizations"
    case calldataFloor = "calldata floor (EIP-7623)"
    case coldAccount = "cold account access"
    case warmAccount = "warm account access"
    case sloadCold = "SLOAD cold"
    case sloadWarm = "SLOAD warm"
    case sstoreSet = "SSTORE set (0 → x)"
    case sstoreReset = "SSTORE reset (x → y)"
    case sstoreNoop = "SSTORE no-op or dirty"
    case sstoreRestore = "SSTORE restore"
    case memory = "memory expansion"
    case copies = "copies"
    case keccak = "KECCAK256"
    case logs = "LOG"
    case calls = "calls, creates, precompiles"
    case codeDeposit = "code deposit"
    case computation = "computation"
    case exceptionalHalt = "exceptional halt (gas burned)"
    case refund = "refunds"

    public static func < (a: GasCategory, b: GasCategory) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Storage reads and writes that paid a cold surcharge, for coarse breakdowns.
    public var coarse: String {
        switch self {
        case .intrinsicBase, .intrinsicCalldata, .intrinsicCreate, .intrinsicAccessList, .intrinsicAuthorizations, .calldataFloor:
            return "transaction base"
        case .sloadCold, .coldAccount: return "cold storage and accounts"
        case .sloadWarm, .sstoreSet, .sstoreReset, .sstoreNoop, .sstoreRestore, .warmAccount: return "warm storage and accounts"
        case .refund: return "refunds"
        default: return "computation"
        }
    }
}

/// One executed opcode with the gas it spent itself (its children's gas excluded) split by
/// category.
public struct ProfiledStep: Sendable {
    public var step: TraceStep
    public var selfGas: Int
    public var parts: [(GasCategory, Int)]
    /// The storage slot an SLOAD or SSTORE touched.
    public var slot: U256?
    /// Call frames from the transaction's down to this step's, as code addresses.
    public var frames: [Address]
}

/// A tracer that attributes every unit of a transaction's gas: each opcode's own cost is the
/// drop in its frame's gas until the frame's next opcode, less what its child frames spent;
/// that cost is split into categories from the opcode, its stack arguments, the memory
/// formula and the cold/warm and storage-status flags the interpreter reports. Together with
/// the intrinsic gas, refund and calldata floor of the receipt, the parts add up to gasUsed.
public final class GasProfiler: Tracer {
    public let schedule: GasSchedule
    public private(set) var steps: [ProfiledStep] = []
    /// Per transaction-level category (intrinsic, refund, floor, code deposit), set by `finish`.
    public private(set) var transactionParts: [(GasCategory, Int)] = []

    struct OpenFrame {
        var depth: Int
        var startGas: Int
        var pending: TraceStep?
        var childConsumed = 0
        var address: Address
    }

    var open: [OpenFrame] = []

    public init(schedule: GasSchedule) { self.schedule = schedule }

    public var wantsMemory: Bool { false }

    public func step(_ s: TraceStep) {
        while let top = open.last, top.depth > s.depth { closeFrame() }
        if let top = open.last, top.depth == s.depth, let previous = top.pending {
            record(previous, spent: previous.gas - s.gas - top.childConsumed, nextMemSize: s.memSize)
            open[open.count - 1].pending = s
            open[open.count - 1].childConsumed = 0
        } else {
            open.append(OpenFrame(depth: s.depth, startGas: s.gas, pending: s, address: s.codeAddress))
        }
    }

    /// Ends the innermost open frame: its last opcode's cost, and its consumption for the parent.
    func closeFrame() {
        guard let frame = open.last else { return }
        var endGas = frame.startGas
        if let last = frame.pending {
            let burned = last.error.map { $0.consumesAllGas } ?? false
            let spent = burned ? last.gas : last.gasCost
            record(last, spent: spent - frame.childConsumed, nextMemSize: nil)
            endGas = last.gas - spent
        }
        open.removeLast()
        if !open.isEmpty { open[open.count - 1].childConsumed += frame.startGas - endGas }
    }

    /// Closes the transaction: every open frame, then its intrinsic gas, code deposit, refund and
    /// floor from the receipt.
    public func finish(_ receipt: Receipt, calldata: [UInt8], isCreate: Bool, accessList: [AccessListEntry] = [],
                       authorizations: Int = 0) {
        while !open.isEmpty { closeFrame() }
        let zeros = calldata.lazy.filter { $0 == 0 }.count
        var parts: [(GasCategory, Int)] = [(.intrinsicBase, schedule.txBase),
                                           (.intrinsicCalldata, zeros * schedule.txDataZero + (calldata.count - zeros) * schedule.txDataNonZero)]
        if isCreate { parts.append((.intrinsicCreate, schedule.txCreate + schedule.initcodeWord * GasMath.words(calldata.count))) }
        let keys = accessList.reduce(0) { $0 + $1.storageKeys.count }
        if !accessList.isEmpty {
            parts.append((.intrinsicAccessList, accessList.count * schedule.txAccessListAddress + keys * schedule.txAccessListStorageKey))
        }
        if authorizations > 0 { parts.append((.intrinsicAuthorizations, authorizations * schedule.authorizationEmptyAccount)) }
        let execution = receipt.gasUsedBeforeRefund - receipt.intrinsicGas
        let attributed = steps.reduce(0) { $0 + $1.selfGas }
        if execution != attributed { parts.append((.codeDeposit, execution - attributed)) }
        if receipt.refund > 0 { parts.append((.refund, -receipt.refund)) }
        let floor = receipt.gasUsed - (receipt.gasUsedBeforeRefund - receipt.refund)
        if floor > 0 { parts.append((.calldataFloor, floor)) }
        transactionParts = parts
    }

    /// Gas per category, transaction parts included: the values add up to the receipt's gasUsed.
    public var byCategory: [GasCategory: Int] {
        var out: [GasCategory: Int] = [:]
        for s in steps { for (c, g) in s.parts { out[c, default: 0] += g } }
        for (c, g) in transactionParts { out[c, default: 0] += g }
        return out
    }

    public var total: Int { byCategory.values.reduce(0, +) }

    /// The coarse split of the breakdown: transaction base, cold and warm storage (by the
    /// access each storage or account opcode paid), computation, refunds.
    public var coarse: [String: Int] {
        var out: [String: Int] = [:]
        let storageCategories: Set<GasCategory> = [.sloadCold, .sloadWarm, .sstoreSet, .sstoreReset, .sstoreNoop, .sstoreRestore,
                                                   .coldAccount, .warmAccount]
        for s in steps {
            for (c, g) in s.parts {
                let key = storageCategories.contains(c)
                    ? (s.step.cold ? "cold storage and accounts" : "warm storage and accounts") : c.coarse
                out[key, default: 0] += g
            }
        }
        for (c, g) in transactionParts { out[c.coarse, default: 0] += g }
        return out
    }

    // MARK: Attribution

    func memoryEnd(_ s: TraceStep) -> Int? {
        let st = s.stack
        func arg(_ i: Int) -> U256? { st.count > i ? st[st.count - 1 - i] : nil }
        func region(_ offset: Int, _ size: Int) -> Int? {
            guard let o = arg(offset), let n = arg(size) else { return nil }
            if n.isZero { return 0 }
            guard let oi = o.asInt, let ni = n.asInt, oi < 1 << 32, ni < 1 << 32 else { return nil }
            return oi + ni
        }
        switch s.op {
        case 0x51, 0x52:
            guard let o = arg(0)?.asInt, o < 1 << 32 else { return nil }
            return o + 32
        case 0x53:
            guard let o = arg(0)?.asInt, o < 1 << 32 else { return nil }
            return o + 1
        case 0x20, 0xf3, 0xfd, 0xa0...0xa4: return region(0, 1)
        case 0x37, 0x39, 0x3e: return region(0, 2)
        case 0x3c: return region(1, 3)
        case 0x5e:
            guard let a = region(0, 2), let b = region(1, 2) else { return nil }
            return max(a, b)
        case 0xf0, 0xf5: return region(1, 2)
        case 0xf1, 0xf2: return max(region(3, 4) ?? 0, region(5, 6) ?? 0)
        case 0xf4, 0xfa: return max(region(2, 3) ?? 0, region(4, 5) ?? 0)
        default: return nil
        }
    }

    func record(_ s: TraceStep, spent: Int, nextMemSize: Int?) {
        var parts: [(GasCategory, Int)] = []
        var rest = spent
        func take(_ c: GasCategory, _ amount: Int) {
            let a = max(0, min(amount, rest))
            if a > 0 {
                parts.append((c, a))
                rest -= a
            }
        }
        let burned = s.error.map { $0.consumesAllGas } ?? false
        if burned {
            take(.exceptionalHalt, rest)
        } else {
            // Memory expansion first, from the region the opcode touches.
            let oldWords = s.memSize / 32
            var newWords = oldWords
            if let next = nextMemSize { newWords = max(oldWords, next / 32) }
            if let end = memoryEnd(s), end > 0 { newWords = max(newWords, GasMath.words(end)) }
            if newWords > oldWords {
                take(.memory, GasMath.memoryCost(words: newWords, schedule: schedule) - GasMath.memoryCost(words: oldWords, schedule: schedule))
            }
            let size = { (i: Int) -> Int in
                let st = s.stack
                guard st.count > i, let n = st[st.count - 1 - i].asInt else { return 0 }
                return n
            }
            let access = s.cold ? schedule.coldAccountAccess : (schedule.hasAccessLists ? schedule.warmStorageRead : 0)
            let accessCategory: GasCategory = s.cold ? .coldAccount : .warmAccount
            switch s.op {
            case 0x54: take(s.cold ? .sloadCold : .sloadWarm, rest)
            case 0x55:
                switch s.storageStatus {
                case .added?: take(.sstoreSet, rest)
                case .modified?, .deleted?: take(.sstoreReset, rest)
                case .deletedRestored?, .addedDeleted?, .modifiedRestored?: take(.sstoreRestore, rest)
                default: take(.sstoreNoop, rest)
                }
            case 0x31, 0x3b, 0x3f: take(accessCategory, rest)
            case 0x3c:
                take(.copies, schedule.copyWord * GasMath.words(size(3)))
                take(accessCategory, rest)
            case 0x37, 0x39, 0x3e, 0x5e:
                take(.copies, schedule.copyWord * GasMath.words(size(2)))
                take(.computation, rest)
            case 0x20: take(.keccak, rest)
            case 0xa0...0xa4: take(.logs, rest)
            case 0xf1, 0xf2, 0xf4, 0xfa:
                if schedule.hasAccessLists { take(accessCategory, access) }
                take(.calls, rest)
            case 0xf0, 0xf5: take(.calls, rest)
            case 0xff:
                if s.cold { take(.coldAccount, schedule.coldAccountAccess) }
                take(.calls, rest)
            default: take(.computation, rest)
            }
        }
        if rest != 0 { parts.append((.computation, rest)) }  // a negative remainder cannot happen; kept for exactness
        var slot: U256? = nil
        if (s.op == 0x54 || s.op == 0x55), let key = s.stack.last { slot = key }
        steps.append(ProfiledStep(step: s, selfGas: spent, parts: parts, slot: slot, frames: open.map(\.address)))
    }
}
