import EVMChain
import EVMCore
@testable import GasLabNode
import Testing

/// The JSON-RPC layer without HTTP: error codes and shapes (JSON-RPC 2.0 and geth's), batches,
/// notifications, and that bad input changes nothing.
@Suite struct RPCHandlerTests {
    func handler(_ configure: (inout NodeConfig) -> Void = { _ in }) throws -> RPCHandler {
        var config = NodeConfig()
        config.genesisTimestamp = 1_700_000_000
        configure(&config)
        return RPCHandler(node: try DevNode(config: config))
    }

    func call(_ h: RPCHandler, _ body: String) throws -> JSON {
        try JSON.parse(try #require(h.handle(Array(body.utf8))))
    }

    @Test func errorCodes() throws {
        let h = try handler()
        #expect(try call(h, "{x")["error"]?["code"] == .int(-32700))
        #expect(try call(h, "1")["error"]?["code"] == .int(-32600))
        #expect(try call(h, #"{"jsonrpc":"2.0","id":1,"method":"nope"}"#)["error"]?["code"] == .int(-32601))
        #expect(try call(h, #"{"jsonrpc":"2.0","id":1,"method":"eth_getBalance","params":["0x12"]}"#)["error"]?["code"] == .int(-32602))
        #expect(try call(h, #"{"jsonrpc":"2.0","id":1,"method":"eth_getBalance","params":{}}"#)["error"]?["code"] == .int(-32602))
        #expect(try call(h, #"{"jsonrpc":"2.0","id":[1],"method":"eth_chainId"}"#)["error"]?["code"] == .int(-32600))
        #expect(h.handle(Array(#"{"jsonrpc":"2.0","method":"eth_chainId"}"#.utf8)) == nil)
    }

    @Test func chainFacts() throws {
        let h = try handler()
        #expect(try call(h, #"{"jsonrpc":"2.0","id":"a","method":"eth_chainId"}"#)["result"] == .string("0x7a69"))
        #expect(try call(h, #"{"jsonrpc":"2.0","id":"a","method":"eth_chainId"}"#)["id"] == .string("a"))
        let accounts = try call(h, #"{"jsonrpc":"2.0","id":1,"method":"eth_accounts"}"#)["result"]?.array
        #expect(accounts?.first == .string("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"))
        let balance = try call(h, #"{"jsonrpc":"2.0","id":1,"method":"eth_getBalance","params":["0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266","latest"]}"#)
        #expect(balance["result"] == .string("0x21e19e0c9bab2400000"))  // 10,000 ether
        // The genesis carries Osaka's system contracts.
        let code = try call(h, #"{"jsonrpc":"2.0","id":1,"method":"eth_getCode","params":["0x0000F90827F1C53a10cb7A02335B175320002935","latest"]}"#)
        #expect(code["result"]?.string?.hasPrefix("0x3373fffffffffffffffffffffffffffffffffffffffe") == true)
    }

    @Test func batchLimit() throws {
        let h = try handler { $0.maxBatch = 2 }
        let three = "[" + Array(repeating: #"{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}"#, count: 3).joined(separator: ",") + "]"
        #expect(try call(h, three)["error"]?["code"] == .int(-32600))
        let two = try call(h, "[" + Array(repeating: #"{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}"#, count: 2).joined(separator: ",") + "]")
        #expect(two.array?.count == 2)
    }

    /// Pre-merge forks have no producer here: a clear error at start.
    @Test func preMergeForksAreRefused() {
        var config = NodeConfig()
        config.upgrade = Upgrade.named("London")!
        #expect(throws: DevNode.StartError.self) { try DevNode(config: config) }
    }

    /// A revert's message decodes Error(string) and Panic(uint256).
    @Test func revertReasons() {
        var error = [UInt8]([0x08, 0xc3, 0x79, 0xa0]) + [UInt8](repeating: 0, count: 31) + [0x20]
        error += [UInt8](repeating: 0, count: 31) + [3] + Array("bad".utf8) + [UInt8](repeating: 0, count: 29)
        #expect(RPCError.reverted(error).message == "execution reverted: bad")
        let panic = [UInt8]([0x4e, 0x48, 0x7b, 0x71]) + [UInt8](repeating: 0, count: 31) + [0x11]
        #expect(RPCError.reverted(panic).message == "execution reverted: panic: 0x11")
        #expect(RPCError.reverted([1, 2]).message == "execution reverted")
        #expect(RPCError.reverted([1, 2]).data == .string("0x0102"))
        // A length that points past the data is not decoded (and does not trap).
        var lying = [UInt8]([0x08, 0xc3, 0x79, 0xa0]) + [UInt8](repeating: 0, count: 31) + [0x20]
        lying += [UInt8](repeating: 0xff, count: 32)
        #expect(RPCError.reverted(lying).message == "execution reverted")
    }
}
