import EVMCore
@testable import EVMChain
import EVMPrecompiles
import EVMState
import Foundation
import Testing

/// Blocks a chain builds itself (`Chain.build`, the development node's producer) are blocks
/// another chain imports: every root, the base fee, the excess blob gas and the requests hash
/// are checked there by `importBlock`, which recomputes the state root from scratch, so the
/// builder's incremental state trie is held to the one-pass root block by block.
@Suite struct BlockBuilderTests {
    static let key = [UInt8](repeating: 0x42, count: 32)
    static let sender = Secp256k1.shared.address(privateKey: key)!

    func genesis(_ upgrade: Upgrade) -> (BlockHeader, [Address: Account]) {
        let schedule = upgrade.schedule
        var alloc = SystemContracts.accounts(for: schedule)
        alloc[BlockBuilderTests.sender] = Account(balance: U256(1) << 100)
        let empty = U256(bigEndianBytes: MerklePatriciaTrie.emptyRoot)
        let header = BlockHeader(
            stateRoot: U256(bigEndianBytes: WorldState(accounts: alloc, fork: upgrade.fork).stateRoot),
            transactionsRoot: empty, receiptsRoot: empty, gasLimit: U256(30_000_000), timestamp: U256(1_000),
            baseFeePerGas: U256(1_000_000_000), withdrawalsRoot: schedule.hasWithdrawals ? empty : nil,
            blobGasUsed: schedule.hasBlobs ? .zero : nil, excessBlobGas: schedule.hasBlobs ? .zero : nil,
            parentBeaconBlockRoot: schedule.hasBeaconRootsCall ? .zero : nil,
            requestsHash: schedule.hasExecutionRequests
                ? BlockExecutor.Outcome(receipts: [], gasUsed: 0, blobGasUsed: 0, requests: []).requestsHash : nil)
        return (header, alloc)
    }

    func signed(_ tx: Transaction) -> PendingTransaction {
        let (_, bytes) = tx.signed(privateKey: BlockBuilderTests.key)!
        return try! PendingTransaction(bytes: bytes)
    }

    @Test(arguments: ["Shanghai", "Cancun", "Prague", "Osaka"])
    func builtBlocksImportElsewhere(fork: String) throws {
        let upgrade = try #require(Upgrade.named(fork))
        let network = Network(name: fork, chainId: U256(31337), upgrades: [(.block(0), upgrade)])
        let (header, alloc) = genesis(upgrade)
        let producer = try Chain(network: network, genesis: header, accounts: alloc)
        let importer = try Chain(network: network, genesis: header, accounts: alloc)
        // Initcode that stores CALLVALUE+1 at slot NUMBER and returns STOP as code; then
        // calls to it, transfers, a revert and a transaction with a wrong nonce.
        let initcode = try Hex.decode("34600101435560016000f3")
        var nonce: UInt64 = 0
        var contract: Address?
        for blockIndex in 0..<12 {
            var txs: [PendingTransaction] = []
            for j in 0..<(blockIndex % 4) {
                let to: Address? = j == 0 && contract == nil ? nil : (j % 2 == 0 ? contract : Address(0x1000 + blockIndex))
                txs.append(signed(Transaction(type: 2, chainId: U256(31337), nonce: U256(nonce), maxFeePerGas: U256(10_000_000_000),
                                              maxPriorityFeePerGas: U256(UInt64(j + 1)), gasLimit: U256(200_000), to: to,
                                              value: U256(UInt64(blockIndex * 7 + j)), data: to == nil ? initcode : [],
                                              sender: BlockBuilderTests.sender)))
                if to == nil { contract = ContractAddress.create(sender: BlockBuilderTests.sender, nonce: nonce) }
                nonce += 1
            }
            // A transaction from the future: left out with its reason.
            txs.append(signed(Transaction(type: 2, chainId: U256(31337), nonce: U256(nonce + 5), maxFeePerGas: U256(10_000_000_000),
                                          gasLimit: U256(21_000), to: Address(7), sender: BlockBuilderTests.sender)))
            let built = try producer.build(BlockTemplate(timestamp: U256(UInt64(1_000 + 12 * (blockIndex + 1))),
                                                         gasLimit: U256(30_000_000),
                                                         prevRandao: U256(UInt64(blockIndex))), transactions: txs)
            #expect(built.included.count == blockIndex % 4)
            #expect(built.rejected.count == 1)
            if case .nonceTooHigh? = built.rejected.first?.error {} else { Issue.record("expected nonce too high") }
            let imported = try importer.importBlock(rlp: built.entry.block.rlp)
            #expect(imported.hash == built.entry.hash, "block \(blockIndex + 1)")
            #expect(importer.headHash == producer.headHash)
        }
        #expect(producer.head.block.header.number == U256(12))
        let code = producer.state()?.account(try #require(contract))?.code.bytes
        #expect(code == [0x00])
    }

    /// A transaction that does not fit the gas left is deferred, not dropped.
    @Test func fullBlocksDefer() throws {
        let upgrade = try #require(Upgrade.named("Cancun"))
        let network = Network(name: "Cancun", chainId: U256(31337), upgrades: [(.block(0), upgrade)])
        let (header, alloc) = genesis(upgrade)
        let chain = try Chain(network: network, genesis: header, accounts: alloc)
        let txs = (0..<3).map { n in
            signed(Transaction(type: 2, chainId: U256(31337), nonce: U256(UInt64(n)), maxFeePerGas: U256(10_000_000_000),
                               gasLimit: U256(12_000_000), to: Address(9), sender: BlockBuilderTests.sender))
        }
        let built = try chain.build(BlockTemplate(timestamp: U256(2_000), gasLimit: U256(30_000_000)), transactions: txs)
        #expect(built.included.count == 2)
        #expect(built.deferred.map(\.hash) == [txs[2].hash])
    }

    /// rewind forgets later blocks; amendHead changes the head's state for the next block.
    @Test func rewindAndAmend() throws {
        let upgrade = try #require(Upgrade.named("Osaka"))
        let network = Network(name: "Osaka", chainId: U256(31337), upgrades: [(.block(0), upgrade)])
        let (header, alloc) = genesis(upgrade)
        let chain = try Chain(network: network, genesis: header, accounts: alloc)
        let first = try chain.build(BlockTemplate(timestamp: U256(1_012), gasLimit: U256(30_000_000)), transactions: [])
        _ = try chain.build(BlockTemplate(timestamp: U256(1_024), gasLimit: U256(30_000_000)), transactions: [])
        #expect(chain.rewind(to: first.entry.hash))
        #expect(chain.head.block.header.number == .one)
        #expect(chain.entries.count == 2)
        chain.amendHead { $0.setBalance(Address(0xbeef), U256(5)) }
        #expect(chain.state()?.balance(Address(0xbeef)) == U256(5))
        let next = try chain.build(BlockTemplate(timestamp: U256(1_036), gasLimit: U256(30_000_000)), transactions: [])
        let full = WorldState(accounts: next.entry.accounts, fork: .osaka)
        #expect(next.entry.block.header.stateRoot == U256(bigEndianBytes: full.stateRoot))
    }

    /// States older than `statesKept` are dropped; pinned ones stay.
    @Test func pruning() throws {
        let upgrade = try #require(Upgrade.named("Osaka"))
        let network = Network(name: "Osaka", chainId: U256(31337), upgrades: [(.block(0), upgrade)])
        let (header, alloc) = genesis(upgrade)
        let chain = try Chain(network: network, genesis: header, accounts: alloc)
        chain.statesKept = 3
        var hashes: [U256] = []
        for i in 1...8 {
            if i == 3 { chain.pinned.insert(chain.headHash) }
            hashes.append(try chain.build(BlockTemplate(timestamp: U256(UInt64(1_000 + 12 * i)), gasLimit: U256(30_000_000)),
                                          transactions: []).entry.hash)
        }
        // Head 8 keeps 6, 7 and 8.
        #expect(chain.state(at: hashes[7]) != nil)
        #expect(chain.state(at: hashes[5]) != nil)
        #expect(chain.state(at: hashes[4]) == nil)
        #expect(chain.state(at: hashes[3]) == nil)
        #expect(chain.state(at: hashes[1]) != nil)  // pinned (the head when i == 3)
        #expect(chain.state(at: chain.genesisHash) != nil)
    }
}
