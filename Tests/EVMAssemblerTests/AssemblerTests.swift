import EVMCore
@testable import EVMAssembler
import EVMState
import Testing

func asm(_ source: String, target: Fork = .osaka, files: [String: String] = [:]) throws -> Program {
    try Assembler(options: AssemblerOptions(target: target), readFile: { files[$0] }).assemble(source: source, file: "/t/main.easm")
}

func hexOf(_ p: Program) -> String { Hex.encode(p.runtime) }

/// Each feature of the `.easm` language.
@Suite struct AssemblerFeatureTests {
    @Test func opcodesAndComments() throws {
        let p = try asm("""
            ; a comment
            add        // another
            Mul
            sha3
            stop
            """)
        #expect(hexOf(p) == "01022000")
    }

    @Test func literals() throws {
        #expect(hexOf(try asm("push 1")) == "6001")
        #expect(hexOf(try asm("push 0x0100")) == "610100")
        #expect(hexOf(try asm("push 0")) == "5f")  // PUSH0 from Shanghai
        #expect(hexOf(try asm("push 0", target: .paris)) == "6000")
        #expect(hexOf(try asm("push -1")) == "7f" + String(repeating: "ff", count: 32))
        #expect(hexOf(try asm("push \"abc\"")) == "62616263")
        #expect(hexOf(try asm("push 2 * (3 + 4) - 1")) == "600d")
        #expect(hexOf(try asm("PUSH4 1")) == "6300000001")
    }

    @Test func labelsAndForwardReferences() throws {
        let p = try asm("""
            push end
            jump
            start:
            push start
            end:
            jumpdest
            """)
        // end is at offset 5 (PUSH1 end, JUMP, PUSH1 start): one-byte pushes.
        #expect(hexOf(p) == "600556" + "6003" + "5b")
        #expect(p.labels["end"] == 5)
        // A label past 255 needs PUSH2, and the layout settles.
        let long = "push far\njump\n" + String(repeating: "jumpdest\n", count: 300) + "far:\njumpdest"
        let q = try asm(long)
        #expect(Array(q.runtime.prefix(4)) == [0x61, 0x01, 0x30, 0x56])
        #expect(q.labels["far"] == 304)
    }

    @Test func constantsAndBuiltins() throws {
        let p = try asm("""
            %define SLOT 3
            %define NEXT SLOT + 1
            push NEXT
            push selector("transfer(address,uint256)")
            push topic("Transfer(address,address,uint256)")
            push keccak("")
            """)
        let expected = "6004" + "63a9059cbb" + "7f" + "ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"
            + "7f" + "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
        #expect(hexOf(p) == expected)
    }

    @Test func macrosWithParametersAndLocalLabels() throws {
        let p = try asm("""
            %macro SKIP_IF_ZERO(x)
                push x
                iszero
                push .skip
                jumpi
                push 0xaa
                pop
            .skip:
                jumpdest
            %endmacro
            SKIP_IF_ZERO(1)
            SKIP_IF_ZERO(0)
            """)
        // Two expansions, each with its own .skip.
        #expect(hexOf(p) == "6001156009576" + "0aa505b" + "5f156012576" + "0aa505b")
    }

    @Test func includes() throws {
        let p = try asm("%include \"lib.easm\"\nTWICE()", files: ["/t/lib.easm": "%macro TWICE()\nadd\nadd\n%endmacro"])
        #expect(hexOf(p) == "0101")
    }

    @Test func dataAndWords() throws {
        let p = try asm("""
            table:
            %data 0x0001, "hi"
            %word 5
            """)
        #expect(hexOf(p) == "0001" + "6869" + String(repeating: "00", count: 31) + "05")
    }

    @Test func constructorDeploysRuntime() throws {
        let source = """
            %section constructor
                push 7
                push 0
                sstore
                push sizeof(runtime)
                dup1
                push offsetof(runtime)
                push 0
                codecopy
                push 0
                return
            %section runtime
                push 0
                sload
                push 0
                mstore
                push 32
                push 0
                return
            """
        let p = try asm(source)
        #expect(p.runtime == [0x5f, 0x54, 0x5f, 0x52, 0x60, 0x20, 0x5f, 0xf3])
        // Deploy it and call it: the constructor stored 7, the runtime returns it.
        let state = WorldState(fork: .osaka)
        let sender = Address(hex: "a94f5374fce5edbc8e2a8697c15331677e6ebf0b")!
        state.setAccount(sender, Account(balance: U256(UInt64(1) << 60)))
        let processor = TransactionProcessor(fork: .osaka)
        let deploy = try processor.execute(Transaction(gasLimit: U256(1_000_000), to: nil, data: p.initcode, sender: sender),
                                           state: state, block: BlockEnvironment())
        let address = try #require(deploy.createdAddress)
        #expect(state.codeObject(address).bytes == p.runtime)
        let call = try processor.execute(Transaction(nonce: .one, gasLimit: U256(100_000), to: address, sender: sender),
                                         state: state, block: BlockEnvironment())
        #expect(U256(bigEndianBytes: call.output) == U256(7))
    }

    @Test func generatedConstructor() throws {
        let p = try asm("push 1\npush 0\nmstore")
        #expect(p.initcode.count == 13 + p.runtime.count)
        #expect(Array(p.initcode.suffix(p.runtime.count)) == p.runtime)
    }

    @Test func sourceMap() throws {
        let p = try asm("""
            %macro INC()
                push 1
                add
            %endmacro
            main:
                push 2
                INC()
            """)
        #expect(p.runtimeMap.count == 3)
        #expect(p.runtimeMap[0].location.line == 6)
        #expect(p.runtimeMap[1].location.line == 2)
        #expect(p.runtimeMap[1].macros == ["INC"])
        #expect(p.runtimeMap[1].label == "main")
        #expect(p.runtimeMap[2].offset == 4)
    }
}

/// Every error kind: file:line:column, what was expected, what was found; never a trap.
@Suite struct AssemblerErrorTests {
    func error(_ source: String, files: [String: String] = [:]) -> AssemblyError? {
        do {
            _ = try asm(source, files: files)
            return nil
        } catch {
            return error as? AssemblyError
        }
    }

    @Test func unknownOpcode() {
        let e = error("add\n  bogus")
        #expect(e?.location == SourceLocation(file: "/t/main.easm", line: 2, column: 3))
        #expect(e?.message.contains("found 'bogus'") == true)
    }

    @Test func kinds() {
        let cases: [(String, String)] = [
            ("push 0x1g", "expected a number"),
            ("push \"abc", "closing '\"'"),
            ("push", "expected a value"),
            ("add 1", "only PUSH takes an operand"),
            ("PUSH1 0x100", "fits PUSH1"),
            ("x:\nx:", "defined twice"),
            ("push nowhere", "unknown name 'nowhere'"),
            ("%macro M()\nadd", "expected %endmacro"),
            ("%endmacro", "without %macro"),
            ("%macro M(a)\nadd\n%endmacro\nM(1, 2)", "expects 1 argument"),
            ("%bogus", "expected a directive"),
            ("push 1 #", "unexpected character"),
            ("%include \"missing.easm\"", "cannot read included file"),
            ("%macro M()\nM()\n%endmacro\nM()", "deeper than 64"),
            ("push selector(1)", "signature in quotes"),
            ("push sizeof(nothing)", "expected a section name"),
            ("%data 5", "hex literal or a string"),
            ("%data 0x123", "even number of hex digits"),
            ("%data 0x" + String(repeating: "0", count: 66), "at most 32 bytes"),
            ("push keccak(0x" + String(repeating: "0", count: 66) + ")", "at most 32 bytes"),
            ("%section a\nadd\n%section b\nadd", "section named 'runtime'"),
            ("%define A A\npush A", "refers to itself"),
        ]
        for (source, fragment) in cases {
            let e = error(source)
            #expect(e != nil, "no error for \(source)")
            #expect(e?.message.contains(fragment) == true, "\(source): \(e?.description ?? "nil")")
        }
        #expect(error("%include \"a.easm\"", files: ["/t/a.easm": "%include \"a.easm\""])?.message.contains("includes itself") == true)
    }

    @Test func randomTextNeverTraps() {
        var g = SystemRandomNumberGenerator()
        let alphabet = Array("push add %define %macro %endmacro x: 0x1 \"s ( ) , + - * ; .l 999999999999999999999999999999999999999999999999999999999999999999999999999999 selector( \n")
        for _ in 0..<2_000 {
            let n = Int.random(in: 0..<60, using: &g)
            let text = String((0..<n).map { _ in alphabet.randomElement(using: &g)! })
            _ = try? asm(text)
        }
    }
}
