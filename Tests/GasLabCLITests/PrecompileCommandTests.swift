import Foundation
import Testing

/// `gaslab precompile`: one precompile called directly, as a user runs it.
@Suite struct PrecompileCommandTests {
    let cli = RunCommandTests()

    func gaslab(_ arguments: [String], stdin: String) throws -> RunCommandTests.Result {
        let process = Process()
        process.executableURL = RunCommandTests.binary
        process.arguments = arguments
        let input = Pipe(), out = Pipe(), err = Pipe()
        process.standardInput = input
        process.standardOutput = out
        process.standardError = err
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return RunCommandTests.Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func sha256OfAbc() throws {
        let r = try cli.gaslab(["precompile", "0x02", "--input", "616263", "--json"])
        #expect(r.status == 0)
        let object = try cli.json(r.stdout)
        // FIPS 180-2's digest of "abc"; 60 + 12 gas for one word.
        #expect(object["output"] as? String == "0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(object["gasUsed"] as? Int == 72)
        #expect(object["status"] as? String == "success")
    }

    @Test func invalidInputConsumesAllGas() throws {
        let r = try cli.gaslab(["precompile", "16", "--input", "00", "--fork", "prague", "--gas", "100000", "--json"])
        #expect(r.status == 0)
        let object = try cli.json(r.stdout)
        #expect(object["status"] as? String == "failure")
        #expect(object["gasUsed"] as? Int == 100_000)
    }

    @Test func tooLittleGasIsOutOfGas() throws {
        let r = try cli.gaslab(["precompile", "0x0b", "--input", String(repeating: "00", count: 256), "--fork", "prague",
                                "--gas", "374", "--json"])
        #expect(try cli.json(r.stdout)["status"] as? String == "out-of-gas")
    }

    @Test func oneResultPerLineOfStandardInput() throws {
        let r = try gaslab(["precompile", "0x04", "--input", "-", "--json"], stdin: "01\n\n0203\n")
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(try lines.map { try cli.json($0)["output"] as? String } == ["0x01", "0x0203"])
    }

    @Test func badArgumentsExitWithTwo() throws {
        let inactive = try cli.gaslab(["precompile", "0x0b", "--fork", "cancun"])
        #expect(inactive.status == 2)
        #expect(inactive.stderr.contains("not a precompile in Cancun"))
        #expect(try cli.gaslab(["precompile", "zz"]).status == 2)
        #expect(try cli.gaslab(["precompile", "0x02", "--input", "abc"]).status == 2)
        #expect(try gaslab(["precompile", "0x04", "--input", "-"], stdin: "01\nxyz\n").status == 2)
    }
}
