import Foundation

/// A JSON reader that remembers where each value starts, so that a scenario's errors name
/// the line and column (`table1.scenario.json:12:7: steps[3].repeats: unknown key`). Values come out
/// as `JSONSerialization` gives them (dictionaries, arrays, strings, numbers) except that
/// booleans stay `Bool`, never a number: `true` is not the integer 1.
struct PositionedJSON {
    struct SyntaxError: Error, CustomStringConvertible {
        var line: Int
        var column: Int
        var message: String
        var description: String { "\(line):\(column): \(message)" }
    }

    /// Path ("steps[3].args[0]", "" for the root) → (line, column), both from 1.
    private(set) var positions: [String: (line: Int, column: Int)] = [:]
    private let bytes: [UInt8]
    private var i = 0
    private var line = 1
    private var lineStart = 0

    static func parse(_ data: Data) throws(SyntaxError) -> (value: Any, positions: [String: (line: Int, column: Int)]) {
        var p = PositionedJSON(bytes: [UInt8](data))
        p.skipSpace()
        let value = try p.value(path: "", depth: 0)
        p.skipSpace()
        if p.i < p.bytes.count { throw p.error("unexpected text after the JSON value") }
        return (value, p.positions)
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func error(_ message: String) -> SyntaxError {
        SyntaxError(line: line, column: i - lineStart + 1, message: message)
    }

    private mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0d: i += 1
            case 0x0a:
                i += 1
                line += 1
                lineStart = i
            default: return
            }
        }
    }

    private mutating func expect(_ c: UInt8, _ what: String) throws(SyntaxError) {
        skipSpace()
        guard i < bytes.count, bytes[i] == c else { throw error("expected \(what)") }
        i += 1
    }

    private mutating func value(path: String, depth: Int) throws(SyntaxError) -> Any {
        guard depth < 512 else { throw error("nested too deeply") }
        skipSpace()
        guard i < bytes.count else { throw error("unexpected end of the file") }
        positions[path] = (line, i - lineStart + 1)
        switch bytes[i] {
        case UInt8(ascii: "{"):
            i += 1
            var object: [String: Any] = [:]
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return object }
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw error("expected a key in quotes") }
                let keyLine = line, keyColumn = i - lineStart + 1
                let key = try string()
                if object[key] != nil { throw SyntaxError(line: keyLine, column: keyColumn, message: "key '\(key)' appears twice") }
                try expect(UInt8(ascii: ":"), "':' after the key")
                let child = path.isEmpty ? key : path + "." + key
                object[key] = try value(path: child, depth: depth + 1)
                positions[child + "#key"] = (keyLine, keyColumn)
                skipSpace()
                guard i < bytes.count else { throw error("unexpected end of the file in an object") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "}") { i += 1; return object }
                throw error("expected ',' or '}'")
            }
        case UInt8(ascii: "["):
            i += 1
            var array: [Any] = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return array }
            while true {
                array.append(try value(path: "\(path)[\(array.count)]", depth: depth + 1))
                skipSpace()
                guard i < bytes.count else { throw error("unexpected end of the file in a list") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "]") { i += 1; return array }
                throw error("expected ',' or ']'")
            }
        case UInt8(ascii: "\""):
            return try string()
        case UInt8(ascii: "t"): return try literal("true", true)
        case UInt8(ascii: "f"): return try literal("false", false)
        case UInt8(ascii: "n"): return try literal("null", NSNull())
        default:
            return try number()
        }
    }

    private mutating func literal(_ word: String, _ v: Any) throws(SyntaxError) -> Any {
        let w = Array(word.utf8)
        guard i + w.count <= bytes.count, Array(bytes[i..<i + w.count]) == w else { throw error("unexpected character") }
        i += w.count
        return v
    }

    private mutating func number() throws(SyntaxError) -> Any {
        let start = i
        while i < bytes.count, "+-0123456789.eE".utf8.contains(bytes[i]) { i += 1 }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        guard !text.isEmpty else { i = start; throw error("unexpected character") }
        if let n = Int(text) { return n }
        if let d = Double(text), d.isFinite {
            // Integers too large for Int stay exact as their digits (amounts are often big).
            if !text.contains("."), !text.lowercased().contains("e") { return text }
            return d
        }
        if text.allSatisfy({ $0.isNumber || $0 == "-" }) { return text }
        i = start
        throw error("'\(text)' is not a number")
    }

    private mutating func string() throws(SyntaxError) -> String {
        do {
            return try JSONText.decodeString(bytes, at: &i)
        } catch {
            i = error.offset
            throw self.error(error.reason)
        }
    }
}
