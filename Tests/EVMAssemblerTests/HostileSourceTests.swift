import EVMAssembler
import Testing

/// Sources built to exhaust the assembler: deep nesting, long operator chains, exponential
/// macros. Each is an AssemblyError, not a stack overflow or a hang. The first case is the
/// shape FuzzAssembler found (a 3,400-byte line of "(((…---…" overflowed the parser's stack).
@Suite struct HostileSourceTests {
    func assemble(_ source: String) throws(AssemblyError) -> Program {
        try Assembler(readFile: { _ in nil }).assemble(source: source, file: "hostile.easm")
    }

    @Test func deepParenthesesAndNegations() {
        for opener in ["(", "-", "f("] {
            let source = "push " + String(repeating: opener, count: 5_000) + "1"
            #expect(throws: AssemblyError.self, "\(opener) × 5,000") { _ = try assemble(source) }
        }
        // The fuzzer's line: parentheses and minus signs mixed, thousands deep.
        let fuzzed = "    push revert_empty\n    j" + String(repeating: "((((((((-------------", count: 200) + "\n"
        #expect(throws: AssemblyError.self) { _ = try assemble(fuzzed) }
        // Moderate nesting still assembles.
        #expect((try? assemble("push " + String(repeating: "(", count: 30) + "1" + String(repeating: ")", count: 30))) != nil)
    }

    @Test func longOperatorChains() {
        let chain = "push " + Array(repeating: "1", count: 50_000).joined(separator: " + ")
        #expect(throws: AssemblyError.self) { _ = try assemble(chain) }
        let product = "push " + Array(repeating: "1", count: 50_000).joined(separator: " * ")
        #expect(throws: AssemblyError.self) { _ = try assemble(product) }
        #expect((try? assemble("push " + Array(repeating: "1", count: 500).joined(separator: " + "))) != nil)
    }

    /// m1 calls m0 twice, m2 calls m1 twice, …: 2^40 expansions if nothing stops it.
    @Test func exponentialMacros() {
        var source = "%macro m0()\n    push 1\n    pop\n%endmacro\n"
        for i in 1...40 { source += "%macro m\(i)()\n    m\(i - 1)()\n    m\(i - 1)()\n%endmacro\n" }
        source += "m40()\n"
        #expect(throws: AssemblyError.self) { _ = try assemble(source) }
    }
}
