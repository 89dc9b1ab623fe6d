import EVMCore
import EVMState

/// JSON-RPC's encodings (the Ethereum JSON-RPC spec): quantities as "0x" and minimal hex,
/// data as "0x" and two digits a byte.
enum RPCHex {
    static func quantity(_ v: U256) -> String {
        let bytes = v.minimalBigEndianBytes
        if bytes.isEmpty { return "0x0" }
        var s = EVMCore.Hex.encode(bytes)
        if s.hasPrefix("0") { s.removeFirst() }
        return "0x" + s
    }

    static func quantity(_ v: Int) -> String { quantity(U256(UInt64(max(v, 0)))) }
    static func quantity(_ v: UInt64) -> String { quantity(U256(v)) }
    static func data<C: Sequence>(_ bytes: C) -> String where C.Element == UInt8 { "0x" + EVMCore.Hex.encode(bytes) }
    static func word(_ v: U256) -> String { data(v.bigEndianBytes) }
    static func address(_ a: Address) -> String { data(a.bytes) }
}

extension JSON {
    static func quantity(_ v: U256) -> JSON { .string(RPCHex.quantity(v)) }
    static func quantity(_ v: Int) -> JSON { .string(RPCHex.quantity(v)) }
    static func quantity(_ v: UInt64) -> JSON { .string(RPCHex.quantity(v)) }
    static func data(_ b: [UInt8]) -> JSON { .string(RPCHex.data(b)) }
    static func word(_ v: U256) -> JSON { .string(RPCHex.word(v)) }
    static func address(_ a: Address) -> JSON { .string(RPCHex.address(a)) }
}

/// The parameters of one call, read by position with geth's error messages
/// ("invalid argument 1: …").
struct Params {
    let values: [JSON]

    init(_ params: JSON?) throws(RPCError) {
        switch params {
        case nil, .null?: values = []
        case .array(let a)?: values = a
        default: throw RPCError.invalidParams("non-array args")
        }
    }

    var count: Int { values.count }

    func bad(_ i: Int, _ why: String) -> RPCError { .invalidParams("invalid argument \(i): \(why)") }

    /// The value at `i`, nil when absent or null.
    func optional(_ i: Int) -> JSON? {
        guard i < values.count, !values[i].isNull else { return nil }
        return values[i]
    }

    func required(_ i: Int) throws(RPCError) -> JSON {
        guard let v = optional(i) else { throw RPCError.invalidParams("missing value for required argument \(i)") }
        return v
    }

    /// No more than `n` parameters.
    func atMost(_ n: Int) throws(RPCError) {
        if values.count > n { throw RPCError.invalidParams("too many arguments, want at most \(n)") }
    }

    func quantity(_ i: Int) throws(RPCError) -> U256 { try Params.quantity(required(i), bad: { bad(i, $0) }) }
    func int(_ i: Int) throws(RPCError) -> Int {
        let v = try quantity(i)
        guard v <= U256(UInt64(Int.max)) else { throw bad(i, "number too large") }
        return Int(v.w0)
    }
    func data(_ i: Int) throws(RPCError) -> [UInt8] { try Params.data(required(i), bad: { bad(i, $0) }) }
    func address(_ i: Int) throws(RPCError) -> Address { try Params.address(required(i), bad: { bad(i, $0) }) }
    func hash(_ i: Int) throws(RPCError) -> U256 {
        let b = try data(i)
        guard b.count == 32 else { throw bad(i, "hex string has length \(b.count * 2), want 64 for common.Hash") }
        return U256(bigEndianBytes: b)
    }
    func bool(_ i: Int) throws(RPCError) -> Bool {
        guard let v = optional(i) else { return false }
        guard case .bool(let b) = v else { throw bad(i, "cannot unmarshal into bool") }
        return b
    }

    /// A quantity: "0x…" hex, or (as Anvil accepts for a few methods) a JSON integer.
    static func quantity(_ v: JSON, bad: (String) -> RPCError) throws(RPCError) -> U256 {
        switch v {
        case .string(let s):
            guard s.hasPrefix("0x") || s.hasPrefix("0X") else { throw bad("hex string without 0x prefix") }
            let digits = s.dropFirst(2)
            guard !digits.isEmpty else { throw bad("hex string \"0x\"") }
            guard digits.count <= 64, let value = U256(hex: String(digits)) else { throw bad("invalid hex number \(s)") }
            return value
        case .number(let n):
            guard let u = UInt64(n) else { throw bad("number \(n) is not a non-negative integer") }
            return U256(u)
        default:
            throw bad("cannot unmarshal into a quantity")
        }
    }

    static func data(_ v: JSON, bad: (String) -> RPCError) throws(RPCError) -> [UInt8] {
        guard case .string(let s) = v else { throw bad("cannot unmarshal non-string into hex bytes") }
        guard s.hasPrefix("0x") || s.hasPrefix("0X") else { throw bad("hex string without 0x prefix") }
        let digits = s.dropFirst(2)
        guard digits.count % 2 == 0 else { throw bad("hex string of odd length") }
        do { return try EVMCore.Hex.decode(String(digits)) } catch { throw bad("invalid hex string") }
    }

    static func address(_ v: JSON, bad: (String) -> RPCError) throws(RPCError) -> Address {
        let b = try data(v, bad: bad)
        guard b.count == 20, let a = Address(bytes: b) else {
            throw bad("hex string has length \(b.count * 2), want 40 for common.Address")
        }
        return a
    }
}
