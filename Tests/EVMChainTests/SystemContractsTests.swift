import EVMChain
import EVMCore
import EVMState
import Foundation
import Testing

/// The system contracts' code shipped for the node's genesis equals the pre-state of the
/// execution-spec-tests fixtures (an independent copy of the EIPs' bytecode).
@Suite struct SystemContractsTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("../shared/fixtures/execution-spec-tests/blockchain_tests").standardized
    static let haveFixtures = FileManager.default.fileExists(atPath: folder.path)

    @Test(.enabled(if: haveFixtures, "../shared/fixtures is absent"))
    func codeMatchesTheFixtures() throws {
        let wanted = SystemContracts.accounts(for: Fork.osaka.schedule)
        #expect(wanted.count == 4)
        // Tests may replace a system contract; the EIPs' code is the one most tests carry.
        var counts: [Address: [[UInt8]: Int]] = [:]
        let files = FileManager.default.enumerator(at: Self.folder, includingPropertiesForKeys: nil)!
        for case let url as URL in files where url.pathExtension == "json" && url.path.contains("prague") {
            guard let data = try? Data(contentsOf: url),
                  let tests = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { continue }
            for case let test as [String: Any] in tests.values {
                guard let pre = test["pre"] as? [String: [String: Any]] else { continue }
                for (address, _) in wanted {
                    let key = "0x" + Hex.encode(address.bytes)
                    if let code = pre[key]?["code"] as? String {
                        counts[address, default: [:]][try Hex.decode(String(code.dropFirst(2))), default: 0] += 1
                    }
                }
            }
        }
        for (address, account) in wanted {
            let common = counts[address]?.max { $0.value < $1.value }?.key ?? []
            #expect(Keccak256.hashWord(common) == account.code.hash, "\(address)")
            #expect(account.nonce == 1)
        }
    }
}
