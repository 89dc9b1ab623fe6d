import EVMCore
@testable import EVMChain
import EVMState
import Foundation
@testable import GasLab
import Testing

/// The importer: every blockchain fixture passes (valid blocks imported, invalid ones
/// rejected, head and post state as the fixture says), a rejected block changes nothing,
/// rewards before Paris and EIP-7934's size limit by hand.
@Suite struct ChainTests {
    @Test(.enabled(if: BlockHeaderTests.haveFixtures, "../shared/fixtures is absent"))
    func everyBlockchainFixturePasses() {
        let report = BlockchainTestRunner().run(files: StateTestRunner.files(in: [BlockHeaderTests.folder]), jobs: 2) { _, _, _ in }
        for f in report.failures.prefix(10) { Issue.record("\(f.line)") }
        #expect(report.fileErrors.isEmpty)
        #expect(report.total.failed == 0)
        #expect(report.total.passed >= 1_653)
        // The transition and BPO networks run, not skipped.
        for network in ["CancunToPragueAtTime15k", "PragueToOsakaAtTime15k", "OsakaToBPO1AtTime15k",
                        "BPO1ToBPO2AtTime15k", "BPO2ToBPO3AtTime15k", "BPO3ToBPO4AtTime15k", "Istanbul", "Berlin", "London"] {
            #expect((report.byNetwork[network]?.passed ?? 0) > 0, "\(network)")
        }
        #expect(report.blocksRejected >= 400)
    }

    /// A chain of one empty genesis (its state root is the empty trie's).
    func emptyChain(_ network: String) throws -> Chain {
        let net = try #require(Network(name: network))
        let schedule = net.upgrades[0].upgrade.schedule
        let emptyRoot = U256(hex: "56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421")!
        let genesis = BlockHeader(stateRoot: emptyRoot, transactionsRoot: emptyRoot, receiptsRoot: emptyRoot,
                                  gasLimit: U256(30_000_000),
                                  baseFeePerGas: schedule.hasBaseFee ? U256(7) : nil,
                                  withdrawalsRoot: schedule.hasWithdrawals ? emptyRoot : nil,
                                  blobGasUsed: schedule.hasBlobs ? .zero : nil, excessBlobGas: schedule.hasBlobs ? .zero : nil,
                                  parentBeaconBlockRoot: schedule.hasBeaconRootsCall ? .zero : nil,
                                  requestsHash: schedule.hasExecutionRequests ? .zero : nil)
        return try Chain(network: net, genesis: genesis, accounts: [:])
    }

    /// EIP-7934: an Osaka block whose RLP is over 10 MiB − 2 MiB = 8,388,608 bytes is rejected
    /// before anything else; the same block under Prague gets as far as its transaction.
    @Test func blockSizeLimit() throws {
        let osaka = try emptyChain("Osaka")
        var block = Block(header: osaka.head.block.header, transactions: [[UInt8](repeating: 0x01, count: 8_388_608)],
                          withdrawals: [])
        block.header.parentHash = osaka.headHash
        block.header.number = .one
        #expect(throws: BlockError.tooLarge(size: block.rlp.count, limit: 8_388_608)) { try osaka.importBlock(block) }
        let prague = try emptyChain("Prague")
        block.header.parentHash = prague.headHash
        do {
            try prague.importBlock(block)
            Issue.record("imported")
        } catch {
            #expect(error.name != "BlockException.RLP_BLOCK_LIMIT_EXCEEDED")
        }
    }

    /// A rejected block leaves the chain as it was: same head, same blocks, same state.
    @Test func aRejectedBlockChangesNothing() throws {
        let chain = try emptyChain("Shanghai")
        var block = Block(header: chain.head.block.header, withdrawals: [
            Withdrawal(index: 0, validatorIndex: 0, address: Address(0x1234), amount: U256(5)),
        ])
        block.header.parentHash = chain.headHash
        block.header.number = .one
        block.header.timestamp = U256(12)
        block.header.withdrawalsRoot = block.withdrawalsRoot
        // The state root is left at the empty trie's, so the withdrawal's credit makes it wrong.
        #expect(throws: BlockError.stateRoot) { try chain.importBlock(block) }
        #expect(chain.headHash == chain.genesisHash)
        #expect(chain.entries.count == 1)
        #expect(chain.state()?.account(Address(0x1234)) == nil)
    }

    /// Before Paris (Constantinople's EIP-1234 reward of 2 ETH): the miner earns 2 ETH plus
    /// 2/32 ETH per ommer; an ommer one block older earns 7/8 of 2 ETH, two older 6/8.
    @Test func blockAndOmmerRewards() throws {
        let executor = BlockExecutor(fork: .london)
        let miner = Address(0xaa), ommerMiner = Address(0xbb), olderMiner = Address(0xcc)
        let state = WorldState(fork: .london)
        let block = Block(header: BlockHeader(coinbase: miner, difficulty: U256(131_072), number: U256(10),
                                              gasLimit: U256(30_000_000), baseFeePerGas: U256(7)),
                          ommers: [BlockHeader(coinbase: ommerMiner, number: U256(9)),
                                   BlockHeader(coinbase: olderMiner, number: U256(8))])
        _ = try executor.execute(block, state: state)
        #expect(state.balance(miner) == U256(2_125_000_000_000_000_000 as UInt64))
        #expect(state.balance(ommerMiner) == U256(1_750_000_000_000_000_000 as UInt64))
        #expect(state.balance(olderMiner) == U256(1_500_000_000_000_000_000 as UInt64))
        // From Paris no reward (EIP-3675).
        let paris = WorldState(fork: .paris)
        _ = try BlockExecutor(fork: .paris).execute(Block(header: BlockHeader(coinbase: miner, number: U256(10),
                                                                                gasLimit: U256(30_000_000),
                                                                                baseFeePerGas: U256(7))), state: paris)
        #expect(paris.balance(miner).isZero)
    }
}
