import EVMCore
@testable import EVMState
import Testing

/// Gas and stack checks once per basic block (`BasicBlocks`) against the per-opcode checks.
///
/// The reference is the traced loop, which checks every opcode as the execution specs do.
/// Each program runs with enough gas and then with every gas limit around the points where
/// it runs out, so that a block entered with too little gas is exercised at every boundary.
@Suite struct BasicBlocksTests {
    /// A tracer that only counts, so that the traced (per-opcode) loop runs.
    final class Counter: Tracer {
        var steps = 0
        func step(_ step: TraceStep) { steps += 1 }
    }

    struct Outcome: Equatable {
        var status: ExecutionStatus
        var gasLeft: Int
        var output: [UInt8]
        var refund: Int
        var storage: [U256: U256]
    }

    static func execute(_ code: [UInt8], gas: Int, fork: Fork, traced: Bool) -> Outcome {
        let state = WorldState(fork: fork)
        state.setAccount(contract, Account(balance: U256(1_000), code: Code(code), storage: [U256(1): U256(7)]))
        state.setAccount(caller, Account(balance: U256(1_000_000)))
        state.beginTransaction()
        state.warm(contract)
        state.warm(caller)
        let message = Message(caller: caller, recipient: contract, value: .zero, input: [1, 2, 3], gas: gas)
        let executor = Executor(state: state, fork: fork, tracer: traced ? Counter() : nil)
        let r = executor.execute(message)
        return Outcome(status: r.status, gasLeft: r.gasLeft, output: r.output, refund: r.refund,
                       storage: state.account(contract)?.storage ?? [:])
    }

    /// Runs `code` checked per block and per opcode with `gas` and with limits just below
    /// what it uses, and expects the same outcome each time.
    static func expectSameOutcomes(_ code: [UInt8], fork: Fork = .cancun, gas: Int = 200_000,
                                   sourceLocation: SourceLocation = #_sourceLocation) {
        let full = execute(code, gas: gas, fork: fork, traced: true)
        let used = gas - full.gasLeft
        var limits = [gas]
        for k in 0...40 where used - k > 0 { limits.append(used - k) }
        for k in stride(from: 41, to: used, by: max(1, used / 25)) { limits.append(used - k) }
        for limit in limits {
            let perOpcode = execute(code, gas: limit, fork: fork, traced: true)
            let perBlock = execute(code, gas: limit, fork: fork, traced: false)
            #expect(perBlock == perOpcode, "gas \(limit): \(Hex.encode(code))", sourceLocation: sourceLocation)
        }
    }

    @Test func gasReadsWhatThePerOpcodeChecksLeave() {
        // PUSH1 1, PUSH1 2, ADD, GAS, PUSH1 0, MSTORE, GAS, RETURN(0, 32): the first GAS is
        // in a block with the pushes after it, and must not see them paid.
        let code = bytes("6001 6002 01 5a 6000 52 5a 6020 6000 f3")
        let r = Self.execute(code, gas: 10_000, fork: .cancun, traced: false)
        // The yellow paper's per-opcode charges before the first GAS: 3 + 3 + 3 + 2.
        #expect(r.status == .returned)
        #expect(U256(bigEndianBytes: r.output) == U256(10_000 - 11))
        Self.expectSameOutcomes(code)
    }

    @Test func sstoreStipendCheckSeesTheGasBeforeTheRestOfTheBlock() {
        // PUSH1 5, PUSH1 1, SSTORE, then a long block of PUSH1/POP after it: EIP-2200 refuses
        // SSTORE with 2,300 gas or less left, counted before the instructions that follow.
        let tail = String(repeating: "6000 50 ", count: 200)
        let code = bytes("6005 6001 55 " + tail + "00")
        Self.expectSameOutcomes(code, gas: 10_000)
        // Exactly at the stipend boundary: 3 + 3 for the pushes, then 2,300 or 2,301 left.
        for extra in [2_300, 2_301, 2_302, 7_000] {
            let perOpcode = Self.execute(code, gas: 6 + extra, fork: .cancun, traced: true)
            let perBlock = Self.execute(code, gas: 6 + extra, fork: .cancun, traced: false)
            #expect(perBlock == perOpcode)
        }
    }

    @Test func failuresInsideABlockKeepTheirStatus() {
        // Stack underflow after some work: the block cannot run, the status is the underflow's.
        #expect(run("6001 6002 01 01 00").status == .stackUnderflow)
        // An opcode the fork does not define in the middle of a block (0x0c).
        #expect(run("6001 6002 0c 00", gas: 500).status == .invalidOpcode(0x0c))
        // PUSH0 is undefined before Shanghai: invalid, not an underflow of the ADD after it.
        #expect(run("5f 01", fork: .paris).status == .invalidOpcode(0x5f))
        // Out of gas on the third PUSH: 9 needed, 8 given; and a block that fits exactly.
        #expect(run("6001 6001 6001 00", gas: 8).status == .outOfGas)
        #expect(run("6001 6001 6001 00", gas: 9).status == .stop)
        // Stack overflow at the 1,025th item, in a block whose first pushes fit.
        #expect(run(String(repeating: "6001", count: 1_025)).status == .stackOverflow)
        Self.expectSameOutcomes(bytes("6001 6002 01 01 00"))
        Self.expectSameOutcomes(bytes("6001 6002 0c 00"))
    }

    @Test func jumpsFallthroughsAndTheEndOfCode() {
        // A loop: counter 5, JUMPDEST, decrement, JUMPI back while non-zero; a JUMPI that falls
        // through into a JUMPDEST, and code that ends inside a PUSH's data.
        Self.expectSameOutcomes(bytes("6005 5b 6001 90 03 80 6002 57 50 6001 6010 57 5b 60"))
        // JUMPI not taken into a block that is not a JUMPDEST, then off the end of code.
        Self.expectSameOutcomes(bytes("6000 6000 57 6001 6002 01"))
        // A block that ends in memory expansion charged beyond the gas left.
        Self.expectSameOutcomes(bytes("6001 61ffff 52 6001 6001 01 00"))
    }

    @Test func callsAndCreatesSeeTheirSixtyFourth() {
        // CALL(gas: GAS, to: 4 (identity), value 0, in 0..32, out 0..32), then more work:
        // the 63/64 rule must see the gas left after the call's own cost only.
        let call = "6020 6000 6020 6000 6000 6004 5a f1 "
        Self.expectSameOutcomes(bytes(call + "6001 01 6000 52 6020 6000 f3"))
        // CREATE of empty initcode, then STATICCALL to a missing account.
        Self.expectSameOutcomes(bytes("6000 6000 6000 f0 6000 6000 6000 6000 6099 5a fa 01 00"))
    }

    @Test func programsFromRandomOpcodes() {
        // Pushes of small numbers, arithmetic, stack, memory, storage, hashing, jumps (which
        // now and then land on one of the JUMPDESTs), calls and creates, from a fixed seed.
        var rng = ProgramRandom(seed: 0x6a5_1ab)
        let ops: [String] = ["01", "02", "03", "04", "0a", "10", "14", "15", "16", "19", "1b", "1c", "20",
                             "50", "51", "52", "53", "54", "55", "59", "5a", "5b", "5c", "5d", "5f",
                             "80", "81", "82", "90", "91", "3d", "36", "35", "0c", "a0", "fe", "f3", "fd",
                             "56", "57", "57", "f1", "fa", "f0"]
        for _ in 0..<120 {
            var hex = ""
            for _ in 0..<Int(rng.next() % 40) {
                switch rng.next() % 4 {
                case 0: hex += "60" + Hex.encode([UInt8(rng.next() % 64)])
                case 1: hex += "5b"
                default: hex += ops[Int(rng.next() % UInt64(ops.count))]
                }
            }
            for fork in [Fork.istanbul, .cancun, .osaka] {
                Self.expectSameOutcomes(bytes(hex), fork: fork, gas: 60_000)
            }
        }
    }
}

/// A small deterministic generator for test programs (SplitMix64), so failures reproduce.
private struct ProgramRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
