import EVMCore
import Testing

/// Jumps, stack limits and halting (yellow paper 9.4.2, execution specs `control_flow.py`).
@Suite struct FlowTests {
    @Test func jumpToJumpdest() {
        #expect(run("6004 56 fe 5b 00").used == 3 + 8 + 1)
    }

    @Test func jumpIntoPushDataFails() {
        // PUSH1 3, JUMP, PUSH1 0x5b: offset 3 is push data, not a JUMPDEST.
        let r = run("6003 56 605b", gas: 5_000)
        #expect(r.status == .badJumpDestination)
        #expect(r.used == 5_000)
    }

    @Test func jumpiNotTaken() {
        #expect(run("6000 6010 57 00").used == 3 + 3 + 10)
    }

    @Test func stackUnderflowAndOverflow() {
        #expect(run("01", gas: 300).status == .stackUnderflow)
        let overflow = String(repeating: "5f", count: 1_025)
        #expect(run(overflow, fork: .shanghai).status == .stackOverflow)
        let full = String(repeating: "5f", count: 1_024)
        #expect(run(full, fork: .shanghai).status == .stop)
    }

    @Test func truncatedPushReadsZeros() {
        // PUSH2 with one byte of data left: the missing byte is zero; then the code ends (STOP).
        let r = run("61ff")
        #expect(r.status == .stop)
        #expect(r.used == 3)
    }

    @Test func revertKeepsGasAndReturnsData() {
        // MSTORE8(0, 0xaa), REVERT(0, 1)
        let r = run("60aa600053 60016000fd", gas: 10_000)
        #expect(r.status == .reverted)
        #expect(r.output == [0xaa])
        #expect(r.used == 3 + 3 + 3 + 3 + 3 + 3)
    }

    @Test func gasOpcodeSeesGasAfterItsOwnCost() {
        // GAS, PUSH1 0, MSTORE, RETURN(0, 32)
        let r = run("5a60005260206000f3", gas: 1_000)
        #expect(U256(bigEndianBytes: r.output) == U256(1_000 - 2))
    }

    @Test func invalidOpcodeConsumesAll() {
        let r = run("fe", gas: 777)
        #expect(r.status == .invalidOpcode(0xfe))
        #expect(r.used == 777)
    }
}
