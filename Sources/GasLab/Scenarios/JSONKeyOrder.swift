import Foundation

/// The order of an object's keys as a JSON text writes them, which `JSONSerialization`
/// forgets: enough of a tokenizer to walk strings and nesting, nothing more.
enum JSONKeyOrder {
    /// The keys, in order, of the object that is the value of top-level key `name`.
    static func keys(ofObject name: String, in data: Data) -> [String] {
        let bytes = [UInt8](data)
        var i = 0
        var depth = 0
        var result: [String] = []
        var inTarget = false
        var targetDepth = 0
        var expectKey = false
        var lastString: String? = nil
        func readString() -> String {
            var out: [UInt8] = []
            i += 1
            while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                if bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.count { out.append(bytes[i]); i += 1 }
                out.append(bytes[i])
                i += 1
            }
            i += 1
            return (try? JSONSerialization.jsonObject(with: Data([UInt8(ascii: "\"")] + out + [UInt8(ascii: "\"")]),
                                                      options: .fragmentsAllowed) as? String) ?? String(decoding: out, as: UTF8.self)
        }
        while i < bytes.count {
            let c = bytes[i]
            switch c {
            case UInt8(ascii: "\""):
                let s = readString()
                if inTarget && depth == targetDepth && expectKey { result.append(s) }
                lastString = s
                expectKey = false
                continue
            case UInt8(ascii: "{"):
                depth += 1
                if !inTarget && depth == 2 && lastString == name && result.isEmpty { inTarget = true; targetDepth = 2 }
                expectKey = true
            case UInt8(ascii: "["):
                depth += 1
                expectKey = false
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if inTarget && depth == targetDepth && c == UInt8(ascii: "}") { return result }
                depth -= 1
            case UInt8(ascii: ","):
                expectKey = true
            default:
                break
            }
            lastString = (c == UInt8(ascii: ":") || c == UInt8(ascii: " ") || c == 10 || c == 13 || c == 9) ? lastString : nil
            i += 1
        }
        return result
    }
}
