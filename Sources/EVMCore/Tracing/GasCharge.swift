/// One charge against a frame's or a transaction's gas, with the rule that made it.
///
/// The interpreter reports each charge an opcode makes (only when tracing: the untraced loop
/// compiles without them), the executor the charges no opcode makes (code deposit, precompile
/// gas, gas burned by a failed create) and the transaction processor the intrinsic parts, the
/// refund and the calldata floor. The profiler sums these instead of recomputing gas, so its
/// categories are measured; that they add up to each opcode's gas drop is checked separately.
public struct GasCharge: Sendable, Equatable {
    public var reason: GasReason
    /// Gas taken (negative for gas handed back: the call stipend, the refund).
    public var amount: Int

    @inlinable
    public init(_ reason: GasReason, _ amount: Int) {
        self.reason = reason
        self.amount = amount
    }
}

/// Why gas was charged: the fee schedule's rules, named as the EIPs and the yellow paper name
/// them.
public enum GasReason: Sendable, Equatable, Hashable {
    /// The opcode's constant cost from the fork's schedule (for an access opcode from Berlin,
    /// the warm read).
    case base
    /// Memory expansion (yellow paper C_mem, quadratic).
    case memoryExpansion
    /// Per word copied (CALLDATACOPY, CODECOPY, EXTCODECOPY, RETURNDATACOPY, MCOPY).
    case copy
    /// KECCAK256 per word hashed; CREATE2's hashing of the initcode.
    case hashWords
    /// LOG per byte of data.
    case logData
    /// EXP per byte of exponent (EIP-160).
    case exponentBytes
    /// CREATE/CREATE2 per word of initcode (EIP-3860).
    case initcodeWords
    /// EIP-2929: touching a cold account, beyond what the constant cost holds.
    case coldAccount
    /// EIP-2929: touching a cold storage slot, beyond what the constant cost holds.
    case coldSlot
    /// EIP-7702: reading the delegation target of a delegated account (warm or cold).
    case delegationAccess(cold: Bool)
    /// SSTORE by storage status (EIP-2200 as amended by EIP-2929 and EIP-3529), warm.
    case storageWrite(StorageStatus)
    /// CALL or CALLCODE with value (9,000).
    case valueTransfer
    /// CALL with value to an account that is not alive (25,000), or SELFDESTRUCT's
    /// beneficiary that is not (EIP-161).
    case newAccount
    /// Gas handed to a child frame (what it leaves comes back).
    case forwarded
    /// The call stipend the child receives for free (negative: the caller does not pay it).
    case callStipend
    /// A precompile's gas (charged by the executor; the precompile runs no opcodes).
    case precompile
    /// CREATE's per-byte code deposit (200 a byte).
    case codeDeposit
    /// Gas burned by a create that failed outside its code: an address collision, a code
    /// deposit it could not pay for or that broke EIP-170/EIP-3541.
    case createFailure
    // Transaction parts, from the transaction processor.
    case intrinsicBase
    case intrinsicCalldata
    case intrinsicCreate
    case intrinsicAccessList
    case intrinsicAuthorizations
    /// The refund applied at the end of the transaction (negative), after the cap.
    case refund
    /// What the EIP-7623 floor adds above the gas used.
    case calldataFloor
}
