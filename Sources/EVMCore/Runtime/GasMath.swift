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
        memoryCost(words: words, wordCost: schedule.memoryWord, quadraticDivisor: schedule.memoryQuadraticDivisor)
    }

    /// The same from the schedule's two memory prices.
    @inlinable @inline(__always)
    public static func memoryCost(words: Int, wordCost: Int, quadraticDivisor divisor: Int) -> Int {
        let square = words &* words
        return wordCost &* words &+ (divisor == 512 ? square >> 9 : square / divisor)
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

    /// The gas of a message call once the caller has paid its other charges (the specs'
    /// `calculate_message_call_gas`): the callee gets the requested gas capped at all but one
    /// 64th of what is left (EIP-150), which the caller pays, plus the stipend, which it does
    /// not, when value moves.
    @inlinable @inline(__always)
    public static func messageCallGas(requested: U256, available: Int, transfersValue: Bool,
                                      schedule: GasSchedule) -> (forwarded: Int, stipend: Int) {
        let cap = allButOne64th(available)
        let forwarded = requested.asInt.map { min($0, cap) } ?? cap
        return (forwarded, transfersValue ? schedule.callStipend : 0)
    }

    /// Intrinsic gas of a transaction (yellow paper g0, with EIP-2028 calldata, EIP-2930
    /// access lists, EIP-3860 initcode words and EIP-7702 authorizations), part by part.
    public struct Intrinsic: Sendable, Equatable {
        public var base: Int
        public var calldata: Int
        /// Contract creation and its initcode words (0 for a call).
        public var create: Int
        public var accessList: Int
        public var authorizations: Int

        public var total: Int { base + calldata + create + accessList + authorizations }

        /// The parts as charges, for tracers (the zero ones left out).
        public var charges: [GasCharge] {
            [GasCharge(.intrinsicBase, base), GasCharge(.intrinsicCalldata, calldata), GasCharge(.intrinsicCreate, create),
             GasCharge(.intrinsicAccessList, accessList), GasCharge(.intrinsicAuthorizations, authorizations)]
                .filter { $0.amount != 0 }
        }
    }

    public static func intrinsic(
        data: [UInt8], isCreate: Bool, accessListAddresses: Int = 0, accessListStorageKeys: Int = 0,
        authorizations: Int = 0, schedule: GasSchedule
    ) -> Intrinsic {
        var zeros = 0
        for b in data where b == 0 { zeros += 1 }
        return Intrinsic(
            base: schedule.txBase,
            calldata: zeros * schedule.txDataZero + (data.count - zeros) * schedule.txDataNonZero,
            create: isCreate ? schedule.txCreate + schedule.initcodeWord * words(data.count) : 0,
            accessList: accessListAddresses * schedule.txAccessListAddress + accessListStorageKeys * schedule.txAccessListStorageKey,
            authorizations: authorizations * schedule.authorizationEmptyAccount)
    }

    /// The total intrinsic gas (see `intrinsic`).
    public static func intrinsicGas(
        data: [UInt8], isCreate: Bool, accessListAddresses: Int = 0, accessListStorageKeys: Int = 0,
        authorizations: Int = 0, schedule: GasSchedule
    ) -> Int {
        intrinsic(data: data, isCreate: isCreate, accessListAddresses: accessListAddresses,
                  accessListStorageKeys: accessListStorageKeys, authorizations: authorizations, schedule: schedule).total
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
