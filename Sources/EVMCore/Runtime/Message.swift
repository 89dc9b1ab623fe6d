/// What starts a call frame: a transaction's call or create, or a CALL/CREATE opcode.
public struct Message: Sendable {
    public enum Kind: Sendable, Equatable {
        case call, callCode, delegateCall, staticCall, create, create2
        public var isCreate: Bool { self == .create || self == .create2 }
    }

    public var kind: Kind
    /// CALLER inside the frame.
    public var caller: Address
    /// ADDRESS inside the frame: whose storage and balance the code acts on.
    public var recipient: Address
    /// Whose code runs (differs from `recipient` for CALLCODE and DELEGATECALL, and for
    /// accounts delegated by EIP-7702).
    public var codeAddress: Address
    /// CALLVALUE inside the frame.
    public var value: U256
    /// Whether `value` moves from caller to recipient (not for DELEGATECALL).
    public var transfersValue: Bool
    public var input: [UInt8]
    public var gas: Int
    /// 0 for the transaction's frame.
    public var depth: Int
    public var isStatic: Bool
    /// CREATE2's salt.
    public var salt: U256
    /// The code comes from an EIP-7702 delegation: precompiles are not run for it.
    public var isDelegated = false

    public init(kind: Kind = .call, caller: Address, recipient: Address, codeAddress: Address? = nil,
                value: U256 = .zero, transfersValue: Bool = true, input: [UInt8] = [], gas: Int,
                depth: Int = 0, isStatic: Bool = false, salt: U256 = .zero) {
        self.kind = kind
        self.caller = caller
        self.recipient = recipient
        self.codeAddress = codeAddress ?? recipient
        self.value = value
        self.transfersValue = transfersValue
        self.input = input
        self.gas = gas
        self.depth = depth
        self.isStatic = isStatic
        self.salt = salt
    }
}

/// How a frame ended.
public enum ExecutionStatus: Sendable, Equatable, CustomStringConvertible {
    case stop
    case returned
    case reverted
    case outOfGas
    case invalidOpcode(UInt8)
    case stackUnderflow
    case stackOverflow
    case badJumpDestination
    /// A state change (SSTORE, LOG, CREATE, CALL with value, SELFDESTRUCT, TSTORE) in a static frame.
    case staticStateChange
    /// RETURNDATACOPY beyond the return data (EIP-211).
    case returnDataOutOfBounds
    /// CREATE's code failed a deposit rule (EIP-170 size, EIP-3541 0xEF) or could not pay.
    case invalidCode
    /// CREATE at an address that already has code or a nonce.
    case addressCollision
    /// A precompile refused its input (bad point, wrong length).
    case precompileFailure

    /// STOP or RETURN.
    public var isSuccess: Bool { self == .stop || self == .returned }

    /// An exceptional halt consumes all the frame's gas; a revert returns what is left.
    public var consumesAllGas: Bool { !isSuccess && self != .reverted }

    public var description: String {
        switch self {
        case .stop: return "stop"
        case .returned: return "return"
        case .reverted: return "revert"
        case .outOfGas: return "out of gas"
        case .invalidOpcode(let op): return "invalid opcode 0x" + Hex.encode([op])
        case .stackUnderflow: return "stack underflow"
        case .stackOverflow: return "stack overflow"
        case .badJumpDestination: return "bad jump destination"
        case .staticStateChange: return "state change in a static call"
        case .returnDataOutOfBounds: return "return data out of bounds"
        case .invalidCode: return "invalid code"
        case .addressCollision: return "address collision"
        case .precompileFailure: return "precompile failure"
        }
    }
}

/// The result of a finished frame, as its caller sees it.
public struct FrameResult: Sendable {
    public var status: ExecutionStatus
    public var gasLeft: Int
    /// Refund counter change made by the frame (kept only on success).
    public var refund: Int
    public var output: [UInt8]
    /// For a successful create: the new account.
    public var createdAddress: Address?

    public init(status: ExecutionStatus, gasLeft: Int, refund: Int, output: [UInt8], createdAddress: Address? = nil) {
        self.status = status
        self.gasLeft = gasLeft
        self.refund = refund
        self.output = output
        self.createdAddress = createdAddress
    }
}

/// Why an interpreter run returned: the frame finished, or it needs a nested frame run first
/// (the driver runs it on an explicit frame stack, then resumes this one).
public enum FrameOutcome {
    case finished(FrameResult)
    case call(Message)
    case create(Message)
}
