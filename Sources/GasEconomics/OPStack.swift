import EVMCore

/// OP Stack's L1 data fee (Optimism, Base), in its three forms (../shared/docs/GAS-FACTS.md,
/// op-geth `core/types/rollup_cost.go`). All arithmetic is on integers, as the chain does it.
public enum OPStack {
    public enum Era: String, Sendable, CaseIterable { case bedrock, ecotone, fjord }

    /// The L1 parameters the fee reads from the L1Block contract.
    public struct Parameters: Sendable, Equatable {
        public var l1BaseFee: U256
        public var blobBaseFee: U256
        /// Bedrock: overhead and scalar (scalar with 6 decimals: 684,000 = 0.684).
        public var overhead: U256
        public var scalar: U256
        /// Ecotone and Fjord: integer scalars with 6 decimals.
        public var baseFeeScalar: U256
        public var blobBaseFeeScalar: U256

        public init(l1BaseFee: U256, blobBaseFee: U256, overhead: U256 = U256(188), scalar: U256 = U256(684_000),
                    baseFeeScalar: U256, blobBaseFeeScalar: U256) {
            self.l1BaseFee = l1BaseFee
            self.blobBaseFee = blobBaseFee
            self.overhead = overhead
            self.scalar = scalar
            self.baseFeeScalar = baseFeeScalar
            self.blobBaseFeeScalar = blobBaseFeeScalar
        }

        /// Base's published Ecotone-era scalars (1,101 and 659,851).
        public static func base(l1BaseFee: U256, blobBaseFee: U256) -> Parameters {
            Parameters(l1BaseFee: l1BaseFee, blobBaseFee: blobBaseFee, baseFeeScalar: U256(1_101), blobBaseFeeScalar: U256(659_851))
        }

        /// OP Mainnet's (1,368 and 810,949; Bedrock overhead 188, scalar 0.684).
        public static func opMainnet(l1BaseFee: U256, blobBaseFee: U256) -> Parameters {
            Parameters(l1BaseFee: l1BaseFee, blobBaseFee: blobBaseFee, baseFeeScalar: U256(1_368), blobBaseFeeScalar: U256(810_949))
        }
    }

    /// Calldata gas of the signed transaction: 4 per zero byte, 16 per other byte.
    public static func calldataGas(_ tx: [UInt8]) -> U256 {
        let zeros = tx.lazy.filter { $0 == 0 }.count
        return U256(UInt64(zeros * 4 + (tx.count - zeros) * 16))
    }

    /// The L1 data fee in wei of a signed, RLP-encoded transaction.
    public static func l1Fee(_ tx: [UInt8], era: Era, _ p: Parameters) -> U256 {
        let million = U256(1_000_000)
        switch era {
        case .bedrock:
            // (calldataGas + overhead) · l1BaseFee · scalar / 1e6
            return ((calldataGas(tx) &+ p.overhead) &* p.l1BaseFee &* p.scalar).div(million)
        case .ecotone:
            // calldataGas · (16 · baseFeeScalar · l1BaseFee + blobBaseFeeScalar · blobBaseFee) / (16 · 1e6)
            let scaled = U256(16) &* p.baseFeeScalar &* p.l1BaseFee &+ p.blobBaseFeeScalar &* p.blobBaseFee
            return (calldataGas(tx) &* scaled).div(U256(16) &* million)
        case .fjord:
            // max(100e6, −42,585,600 + 836,500 · fastlzSize) · l1FeeScaled / 1e12
            let scaled = U256(16) &* p.baseFeeScalar &* p.l1BaseFee &+ p.blobBaseFeeScalar &* p.blobBaseFee
            let size = Int64(FastLZ.compressedLength(tx))
            let estimate = max(Int64(100_000_000), -42_585_600 + 836_500 * size)
            return (U256(UInt64(estimate)) &* scaled).div(U256(1_000_000_000_000))
        }
    }
}

/// Arbitrum Nitro's L1 component, charged in L2 gas: the signed transaction compressed with
/// brotli at quality 0 ("brotli-zero"), 16 units per byte, times the L1 price per unit.
public enum ArbitrumFee {
    /// L1 units of a transaction: 16 · len(brotli-0(tx)).
    public static func units(_ tx: [UInt8]) -> U256 { U256(UInt64(16 * Brotli.compressedLength(tx, quality: 0))) }

    /// The poster cost in wei.
    public static func posterCost(_ tx: [UInt8], pricePerUnit: U256) -> U256 { units(tx) &* pricePerUnit }

    /// The poster cost as L2 gas at an L2 base fee (rounded up).
    public static func posterGas(_ tx: [UInt8], pricePerUnit: U256, l2BaseFee: U256) -> U256 {
        let cost = posterCost(tx, pricePerUnit: pricePerUnit)
        let (q, r) = cost.quotientAndRemainder(dividingBy: l2BaseFee)
        return r.isZero ? q : q &+ .one
    }

    /// Nitro's minimum L2 base fee: 0.01 gwei.
    public static let l2BaseFeeFloor = U256(10_000_000)
}

/// Data carried in blobs (EIP-4844): 131,072 blob gas per blob of 4,096 field elements of
/// which 31 bytes each carry data in the usual packing.
public enum BlobData {
    public static let gasPerBlob = U256(131_072)
    public static let usableBytesPerBlob = 4_096 * 31

    /// Blobs needed for `bytes` of data.
    public static func blobs(for bytes: Int) -> Int { (bytes + usableBytesPerBlob - 1) / usableBytesPerBlob }

    /// The blob fee in wei for `bytes` of data at a blob base fee.
    public static func fee(bytes: Int, blobBaseFee: U256) -> U256 {
        U256(UInt64(blobs(for: bytes))) &* gasPerBlob &* blobBaseFee
    }
}
