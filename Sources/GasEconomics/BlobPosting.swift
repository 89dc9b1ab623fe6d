import EVMChain
import EVMCore
import EVMState

/// Ethereum's blob market as an L1 upgrade runs it: the blob base fee from the excess blob gas
/// (EIP-4844's fake exponential with the upgrade's update fraction: Cancun, Prague's EIP-7691,
/// the EIP-7892 BPO forks) and, from Osaka, EIP-7918's reserve price. Every number comes from
/// the L1 upgrade (`EVMChain.Upgrade`, its `GasSchedule`).
public struct BlobMarket: Sendable, Equatable {
    public static let gasPerBlob = U256(UInt64(Fork.cancun.schedule.blobGasPerBlob))

    public var upgrade: Upgrade
    public var excessBlobGas: U256

    public init(upgrade: Upgrade, excessBlobGas: U256) {
        self.upgrade = upgrade
        self.excessBlobGas = excessBlobGas
    }

    /// EIP-4844: fake_exponential(1, excess, update fraction); 1 wei at no excess.
    public var blobBaseFee: U256 {
        guard let blobs = upgrade.blobs else { return .zero }
        return BlobFee.fakeExponential(factor: .one, numerator: excessBlobGas, denominator: U256(UInt64(blobs.updateFraction)))
    }

    /// EIP-7918 (Osaka on): BLOB_BASE_COST × base fee / GAS_PER_BLOB. While the blob base fee is
    /// below it the excess blob gas cannot fall, so the market does not stay below it; nil
    /// before Osaka.
    public func reservePrice(l1BaseFee: U256) -> U256? {
        upgrade.schedule.blobBaseCost.map { (U256(UInt64($0)) &* l1BaseFee).div(BlobMarket.gasPerBlob) }
    }

    /// The price a planner should use: the blob base fee, not below the reserve price.
    public func effectiveBlobBaseFee(l1BaseFee: U256) -> U256 {
        max(blobBaseFee, reservePrice(l1BaseFee: l1BaseFee) ?? .zero)
    }

    /// The most blobs one transaction may carry (EIP-7594 from Osaka, else the block's maximum).
    public var maxBlobsPerTransaction: Int {
        upgrade.schedule.maxBlobsPerTransaction ?? upgrade.blobs?.max ?? 0
    }
}

/// A batch of L2 transactions posted in blobs the way an OP Stack batcher does it: the
/// transactions compressed together into a channel (brotli at a chosen quality), cut into
/// frames of at most one blob's data with 23 bytes of frame overhead and a version byte each,
/// each frame one blob of `bytesPerBlob` usable bytes (OP's encoding carries 130,044), at
/// most `maxBlobsPerTransaction` blobs per blob transaction, and each blob transaction's own
/// execution gas paid at the L1 base fee plus priority fee.
public struct BlobBatchPosting: Sendable, Equatable {
    public struct Settings: Sendable, Equatable {
        public var compressionQuality: Int32 = 10
        public var bytesPerBlob = 130_044
        /// channel id (16) + frame number (2) + frame data length (4) + is_last (1).
        public var frameOverhead = 23
        /// The derivation version byte in front of each blob's data.
        public var versionBytes = 1
        /// A blob transaction's execution gas: 21,000 with empty calldata.
        public var blobTransactionGas = U256(21_000)

        public init() {}
    }

    public var rawBytes: Int
    public var compressedBytes: Int
    public var blobs: Int
    public var blobTransactions: Int
    public var blobGas: U256
    public var blobFee: U256
    public var executionFee: U256
    public var total: U256 { blobFee &+ executionFee }

    public enum PostingError: Error, Equatable, CustomStringConvertible {
        case compression
        case noBlobs(String)
        public var description: String {
            switch self {
            case .compression: return "blob batch: brotli failed to compress the batch"
            case .noBlobs(let u): return "blob batch: \(u) has no blobs"
            }
        }
    }

    /// Posts `transactions` (signed bytes) as one channel.
    public static func post(_ transactions: [[UInt8]], market: BlobMarket, l1BaseFee: U256, priorityFee: U256 = .zero,
                            settings: Settings = Settings()) throws(PostingError) -> BlobBatchPosting {
        guard market.upgrade.blobs != nil, market.maxBlobsPerTransaction > 0 else { throw .noBlobs(market.upgrade.name) }
        let raw = transactions.reduce(0) { $0 + $1.count }
        let channel: Int
        do { channel = try Brotli.compressedLength(transactions.flatMap { $0 }, quality: settings.compressionQuality) } catch {
            throw .compression
        }
        let perFrame = settings.bytesPerBlob - settings.frameOverhead - settings.versionBytes
        guard perFrame > 0 else { throw .noBlobs("blobs of \(settings.bytesPerBlob) bytes, no room after the frame overhead") }
        let blobs = max(1, (channel + perFrame - 1) / perFrame)
        let txs = (blobs + market.maxBlobsPerTransaction - 1) / market.maxBlobsPerTransaction
        let blobGas = U256(UInt64(blobs)) &* BlobMarket.gasPerBlob
        return BlobBatchPosting(rawBytes: raw, compressedBytes: channel, blobs: blobs, blobTransactions: txs, blobGas: blobGas,
                                blobFee: blobGas &* market.effectiveBlobBaseFee(l1BaseFee: l1BaseFee),
                                executionFee: U256(UInt64(txs)) &* settings.blobTransactionGas &* (l1BaseFee &+ priorityFee))
    }

    /// A transaction's share of the batch's cost, by its share of the raw bytes (rounded up).
    public func share(ofBytes bytes: Int) -> U256 {
        guard rawBytes > 0 else { return .zero }
        let (q, r) = (total &* U256(UInt64(bytes))).quotientAndRemainder(dividingBy: U256(UInt64(rawBytes)))
        return r.isZero ? q : q &+ .one
    }
}
