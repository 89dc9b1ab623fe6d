import EVMAssembler
import EVMCore
import Testing

/// Errors point at the statement that caused them, and a file whose sections name no
/// runtime is an error rather than a deployable program.
@Suite struct AssemblerErrorPlacesTests {
    @Test func longStringAsANumberPointsAtItsLine() {
        do {
            _ = try Assembler().assemble(source: "%section runtime\n    push \"abcdefghijklmnopqrstuvwxyz0123456789\"\n", file: "s.easm")
            Issue.record("assembled")
        } catch {
            #expect(error.location == SourceLocation(file: "s.easm", line: 2, column: 5), "\(error)")
            #expect(error.message.contains("at most 32 bytes"))
        }
    }

    @Test func aConstructorAloneIsNotAProgram() throws {
        #expect(throws: AssemblyError.self) { try Assembler().assemble(source: "%section constructor\n    push 1\n    pop\n") }
        // A file without sections is all runtime.
        #expect(try Assembler().assemble(source: "push 1\n").runtime == [0x60, 0x01])
    }
}
