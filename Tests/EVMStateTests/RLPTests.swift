import EVMCore
@testable import EVMState
import Testing

/// RLP against the examples of the yellow paper's appendix B and the Ethereum wiki, and its
/// canonical-form rules.
@Suite struct RLPTests {
    @Test func encodings() {
        #expect(RLP.encode(bytes: Array("dog".utf8)) == [0x83, 0x64, 0x6f, 0x67])
        #expect(RLP.encode(.list([.bytes(Array("cat".utf8)), .bytes(Array("dog".utf8))]))
                == [0xc8, 0x83, 0x63, 0x61, 0x74, 0x83, 0x64, 0x6f, 0x67])
        #expect(RLP.encode(bytes: []) == [0x80])
        #expect(RLP.encodeList([]) == [0xc0])
        #expect(RLP.encode(uint: U256.zero) == [0x80])
        #expect(RLP.encode(uint: U256(15)) == [0x0f])
        #expect(RLP.encode(uint: U256(1024)) == [0x82, 0x04, 0x00])
        let lorem = Array("Lorem ipsum dolor sit amet, consectetur adipisicing elit".utf8)
        #expect(RLP.encode(bytes: lorem) == [0xb8, 0x38] + lorem)
        // The set-theoretic representation of three: [ [], [[]], [ [], [[]] ] ].
        let three = RLP.Item.list([.list([]), .list([.list([])]), .list([.list([]), .list([.list([])])])])
        #expect(RLP.encode(three) == [0xc7, 0xc0, 0xc1, 0xc0, 0xc3, 0xc0, 0xc1, 0xc0])
    }

    @Test func roundTrip() throws {
        let item = RLP.Item.list([.bytes([1, 2, 3]), .list([.bytes([]), .bytes([UInt8](repeating: 7, count: 300))])])
        #expect(try RLP.decode(RLP.encode(item)) == item)
    }

    @Test func strictness() {
        #expect(throws: RLP.DecodingError.nonCanonicalSingleByte(offset: 0)) { try RLP.decode([0x81, 0x05]) }
        #expect(throws: RLP.DecodingError.nonCanonicalLength(offset: 0)) { try RLP.decode([0xb8, 0x05, 1, 2, 3, 4, 5]) }
        #expect(throws: RLP.DecodingError.nonCanonicalLength(offset: 0)) { try RLP.decode([0xb9, 0x00, 0x40] + [UInt8](repeating: 0, count: 64)) }
        #expect(throws: RLP.DecodingError.truncated(offset: 0)) { try RLP.decode([0x83, 0x64]) }
        #expect(throws: RLP.DecodingError.trailingBytes(count: 1)) { try RLP.decode([0x80, 0x80]) }
        #expect(throws: RLP.DecodingError.empty) { try RLP.decode([]) }
        #expect(throws: RLP.DecodingError.self) { try RLP.decode([0xbf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]) }
        #expect(throws: RLP.DecodingError.truncated(offset: 1)) { try RLP.decode([0xc2, 0x83, 0x01]) }
    }
}

/// Trie roots against the execution specs' `trie.root` (computed for these inputs).
@Suite struct MerklePatriciaTrieTests {
    func pairs(_ list: [(String, String)]) -> [(key: [UInt8], value: [UInt8])] {
        list.map { (Array($0.0.utf8), Array($0.1.utf8)) }
    }

    @Test func emptyRoot() {
        #expect(Hex.encode(MerklePatriciaTrie.emptyRoot) == "56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421")
    }

    @Test func plainTries() {
        #expect(Hex.encode(MerklePatriciaTrie.root(pairs([("doe", "reindeer"), ("dog", "puppy"), ("dogglesworth", "cat")])))
                == "8aad789dff2f538bca5d8ea56e8abe10f4c7ba3a5dea95fea4cd6e7c3a1168d3")
        #expect(Hex.encode(MerklePatriciaTrie.root(pairs([("do", "verb"), ("dog", "puppy"), ("doge", "coin"), ("horse", "stallion")])))
                == "5991bb8c6514148a29db676a14ac506cd2cd5775ace63c30a4fe457715e9ac84")
    }

    @Test func secureTrieOfHundredKeys() {
        let list = (0..<100).map { i in
            (key: Keccak256.hash(U256(UInt64(i)).bigEndianBytes), value: [UInt8](repeating: UInt8(i + 1), count: i % 40 + 1))
        }
        #expect(Hex.encode(MerklePatriciaTrie.root(list)) == "aa1de26596aeafc8f72f3afb3e451641d33604607848a44f3622d67d86baa140")
    }

    @Test func logsHashOfNoLogs() {
        // keccak256(rlp([])): the `logs` field of a state test without logs.
        #expect(Hex.encode(Log.hash([])) == "1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347")
    }
}
