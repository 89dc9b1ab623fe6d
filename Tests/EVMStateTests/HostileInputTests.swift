import EVMCore
@testable import EVMState
import Testing

/// Programs built to break an EVM: each must end in an EVM result (out of gas, a bad jump, a
/// depth limit), never a trap, and within its gas.
@Suite struct HostileInputTests {
    /// PUSH of any word (PUSH0 for zero), shortest form.
    func push(_ v: U256) -> [UInt8] {
        let bytes = Array(v.bigEndianBytes.drop(while: { $0 == 0 }))
        return bytes.isEmpty ? [0x5f] : [UInt8(0x5f + bytes.count)] + bytes
    }

    /// Code that pushes `arguments` (first = top of the stack) and runs `op`.
    func code(_ op: UInt8, _ arguments: [U256]) -> String {
        Hex.encode(arguments.reversed().flatMap { push($0) } + [op])
    }

    static let hugeOffsets: [U256] = [
        U256(UInt64(1) << 32), U256(UInt64.max), U256(w0: 0, w1: 1, w2: 0, w3: 0),
        U256.signBit, U256.max, U256.max &- U256(31),
    ]

    /// Every opcode that expands memory, with each huge offset and a non-zero size, and with a
    /// huge size: out of gas, all gas used. With a zero size nothing expands.
    @Test func memoryOffsetsNear2To64And2To256() {
        let gas = 1_000_000
        for huge in Self.hugeOffsets {
            let one = U256.one, thirtyTwo = U256(32), zero = U256.zero
            let cases: [(String, UInt8, [U256])] = [
                ("MLOAD", 0x51, [huge]),
                ("MSTORE", 0x52, [huge, one]),
                ("MSTORE8", 0x53, [huge, one]),
                ("KECCAK256 offset", 0x20, [huge, thirtyTwo]),
                ("KECCAK256 size", 0x20, [zero, huge]),
                ("CALLDATACOPY dest", 0x37, [huge, zero, thirtyTwo]),
                ("CALLDATACOPY size", 0x37, [zero, zero, huge]),
                ("CODECOPY dest", 0x39, [huge, zero, one]),
                ("EXTCODECOPY dest", 0x3c, [U256(0xdead), huge, zero, one]),
                ("MCOPY dest", 0x5e, [huge, zero, one]),
                ("MCOPY source", 0x5e, [zero, huge, one]),
                ("MCOPY size", 0x5e, [zero, zero, huge]),
                ("LOG0 offset", 0xa0, [huge, one]),
                ("LOG0 size", 0xa0, [zero, huge]),
                ("RETURN", 0xf3, [huge, one]),
                ("REVERT", 0xfd, [huge, one]),
                ("CREATE", 0xf0, [zero, huge, one]),
                ("CREATE2 size", 0xf5, [zero, zero, huge, zero]),
                ("CALL args", 0xf1, [U256(100), U256(4), zero, huge, one, zero, zero]),
                ("CALL return", 0xf1, [U256(100), U256(4), zero, zero, zero, huge, one]),
                ("STATICCALL args", 0xfa, [U256(100), U256(4), huge, one, zero, zero]),
                ("DELEGATECALL return", 0xf4, [U256(100), U256(4), zero, zero, huge, one]),
            ]
            for (name, op, arguments) in cases {
                let ran = run(code(op, arguments), gas: gas)
                #expect(ran.status == .outOfGas, "\(name) at \(huge.hexString)")
                #expect(ran.used == gas, "\(name) at \(huge.hexString)")
            }
            // A zero size never expands, wherever it points.
            for (name, op, arguments) in [("RETURN", UInt8(0xf3), [huge, zero]), ("KECCAK256", 0x20, [huge, zero]),
                                          ("LOG0", 0xa0, [huge, zero]), ("CALLDATACOPY", 0x37, [huge, huge, zero])] {
                let ran = run(code(op, arguments), gas: gas)
                #expect(ran.status.isSuccess, "\(name) of nothing at \(huge.hexString)")
                #expect(ran.used < 1_000, "\(name) of nothing at \(huge.hexString)")
            }
            // A huge *source* offset reads zeros: nothing to pay for but the copy.
            let ran = run(code(0x37, [zero, huge, thirtyTwo]) + "5f51" + "5f52" + "60205ff3", input: [1, 2, 3])
            #expect(ran.status == .returned)
            #expect(ran.output == [UInt8](repeating: 0, count: 32))
        }
    }

    /// RETURNDATACOPY past the end of the return data is an exceptional halt (EIP-211),
    /// including an offset that wraps when the size is added.
    @Test func returnDataCopyOutOfBounds() {
        // After a call to the identity precompile with 4 bytes in, the return data is 4 bytes.
        let call = "6004" + "5f" + "6004" + "5f" + "6004" + "6064" + "fa" + "50"  // STATICCALL(100, 4, 0, 4, 0, 4); POP
        for (offset, size) in [(U256(5), U256.zero), (U256(1), U256(4)), (U256.max, U256(2)), (U256(4), U256.max), (U256(2), U256(3))] {
            let ran = run(call + code(0x3e, [U256.zero, offset, size]))
            #expect(ran.status == .returnDataOutOfBounds || (ran.status == .outOfGas && size == .max),
                    "offset \(offset.hexString) size \(size.hexString): \(ran.status)")
        }
        // In bounds: fine.
        #expect(run(call + code(0x3e, [U256.zero, U256(1), U256(3)])).status == .stop)
    }

    /// A contract that fills its stack to 1,000 items, counts itself in storage, then calls
    /// itself with all its gas: 1,025 frames (depths 0 to 1,024), each with a full stack, on the
    /// explicit frame stack; the call from depth 1,024 fails and every frame returns. With the
    /// 63/64 rule the deepest frame keeps about 10^-7 of the first one's gas: 10^14 is enough.
    @Test func deepCallRecursionWithFullStacks() {
        var bytes = [UInt8](repeating: 0x5f, count: 1_000)
        bytes += [0x5f, 0x54, 0x60, 0x01, 0x01, 0x5f, 0x55]  // SSTORE(0, SLOAD(0) + 1)
        bytes += [0x5f, 0x5f, 0x5f, 0x5f, 0x5f, 0x30, 0x5a, 0xf1]  // CALL(GAS, ADDRESS, 0, 0, 0, 0, 0)
        bytes += [0x00]
        let gas = 100_000_000_000_000
        let ran = run(Hex.encode(bytes), gas: gas)
        #expect(ran.status == .stop)
        #expect(ran.state.storage(contract, .zero) == U256(1_025))
        #expect(ran.used < gas)
    }

    /// Initcode that copies itself and CREATEs it: 1,024 nested creates (with 10^14 gas), each
    /// a new account, without a trap.
    @Test func deepCreateRecursion() {
        // CODESIZE PUSH0 PUSH0 CODECOPY; CODESIZE PUSH0 PUSH0 CREATE; STOP
        let initcode: [UInt8] = [0x38, 0x5f, 0x5f, 0x39, 0x38, 0x5f, 0x5f, 0xf0, 0x00]
        let gas = 100_000_000_000_000
        let ran = run(Hex.encode(initcode), gas: gas)
        #expect(ran.status == .stop)
        // The contract, the caller, and one account per level of creates (depths 1 to 1,024).
        #expect(ran.state.accounts.count == 2 + 1_024)
    }

    /// EIP-170: code of 24,576 bytes deploys, 24,577 does not; EIP-3860: initcode of 49,152
    /// bytes may run, 49,153 is out of gas for CREATE.
    @Test func codeAndInitcodeSizeLimits() {
        for (size, deploys) in [(24_576, true), (24_577, false)] {
            // Initcode: RETURN(0, size) of zeroed memory. The outer code stores it left-aligned
            // at memory 0, CREATEs it and stores the address (0 when the deposit failed).
            let initcode = push(U256(UInt64(size))) + [0x5f, 0xf3]
            let word = U256(bigEndianBytes: initcode + [UInt8](repeating: 0, count: 32 - initcode.count))
            let code = push(word) + [0x5f, 0x52]  // MSTORE(0, word)
                + push(U256(UInt64(initcode.count))) + [0x5f, 0x5f, 0xf0]  // CREATE(0, 0, len)
                + [0x5f, 0x55, 0x00]  // SSTORE(0, address)
            let ran = run(Hex.encode(code), gas: 10_000_000)
            #expect(ran.status == .stop)
            let stored = ran.state.storage(contract, .zero)
            #expect(stored.isZero == !deploys, "code of \(size) bytes")
        }
        for (size, runs) in [(49_152, true), (49_153, false)] {
            let code = push(U256(UInt64(size))) + [0x5f, 0x5f, 0xf0, 0x00]  // CREATE(0, 0, size) of zeros
            let ran = run(Hex.encode(code), fork: .cancun, gas: 10_000_000)
            #expect(ran.status == (runs ? .stop : .outOfGas), "initcode of \(size) bytes")
        }
    }

    /// Calldata of 4 MiB: CALLDATASIZE, a CALLDATALOAD at the very end, and a copy of all of it.
    @Test func megabytesOfCalldata() {
        let size = 4 << 20
        var input = [UInt8](repeating: 0xab, count: size)
        input[size - 1] = 0x01
        // PUSH3 size-1 CALLDATALOAD PUSH0 MSTORE; CALLDATASIZE PUSH0 PUSH0 CALLDATACOPY; PUSH1 32 PUSH0 RETURN
        let code = push(U256(UInt64(size - 1))) + [0x35, 0x5f, 0x52, 0x36, 0x5f, 0x5f, 0x37, 0x60, 0x20, 0x5f, 0xf3]
        let ran = run(Hex.encode(code), input: input, gas: 100_000_000)
        #expect(ran.status == .returned)
        // The word loaded at the end (0x01 then zeros) was overwritten by the copy's first 32 bytes.
        #expect(ran.output == [UInt8](repeating: 0xab, count: 32))
        // Memory of 4 MiB: 3·131,072 + 131,072²/512 words' worth, plus the copy's 3 per word.
        // Eleven opcodes' constant gas (25), the copy's 3 per word, and memory of 4 MiB.
        let words = size / 32
        #expect(ran.used == 25 + 3 * words + (3 * words + words * words / 512))
    }

    /// A JUMP or JUMPI into PUSH data, past the end, or to a word above 2^64 is a bad jump.
    @Test func jumpsIntoPushDataAndBeyond() {
        // PUSH1 4 JUMP PUSH1 0x5b (the 0x5b at offset 4 is push data)
        #expect(run("600456605b").status == .badJumpDestination)
        #expect(run(code(0x56, [U256(1_000)])).status == .badJumpDestination)
        #expect(run(code(0x56, [U256.max])).status == .badJumpDestination)
        #expect(run(code(0x57, [U256(w0: 5, w1: 1, w2: 0, w3: 0), U256.one])).status == .badJumpDestination)
    }
}
