import EVMCore
import EVMState

/// The checks of a header against its parent, in the order of the execution specs'
/// `validate_header`, each rule's parameters from the schedule of the header's upgrade.
/// What only execution can tell (gas used, roots, blob gas used) is the importer's.
public enum HeaderValidation {
    /// The smallest gas limit a block may have, and how far it may move from the parent's
    /// (1/1024 of it, exclusive), since Frontier.
    public static let minimumGasLimit = U256(5_000)
    public static let gasLimitBoundDivisor = U256(1_024)
    /// The largest gas limit clients accept (geth's `MaxGasLimit`, 2^63 − 1): gas counters
    /// are signed 64-bit in most clients.
    public static let maxGasLimit = U256(UInt64(Int64.max))
    /// Yellow Paper §4.3.4: extra data is at most 32 bytes.
    public static let maxExtraData = 32

    /// Validates `header` as the child of `parent` under `upgrade`; `parentHasOmmers` is what
    /// the difficulty formula needs before Paris.
    public static func validate(_ header: BlockHeader, parent: BlockHeader, upgrade: Upgrade) throws(BlockError) {
        let schedule = upgrade.schedule
        try checkFormat(header, schedule: schedule)
        if let blobs = upgrade.blobs {
            let expected = HeaderRules.excessBlobGas(parent: parent, schedule: schedule, target: blobs.target,
                                                     max: blobs.max, updateFraction: blobs.updateFraction) ?? .zero
            if header.excessBlobGas != expected { throw .excessBlobGas(expected: expected, got: header.excessBlobGas ?? .zero) }
        }
        if header.gasUsed > header.gasLimit { throw .gasUsedAboveLimit }
        if header.gasLimit > maxGasLimit { throw .gasLimitTooBig(header.gasLimit) }
        // EIP-1559's fork block: the parent's limit counts as its gas target times the elasticity.
        var parentLimit = parent.gasLimit
        if schedule.hasBaseFee && parent.baseFeePerGas == nil {
            parentLimit = parentLimit &* U256(UInt64(schedule.elasticityMultiplier))
        }
        if !gasLimitWithinBounds(header.gasLimit, parent: parentLimit) {
            throw .gasLimitOutOfBounds(limit: header.gasLimit, parent: parentLimit)
        }
        if let expected = HeaderRules.baseFee(parent: parent, schedule: schedule), header.baseFeePerGas != expected {
            throw .baseFee(expected: expected, got: header.baseFeePerGas ?? .zero)
        }
        if header.timestamp <= parent.timestamp { throw .timestampNotAfterParent(header.timestamp) }
        if header.number != parent.number &+ .one { throw .numberNotParentPlusOne(header.number) }
        if header.extraData.count > maxExtraData { throw .extraDataTooLong(header.extraData.count) }
        if schedule.hasProofOfStake {
            if !header.difficulty.isZero || header.nonce.contains(where: { $0 != 0 })
                || header.ommersHash != BlockHeader.emptyOmmersHash { throw .proofOfWorkFields }
        } else {
            let expected = difficulty(header, parent: parent, schedule: schedule)
            if header.difficulty != expected { throw .difficulty(expected: expected, got: header.difficulty) }
            // The seal (ethash) is not checked: the fixtures GasLab runs are filled with
            // `sealEngine: NoProof`.
        }
    }

    /// A header carries exactly its fork's fields.
    static func checkFormat(_ header: BlockHeader, schedule: GasSchedule) throws(BlockError) {
        func check(_ present: Bool, _ wanted: Bool, _ field: String, _ eip: String) throws(BlockError) {
            if present && !wanted { throw .headerFormat("\(field) before \(eip)") }
            if !present && wanted { throw .headerFormat("\(field) missing (\(eip))") }
        }
        try check(header.baseFeePerGas != nil, schedule.hasBaseFee, "base fee", "EIP-1559")
        try check(header.withdrawalsRoot != nil, schedule.hasWithdrawals, "withdrawals root", "EIP-4895")
        try check(header.blobGasUsed != nil, schedule.hasBlobs, "blob gas used", "EIP-4844")
        try check(header.excessBlobGas != nil, schedule.hasBlobs, "excess blob gas", "EIP-4844")
        try check(header.parentBeaconBlockRoot != nil, schedule.hasBeaconRootsCall, "parent beacon block root", "EIP-4788")
        try check(header.requestsHash != nil, schedule.hasExecutionRequests, "requests hash", "EIP-7685")
    }

    /// |limit − parent| < parent / 1024 and limit ≥ 5000.
    public static func gasLimitWithinBounds(_ limit: U256, parent: U256) -> Bool {
        let delta = parent.div(gasLimitBoundDivisor)
        if limit >= parent &+ delta { return false }
        if parent >= delta && limit <= parent &- delta { return false }
        return limit >= minimumGasLimit
    }

    /// The proof-of-work difficulty of a block from its parent (EIP-100's ommer-aware
    /// adjustment with EIP-2's 10-second and Byzantium's 9-second step, and the bomb after the
    /// schedule's delay), at least 131,072.
    public static func difficulty(_ header: BlockHeader, parent: BlockHeader, schedule: GasSchedule) -> U256 {
        let minimum = U256(131_072)
        let step = parent.difficulty.div(U256(2_048))
        let elapsed = header.timestamp &- parent.timestamp  // validated as positive by the caller's order
        let quotient = header.timestamp > parent.timestamp ? elapsed.div(U256(9)) : .zero
        let base: UInt64 = parent.ommersHash == BlockHeader.emptyOmmersHash ? 1 : 2
        var difficulty: U256
        if quotient <= U256(base) {
            difficulty = parent.difficulty &+ step &* (U256(base) &- quotient)
        } else {
            let down = min(quotient &- U256(base), U256(99))
            let fall = step &* down
            difficulty = parent.difficulty > fall ? parent.difficulty &- fall : .zero
        }
        let delay = U256(UInt64(schedule.difficultyBombDelay))
        if header.number >= delay {
            let periods = (header.number &- delay).div(U256(100_000))
            if periods >= U256(2) {
                let exponent = periods &- U256(2)
                if exponent < U256(256) { difficulty = difficulty &+ (U256.one << Int(exponent.w0)) }
            }
        }
        return max(difficulty, minimum)
    }
}
