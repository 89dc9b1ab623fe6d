import EVMCore
import EVMState

/// The header fields a block's parent determines, by the fork's rules (every parameter from
/// the schedule): the EIP-1559 base fee and the EIP-4844 excess blob gas (with EIP-7691's
/// parameters from Prague and EIP-7918's reserve price from Osaka).
public enum HeaderRules {
    /// EIP-1559's INITIAL_BASE_FEE: the fork block's base fee (1 gwei).
    public static let initialBaseFee = U256(1_000_000_000)

    /// EIP-1559: the base fee of a block whose parent is `parent` (nil before London). The
    /// fee moves toward the parent's gas target by at most 1/8, at least 1 wei up.
    public static func baseFee(parent: BlockHeader, schedule: GasSchedule) -> U256? {
        guard schedule.hasBaseFee else { return nil }
        // The fork block: EIP-1559's initial base fee.
        guard let parentFee = parent.baseFeePerGas else { return initialBaseFee }
        let target = parent.gasLimit.div(U256(UInt64(schedule.elasticityMultiplier)))
        let denominator = U256(UInt64(schedule.baseFeeMaxChangeDenominator))
        if parent.gasUsed == target || target.isZero { return parentFee }
        if parent.gasUsed > target {
            let delta = (parentFee &* (parent.gasUsed &- target)).div(target).div(denominator)
            return parentFee &+ max(delta, .one)
        }
        let delta = (parentFee &* (target &- parent.gasUsed)).div(target).div(denominator)
        return parentFee &- delta
    }

    /// EIP-4844: the excess blob gas of a block whose parent is `parent` (nil before Cancun;
    /// zero after a parent without blob fields, the fork block). From Osaka (EIP-7918), when
    /// blobs are cheaper than `blobBaseCost` execution gas, the excess grows by the used
    /// share above the target instead of falling.
    public static func excessBlobGas(parent: BlockHeader, schedule: GasSchedule,
                                     target: Int? = nil, max blobMax: Int? = nil,
                                     updateFraction: Int? = nil) -> U256? {
        guard schedule.hasBlobs else { return nil }
        let excess = parent.excessBlobGas ?? .zero
        let used = parent.blobGasUsed ?? .zero
        let perBlob = U256(UInt64(schedule.blobGasPerBlob))
        let targetBlobs = U256(UInt64(target ?? schedule.blobTarget))
        let maxBlobs = U256(UInt64(blobMax ?? schedule.blobMax))
        let targetGas = perBlob &* targetBlobs
        let parentBlobGas = excess &+ used
        if parentBlobGas < targetGas { return .zero }
        if let baseCost = schedule.blobBaseCost {
            let fraction = U256(UInt64(updateFraction ?? schedule.blobBaseFeeUpdateFraction))
            let blobPrice = BlobFee.fakeExponential(factor: .one, numerator: excess, denominator: fraction)
            let parentFee = parent.baseFeePerGas ?? .zero
            if U256(UInt64(baseCost)) &* parentFee > perBlob &* blobPrice {
                return excess &+ (used &* (maxBlobs &- targetBlobs)).div(maxBlobs)
            }
        }
        return parentBlobGas &- targetGas
    }
}
