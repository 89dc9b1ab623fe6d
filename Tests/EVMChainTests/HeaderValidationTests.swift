import EVMCore
@testable import EVMChain
import EVMState
import Testing

/// A header against its parent, with figures from the Yellow Paper and the EIPs.
@Suite struct HeaderValidationTests {
    let osaka = try! #require(Upgrade.named("Osaka"))

    /// A valid Osaka child of `parent`, to be spoiled one field at a time.
    func child(of parent: BlockHeader) -> BlockHeader {
        var h = parent
        h.parentHash = parent.hash
        h.number = parent.number &+ .one
        h.timestamp = parent.timestamp &+ U256(12)
        h.gasUsed = .zero
        h.baseFeePerGas = HeaderRules.baseFee(parent: parent, schedule: osaka.schedule)
        h.excessBlobGas = .zero
        h.blobGasUsed = .zero
        return h
    }

    var parent: BlockHeader {
        BlockHeader(number: U256(10), gasLimit: U256(30_000_000), gasUsed: U256(15_000_000), timestamp: U256(1_000),
                    baseFeePerGas: U256(1_000), withdrawalsRoot: .zero, blobGasUsed: .zero, excessBlobGas: .zero,
                    parentBeaconBlockRoot: .zero, requestsHash: .zero)
    }

    func error(_ h: BlockHeader, upgrade: Upgrade? = nil) -> BlockError? {
        do { try HeaderValidation.validate(h, parent: parent, upgrade: upgrade ?? osaka) } catch { return error }
        return nil
    }

    @Test func aValidChildPasses() { #expect(error(child(of: parent)) == nil) }

    /// The gas limit moves by less than parent / 1024 = 29,296 (exclusive) and stays ≥ 5,000.
    @Test func gasLimitBounds() {
        var h = child(of: parent)
        h.gasLimit = U256(30_029_295)
        #expect(error(h) == nil)
        h.gasLimit = U256(30_029_296)
        #expect(error(h)?.name == "BlockException.INVALID_GASLIMIT")
        h.gasLimit = U256(29_970_705)
        #expect(error(h) == nil)
        h.gasLimit = U256(29_970_704)
        #expect(error(h)?.name == "BlockException.INVALID_GASLIMIT")
        #expect(!HeaderValidation.gasLimitWithinBounds(U256(4_999), parent: U256(5_000)))
        #expect(HeaderValidation.gasLimitWithinBounds(U256(5_000), parent: U256(5_001)))
    }

    @Test func timestampNumberExtraDataAndGasUsed() {
        var h = child(of: parent)
        h.timestamp = parent.timestamp
        #expect(error(h)?.name == "BlockException.INVALID_BLOCK_TIMESTAMP_OLDER_THAN_PARENT")
        h = child(of: parent)
        h.number = parent.number &+ U256(2)
        #expect(error(h)?.name == "BlockException.INVALID_BLOCK_NUMBER")
        h = child(of: parent)
        h.extraData = [UInt8](repeating: 1, count: 32)
        #expect(error(h) == nil)
        h.extraData.append(1)
        #expect(error(h)?.name == "BlockException.EXTRA_DATA_TOO_BIG")
        h = child(of: parent)
        h.gasUsed = h.gasLimit &+ .one
        #expect(error(h)?.name == "BlockException.GAS_USED_OVERFLOW")
    }

    /// A header carries exactly its fork's fields; after the merge difficulty and nonce are 0.
    @Test func forkFieldsAndProofOfStake() {
        var h = child(of: parent)
        h.requestsHash = nil
        #expect(error(h)?.name == "BlockException.INCORRECT_BLOCK_FORMAT")
        h = child(of: parent)
        #expect(error(h, upgrade: Upgrade.named("Cancun"))?.name == "BlockException.INCORRECT_BLOCK_FORMAT")
        h.difficulty = .one
        #expect(error(h)?.name == "BlockException.INVALID_PROOF_OF_STAKE_FIELDS")
        h = child(of: parent)
        h.baseFeePerGas = h.baseFeePerGas.map { $0 &+ .one }
        #expect(error(h)?.name == "BlockException.INVALID_BASEFEE_PER_GAS")
    }

    /// Proof-of-work difficulty (Yellow Paper eq. 41–45 with EIP-100's ommer term):
    /// parent 1,000,000 gives a step of ⌊1,000,000 / 2048⌋ = 488;
    /// 1 s later: +488; 20 s later (⌊20/9⌋ = 2): −488; with ommers 1 s later: +976;
    /// 1,000 s later the fall is capped at 99 steps; never below 131,072.
    @Test func difficultyByHand() {
        let berlin = Fork.berlin.schedule
        let parent = BlockHeader(difficulty: U256(1_000_000), number: U256(100), timestamp: U256(1_000))
        func difficulty(after seconds: UInt64, parent p: BlockHeader = parent) -> U256 {
            let h = BlockHeader(number: p.number &+ .one, timestamp: p.timestamp &+ U256(seconds))
            return HeaderValidation.difficulty(h, parent: p, schedule: berlin)
        }
        #expect(difficulty(after: 1) == U256(1_000_488))
        #expect(difficulty(after: 9) == U256(1_000_000))
        #expect(difficulty(after: 20) == U256(999_512))
        #expect(difficulty(after: 1_000) == U256(1_000_000 - 99 * 488))
        var withOmmers = parent
        withOmmers.ommersHash = .one
        #expect(difficulty(after: 1, parent: withOmmers) == U256(1_000_976))
        let small = BlockHeader(difficulty: U256(131_072), number: U256(100), timestamp: U256(1_000))
        #expect(difficulty(after: 100, parent: small) == U256(131_072))
        // The bomb: 2^(⌊(number − delay) / 100,000⌋ − 2), here Berlin's delay of 9,000,000
        // (EIP-2384) and block 9,200,001: 2^0 = 1 more.
        let late = BlockHeader(difficulty: U256(1_000_000), number: U256(9_200_000), timestamp: U256(1_000))
        #expect(difficulty(after: 9, parent: late) == U256(1_000_001))
    }
}
