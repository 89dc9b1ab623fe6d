import EVMCore
@testable import EVMChain
import EVMState
import Foundation
import Testing

/// The base fee (EIP-1559) and the excess blob gas (EIP-4844, EIP-7691, EIP-7918) GasLab
/// computes from a parent header equal those of every valid block in the blockchain fixtures
/// of a single fork; and hand-derived cases from the EIPs.
@Suite struct HeaderRulesTests {
    @Test(.enabled(if: BlockHeaderTests.haveFixtures, "../shared/fixtures is absent"))
    func everyFixtureBlockFollowsItsParent() throws {
        var checkedBaseFee = 0, checkedBlobs = 0
        try BlockHeaderTests.forEachTest { file, name, test in
            // Transition and BPO networks change parameters mid-chain: the block importer's.
            guard let network = test["network"] as? String, let fork = Fork(name: network) else { return }
            let schedule = fork.schedule
            var byHash: [U256: BlockHeader] = [:]
            let genesis = try BlockHeaderTests.header(test["genesisBlockHeader"] as! [String: Any])
            byHash[genesis.hash] = genesis
            for case let block as [String: Any] in test["blocks"] as? [Any] ?? [] {
                guard let h = block["blockHeader"] as? [String: Any] else { continue }
                let header = try BlockHeaderTests.header(h)
                byHash[header.hash] = header
                guard let parent = byHash[header.parentHash] else { continue }
                #expect(HeaderRules.baseFee(parent: parent, schedule: schedule) == header.baseFeePerGas,
                        "\(file) \(name) block \(header.number.decimalString) base fee")
                if header.baseFeePerGas != nil { checkedBaseFee += 1 }
                #expect(HeaderRules.excessBlobGas(parent: parent, schedule: schedule) == header.excessBlobGas,
                        "\(file) \(name) block \(header.number.decimalString) excess blob gas")
                if header.excessBlobGas != nil { checkedBlobs += 1 }
            }
        }
        #expect(checkedBaseFee > 1_000)
        #expect(checkedBlobs > 1_000)
    }

    /// EIP-1559 by hand: a parent with gas limit 30M (target 15M) and base fee 1,000 wei.
    @Test func baseFeeMovesByAtMostAnEighth() {
        let london = Fork.london.schedule
        func parent(used: UInt64) -> BlockHeader {
            BlockHeader(gasLimit: U256(30_000_000), gasUsed: U256(used), baseFeePerGas: U256(1_000))
        }
        #expect(HeaderRules.baseFee(parent: parent(used: 15_000_000), schedule: london) == U256(1_000))
        #expect(HeaderRules.baseFee(parent: parent(used: 30_000_000), schedule: london) == U256(1_125))  // full: +1/8
        #expect(HeaderRules.baseFee(parent: parent(used: 0), schedule: london) == U256(875))  // empty: -1/8
        // Just above the target: the rise is at least 1 wei.
        #expect(HeaderRules.baseFee(parent: parent(used: 15_000_001), schedule: london) == U256(1_001))
        #expect(HeaderRules.baseFee(parent: parent(used: 0), schedule: Fork.berlin.schedule) == nil)
    }

    /// EIP-4844 and EIP-7918 by hand (one blob is 131,072 blob gas).
    @Test func excessBlobGas() {
        let blob = 131_072
        // Cancun: target 3 blobs; a parent with 4 blobs used and no excess leaves one blob's worth.
        let cancunParent = BlockHeader(baseFeePerGas: U256(7), blobGasUsed: U256(UInt64(4 * blob)), excessBlobGas: .zero)
        #expect(HeaderRules.excessBlobGas(parent: cancunParent, schedule: Fork.cancun.schedule) == U256(UInt64(blob)))
        // Prague (EIP-7691): target 6, so 4 blobs are below it.
        #expect(HeaderRules.excessBlobGas(parent: cancunParent, schedule: Fork.prague.schedule) == .zero)
        // Osaka (EIP-7918): 7 blobs used at a high execution base fee (8,192 × 10^9 wei exceeds
        // 131,072 × the minimum blob price 1): the excess grows by 7 × 131,072 × (9 − 6) / 9.
        let osakaParent = BlockHeader(baseFeePerGas: U256(1_000_000_000), blobGasUsed: U256(UInt64(7 * blob)),
                                      excessBlobGas: .zero)
        #expect(HeaderRules.excessBlobGas(parent: osakaParent, schedule: Fork.osaka.schedule)
                == U256(UInt64(7 * blob * 3 / 9)))
        // At a base fee of 7 wei the reserve price does not bind: 7 − 6 blobs remain.
        var cheap = osakaParent
        cheap.baseFeePerGas = U256(7)
        #expect(HeaderRules.excessBlobGas(parent: cheap, schedule: Fork.osaka.schedule) == U256(UInt64(blob)))
        #expect(HeaderRules.excessBlobGas(parent: cheap, schedule: Fork.shanghai.schedule) == nil)
    }
}
