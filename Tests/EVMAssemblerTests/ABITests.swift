import EVMCore
@testable import EVMAssembler
import Testing

/// ABI encoding against the Solidity ABI specification's worked examples.
@Suite struct ABITests {
    @Test func specificationExample() throws {
        // f(uint256,uint32[],bytes10,bytes) with (0x123, [0x456, 0x789], "1234567890", "Hello, world!").
        let data = try ABI.encodeCall("f(uint256,uint32[],bytes10,bytes)",
                                      ["0x123", "[0x456, 0x789]", "0x31323334353637383930", "0x48656c6c6f2c20776f726c6421"])
        let expected = "8be65246"
            + "0000000000000000000000000000000000000000000000000000000000000123"
            + "0000000000000000000000000000000000000000000000000000000000000080"
            + "3132333435363738393000000000000000000000000000000000000000000000"
            + "00000000000000000000000000000000000000000000000000000000000000e0"
            + "0000000000000000000000000000000000000000000000000000000000000002"
            + "0000000000000000000000000000000000000000000000000000000000000456"
            + "0000000000000000000000000000000000000000000000000000000000000789"
            + "000000000000000000000000000000000000000000000000000000000000000d"
            + "48656c6c6f2c20776f726c642100000000000000000000000000000000000000"
        #expect(Hex.encode(data) == expected)
    }

    @Test func paperCall() throws {
        let data = try ABI.encodeCall("addData(int256,int256)", ["20", "-80"])
        #expect(Array(data.prefix(4)) == Array(Keccak256.hash("addData(int256,int256)").prefix(4)))
        #expect(U256(bigEndianBytes: data[4..<36]) == U256(20))
        #expect(U256(bigEndianBytes: data[36..<68]) == U256(80).negated)
    }

    @Test func decodeAndDescribe() throws {
        let values = try ABI.decode([.int(256), .string, .bool],
                                    ABI.encode([.word(U256(5).negated, .int(256)), .string("hi"), .word(.one, .bool)]))
        #expect(values.map(\.description) == ["-5", "\"hi\"", "true"])
        #expect(throws: ABI.ABIError.self) { try ABI.decode([.uint(256)], [1, 2]) }
    }

    @Test func revertReasons() throws {
        let error = [0x08, 0xc3, 0x79, 0xa0] + ABI.encode([.string("not owner")])
        #expect(ABI.describeRevert(error) == "Error(\"not owner\")")
        let panic = [0x4e, 0x48, 0x7b, 0x71] + U256(0x11).bigEndianBytes
        #expect(ABI.describeRevert(panic) == "Panic(0x11: arithmetic overflow or underflow)")
        #expect(ABI.describeRevert([]) == "revert without data")
    }

    @Test func badArguments() {
        #expect(throws: ABI.ABIError.self) { try ABI.encodeCall("f(uint8)", ["256"]) }
        #expect(throws: ABI.ABIError.self) { try ABI.encodeCall("f(int8)", ["-129"]) }
        #expect(throws: ABI.ABIError.self) { try ABI.encodeCall("f(address)", ["0x12"]) }
        #expect(throws: ABI.ABIError.self) { try ABI.encodeCall("f(uint256)", []) }
        #expect(throws: ABI.ABIError.self) { try ABI.encodeCall("f(foo)", ["1"]) }
        #expect(throws: ABI.ABIError.self) { try ABI.encodeCall("nope", []) }
    }
}
