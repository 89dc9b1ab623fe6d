import EVMCore
@testable import EVMChain
import EVMState
import Foundation
import Testing

/// Every valid block of the blockchain fixtures decodes, its transactions and withdrawals
/// tries and its ommers hash give the roots its header commits to, and it re-encodes to the
/// fixture's bytes.
@Suite struct BlockBodyTests {
    @Test(.enabled(if: BlockHeaderTests.haveFixtures, "../shared/fixtures is absent"))
    func everyFixtureBlockCommitsToItsBody() throws {
        var blocks = 0, withTransactions = 0, withWithdrawals = 0
        try BlockHeaderTests.forEachTest { file, name, test in
            for case let entry as [String: Any] in test["blocks"] as? [Any] ?? [] {
                guard entry["blockHeader"] != nil, let hex = entry["rlp"] as? String else { continue }
                let bytes = try Hex.decode(hex)
                let block = try Block(rlp: bytes)
                let where_ = "\(file) \(name) block \(block.header.number.decimalString)"
                #expect(block.transactionsRoot == block.header.transactionsRoot, "\(where_) transactions root")
                #expect(block.withdrawalsRoot == block.header.withdrawalsRoot, "\(where_) withdrawals root")
                #expect(block.ommersHash == block.header.ommersHash, "\(where_) ommers hash")
                #expect(block.rlp == bytes, "\(where_) re-encoding")
                blocks += 1
                if !block.transactions.isEmpty { withTransactions += 1 }
                if !(block.withdrawals ?? []).isEmpty { withWithdrawals += 1 }
            }
        }
        #expect(blocks > 1_000)
        #expect(withTransactions > 500)
        #expect(withWithdrawals > 10)
    }

    /// The empty trie's root (keccak256 of rlp("")), for a block with no transactions.
    @Test func emptyTransactionsRoot() {
        #expect(Block(header: BlockHeader()).transactionsRoot.paddedHexString
                == "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421")
        #expect(Block(header: BlockHeader()).ommersHash == BlockHeader.emptyOmmersHash)
    }

    @Test func malformedBlocksAreErrors() {
        #expect(throws: (any Error).self) { try Block(rlp: [0xc0]) }
        #expect(throws: (any Error).self) { try Block(rlp: []) }
        #expect(throws: (any Error).self) { try Block(rlp: RLP.encodeList([[0x80], [0xc0], [0xc0]])) }
    }
}
