import Foundation
import Testing

/// The `gaslab` binary as a user runs it: output, JSON and exit codes.
@Suite struct RunCommandTests {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The built `gaslab`, next to the test bundle in the build folder.
    static var binary: URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("gaslab").path) && dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("gaslab")
    }

    func gaslab(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    }

    @Test func sstoreExampleJSON() throws {
        let r = try gaslab(["run", "--code", "600260030160005500", "--fork", "cancun", "--json"])
        #expect(r.status == 0)
        let object = try json(r.stdout)
        #expect(object["status"] as? String == "success")
        #expect(object["gasUsed"] as? Int == 43_112)
        #expect(object["executionGas"] as? Int == 22_112)
        #expect(object["refund"] as? Int == 0)
        #expect(object["output"] as? String == "0x")
        let istanbul = try json(try gaslab(["run", "--code", "600260030160005500", "--fork", "istanbul", "--json"]).stdout)
        #expect(istanbul["gasUsed"] as? Int == 41_012)
    }

    @Test func revertAndHaltAreResults() throws {
        let revert = try json(try gaslab(["run", "--code", "60006000fd", "--json"]).stdout)
        #expect(revert["status"] as? String == "revert")
        let halt = try gaslab(["run", "--code", "fe", "--json", "--gas", "50000"])
        #expect(halt.status == 0)
        let object = try json(halt.stdout)
        #expect(object["status"] as? String == "halt")
        #expect(object["gasUsed"] as? Int == 50_000)
    }

    @Test func badInputExitsTwoWithOneLine() throws {
        for arguments in [["run", "--code", "zz"], ["run", "--code", "00", "--fork", "frontier"],
                          ["run", "--code", "@/nonexistent/file"], ["run", "--code", "0"]] {
            let r = try gaslab(arguments)
            #expect(r.status == 2, "\(arguments)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(arguments): \(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
    }

    @Test func traceLinesAreEIP3155() throws {
        let r = try gaslab(["run", "--code", "6002600301", "--trace", "--json"])
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 5)  // three opcodes, the implicit STOP, the summary
        let first = try json(String(lines[0]))
        #expect(first["op"] as? Int == 0x60)
        #expect(first["gasCost"] as? String == "0x3")
        #expect(first["opName"] as? String == "PUSH1")
        let add = try json(String(lines[2]))
        #expect(add["stack"] as? [String] == ["0x2", "0x3"])
    }

    @Test func callWithSignatureAndAssembly() throws {
        // CALLDATALOAD(4) + CALLDATALOAD(36), returned: the ABI-encoded arguments reach the code.
        let r = try gaslab(["run", "--code", "600435602435016000526020 6000f3".replacingOccurrences(of: " ", with: ""),
                            "--call", "f(int256,int256)", "20", "-80", "--json"])
        let object = try json(r.stdout)
        #expect(object["output"] as? String == "0x" + String(repeating: "f", count: 62) + "c4")  // −60
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gaslab-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("r.easm")
        try Data("push 0\npush 0\nrevert\n".utf8).write(to: file)
        let reverted = try json(try gaslab(["run", "--code", file.path, "--json"]).stdout)
        #expect(reverted["status"] as? String == "revert")
        #expect(reverted["revertReason"] as? String == "revert without data")
        let bad = try gaslab(["run", "--code", "00", "--call", "f(uint8)", "300"])
        #expect(bad.status == 2)
    }

    @Test func help() throws {
        let r = try gaslab(["run", "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("--code"))
    }

    /// `simulate podl --json` gives shares that sum to 100% and every phase's gas.
    @Test func simulatePoDLJSON() throws {
        let contracts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Contracts").path
        let r = try gaslab(["simulate", "podl", "--rounds", "6", "--byzantine", "1", "--json", "--contracts", contracts])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try json(r.stdout)
        let perNode = o["perNode"] as? [[String: Any]] ?? []
        #expect(perNode.count == 5)
        let total = perNode.compactMap { $0["sharePercent"] as? Double }.reduce(0, +)
        #expect(abs(total - 100) < 1e-9)
        #expect((o["phases"] as? [[String: Any]])?.count == 5)
        let bad = try gaslab(["simulate", "podl", "--byzantine", "9"])
        #expect(bad.status != 0)
        let pool = try gaslab(["simulate", "pool", "--participants", "3,9", "--json", "--contracts", contracts])
        #expect(pool.status == 0, "\(pool.stderr)")
        let rows = try json(pool.stdout)["rows"] as? [[String: Any]] ?? []
        #expect(rows.count == 2 && rows.allSatisfy { $0["conserved"] as? Bool == true })
        #expect(try gaslab(["simulate", "pool", "--participants", "ten"]).status != 0)
    }

    /// A fork option's default is shown by name, not by its raw value.
    @Test func forkDefaultByName() throws {
        let r = try gaslab(["bench", "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("default: istanbul"))
        #expect(!r.stdout.contains("default: 0"))
    }
}
