import EVMCore

/// Arbitrum Nitro's L1 component, as ArbOS computes it (`arbos/l1pricing`, the gas-charging
/// hook of `arbos/tx_processor.go`):
///
/// - units = 16 × the length of the signed transaction compressed by brotli (window 22) at
///   level 0 before ArbOS 20 and level 1 from ArbOS 20 (Atlas, March 2024);
/// - poster cost = units × the L1 pricer's price per unit;
/// - poster gas = ⌊poster cost / L2 base fee⌋ (rounded down), charged as gas at the base fee,
///   so the poster fee is posterGas × base fee; the transaction's gas limit must cover its
///   execution gas plus the poster gas, and its receipt's gasUsed includes the poster gas.
///
/// The price per unit is not the L1 base fee: ArbOS moves it toward what batches actually
/// cost the batch poster (a controller on the surplus with inertia and equilibration units).
/// GasLab models its equilibrium from what a batch of a given compressed size costs on L1,
/// in calldata before the blob era or in blobs after it (`PricePerUnitModel`).
public enum ArbitrumFee {
    public enum Era: String, Sendable, CaseIterable {
        /// ArbOS before 20: brotli level 0, batches in calldata.
        case nitro
        /// ArbOS 20 (Atlas) and later: brotli level 1, batches in blobs.
        case atlas

        public var brotliLevel: Int32 { self == .nitro ? 0 : 1 }
    }

    public enum FeeError: Error, Equatable, CustomStringConvertible {
        case compression(String)
        case zeroBaseFee
        public var description: String {
            switch self {
            case .compression(let e): return "Arbitrum poster cost: \(e)"
            case .zeroBaseFee: return "Arbitrum poster gas: the L2 base fee is zero"
            }
        }
    }

    /// L1 units of a transaction: 16 × len(brotli(tx)).
    public static func units(_ tx: [UInt8], era: Era) throws(FeeError) -> U256 {
        do {
            return U256(UInt64(16 * (try Brotli.compressedLength(tx, quality: era.brotliLevel))))
        } catch {
            throw .compression("\(error)")
        }
    }

    /// A transaction's poster charge and the values it comes from.
    public struct Poster: Sendable, Equatable {
        public var compressedBytes: Int
        public var units: U256
        public var pricePerUnit: U256
        public var posterCost: U256
        /// ⌊posterCost / l2BaseFee⌋.
        public var posterGas: U256
        /// posterGas × l2BaseFee (at most posterCost).
        public var posterFee: U256
    }

    public static func poster(_ tx: [UInt8], era: Era, pricePerUnit: U256, l2BaseFee: U256) throws(FeeError) -> Poster {
        guard !l2BaseFee.isZero else { throw .zeroBaseFee }
        let u = try units(tx, era: era)
        let cost = u &* pricePerUnit
        let gas = cost.div(l2BaseFee)
        return Poster(compressedBytes: Int(u.w0 / 16), units: u, pricePerUnit: pricePerUnit, posterCost: cost,
                      posterGas: gas, posterFee: gas &* l2BaseFee)
    }

    /// What a batch of `batchBytes` compressed bytes costs the batch poster on L1, over its
    /// units (16 per byte): the price per unit at which the L1 pricer's surplus stays at zero.
    public enum PricePerUnitModel: Sendable, Equatable {
        /// Before blobs: the batch is calldata (16 gas per byte, the compressed bytes being
        /// nearly all non-zero) plus `perBatchGas` of L1 gas for the batch transaction.
        case calldata(l1BaseFee: U256, perBatchGas: U256, batchBytes: U256)
        /// Blobs: ⌈batchBytes / bytesPerBlob⌉ blobs of 131,072 blob gas at the blob base fee,
        /// plus `perBatchGas` of L1 gas at the L1 base fee.
        case blobs(blobBaseFee: U256, l1BaseFee: U256, perBatchGas: U256, batchBytes: U256, bytesPerBlob: U256)

        public var pricePerUnit: U256 {
            switch self {
            case .calldata(let fee, let perBatch, let bytes):
                let units = U256(16) &* bytes
                guard !units.isZero else { return fee }
                return (fee &* (units &+ perBatch)).div(units)
            case .blobs(let blobFee, let fee, let perBatch, let bytes, let perBlob):
                let units = U256(16) &* bytes
                guard !units.isZero, !perBlob.isZero else { return .zero }
                let (q, r) = bytes.quotientAndRemainder(dividingBy: perBlob)
                let blobs = r.isZero ? q : q &+ .one
                return (blobs &* BlobMarket.gasPerBlob &* blobFee &+ perBatch &* fee).div(units)
            }
        }

        public var assumption: String {
            switch self {
            case .calldata(_, let perBatch, let bytes):
                return "batches of \(bytes.decimalString) compressed bytes posted as calldata, \(perBatch.decimalString) L1 gas per batch"
            case .blobs(_, _, let perBatch, let bytes, let perBlob):
                return "batches of \(bytes.decimalString) compressed bytes in blobs of \(perBlob.decimalString) usable bytes, "
                    + "\(perBatch.decimalString) L1 gas per batch"
            }
        }
    }
}
