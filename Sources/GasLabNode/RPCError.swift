import EVMCore

/// A JSON-RPC 2.0 error object with the codes and messages geth and Anvil return, so clients
/// (web3.py, ethers, Foundry) recognise them: -32700 parse error, -32600 invalid request,
/// -32601 unknown method, -32602 invalid params, -32000 a transaction or state error, and 3
/// "execution reverted" with the revert data, which web3.py and ethers decode.
public struct RPCError: Error, Sendable, CustomStringConvertible {
    public var code: Int
    public var message: String
    public var data: JSON?

    public init(code: Int, message: String, data: JSON? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    public var description: String { "\(code): \(message)" }

    public var json: JSON {
        var pairs: [(String, JSON)] = [("code", .int(code)), ("message", .string(message))]
        if let data { pairs.append(("data", data)) }
        return .object(pairs)
    }

    public static func parse(_ detail: String) -> RPCError { RPCError(code: -32700, message: "parse error: \(detail)") }
    public static func invalidRequest(_ detail: String) -> RPCError { RPCError(code: -32600, message: detail) }
    public static func methodNotFound(_ method: String) -> RPCError {
        RPCError(code: -32601, message: "the method \(method) does not exist/is not available")
    }
    /// geth's shape: "invalid argument 0: hex string without 0x prefix".
    public static func invalidParams(_ detail: String) -> RPCError { RPCError(code: -32602, message: detail) }
    public static func server(_ message: String) -> RPCError { RPCError(code: -32000, message: message) }
    /// A block the node does not have (geth: "header not found").
    public static let unknownBlock = RPCError(code: -32000, message: "header not found")

    /// A revert: code 3, "execution reverted" (with the reason when it is an Error(string) or
    /// a Panic(uint256)), and the revert data as hex.
    public static func reverted(_ output: [UInt8]) -> RPCError {
        var message = "execution reverted"
        if let reason = RevertReason.decode(output) { message += ": \(reason)" }
        return RPCError(code: 3, message: message, data: .string(RPCHex.data(output)))
    }
}

/// Solidity's and Vyper's revert payloads: Error(string) (selector 0x08c379a0) and
/// Panic(uint256) (0x4e487b71).
enum RevertReason {
    static func decode(_ output: [UInt8]) -> String? {
        guard output.count >= 4 else { return nil }
        let selector = Array(output[0..<4])
        let body = Array(output.dropFirst(4))
        if selector == [0x08, 0xc3, 0x79, 0xa0], body.count >= 64 {
            guard let offset = smallWord(body, at: 0), offset + 32 <= body.count,
                  let length = smallWord(body, at: offset), offset + 32 + length <= body.count else { return nil }
            return String(decoding: body[(offset + 32)..<(offset + 32 + length)], as: UTF8.self)
        }
        if selector == [0x4e, 0x48, 0x7b, 0x71], body.count == 32 {
            return "panic: 0x" + RPCHex.quantity(U256(bigEndianBytes: body)).dropFirst(2)
        }
        return nil
    }

    /// A 32-byte big-endian word at `offset` that fits comfortably in an Int.
    static func smallWord(_ b: [UInt8], at offset: Int) -> Int? {
        guard offset >= 0, offset + 32 <= b.count, b[offset..<(offset + 28)].allSatisfy({ $0 == 0 }) else { return nil }
        return b[(offset + 28)..<(offset + 32)].reduce(0) { $0 << 8 | Int($1) }
    }
}
