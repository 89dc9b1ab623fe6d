import EVMCore

/// OP Stack's fees (OP Mainnet, Base) per upgrade, as op-geth's `core/types/rollup_cost.go`
/// and the OP specs compute them, on integers as the chain does:
///
/// - Bedrock (before Regolith): (calldata gas + 68 × 16 + overhead) × l1BaseFee × scalar / 1e6
///   (the 68 bytes stand for the signature).
/// - Regolith: the same without the 68 bytes.
/// - Ecotone: calldata gas × (16 × baseFeeScalar × l1BaseFee + blobBaseFeeScalar × blobBaseFee) / 16e6.
/// - Fjord: max(100e6, −42,585,600 + 836,500 × FastLZ size) × (the same scaled fee) / 1e12.
/// - Isthmus: Fjord's data fee plus the operator fee, gasUsed × operatorFeeScalar / 1e6 + constant.
/// - Jovian: the operator fee becomes gasUsed × operatorFeeScalar × 100 + constant; a minimum L2
///   base fee; each transaction's DA footprint (its estimated size × daFootprintGasScalar) counts
///   toward the block's gas for the base fee.
///
/// Deposit transactions (type 0x7E) and empty data pay no L1 fee.
public enum OPStack {
    public enum Upgrade: String, Sendable, CaseIterable, Comparable {
        case bedrock, regolith, ecotone, fjord, isthmus, jovian

        public static func < (a: Upgrade, b: Upgrade) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }

        /// The parameters the upgrade's formulas read.
        public var parameterKeys: [String] {
            switch self {
            case .bedrock, .regolith: return ["overhead", "scalar"]
            case .ecotone, .fjord: return ["baseFeeScalar", "blobBaseFeeScalar"]
            case .isthmus: return ["baseFeeScalar", "blobBaseFeeScalar", "operatorFeeScalar", "operatorFeeConstant"]
            case .jovian:
                return ["baseFeeScalar", "blobBaseFeeScalar", "operatorFeeScalar", "operatorFeeConstant", "minBaseFee",
                        "daFootprintGasScalar"]
            }
        }
    }

    /// op-geth's Fjord constants.
    public static let costIntercept: Int64 = -42_585_600
    public static let costFastlzCoef: Int64 = 836_500
    public static let minTransactionSizeScaled: Int64 = 100_000_000
    /// Jovian's operator fee multiplier (the scalar is no longer in millionths).
    public static let jovianOperatorFeeMultiplier = U256(100)

    /// The L1 inputs (from the L1Block contract) and the chain's scalars.
    public struct Parameters: Sendable, Equatable {
        public var l1BaseFee: U256
        public var blobBaseFee: U256 = .zero
        /// Bedrock and Regolith: fixed overhead (gas) and scalar in millionths (684,000 = 0.684).
        public var overhead: U256 = .zero
        public var scalar: U256 = .zero
        /// Ecotone on: scalars in millionths.
        public var baseFeeScalar: U256 = .zero
        public var blobBaseFeeScalar: U256 = .zero
        /// Isthmus on.
        public var operatorFeeScalar: U256 = .zero
        public var operatorFeeConstant: U256 = .zero
        /// Jovian.
        public var daFootprintGasScalar: U256 = .zero

        public init(l1BaseFee: U256, blobBaseFee: U256 = .zero, overhead: U256 = .zero, scalar: U256 = .zero,
                    baseFeeScalar: U256 = .zero, blobBaseFeeScalar: U256 = .zero, operatorFeeScalar: U256 = .zero,
                    operatorFeeConstant: U256 = .zero, daFootprintGasScalar: U256 = .zero) {
            self.l1BaseFee = l1BaseFee
            self.blobBaseFee = blobBaseFee
            self.overhead = overhead
            self.scalar = scalar
            self.baseFeeScalar = baseFeeScalar
            self.blobBaseFeeScalar = blobBaseFeeScalar
            self.operatorFeeScalar = operatorFeeScalar
            self.operatorFeeConstant = operatorFeeConstant
            self.daFootprintGasScalar = daFootprintGasScalar
        }
    }

    /// The L1 data fee of one transaction and the values it was computed from.
    public struct DataFee: Sendable, Equatable {
        public var fee: U256
        /// What receipts report as `l1GasUsed`.
        public var l1GasUsed: U256
        /// Before Fjord: 4 per zero byte, 16 per other byte.
        public var calldataGas: U256?
        /// From Fjord.
        public var fastLzSize: Int?
        /// From Fjord: max(100e6, intercept + coef × FastLZ size), bytes × 1e6.
        public var estimatedSizeScaled: U256?
    }

    /// Calldata gas of the signed transaction: 4 per zero byte, 16 per other byte.
    public static func calldataGas(_ tx: [UInt8]) -> U256 {
        let zeros = tx.lazy.filter { $0 == 0 }.count
        return U256(UInt64(zeros * 4 + (tx.count - zeros) * 16))
    }

    /// Fjord's size estimate in bytes × 1e6.
    public static func estimatedSizeScaled(fastLzSize: Int) -> U256 {
        let estimate = costIntercept + costFastlzCoef * Int64(fastLzSize)
        return U256(UInt64(max(minTransactionSizeScaled, estimate)))
    }

    /// 16 × baseFeeScalar × l1BaseFee + blobBaseFeeScalar × blobBaseFee.
    static func scaledFee(_ p: Parameters) -> U256 {
        U256(16) &* p.baseFeeScalar &* p.l1BaseFee &+ p.blobBaseFeeScalar &* p.blobBaseFee
    }

    /// The L1 data fee in wei of a signed, EIP-2718-encoded transaction.
    public static func dataFee(_ tx: [UInt8], upgrade: Upgrade, _ p: Parameters) -> DataFee {
        if tx.isEmpty || tx.first == 0x7e { return DataFee(fee: .zero, l1GasUsed: .zero) }
        let million = U256(1_000_000)
        switch upgrade {
        case .bedrock, .regolith:
            var gas = calldataGas(tx)
            if upgrade == .bedrock { gas = gas &+ U256(68 * 16) }
            let withOverhead = gas &+ p.overhead
            return DataFee(fee: (withOverhead &* p.l1BaseFee &* p.scalar).div(million), l1GasUsed: withOverhead,
                           calldataGas: gas)
        case .ecotone:
            let gas = calldataGas(tx)
            return DataFee(fee: (gas &* scaledFee(p)).div(U256(16) &* million), l1GasUsed: gas, calldataGas: gas)
        case .fjord, .isthmus, .jovian:
            let size = FastLZ.compressedLength(tx)
            let estimate = estimatedSizeScaled(fastLzSize: size)
            return DataFee(fee: (estimate &* scaledFee(p)).div(U256(1_000_000_000_000)),
                           l1GasUsed: (estimate &* U256(16)).div(million), fastLzSize: size, estimatedSizeScaled: estimate)
        }
    }

    /// The operator fee of a transaction that used `gasUsed` (zero before Isthmus and for
    /// deposits): Isthmus gasUsed × scalar / 1e6 + constant, Jovian gasUsed × scalar × 100 + constant.
    public static func operatorFee(gasUsed: U256, upgrade: Upgrade, _ p: Parameters) -> U256 {
        switch upgrade {
        case .bedrock, .regolith, .ecotone, .fjord: return .zero
        case .isthmus: return (gasUsed &* p.operatorFeeScalar).div(U256(1_000_000)) &+ p.operatorFeeConstant
        case .jovian: return gasUsed &* p.operatorFeeScalar &* jovianOperatorFeeMultiplier &+ p.operatorFeeConstant
        }
    }

    /// Jovian: the gas a transaction's data counts for in its block's DA footprint (estimated
    /// size in bytes × daFootprintGasScalar); it moves the base fee, it is not charged.
    public static func daFootprint(_ tx: [UInt8], _ p: Parameters) -> U256 {
        if tx.isEmpty || tx.first == 0x7e { return .zero }
        return estimatedSizeScaled(fastLzSize: FastLZ.compressedLength(tx)).div(U256(1_000_000)) &* p.daFootprintGasScalar
    }
}
