/// Everything fork-specific about gas and validity, in one place.
///
/// Istanbul is written out in full; every later fork is the previous one plus the EIPs it
/// adds, one named patch per EIP (`eip2929`, `eip3529`, ...), so the patches read as an audit
/// trail. The rest of GasLab asks the schedule rather than comparing forks.
public struct GasSchedule: Sendable {
    public internal(set) var fork: Fork

    // MARK: Opcodes
    /// Constant gas charged before each opcode runs; `undefined` for opcodes this fork lacks.
    public internal(set) var baseCost: [Int32]
    public static let undefined: Int32 = -1

    // MARK: Memory, copies, hashing, logs (yellow paper, unchanged since Frontier)
    public internal(set) var memoryWord: Int = 3
    public internal(set) var memoryQuadraticDivisor: Int = 512
    public internal(set) var copyWord: Int = 3
    public internal(set) var keccakWord: Int = 6
    public internal(set) var logTopic: Int = 375
    public internal(set) var logDataByte: Int = 8
    /// EIP-160: per byte of exponent.
    public internal(set) var expByte: Int = 50

    // MARK: State access (EIP-2929 from Berlin)
    /// Whether accounts and slots are warm/cold (EIP-2929).
    public internal(set) var hasAccessLists = false
    public internal(set) var warmStorageRead: Int = 0
    public internal(set) var coldSload: Int = 0
    public internal(set) var coldAccountAccess: Int = 0

    // MARK: SSTORE (EIP-2200, EIP-2929, EIP-3529)
    /// Gas of SLOAD in the EIP-2200 formulas (800 in Istanbul, the warm read from Berlin).
    public internal(set) var sstoreNoopCost: Int = 800
    public internal(set) var sstoreSet: Int = 20_000
    public internal(set) var sstoreReset: Int = 5_000
    public internal(set) var sstoreClearRefund: Int = 15_000
    /// EIP-2200: SSTORE fails when no more than this is left.
    public internal(set) var sstoreSentry: Int = 2_300

    // MARK: Calls, creation, self-destruct
    public internal(set) var callValueTransfer: Int = 9_000
    public internal(set) var callStipend: Int = 2_300
    public internal(set) var callNewAccount: Int = 25_000
    public internal(set) var codeDepositByte: Int = 200
    /// EIP-170.
    public internal(set) var maxCodeSize: Int = 24_576
    /// EIP-3860 (Shanghai): nil before.
    public internal(set) var maxInitcodeSize: Int? = nil
    public internal(set) var initcodeWord: Int = 0
    /// EIP-3541 (London): new code may not start with 0xEF.
    public internal(set) var rejectsCodeStartingWithEF = false
    public internal(set) var selfdestructNewAccount: Int = 25_000
    public internal(set) var selfdestructRefund: Int = 24_000
    /// EIP-6780 (Cancun): SELFDESTRUCT deletes only accounts created in the same transaction.
    public internal(set) var selfdestructOnlyInCreatingTransaction = false
    /// EIP-161: empty accounts a transaction touched are deleted at its end. EIP-7523 (Paris)
    /// drops the rule, as no empty account can exist on mainnet any more.
    public internal(set) var deletesTouchedEmptyAccounts = true
    public static let maxCallDepth = 1_024
    public static let maxStackHeight = 1_024

    // MARK: Refunds
    /// Refunds are capped at gasUsed / quotient: 2 before London, 5 from EIP-3529.
    public internal(set) var refundQuotient: Int = 2

    // MARK: Transactions
    public internal(set) var txBase: Int = 21_000
    public internal(set) var txCreate: Int = 32_000
    public internal(set) var txDataZero: Int = 4
    /// EIP-2028.
    public internal(set) var txDataNonZero: Int = 16
    /// EIP-2930.
    public internal(set) var txAccessListAddress: Int = 0
    public internal(set) var txAccessListStorageKey: Int = 0
    /// EIP-7623 (Prague): gas per calldata token for the floor; nil before.
    public internal(set) var calldataFloorPerToken: Int? = nil
    /// EIP-7623: tokens per non-zero byte (a zero byte is one token).
    public let tokensPerNonZeroByte = 4
    /// EIP-7702 (Prague).
    public internal(set) var hasSetCode = false
    public internal(set) var authorizationEmptyAccount: Int = 0
    public internal(set) var authorizationBase: Int = 0
    /// EIP-7825 (Osaka): the largest gas limit a transaction may have.
    public internal(set) var txGasLimitCap: Int? = nil
    /// EIP-1559 (London): base fee and type-2 transactions.
    public internal(set) var hasBaseFee = false
    /// EIP-1559: the base fee moves by at most 1/denominator a block, toward the gas target
    /// (the gas limit / elasticity multiplier).
    public internal(set) var baseFeeMaxChangeDenominator: Int = 0
    public internal(set) var elasticityMultiplier: Int = 1
    /// EIP-2930 (Berlin): typed transactions with access lists.
    public internal(set) var hasTypedTransactions = false
    /// EIP-3651 (Shanghai): the coinbase starts warm.
    public internal(set) var warmCoinbase = false
    /// EIP-4844 (Cancun): blob transactions.
    public internal(set) var hasBlobs = false
    /// EIP-4788 (Cancun): each block starts with a system call storing the parent beacon root.
    public internal(set) var hasBeaconRootsCall = false
    /// EIP-2935 (Prague): each block starts with a system call storing the parent's hash.
    public internal(set) var hasBlockHashHistoryCall = false
    /// EIP-7685 (Prague): blocks carry execution-layer requests (EIP-6110 deposits from logs,
    /// EIP-7002 withdrawals and EIP-7251 consolidations from system calls after the
    /// transactions) and commit to them in the header's requests hash.
    public internal(set) var hasExecutionRequests = false
    /// EIP-4895 (Shanghai): blocks carry validator withdrawals and a withdrawals root.
    public internal(set) var hasWithdrawals = false

    // MARK: Blocks before the merge (Yellow Paper §11.3, EIP-1234, EIP-3675)
    /// The miner's reward per block (2 ETH since Constantinople's EIP-1234); ommers earn
    /// their share of it. Nil from Paris (EIP-3675): proof of stake pays no block reward.
    public internal(set) var blockReward: U256? = U256(2_000_000_000_000_000_000 as UInt64)
    /// EIP-3675 (Paris): difficulty 0, nonce 0 and no ommers in every header.
    public internal(set) var hasProofOfStake = false
    /// The difficulty bomb's delay in blocks: 5,000,000 in Istanbul (EIP-1234), 9,000,000
    /// from Muir Glacier (EIP-2384, in force at Berlin), 9,700,000 from London (EIP-3554).
    public internal(set) var difficultyBombDelay: Int = 5_000_000
    /// EIP-7934 (Osaka): the largest RLP-encoded block, 10 MiB less a 2 MiB margin.
    public internal(set) var maxBlockRLPSize: Int? = nil

    // MARK: Blobs (EIP-4844, EIP-7691, EIP-7918); a state test's config may override
    public internal(set) var blobGasPerBlob: Int = 131_072
    public internal(set) var blobTarget: Int = 0
    public internal(set) var blobMax: Int = 0
    public internal(set) var blobBaseFeeUpdateFraction: Int = 0
    /// EIP-7918 (Osaka): the blob base fee is bounded below by the execution base fee: blob
    /// gas is priced at least at `blobBaseCost` execution gas per blob (nil before Osaka).
    public internal(set) var blobBaseCost: Int? = nil
    /// EIP-7594 (Osaka): at most this many blobs in one transaction.
    public internal(set) var maxBlobsPerTransaction: Int? = nil

    // MARK: Precompiles
    /// Addresses of the active precompiles (0x01 … 0x09 Istanbul, 0x0a Cancun, 0x0b … 0x11
    /// Prague, 0x100 Osaka).
    public internal(set) var precompiles: [UInt64] = Array(1...9)
    public enum ModexpPricing: Sendable { case eip198, eip2565, eip7883 }
    public internal(set) var modexpPricing: ModexpPricing = .eip198
    /// EIP-7823 (Osaka): the largest base, exponent or modulus length.
    public internal(set) var modexpMaxLength: Int? = nil

    // MARK: Derived

    /// The cost of an SSTORE and the refund change it makes, per storage status (see
    /// `StorageStatus`), warm; a cold slot adds `coldSload`.
    public var sstoreCosts: [(cost: Int, refund: Int)] {
        let noop = sstoreNoopCost
        return StorageStatus.allCases.map { status in
            switch status {
            case .assigned: return (noop, 0)
            case .added: return (sstoreSet, 0)
            case .deleted: return (sstoreReset, sstoreClearRefund)
            case .modified: return (sstoreReset, 0)
            case .deletedAdded: return (noop, -sstoreClearRefund)
            case .modifiedDeleted: return (noop, sstoreClearRefund)
            case .deletedRestored: return (noop, sstoreReset - noop - sstoreClearRefund)
            case .addedDeleted: return (noop, sstoreSet - noop)
            case .modifiedRestored: return (noop, sstoreReset - noop)
            }
        }
    }

    /// What an opcode's constant cost already holds of EIP-2929's access cost.
    public enum AccessPricing: Sendable {
        /// The constant cost is the warm read (BALANCE, EXTCODE*, CALL*, SLOAD): a cold access
        /// adds the difference.
        case warmInConstant
        /// Only a cold access costs, in full (SSTORE's slot, SELFDESTRUCT's beneficiary).
        case coldOnly
        /// Warm read or cold access in full, nothing in the constant cost (EIP-7702: the
        /// delegation target of a called account).
        case full
    }

    /// EIP-2929's cost of an access beyond the opcode's constant cost: the one rule for every
    /// account and slot access. Zero before Berlin, where the access costs are zero.
    @inlinable @inline(__always)
    public func accessCost(_ access: Access, slot: Bool, pricing: AccessPricing) -> Int {
        let cold = slot ? coldSload : coldAccountAccess
        switch (pricing, access) {
        case (.warmInConstant, .cold): return cold &- warmStorageRead
        case (.coldOnly, .cold), (.full, .cold): return cold
        case (.full, .warm): return warmStorageRead
        case (.warmInConstant, .warm), (.coldOnly, .warm): return 0
        }
    }

    /// Whether a precompile address is active.
    public func isPrecompile(_ address: Address) -> Bool {
        address.high == 0 && address.middle == 0 && precompiles.contains(address.low)
    }

    /// The schedule of a fork, built once.
    public static func of(_ fork: Fork) -> GasSchedule { all[fork.rawValue] }

    static let all: [GasSchedule] = {
        var list: [GasSchedule] = []
        var s = GasSchedule.istanbul()
        list.append(s)
        for fork in Fork.allCases.dropFirst() {
            s = s.next(fork)
            list.append(s)
        }
        return list
    }()
}

/// How an SSTORE changes a slot, given its original value (at the start of the transaction),
/// its current value and the new one: EIP-2200's cases, named as evmone names them.
public enum StorageStatus: Int, CaseIterable, Sendable {
    /// current ≠ original (already dirty), or new = current: only the read is paid.
    case assigned
    /// 0 → 0 → Z
    case added
    /// X → X → 0
    case deleted
    /// X → X → Z
    case modified
    /// X → 0 → Z
    case deletedAdded
    /// X → Y → 0
    case modifiedDeleted
    /// X → 0 → X
    case deletedRestored
    /// 0 → Y → 0
    case addedDeleted
    /// X → Y → X
    case modifiedRestored

    /// Classifies a write of `new` to a slot holding `current`, originally `original`.
    @inlinable
    public static func of(original: U256, current: U256, new: U256) -> StorageStatus {
        if current == new { return .assigned }
        if original == current {
            if original.isZero { return .added }
            return new.isZero ? .deleted : .modified
        }
        // Dirty slot.
        if original.isZero {
            return new.isZero ? .addedDeleted : .assigned
        }
        if current.isZero {
            return new == original ? .deletedRestored : .deletedAdded
        }
        if new.isZero { return .modifiedDeleted }
        return new == original ? .modifiedRestored : .assigned
    }
}

// MARK: - Forks as patches

extension GasSchedule {
    /// Istanbul in full (EIP-1884, EIP-2028, EIP-2200 included).
    static func istanbul() -> GasSchedule {
        var c = [Int32](repeating: GasSchedule.undefined, count: 256)
        func set(_ op: UInt8, _ cost: Int32) { c[Int(op)] = cost }
        set(0x00, 0)
        for op in [0x01, 0x03] as [UInt8] { set(op, 3) }  // ADD SUB
        for op in [0x02, 0x04, 0x05, 0x06, 0x07, 0x0b] as [UInt8] { set(op, 5) }
        set(0x08, 8); set(0x09, 8)
        set(0x0a, 10)
        for op: UInt8 in 0x10...0x1d { set(op, 3) }
        set(0x20, 30)
        for op: UInt8 in [0x30, 0x32, 0x33, 0x34, 0x36, 0x38, 0x3a, 0x3d] { set(op, 2) }
        set(0x31, 700)  // BALANCE (EIP-1884)
        set(0x35, 3); set(0x37, 3); set(0x39, 3); set(0x3e, 3)
        set(0x3b, 700); set(0x3c, 700); set(0x3f, 700)
        set(0x40, 20)
        for op: UInt8 in 0x41...0x46 { set(op, 2) }
        set(0x47, 5)  // SELFBALANCE (EIP-1884)
        set(0x50, 2)
        set(0x51, 3); set(0x52, 3); set(0x53, 3)
        set(0x54, 800)  // SLOAD (EIP-1884)
        set(0x55, 0)  // SSTORE: all dynamic
        set(0x56, 8); set(0x57, 10)
        set(0x58, 2); set(0x59, 2); set(0x5a, 2)
        set(0x5b, 1)
        for op: UInt8 in 0x60...0x9f { set(op, 3) }  // PUSH, DUP, SWAP
        for n in 0...4 { set(UInt8(0xa0 + n), Int32(375 + 375 * n)) }
        set(0xf0, 32_000); set(0xf5, 32_000)
        set(0xf1, 700); set(0xf2, 700); set(0xf4, 700); set(0xfa, 700)
        set(0xf3, 0); set(0xfd, 0)
        set(0xfe, 0)  // INVALID is defined but consumes all gas by failing.
        set(0xff, 5_000)
        return GasSchedule(fork: .istanbul, baseCost: c)
    }

    /// The next fork: this one plus the EIPs it adds.
    func next(_ fork: Fork) -> GasSchedule {
        var s = self
        s.fork = fork
        switch fork {
        case .istanbul: break
        case .berlin:
            s.eip2384()
            s.eip2929()
            s.eip2930()
            s.eip2565()
        case .london:
            s.eip1559()
            s.eip3198()
            s.eip3529()
            s.eip3541()
            s.eip3554()
        case .paris:
            s.eip3675()
            s.eip7523()  // EIP-4399 also renames DIFFICULTY to PREVRANDAO; no gas change.
        case .shanghai:
            s.eip3651()
            s.eip3855()
            s.eip3860()
            s.eip4895()
        case .cancun:
            s.eip1153()
            s.eip4788()
            s.eip4844()
            s.eip5656()
            s.eip6780()
            s.eip7516()
        case .prague:
            s.eip2537()
            s.eip2935()
            s.eip7623()
            s.eip7691()
            s.eip7702()
            s.eip7685()
        case .osaka:
            s.eip7823()
            s.eip7825()
            s.eip7883()
            s.eip7918()
            s.eip7934()
            s.eip7594()
            s.eip7939()
            s.eip7951()
        }
        return s
    }

    /// EIP-2929: warm/cold state access. Base costs drop to the warm read; the cold
    /// surcharge is charged by the opcode.
    mutating func eip2929() {
        hasAccessLists = true
        warmStorageRead = 100
        coldSload = 2_100
        coldAccountAccess = 2_600
        for op: UInt8 in [0x31, 0x3b, 0x3c, 0x3f, 0x54, 0xf1, 0xf2, 0xf4, 0xfa] { baseCost[Int(op)] = 100 }
        sstoreNoopCost = 100
        sstoreReset = 5_000 - 2_100
    }

    /// EIP-2930: access lists in transactions.
    mutating func eip2930() {
        hasTypedTransactions = true
        txAccessListAddress = 2_400
        txAccessListStorageKey = 1_900
    }

    /// EIP-2565: cheaper MODEXP.
    mutating func eip2565() { modexpPricing = .eip2565 }

    /// EIP-1559: base fee.
    mutating func eip1559() {
        hasBaseFee = true
        baseFeeMaxChangeDenominator = 8
        elasticityMultiplier = 2
    }

    /// EIP-3198: BASEFEE.
    mutating func eip3198() { baseCost[0x48] = 2 }

    /// EIP-3529: smaller refunds, no SELFDESTRUCT refund.
    mutating func eip3529() {
        sstoreClearRefund = 4_800  // SSTORE_RESET (2,900) + ACCESS_LIST_STORAGE_KEY (1,900)
        selfdestructRefund = 0
        refundQuotient = 5
    }

    /// EIP-3541: no new code starting with 0xEF.
    mutating func eip3541() { rejectsCodeStartingWithEF = true }

    /// EIP-7523: empty accounts deprecated (no more touch-deletion).
    mutating func eip7523() { deletesTouchedEmptyAccounts = false }

    /// EIP-3651: warm coinbase.
    mutating func eip3651() { warmCoinbase = true }

    /// EIP-3855: PUSH0.
    mutating func eip3855() { baseCost[0x5f] = 2 }

    /// EIP-3860: initcode size limit and word cost.
    mutating func eip3860() {
        maxInitcodeSize = 2 * maxCodeSize
        initcodeWord = 2
    }

    /// EIP-1153: TLOAD and TSTORE.
    mutating func eip1153() {
        baseCost[0x5c] = 100
        baseCost[0x5d] = 100
    }

    /// EIP-4844: blobs, BLOBHASH, point evaluation at 0x0a.
    mutating func eip4844() {
        hasBlobs = true
        baseCost[0x49] = 3
        blobTarget = 3
        blobMax = 6
        blobBaseFeeUpdateFraction = 3_338_477
        precompiles.append(0x0a)
    }

    /// EIP-4788: the beacon roots contract, called by the system before the transactions.
    mutating func eip4788() { hasBeaconRootsCall = true }

    /// EIP-2384 (Muir Glacier, before Berlin): the bomb delayed to 9,000,000 blocks.
    mutating func eip2384() { difficultyBombDelay = 9_000_000 }

    /// EIP-3554 (London): the bomb delayed to 9,700,000 blocks.
    mutating func eip3554() { difficultyBombDelay = 9_700_000 }

    /// EIP-3675: proof of stake; no block reward, no ommers, no difficulty.
    mutating func eip3675() {
        hasProofOfStake = true
        blockReward = nil
    }

    /// EIP-4895: beacon-chain withdrawals.
    mutating func eip4895() { hasWithdrawals = true }

    /// EIP-7934: MAX_BLOCK_SIZE (10 MiB) − SAFETY_MARGIN (2 MiB).
    mutating func eip7934() { maxBlockRLPSize = 10_485_760 - 2_097_152 }

    /// EIP-2935: the history contract, called by the system before the transactions.
    mutating func eip2935() { hasBlockHashHistoryCall = true }

    /// EIP-7685 with EIP-6110, EIP-7002 and EIP-7251: execution-layer requests.
    mutating func eip7685() { hasExecutionRequests = true }

    /// EIP-5656: MCOPY.
    mutating func eip5656() { baseCost[0x5e] = 3 }

    /// EIP-6780: SELFDESTRUCT only in the creating transaction.
    mutating func eip6780() { selfdestructOnlyInCreatingTransaction = true }

    /// EIP-7516: BLOBBASEFEE.
    mutating func eip7516() { baseCost[0x4a] = 2 }

    /// EIP-2537: BLS12-381 precompiles at 0x0b … 0x11.
    mutating func eip2537() { precompiles.append(contentsOf: 0x0b...0x11) }

    /// EIP-7623: calldata floor.
    mutating func eip7623() { calldataFloorPerToken = 10 }

    /// EIP-7691: more blobs.
    mutating func eip7691() {
        blobTarget = 6
        blobMax = 9
        blobBaseFeeUpdateFraction = 5_007_716
    }

    /// EIP-7702: set-code transactions.
    mutating func eip7702() {
        hasSetCode = true
        authorizationEmptyAccount = 25_000
        authorizationBase = 12_500
    }

    /// EIP-7823: MODEXP lengths at most 1,024 bytes.
    mutating func eip7823() { modexpMaxLength = 1_024 }

    /// EIP-7825: transaction gas limit cap.
    mutating func eip7825() { txGasLimitCap = 1 << 24 }

    /// EIP-7883: MODEXP repriced.
    mutating func eip7883() { modexpPricing = .eip7883 }

    /// EIP-7918: blob base fee bounded by execution cost.
    mutating func eip7918() { blobBaseCost = 1 << 13 }

    /// EIP-7594: at most 6 blobs per transaction.
    mutating func eip7594() { maxBlobsPerTransaction = 6 }

    /// EIP-7939: CLZ.
    mutating func eip7939() { baseCost[0x1e] = 5 }

    /// EIP-7951: P256VERIFY at 0x100.
    mutating func eip7951() { precompiles.append(0x100) }
}

extension GasSchedule {
    init(fork: Fork, baseCost: [Int32]) {
        self.fork = fork
        self.baseCost = baseCost
    }
}
