import EVMCore
@testable import EVMChain
import EVMState
import Foundation
import GasLab
import Testing

/// Block headers of every fork encode and hash as the blockchain tests' fixtures say: each
/// genesis header and each valid block's header, built from the fixture's JSON fields, hashes
/// to the fixture's `hash`, and decoding the block's own RLP gives the same header.
@Suite struct BlockHeaderTests {
    static let folder: String = {
        var dir = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { dir.deleteLastPathComponent() }
        return dir.appendingPathComponent("../shared/fixtures/execution-spec-tests/blockchain_tests").standardized.path
    }()
    static let haveFixtures = FileManager.default.fileExists(atPath: folder)

    /// A header from a fixture's JSON object (hex strings): the runner's reader.
    static func header(_ j: [String: Any]) throws -> BlockHeader { try BlockchainTestRunner.header(j) }


    /// Calls `body` with each test of every blockchain fixture file: (file, test name, test).
    static func forEachTest(_ body: (String, String, [String: Any]) throws -> Void) throws {
        let files = FileManager.default.enumerator(atPath: folder)!
            .compactMap { $0 as? String }.filter { $0.hasSuffix(".json") }.sorted()
        for file in files {
            let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file))
            let tests = try JSONSerialization.jsonObject(with: data) as! [String: [String: Any]]
            for (name, test) in tests.sorted(by: { $0.key < $1.key }) { try body(file, name, test) }
        }
    }

    @Test(.enabled(if: BlockHeaderTests.haveFixtures, "../shared/fixtures is absent"))
    func everyFixtureHeaderHashesAsTheFixtureSays() throws {
        var genesis = 0, blocks = 0
        var fieldCounts: Set<Int> = []
        try BlockHeaderTests.forEachTest { file, name, test in
            let g = test["genesisBlockHeader"] as! [String: Any]
            let header = try BlockHeaderTests.header(g)
            #expect(header.hash.paddedHexString == g["hash"] as? String, "\(file) \(name) genesis")
            // The genesis RLP's first element is the header.
            let genesisRLP = try RLP.decode(try Hex.decode(test["genesisRLP"] as! String))
            #expect(try BlockHeader(rlp: genesisRLP.list![0]) == header, "\(file) \(name) genesis RLP")
            fieldCounts.insert(RLPCount.fields(header.rlp))
            genesis += 1
            for case let block as [String: Any] in test["blocks"] as? [Any] ?? [] {
                guard let h = block["blockHeader"] as? [String: Any] else { continue }
                let header = try BlockHeaderTests.header(h)
                #expect(header.hash.paddedHexString == h["hash"] as? String, "\(file) \(name) block")
                let rlp = try RLP.decode(try Hex.decode(block["rlp"] as! String))
                #expect(try BlockHeader(rlp: rlp.list![0]) == header, "\(file) \(name) block RLP")
                blocks += 1
            }
        }
        // 1,702 tests and 2,061 valid blocks in the MANIFEST's set; headers of every era from
        // Frontier's 15 fields to Prague's 21.
        #expect(genesis > 1_000)
        #expect(blocks > 1_000)
        #expect(fieldCounts.isSuperset(of: [15, 16, 17, 20, 21]))
    }

    /// keccak256(rlp([])) is the well-known empty ommers hash.
    @Test func emptyOmmersHash() {
        #expect(BlockHeader.emptyOmmersHash.paddedHexString == "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347")
    }

    /// A field after a missing one has no encoding in any fork.
    @Test func optionalFieldsMustBeAPrefix() {
        #expect(BlockHeader(baseFeePerGas: .one).isWellFormed)
        #expect(!BlockHeader(withdrawalsRoot: .zero).isWellFormed)
        #expect(BlockHeader(baseFeePerGas: .one, withdrawalsRoot: .zero, blobGasUsed: .zero, excessBlobGas: .zero,
                            parentBeaconBlockRoot: .zero, requestsHash: .zero).isWellFormed)
    }

    @Test func malformedRLPIsAnErrorNotATrap() {
        #expect(throws: BlockHeader.DecodingError.notAList) { try BlockHeader(rlp: [0x80]) }
        #expect(throws: BlockHeader.DecodingError.fieldCount(2)) { try BlockHeader(rlp: RLP.encodeList([[0x01], [0x02]])) }
        #expect(throws: (any Error).self) { try BlockHeader(rlp: [0xf9, 0x02]) }
    }
}

/// How many items an RLP list has (for the test's count of header shapes).
enum RLPCount {
    static func fields(_ rlp: [UInt8]) -> Int { (try? RLP.decode(rlp))?.list?.count ?? -1 }
}
