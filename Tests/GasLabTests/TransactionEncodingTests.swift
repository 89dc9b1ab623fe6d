import EVMCore
import EVMPrecompiles
import EVMState
import Foundation
import GasLab
import Testing

/// Signed transactions against the fixtures' `txbytes`: signing a fixture's transaction with
/// its secret key gives the same bytes (RFC 6979 makes signatures deterministic), and decoding
/// the bytes recovers the sender.
@Suite struct TransactionEncodingTests {
    static let fixtures = TestPaths.fixtures + "/execution-spec-tests/state_tests"

    @Test(.enabled(if: FileManager.default.fileExists(atPath: fixtures), "../shared/fixtures is absent"))
    func fixtureTransactionsOfEveryType() throws {
        let dirs = ["cancun/eip1153_tstore", "berlin/eip2930_access_list", "cancun/eip4844_blobs/test_blob_tx_attribute_opcodes.json",
                    "prague/eip7702_set_code_tx/test_set_code_to_sstore.json", "london/eip1559_fee_market_change"]
        var checked: [Int: Int] = [:]
        for file in StateTestRunner.files(in: dirs.map { Self.fixtures + "/" + $0 }) {
            for test in try StateTestLoader.load(file) {
                let key = try Hex.decode(test.transaction["secretKey"] as! String)
                for (_, entries) in test.post {
                    for entry in entries where entry.expectException == nil && !entry.txbytes.isEmpty {
                        let tx = try test.transaction(for: entry)
                        let signed = try #require(tx.signed(privateKey: key))
                        #expect(signed.bytes == entry.txbytes, "\(test.name) type \(tx.type)")
                        let (decoded, _) = try Transaction.decode(entry.txbytes)
                        #expect(decoded.sender == tx.sender)
                        #expect(decoded.type == tx.type)
                        #expect(decoded.data == tx.data)
                        checked[tx.type, default: 0] += 1
                    }
                }
            }
        }
        #expect(Set(checked.keys) == [0, 1, 2, 3, 4], "\(checked)")
    }

    @Test func roundTripAndBadInput() throws {
        let key = try Hex.decode("45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8")
        let sender = Secp256k1.shared.address(privateKey: key)!
        let tx = Transaction(type: 2, chainId: U256(10), nonce: U256(7), maxFeePerGas: U256(100), maxPriorityFeePerGas: U256(2),
                             gasLimit: U256(50_000), to: Address(5), value: U256(9), data: [1, 2, 3],
                             accessList: [AccessListEntry(address: Address(6), storageKeys: [U256(1)])], sender: sender)
        let signed = try #require(tx.signed(privateKey: key))
        let (decoded, signature) = try Transaction.decode(signed.bytes)
        #expect(decoded.sender == sender)
        #expect(decoded.chainId == U256(10))
        #expect(decoded.accessList == tx.accessList)
        #expect(signature == signed.signature)
        #expect(throws: TransactionDecodingError.self) { try Transaction.decode([]) }
        #expect(throws: TransactionDecodingError.self) { try Transaction.decode([0x02, 0xc0]) }
        #expect(throws: TransactionDecodingError.self) { try Transaction.decode([0x07, 0xc0]) }
        var tampered = signed.bytes
        tampered[tampered.count - 1] ^= 1
        // A different signature recovers a different sender (or none).
        #expect((try? Transaction.decode(tampered).0.sender) != sender)
    }
}
