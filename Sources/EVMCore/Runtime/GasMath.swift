/// Gas formulas shared by several opcodes and by transactions. Amounts are `Int` (64-bit):
/// every input is bounded first (`Memory.maxBufferSize`), so none of these can overflow.
public enum GasMath {
    /// 32-byte words needed for a size in bytes.
    @inlinable @inline(__always)
    public static func words(_ bytes: Int) -> Int { (bytes &+ 31) >> 5 }

    /// Total cost of a memory of `words` words: 3·w + w²/512 (yellow paper, C_mem).
    /// The divisor is the schedule's; when it is 512 (every fork so far) the quotient is a
    /// shift, not a hardware division (twice per memory growth, which Solidity's bump
    /// allocator triggers constantly).
    @inlinable @inline(__always)
    public static func memoryCost(words: Int, schedule: GasSchedule) -> Int {
        let divisor = schedule.memoryQuadraticDivisor
        let square = words &* words
        return schedule.memoryWord &* words &+ (divisor == 512 ? square >> 9 : square / divisor)
    }

    /// Per-word cost of copying `size` bytes (CALLDATACOPY, CODECOPY, RETURNDATACOPY,
    /// EXTCODECOPY, MCOPY).
    @inlinable @inline(__always)
    public static func copyCost(size: Int, schedule: GasSchedule) -> Int {
        schedule.copyWord &* words(size)
    }

    /// EIP-150: all but one 64th of the gas left may be passed to a call or create.
    @inlinable @inline(__always)
    public static func allButOne64th(_ gas: Int) -> Int { gas &- gas / 64 }

    /// Gas a CALL passes to the callee: the requested amount capped by the 63/64 rule.
    @inlinable
    public static func callGas(requested: U256, available: Int) -> Int {
        let cap = allButOne64th(available)
        guard let r = requested.asInt else { return cap }
        return min(r, cap)
    }

    /// Intrinsic gas of a transaction (yellow paper g0, with EIP-2028 calldata, EIP-2930
    /// access lists, EIP-3860 initcode words and EIP-7702 authorizations).
    public static func intrinsicGas(
        data: [UInt8], isCreate: Bool, accessListAddresses: Int = 0, accessListStorageKeys: Int = 0,
        authorizations: Int = 0, schedule: GasSchedule
    ) -> Int {
        var zeros = 0
        for b in data where b == 0 { zeros += 1 }
        var gas = schedule.txBase
        gas += zeros * schedule.txDataZero + (data.count - zeros) * schedule.txDataNonZero
        if isCreate {
            gas += schedule.txCreate
            gas += schedule.initcodeWord * words(data.count)
        }
        gas += accessListAddresses * schedule.txAccessListAddress
        gas += accessListStorageKeys * schedule.txAccessListStorageKey
        gas += authorizations * schedule.authorizationEmptyAccount
        return gas
    }

    /// EIP-7623 calldata tokens: a zero byte is one token, a non-zero byte four.
    public static func calldataTokens(_ data: [UInt8], schedule: GasSchedule) -> Int {
        var zeros = 0
        for b in data where b == 0 { zeros += 1 }
        return zeros + (data.count - zeros) * schedule.tokensPerNonZeroByte
    }

    /// EIP-7623 floor: the least gas a transaction uses (nil before Prague).
    public static func calldataFloor(_ data: [UInt8], schedule: GasSchedule) -> Int? {
        guard let perToken = schedule.calldataFloorPerToken else { return nil }
        return schedule.txBase + perToken * calldataTokens(data, schedule: schedule)
    }
}
