import EVMCore
@testable import EVMChain
import EVMState
import Foundation
@testable import GasLab
import Testing

/// Executing every valid block of the single-fork blockchain fixtures from Paris to Osaka on
/// the fixture's pre-state gives the header's gas used, blob gas used, receipts root, logs
/// bloom, state root and (from Prague) requests hash.
@Suite struct BlockExecutorTests {
    @Test(.enabled(if: BlockHeaderTests.haveFixtures, "../shared/fixtures is absent"))
    func fixtureBlocksExecuteToTheirHeaders() throws {
        var executed = 0, withReceipts = 0
        try BlockHeaderTests.forEachTest { file, name, test in
            guard let network = test["network"] as? String, let fork = Fork(name: network),
                  fork >= .paris else { return }
            let chainId = ((test["config"] as? [String: Any])?["chainid"] as? String)
                .flatMap { try? Hex.decode($0) }.map { U256(bigEndianBytes: $0) } ?? .one
            let pre = try StateTestLoader.parseAlloc(test["pre"] as! [String: Any], test: name)
            let state = WorldState(accounts: pre, fork: fork)
            let genesis = try BlockHeaderTests.header(test["genesisBlockHeader"] as! [String: Any])
            var head = genesis.hash
            let executor = BlockExecutor(fork: fork, chainId: chainId)
            for case let entry as [String: Any] in test["blocks"] as? [Any] ?? [] {
                guard entry["blockHeader"] != nil, let hex = entry["rlp"] as? String else { continue }
                let block = try Block(rlp: try Hex.decode(hex))
                guard block.header.parentHash == head else { break }  // a side chain: the importer's job
                let at = "\(file) \(name) block \(block.header.number.decimalString)"
                let outcome = try executor.execute(block, state: state)
                #expect(U256(outcome.gasUsed) == block.header.gasUsed, "\(at) gas used")
                #expect(block.header.blobGasUsed.map { $0 == U256(outcome.blobGasUsed) } ?? true, "\(at) blob gas")
                #expect(outcome.receiptsRoot == block.header.receiptsRoot, "\(at) receipts root")
                #expect(outcome.logsBloom == block.header.logsBloom, "\(at) logs bloom")
                #expect(U256(bigEndianBytes: state.stateRoot) == block.header.stateRoot, "\(at) state root")
                #expect(block.header.requestsHash.map { $0 == outcome.requestsHash } ?? outcome.requests.isEmpty,
                        "\(at) requests hash")
                head = block.header.hash
                executed += 1
                if !outcome.receipts.isEmpty { withReceipts += 1 }
            }
        }
        #expect(executed > 1_000)
        #expect(withReceipts > 200)
    }

    /// The bloom of one log by hand: keccak256 of the address and of the topic each set three
    /// bits; an empty log list sets none.
    @Test func bloomOfNoLogsIsEmpty() {
        #expect(LogsBloom.of([]) == [UInt8](repeating: 0, count: 256))
        let bloom = LogsBloom.of([Log(address: Address(1), topics: [], data: [])])
        #expect(bloom.reduce(0) { $0 + $1.nonzeroBitCount } == 3)
    }
}

/// The system contracts' constants parse (they are force-unwrapped literals).
@Suite struct SystemContractTests {
    @Test func constants() {
        #expect(BlockExecutor.depositEventTopic.paddedHexString
                == "0x649bbc62d0e31342afea4e5cd82d4049e7e1ee912fc0889aa790803be39038c5")
        #expect(BlockExecutor.historyStorageAddress.description.lowercased() == "0x0000f90827f1c53a10cb7a02335b175320002935")
    }
}
