import EVMCore
@testable import EVMAssembler
import Foundation
import Testing

/// assemble(disassemble(bytes)) == bytes, for any bytes.
@Suite struct DisassemblerTests {
    func roundTrip(_ code: [UInt8]) throws -> Bool {
        let text = Disassembler.text(code)
        return try Assembler().assemble(source: text).runtime == code
    }

    @Test func listing() {
        let text = Disassembler.text([0x60, 0x04, 0x56, 0x00, 0x5b, 0x0c, 0x61, 0xff])
        #expect(text.contains("PUSH1 0x04"))
        #expect(text.contains("L4:"))
        #expect(text.contains("not an opcode"))
        #expect(text.contains("PUSH2 cut short"))
    }

    @Test func randomBytesRoundTrip() throws {
        var g = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let code = (0..<Int.random(in: 0..<200, using: &g)).map { _ in UInt8.random(in: 0...255, using: &g) }
            #expect(try roundTrip(code), "\(Hex.encode(code))")
        }
    }

    static let benchmarks: String = {
        var dir = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { dir.deleteLastPathComponent() }
        return dir.appendingPathComponent("../shared/fixtures/evm-benchmarks").standardized.path
    }()

    @Test(.enabled(if: FileManager.default.fileExists(atPath: benchmarks), "../shared/fixtures/evm-benchmarks is absent"))
    func benchmarkProgramsRoundTrip() throws {
        var count = 0
        let files = FileManager.default.enumerator(atPath: Self.benchmarks)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".json") }
        for file in files {
            let data = try Data(contentsOf: URL(fileURLWithPath: Self.benchmarks + "/" + file))
            guard let tests = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { continue }
            for case let test as [String: Any] in tests.values {
                for case let account as [String: Any] in (test["pre"] as? [String: Any] ?? [:]).values {
                    guard let hex = account["code"] as? String, hex.count > 2 else { continue }
                    #expect(try roundTrip(Hex.decode(hex)), "\(file)")
                    count += 1
                }
            }
        }
        #expect(count > 0)
    }
}
