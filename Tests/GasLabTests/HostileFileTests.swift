import EVMCore
import EVMState
import Foundation
import GasLab
import Testing

/// Malformed state-test JSON, scenario files and RLP: every mutation ends in a clear error or
/// a result, never a trap. The mutations are deterministic (a fixed xorshift stream).
@Suite struct HostileFileTests {
    struct Stream {
        var x: UInt64
        mutating func next() -> UInt64 {
            x ^= x << 13
            x ^= x >> 7
            x ^= x << 17
            return x
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    /// A valid Cancun state test with an account holding code and storage.
    static let validStateTest = """
        {"t": {"env": {"currentCoinbase": "0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba", "currentGasLimit": "0x0f4240",
          "currentNumber": "0x01", "currentTimestamp": "0x03e8", "currentRandom": "0x00", "currentDifficulty": "0x020000",
          "currentBaseFee": "0x07", "currentExcessBlobGas": "0x00"},
         "pre": {"0x1000000000000000000000000000000000000000": {"balance": "0x00", "nonce": "0x01",
                  "code": "0x600160005500", "storage": {"0x01": "0x02"}},
                 "0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b": {"balance": "0x3b9aca00", "nonce": "0x00", "code": "0x", "storage": {}}},
         "transaction": {"data": ["0x", "0x00ff"], "gasLimit": ["0x0186a0"], "value": ["0x00"], "nonce": "0x00",
          "maxFeePerGas": "0x0a", "maxPriorityFeePerGas": "0x01", "accessLists": [[], []],
          "to": "0x1000000000000000000000000000000000000000",
          "secretKey": "0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8"},
         "post": {"Cancun": [{"hash": "0x00", "logs": "0x00", "indexes": {"data": 1, "gas": 0, "value": 0}}]}}}
        """

    func runStateTest(_ text: String) throws -> StateTestRunner.Report {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("gaslab-mutant-\(UUID().uuidString).json")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return StateTestRunner().run(file: file.path)
    }

    /// Truncations, character substitutions and values of the wrong type or size at every key.
    @Test func mutatedStateTestsAreErrorsOrResults() throws {
        let valid = Self.validStateTest
        let base = try runStateTest(valid)
        #expect(base.fileErrors.isEmpty && base.total.failed == 1)  // runs; the expected hash is wrong on purpose

        var mutants: [String] = []
        let chars = Array(valid)
        for cut in stride(from: 0, to: chars.count, by: max(1, chars.count / 60)) {
            mutants.append(String(chars[..<cut]))
        }
        var random = Stream(x: 0x1234_5678_9abc_def1)
        let alphabet = Array("{}[]:,\"0x-19afAF \\.e+n")
        for _ in 0..<300 {
            var c = chars
            c[random.below(c.count)] = alphabet[random.below(alphabet.count)]
            mutants.append(String(c))
        }
        // Every value replaced in turn by each hostile value.
        let hostile: [Any] = [5, -1, "x", "0x", "0xzz", "0x" + String(repeating: "f", count: 80), [Any](), [String: Any](),
                              NSNull(), true, 1e300, "-0x01", ["0x01"]]
        let root = try JSONSerialization.jsonObject(with: Data(valid.utf8))
        func paths(_ value: Any, _ prefix: [String]) -> [[String]] {
            var out: [[String]] = [prefix]
            if let d = value as? [String: Any] {
                for (k, v) in d { out += paths(v, prefix + [k]) }
            } else if let a = value as? [Any] {
                for (i, v) in a.enumerated() { out += paths(v, prefix + ["#\(i)"]) }
            }
            return out
        }
        func replacing(_ value: Any, _ path: ArraySlice<String>, with new: Any) -> Any {
            guard let key = path.first else { return new }
            if key.hasPrefix("#"), var a = value as? [Any], let i = Int(key.dropFirst()), i < a.count {
                a[i] = replacing(a[i], path.dropFirst(), with: new)
                return a
            }
            if var d = value as? [String: Any], let v = d[key] {
                d[key] = replacing(v, path.dropFirst(), with: new)
                return d
            }
            return value
        }
        for path in paths(root, []) where !path.isEmpty {
            for value in hostile {
                let mutated = replacing(root, path[...], with: value)
                let data = try JSONSerialization.data(withJSONObject: mutated)
                mutants.append(String(decoding: data, as: UTF8.self))
            }
        }
        var errors = 0, ran = 0
        for mutant in mutants {
            let report = try runStateTest(mutant)
            errors += report.fileErrors.count
            let t = report.total
            ran += t.passed + t.failed + t.skipped
        }
        // Each mutant was either rejected with a message or run; nothing trapped on the way.
        #expect(errors > 0 && ran > 0)
        #expect(mutants.count > 900)
    }

    /// A scenario whose fields have the wrong type, or are missing, is a ScenarioError.
    @Test func scenarioWithWrongTypes() throws {
        let valid = try Data(contentsOf: URL(fileURLWithPath: TestPaths.contracts + "/table1.scenario.json"))
        _ = try Scenario.parse(valid, directory: TestPaths.contracts)
        let root = try JSONSerialization.jsonObject(with: valid) as! [String: Any]
        let wrong: [(String, Any)] = [
            ("accounts", [1, 2]), ("contracts", "model"), ("variants", 7), ("steps", ["x": 1]),
            ("fork", 12), ("fork", "Homestead2"), ("gasPrice", [Any]()), ("gasPrice", "-3"), ("name", NSNull()),
            ("block", ["baseFee": "-3"]), ("block", ["baseFee": "1 wie"]), ("block", 5),
            // An amount that overflows 256 bits once its unit is applied.
            ("gasPrice", "115792089237316195423570985008687907853269984665640564039457584007913129639935 gwei"),
        ]
        for (key, value) in wrong {
            var mutated = root
            mutated[key] = value
            let data = try JSONSerialization.data(withJSONObject: mutated)
            #expect(throws: (any Error).self, "\(key) = \(value)") {
                _ = try Scenario.parse(data, directory: TestPaths.contracts)
            }
        }
        // Nested: a step's repeat count as text, a contract without a source.
        if var steps = root["steps"] as? [[String: Any]], !steps.isEmpty {
            steps[0]["repeat"] = "many"
            var mutated = root
            mutated["steps"] = steps
            let data = try JSONSerialization.data(withJSONObject: mutated)
            #expect(throws: (any Error).self) { _ = try Scenario.parse(data, directory: TestPaths.contracts) }
        }
        #expect(throws: (any Error).self) { _ = try Scenario.parse(Data("[1, 2, 3]".utf8), directory: ".") }
        #expect(throws: (any Error).self) { _ = try Scenario.parse(Data("{\"name\": ".utf8), directory: ".") }
    }

    /// Random bytes, truncated and corrupted encodings, and lengths that claim 2^63 bytes.
    @Test func malformedRLP() {
        var random = Stream(x: 0xfeed_f00d_1234_5678)
        var decoded = 0, rejected = 0
        func attempt(_ bytes: [UInt8]) {
            if (try? RLP.decode(bytes)) != nil { decoded += 1 } else { rejected += 1 }
        }
        for _ in 0..<20_000 {
            let n = random.below(40)
            attempt((0..<n).map { _ in UInt8(truncatingIfNeeded: random.next()) })
        }
        // Long-form lengths of every width, up to 2^64 - 1.
        for prefix in [UInt8(0xb8), 0xbf, 0xf8, 0xff] {
            for fill in [UInt8(0x00), 0x7f, 0x80, 0xff] {
                attempt([prefix] + [UInt8](repeating: fill, count: Int(prefix & 0x07) + 1) + [1, 2, 3])
            }
        }
        // A valid transaction encoding, truncated at every length and with each byte flipped.
        let valid = RLP.encode(.list([.bytes([1, 2, 3]), .list([.bytes([]), .bytes([UInt8](repeating: 7, count: 60))]),
                                      .bytes(U256.max.bigEndianBytes)]))
        for cut in 0..<valid.count { attempt(Array(valid[..<cut])) }
        for i in 0..<valid.count {
            var b = valid
            b[i] ^= 0xff
            attempt(b)
        }
        #expect(decoded + rejected > 20_000)
        #expect(rejected > 0)
    }
}
