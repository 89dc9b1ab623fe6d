import EVMCore

/// Solidity's contract ABI: calldata from a signature and textual arguments, return data and
/// revert data decoded back to text.
public enum ABI {
    public indirect enum ABIType: Equatable, Sendable, CustomStringConvertible {
        case uint(Int), int(Int), address, bool, fixedBytes(Int), bytes, string
        case array(ABIType)

        public var isDynamic: Bool {
            switch self {
            case .bytes, .string, .array: return true
            default: return false
            }
        }

        public var description: String {
            switch self {
            case .uint(let n): return "uint\(n)"
            case .int(let n): return "int\(n)"
            case .address: return "address"
            case .bool: return "bool"
            case .fixedBytes(let n): return "bytes\(n)"
            case .bytes: return "bytes"
            case .string: return "string"
            case .array(let t): return "\(t)[]"
            }
        }

        /// Parses "uint256", "int", "bytes32", "address[]", …
        public init(parsing text: String) throws(ABIError) {
            let t = text.trimmingCharacters(in: " ")
            if t.hasSuffix("[]") {
                self = .array(try ABIType(parsing: String(t.dropLast(2))))
                return
            }
            switch t {
            case "address": self = .address
            case "bool": self = .bool
            case "bytes": self = .bytes
            case "string": self = .string
            case "uint": self = .uint(256)
            case "int": self = .int(256)
            default:
                for (prefix, make) in [("uint", ABIType.uint), ("int", ABIType.int)] where t.hasPrefix(prefix) {
                    if let n = Int(t.dropFirst(prefix.count)), n % 8 == 0, (8...256).contains(n) {
                        self = make(n)
                        return
                    }
                }
                if t.hasPrefix("bytes"), let n = Int(t.dropFirst(5)), (1...32).contains(n) {
                    self = .fixedBytes(n)
                    return
                }
                throw ABIError("expected an ABI type (uintN, intN, address, bool, bytesN, bytes, string, T[]), found '\(t)'")
            }
        }
    }

    public struct ABIError: Error, Equatable, Sendable, CustomStringConvertible {
        public var description: String
        public init(_ d: String) { description = d }
    }

    /// A function signature: name and parameter types.
    public struct Signature: Sendable, Equatable {
        public var name: String
        public var parameters: [ABIType]

        public init(parsing text: String) throws(ABIError) {
            let t = text.trimmingCharacters(in: " ")
            guard let open = t.firstIndex(of: "("), t.hasSuffix(")") else {
                throw ABIError("expected a signature like name(type,...), found '\(t)'")
            }
            name = String(t[..<open])
            guard !name.isEmpty else { throw ABIError("expected a function name before '(' in '\(t)'") }
            let inner = t[t.index(after: open)..<t.index(before: t.endIndex)]
            parameters = []
            if !inner.isEmpty {
                for part in inner.split(separator: ",", omittingEmptySubsequences: false) {
                    parameters.append(try ABIType(parsing: String(part)))
                }
            }
        }

        /// The canonical form hashed for the selector.
        public var canonical: String { name + "(" + parameters.map(\.description).joined(separator: ",") + ")" }
        public var selector: [UInt8] { Array(Keccak256.hash(canonical).prefix(4)) }
    }

    /// A decoded or parsed value.
    public indirect enum Value: Equatable, Sendable, CustomStringConvertible {
        case word(U256, ABIType)
        case bytes([UInt8])
        case string(String)
        case array([Value], ABIType)

        public var description: String {
            switch self {
            case .word(let v, let t):
                switch t {
                case .int: return v.signedDecimalString
                case .bool: return v.isZero ? "false" : "true"
                case .address: return Address(v).description
                case .fixedBytes(let n): return "0x" + Hex.encode(v.bigEndianBytes.prefix(n))
                default: return v.decimalString
                }
            case .bytes(let b): return Hex.prefixed(b)
            case .string(let s): return "\"" + s + "\""
            case .array(let items, _): return "[" + items.map(\.description).joined(separator: ", ") + "]"
            }
        }
    }

    // MARK: Encoding

    /// Calldata for a call: the selector and the encoded arguments.
    public static func encodeCall(_ signature: String, _ arguments: [String]) throws(ABIError) -> [UInt8] {
        let sig = try Signature(parsing: signature)
        guard arguments.count == sig.parameters.count else {
            throw ABIError("\(sig.canonical) takes \(sig.parameters.count) argument(s), found \(arguments.count)")
        }
        var values: [Value] = []
        for (t, a) in zip(sig.parameters, arguments) { values.append(try parse(a, as: t)) }
        return sig.selector + encode(values)
    }

    /// Parses the text of one argument.
    public static func parse(_ text: String, as type: ABIType) throws(ABIError) -> Value {
        let t = text.trimmingCharacters(in: " ")
        switch type {
        case .uint(let bits):
            guard let v = U256(t), v.bitWidth <= bits else { throw ABIError("expected a \(type), found '\(t)'") }
            return .word(v, type)
        case .int(let bits):
            let negative = t.hasPrefix("-")
            guard let m = U256(negative ? String(t.dropFirst()) : t) else { throw ABIError("expected an \(type), found '\(t)'") }
            let limit = U256.one << (bits - 1)
            guard negative ? m <= limit : m < limit else { throw ABIError("\(t) does not fit \(type)") }
            return .word(negative ? m.negated : m, type)
        case .address:
            guard let a = Address(hex: t) else { throw ABIError("expected an address (40 hex digits), found '\(t)'") }
            return .word(a.word, type)
        case .bool:
            switch t {
            case "true", "1": return .word(.one, type)
            case "false", "0": return .word(.zero, type)
            default: throw ABIError("expected true or false, found '\(t)'")
            }
        case .fixedBytes(let n):
            guard let b = try? Hex.decode(t), b.count <= n else { throw ABIError("expected at most \(n) bytes of hex, found '\(t)'") }
            return .word(U256(bigEndianBytes: b + [UInt8](repeating: 0, count: 32 - b.count)), type)
        case .bytes:
            guard let b = try? Hex.decode(t) else { throw ABIError("expected hex bytes, found '\(t)'") }
            return .bytes(b)
        case .string:
            if t.hasPrefix("\""), t.hasSuffix("\""), t.count >= 2 { return .string(String(t.dropFirst().dropLast())) }
            return .string(text)
        case .array(let element):
            guard t.hasPrefix("["), t.hasSuffix("]") else { throw ABIError("expected an array like [1,2,3], found '\(t)'") }
            let inner = t.dropFirst().dropLast()
            if inner.trimmingCharacters(in: " ").isEmpty { return .array([], element) }
            var items: [Value] = []
            for part in splitTopLevel(String(inner)) { items.append(try parse(part, as: element)) }
            return .array(items, element)
        }
    }

    /// Splits "a, [b, c], d" at top-level commas.
    static func splitTopLevel(_ s: String) -> [String] {
        var parts: [String] = []
        var depth = 0
        var current = ""
        for c in s {
            if c == "[" { depth += 1 }
            if c == "]" { depth -= 1 }
            if c == "," && depth == 0 {
                parts.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        parts.append(current)
        return parts
    }

    /// Head/tail encoding of a tuple of values.
    public static func encode(_ values: [Value]) -> [UInt8] {
        var head: [UInt8] = []
        var tail: [UInt8] = []
        let headSize = 32 * values.count
        for v in values {
            switch v {
            case .word(let w, _):
                head += w.bigEndianBytes
            case .bytes(let b):
                head += U256(UInt64(headSize + tail.count)).bigEndianBytes
                tail += encodeBytes(b)
            case .string(let s):
                head += U256(UInt64(headSize + tail.count)).bigEndianBytes
                tail += encodeBytes(Array(s.utf8))
            case .array(let items, _):
                head += U256(UInt64(headSize + tail.count)).bigEndianBytes
                tail += U256(UInt64(items.count)).bigEndianBytes + encode(items)
            }
        }
        return head + tail
    }

    static func encodeBytes(_ b: [UInt8]) -> [UInt8] {
        let padding = (32 - b.count % 32) % 32
        return U256(UInt64(b.count)).bigEndianBytes + b + [UInt8](repeating: 0, count: padding)
    }

    // MARK: Decoding

    /// Decodes return data of the given types; throws on data too short or offsets out of range.
    public static func decode(_ types: [ABIType], _ data: [UInt8]) throws(ABIError) -> [Value] {
        try decodeTuple(types, data[...], base: 0)
    }

    static func word(_ data: ArraySlice<UInt8>, at offset: Int) throws(ABIError) -> U256 {
        let start = data.startIndex + offset
        guard offset >= 0, start + 32 <= data.endIndex else {
            throw ABIError("return data too short: needs \(offset + 32) bytes, has \(data.count)")
        }
        return U256(bigEndianBytes: data[start..<start + 32])
    }

    static func decodeTuple(_ types: [ABIType], _ data: ArraySlice<UInt8>, base: Int) throws(ABIError) -> [Value] {
        var out: [Value] = []
        for (i, t) in types.enumerated() {
            let head = try word(data, at: 32 * i)
            if !t.isDynamic {
                out.append(.word(head, t))
                continue
            }
            guard let offset = head.asInt, offset <= data.count else { throw ABIError("offset \(head) out of range") }
            let tail = data[(data.startIndex + offset)...]
            let length = try word(tail, at: 0)
            guard let n = length.asInt, n <= tail.count else { throw ABIError("length \(length) out of range") }
            switch t {
            case .bytes, .string:
                guard 32 + n <= tail.count else { throw ABIError("return data too short for \(n) bytes") }
                let b = Array(tail[(tail.startIndex + 32)..<(tail.startIndex + 32 + n)])
                out.append(t == .string ? .string(String(decoding: b, as: UTF8.self)) : .bytes(b))
            case .array(let element):
                let items = try decodeTuple(Array(repeating: element, count: n), tail.dropFirst(32), base: 0)
                out.append(.array(items, element))
            default:
                break
            }
        }
        return out
    }

    /// Solidity's panic codes (`Panic(uint256)`).
    public static let panicReasons: [UInt64: String] = [
        0x00: "generic panic", 0x01: "assertion failed", 0x11: "arithmetic overflow or underflow",
        0x12: "division or modulo by zero", 0x21: "invalid enum value", 0x22: "corrupt storage byte array",
        0x31: "pop on empty array", 0x32: "array index out of bounds", 0x41: "out of memory",
        0x51: "call to an uninitialised function",
    ]

    /// Revert data as a person reads it: `Error("…")`, `Panic(0x11: …)`, or hex.
    public static func describeRevert(_ data: [UInt8]) -> String {
        if data.isEmpty { return "revert without data" }
        if data.count >= 4 {
            let selector = Array(data.prefix(4)), rest = Array(data.dropFirst(4))
            if selector == [0x08, 0xc3, 0x79, 0xa0], let v = try? decode([.string], rest), case .string(let s)? = v.first {
                return "Error(\"\(s)\")"
            }
            if selector == [0x4e, 0x48, 0x7b, 0x71], rest.count >= 32 {
                let code = U256(bigEndianBytes: rest.prefix(32))
                let reason = code.fitsUInt64 ? panicReasons[code.w0] ?? "unknown code" : "unknown code"
                return "Panic(\(code.hexString): \(reason))"
            }
        }
        return "revert data " + Hex.prefixed(data)
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set || s.first == "\t" { s.removeFirst() }
        while s.last == set || s.last == "\t" { s.removeLast() }
        return String(s)
    }
}

extension Substring {
    func trimmingCharacters(in set: Character) -> String { String(self).trimmingCharacters(in: set) }
}
