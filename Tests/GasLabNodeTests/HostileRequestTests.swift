import EVMCore
@testable import GasLabNode
import Testing

/// Every method with parameters of every wrong shape and extreme value: each request gets a
/// JSON-RPC answer (a result or an error), none traps, and the chain is as it was unless the
/// method's purpose is to change it.
@Suite struct HostileRequestTests {
    static let shapes: [String] = [
        "null", "0", "-1", "1.5", "true", "\"\"", "\"0x\"", "\"0x0\"", "\"latest\"", "\"pending\"", "\"earliest\"",
        "\"0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff\"",
        "\"0x10000000000000000\"", "\"0x7fffffffffffffff\"", "\"0xffffffffffffffff\"", "\"zz\"", "\"0x0g\"",
        "\"0x" + String(repeating: "ab", count: 20) + "\"", "\"0x" + String(repeating: "11", count: 32) + "\"",
        "[]", "[1,2]", "{}", "{\"blockHash\":\"0x12\"}", "{\"blockNumber\":\"0xffffffffffffffff\"}",
        "{\"from\":\"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266\",\"to\":\"0x0000000000000000000000000000000000000004\",\"gas\":\"0xffffffffffffffffffffffff\"}",
        "{\"from\":\"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266\",\"value\":\"0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff\"}",
        "{\"timestamp\":\"0xffffffffffffffff\",\"blocks\":\"0xffffffffffffffff\"}",
        "{\"topics\":[[null,\"0x12\"]],\"fromBlock\":\"0xffffffffffffffff\"}",
        "{\"tracer\":\"callTracer\",\"limit\":-5}", "{\"tracer\":\"nope\"}",
    ]

    @Test func everyMethodAnswersEveryShape() throws {
        var config = NodeConfig()
        config.genesisTimestamp = 1_700_000_000
        config.accountCount = 2
        let handler = RPCHandler(node: try DevNode(config: config))
        var id = 0
        for method in DevNode.methods {
            for a in Self.shapes {
                for params in ["[\(a)]", "[\(a),\(a)]", "[\(a),\(a),\(a)]", "[\"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266\",\(a)]"] {
                    id += 1
                    let body = "{\"jsonrpc\":\"2.0\",\"id\":\(id),\"method\":\"\(method)\",\"params\":\(params)}"
                    let answer = try #require(handler.handle(Array(body.utf8)), "\(method) \(params)")
                    let json = try JSON.parse(answer)
                    #expect(json["result"] != nil || json["error"] != nil, "\(method) \(params)")
                }
            }
        }
        // Still serving.
        let answer = try #require(handler.handle(Array(#"{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}"#.utf8)))
        #expect(try JSON.parse(answer)["result"] == .string("0x7a69"))
    }
}
