/// Tokens of one `.easm` line.
enum Token: Equatable {
    case identifier(String)
    case number(String)  // as written: decimal digits or 0x-hex
    case string([UInt8])
    case directive(String)  // %define, %macro, ...
    case punctuation(Character)  // ( ) , : + - *

    var text: String {
        switch self {
        case .identifier(let s), .number(let s): return s
        case .string(let b): return "\"" + String(decoding: b, as: UTF8.self) + "\""
        case .directive(let d): return "%" + d
        case .punctuation(let c): return String(c)
        }
    }
}

struct LocatedToken {
    var token: Token
    var column: Int
}

enum Lexer {
    /// Splits a line into tokens; comments (`;` or `//` outside strings) end it.
    static func tokenize(_ line: String, file: String, lineNumber: Int) throws(AssemblyError) -> [LocatedToken] {
        let chars = Array(line.unicodeScalars)
        var out: [LocatedToken] = []
        var i = 0
        func location(_ column: Int) -> SourceLocation { SourceLocation(file: file, line: lineNumber, column: column + 1) }
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" || c == "\r" { i += 1; continue }
            if c == ";" || (c == "/" && i + 1 < chars.count && chars[i + 1] == "/") { break }
            let start = i
            if c == "\"" {
                var bytes: [UInt8] = []
                i += 1
                var closed = false
                while i < chars.count {
                    let d = chars[i]
                    if d == "\"" { closed = true; i += 1; break }
                    if d == "\\" {
                        guard i + 1 < chars.count else { break }
                        let e = chars[i + 1]
                        switch e {
                        case "n": bytes.append(10)
                        case "t": bytes.append(9)
                        case "0": bytes.append(0)
                        case "\\": bytes.append(92)
                        case "\"": bytes.append(34)
                        default:
                            throw AssemblyError(location(i), "expected an escape (\\n \\t \\0 \\\\ \\\"), found '\\\(e)'")
                        }
                        i += 2
                        continue
                    }
                    bytes.append(contentsOf: Array(String(d).utf8))
                    i += 1
                }
                if !closed { throw AssemblyError(location(start), "expected a closing '\"' for the string") }
                out.append(LocatedToken(token: .string(bytes), column: start + 1))
                continue
            }
            if c == "%" {
                i += 1
                while i < chars.count, isIdentifierChar(chars[i]) { i += 1 }
                let name = String(String.UnicodeScalarView(chars[(start + 1)..<i]))
                if name.isEmpty { throw AssemblyError(location(start), "expected a directive name after '%'") }
                out.append(LocatedToken(token: .directive(name.lowercased()), column: start + 1))
                continue
            }
            if c.properties.numericType != nil && c.isASCII {
                while i < chars.count, isIdentifierChar(chars[i]) { i += 1 }
                out.append(LocatedToken(token: .number(String(String.UnicodeScalarView(chars[start..<i]))), column: start + 1))
                continue
            }
            if isIdentifierStart(c) {
                while i < chars.count, isIdentifierChar(chars[i]) { i += 1 }
                out.append(LocatedToken(token: .identifier(String(String.UnicodeScalarView(chars[start..<i]))), column: start + 1))
                continue
            }
            if "(),:+-*".unicodeScalars.contains(c) {
                out.append(LocatedToken(token: .punctuation(Character(c)), column: start + 1))
                i += 1
                continue
            }
            throw AssemblyError(location(start), "unexpected character '\(c)'")
        }
        return out
    }

    static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_" || c == "." || c == "$"
    }

    static func isIdentifierChar(_ c: Unicode.Scalar) -> Bool {
        isIdentifierStart(c) || (c >= "0" && c <= "9")
    }
}
