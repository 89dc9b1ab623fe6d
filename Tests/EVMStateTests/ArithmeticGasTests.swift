import EVMCore
import Testing

/// Gas of arithmetic, comparison and bitwise opcodes: constant costs from the yellow paper's
/// fee schedule (G_verylow 3, G_low 5, G_mid 8) and EXP's 10 + 50 per exponent byte (EIP-160),
/// as the execution specs' `vm/instructions/arithmetic.py` charges them.
@Suite struct ArithmeticGasTests {
    @Test func addMulAddmod() {
        #expect(run("6003600501").used == 3 + 3 + 3)  // PUSH1 PUSH1 ADD
        #expect(run("6003600502").used == 3 + 3 + 5)  // MUL: G_low
        #expect(run("60036005600708").used == 3 * 3 + 8)  // ADDMOD: G_mid
    }

    @Test func expChargesPerExponentByte() {
        #expect(run("60ff60020a").used == 3 + 3 + 10 + 50)  // exponent 0xff: one byte
        #expect(run("6101006002 0a").used == 3 + 3 + 10 + 100)
        #expect(run("600060020a").used == 3 + 3 + 10)  // exponent 0: no byte
    }

    @Test func resultsReachTheStack() {
        // PUSH1 7, PUSH1 0, SUB (0 − 7), PUSH1 0, MSTORE, PUSH1 32, PUSH1 0, RETURN
        let r = run("60076000036000526020 6000f3")
        #expect(r.status == .returned)
        #expect(U256(bigEndianBytes: r.output) == U256(7).negated)
    }

    @Test func clzFromOsaka() {
        let osaka = run("60011e", fork: .osaka)
        #expect(osaka.status == .stop)
        #expect(osaka.used == 3 + 5)  // EIP-7939: CLZ costs 5
        let prague = run("60011e", fork: .prague, gas: 1_000)
        #expect(prague.status == .invalidOpcode(0x1e))
        #expect(prague.used == 1_000)  // an undefined opcode consumes all gas
    }

    @Test func push0FromShanghai() {
        #expect(run("5f", fork: .shanghai).used == 2)  // EIP-3855: G_base
        #expect(run("5f", fork: .paris, gas: 500).status == .invalidOpcode(0x5f))
    }
}
